"""Frameworks as data: the indicator tree with weights and rules on its leaves.

The names users import from here live in :mod:`jixiao.department` (the
framework, its catalog) and :mod:`jixiao.spec` (the rules); this module
re-exports them under the path they have always had.
"""

from jixiao.department.catalog import (
    available_frameworks,
    family,
    framework,
    framework_for,
    load_framework,
)
from jixiao.department.framework import Framework
from jixiao.spec.rules import Condition, Example, Group, Indicator

__all__ = [
    "Condition",
    "Example",
    "Framework",
    "Group",
    "Indicator",
    "available_frameworks",
    "family",
    "framework",
    "framework_for",
    "load_framework",
]
