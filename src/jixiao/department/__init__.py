"""Department evaluation (部门整体支出绩效评价): frameworks, a department's
inputs, the evaluation, and the readings that change it.

- :mod:`~jixiao.department.framework`: :class:`Framework`, the indicator tree
  with its rules, family, period, grades and schedules, and its variants;
- :mod:`~jixiao.department.catalog`: the shipped frameworks, a user's file,
  the version of a family that applies to a year;
- :mod:`~jixiao.department.evaluation`: :func:`evaluate` and :class:`Evaluation`;
- :mod:`~jixiao.department.file`: :class:`Department`, a department's inputs
  and their file form;
- :mod:`~jixiao.department.sensitivity`: which interpretations change a
  department's points.

>>> from jixiao.department import load_department
>>> load_department("examples/luohu-2023-department.toml").evaluate().total
Decimal('97.11')
"""

from jixiao._arguments import export_checked
from jixiao.department.catalog import (
    available_frameworks,
    family,
    framework,
    framework_for,
    load_framework,
)
from jixiao.department.evaluation import GRADE_BANDS, Evaluation, Grade, evaluate, grade
from jixiao.department.file import Department, department_from_dict, load_department
from jixiao.department.framework import Framework

__all__ = [
    "GRADE_BANDS",
    "Department",
    "Evaluation",
    "Framework",
    "Grade",
    "available_frameworks",
    "department_from_dict",
    "evaluate",
    "family",
    "framework",
    "framework_for",
    "grade",
    "load_department",
    "load_framework",
]

export_checked(globals(), __all__)
