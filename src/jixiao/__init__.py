"""jixiao (绩效): China's budget-performance scoring rules as exact, explainable code.

The public API, re-exported here:

- numbers: :class:`Ratio`, :class:`Amount`, :class:`Unit`, :func:`round_points`;
- scores: :class:`Score`, :class:`Citation`, :class:`Override`;
- frameworks as data: :func:`~jixiao.department.catalog.framework`,
  :func:`~jixiao.department.catalog.available_frameworks`,
  :func:`load_framework`, :class:`Framework`, :class:`Group`, :class:`Indicator`;
- department evaluation: :func:`evaluate`, :func:`load_department` (a
  file), :func:`department_from_dict` (its data, e.g. a request's JSON),
  :class:`Department`, :class:`Evaluation`, :class:`Grade`, :func:`grade`;
  which readings of the rules change it: :func:`sensitivity`;
- one rule scored from its inputs: :func:`score_rule`;
- the rule functions, in :mod:`jixiao.rules`; the primitives, in
  :mod:`jixiao.primitives`;
- errors: :class:`JixiaoError` and its subclasses.

>>> import jixiao
>>> evaluation = jixiao.load_department("examples/luohu-2023-department.toml").evaluate()
>>> evaluation.total, evaluation.grade.value
(Decimal('97.11'), '优')
"""

from jixiao._arguments import export_checked
from jixiao._version import __version__
from jixiao.department import (
    Department,
    Evaluation,
    Grade,
    department_from_dict,
    evaluate,
    grade,
    load_department,
)
from jixiao.department.sensitivity import Sensitivity, sensitivity
from jixiao.errors import (
    FrameworkError,
    InputError,
    JixiaoError,
    ReadError,
    RuleError,
    UnknownKeyError,
    WriteError,
)
from jixiao.framework import (
    Framework,
    Group,
    Indicator,
    available_frameworks,
    framework,
    load_framework,
)
from jixiao.quantities import Amount, Ratio, Unit, round_points
from jixiao.score import Citation, Outcome, Override, Score, score_rule

__all__ = [
    "Amount",
    "Citation",
    "Department",
    "Evaluation",
    "Framework",
    "FrameworkError",
    "Grade",
    "Group",
    "Indicator",
    "InputError",
    "JixiaoError",
    "Outcome",
    "Override",
    "Ratio",
    "ReadError",
    "RuleError",
    "Score",
    "Sensitivity",
    "Unit",
    "UnknownKeyError",
    "WriteError",
    "__version__",
    "available_frameworks",
    "department_from_dict",
    "evaluate",
    "framework",
    "grade",
    "load_department",
    "load_framework",
    "round_points",
    "score_rule",
    "sensitivity",
]

export_checked(globals(), __all__)
