"""The project self-evaluation table (项目支出绩效自评表) as frozen data.

A :class:`ProjectTable` keeps every cell **as printed** (text), so that an
audit can compare what was printed with what the rules give; the parsed view
of a cell is computed when asked (:attr:`Row.target_value`,
:func:`printed_number`).

.. code-block:: text

    ProjectTable
    ├── project: ProjectInfo        项目编码, 项目名称, 年度, 实施单位, 一级预算单位
    ├── funds: Funds                资金使用情况: total / current appropriation / carry-over / other
    │                               × initial budget / full-year budget / executed; weight, rate, points
    ├── goal: Goal                  年度总体目标: expected / achieved
    ├── level1: (Level1, …)         产出 / 效益 / 满意度 with their weights
    │   └── level2: (Level2, …)     数量 / 质量 / 时效 / 成本, 经济 / 社会 / 生态 / 可持续影响, 服务对象 / 其他
    │       └── indicators: (Row, …) target, actual, weight, points, deviation note
    └── total: Total                总分: weight, points
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Final

import attrs

from jixiao.errors import NumberError, Wording
from jixiao.numbers import MAX_LENGTH, NoNumber, read_number
from jixiao.quantities import Unit
from jixiao.targets import Value, parse_value

__all__ = [
    "FUNDS_AMOUNTS",
    "Funds",
    "FundsRow",
    "Goal",
    "Level1",
    "Level1Kind",
    "Level2",
    "Level2Kind",
    "ProjectInfo",
    "ProjectTable",
    "Row",
    "Total",
    "is_unreadable",
    "number_problem",
    "printed_number",
    "printed_points",
]

_UNREADABLE = re.compile(
    r"^(#+|#(VALUE|DIV/0|REF|NAME|NUM|NULL|N/A|SPILL|CALC|GETTING_DATA)[!?]?)$", re.I
)
_EMPTY = {"", "—", "-", "–", "/", "无"}
_DIGIT = re.compile("[0-9０-９]")


def printed_number(text: str) -> Decimal | None:
    """The number a printed cell shows, or ``None`` when it shows none
    (empty, "—", "无", "#####", words) **or one that cannot be read with
    certainty** ("157,46", "1.571,04", "1e5": see :func:`number_problem`).

    Read by :func:`jixiao.numbers.read_number`, signs and a percent sign
    allowed (the percent sign is dropped: the cell's header says what the
    number is).

    >>> printed_number("95.3600"), printed_number("#####"), printed_number("—")
    (Decimal('95.3600'), None, None)
    >>> printed_number("1,171.04"), printed_number("157,46")
    (Decimal('1171.04'), None)
    """
    if type(text) is str and len(text) <= _KEPT_LENGTH:
        return _kept_number(text, False)
    return _number(text, False)


def printed_points(text: str) -> Decimal | None:
    """The number a weight or points cell (分值, 得分) shows: as
    :func:`printed_number`, and also with the unit 分 after it ("90分",
    "7.5 分"), which some tables print there (in an amount, 分 would be a
    currency unit: :func:`printed_number` does not read it).

    >>> printed_points("90分"), printed_points("7.50"), printed_points("分")
    (Decimal('90'), Decimal('7.50'), None)
    """
    if type(text) is str and len(text) <= _KEPT_LENGTH:
        return _kept_number(text, True)
    return _number(text, True)


_KEPT_LENGTH: Final = 2 * MAX_LENGTH
"""The longest text whose number :func:`_kept_number` keeps (longer ones are read each time)."""


@lru_cache(maxsize=4096)
def _kept_number(text: str, points: bool) -> Decimal | None:
    """:func:`_number` of a short text, kept: an audit reads a weight or
    points cell several times (to find the templates the table fits, to
    score, to check), a table prints the same few numbers again and again,
    and what a text reads as depends on nothing else (the result is immutable)."""
    return _number(text, points)


def _number(text: str, points: bool) -> Decimal | None:
    """The number *text* prints, or ``None`` (see :func:`printed_number`);
    with *points*, also followed by 分 (see :func:`printed_points`)."""
    if points and type(text) is str and "分" in text:
        text = text.strip().removesuffix("分").rstrip()
        if not text[-1:].isdigit():
            return None
    try:
        read = read_number(text, negative=True, percent=True)
    except NumberError:
        return None
    return None if isinstance(read, NoNumber) else read.number


def number_problem(text: str) -> Wording | None:
    """Why a cell that prints digits is no number jixiao reads, in English and
    Chinese, or ``None`` (a number, a blank or unreadable cell, or words
    without a digit).

    >>> number_problem("157,46").en
    'a comma must separate groups of three digits (1,234,567.89), and a decimal comma is not read: ambiguous'
    >>> number_problem("95.36"), number_problem("达成")
    (None, None)
    """
    try:
        read_number(text, negative=True, percent=True)
    except NumberError as error:
        return Wording(error.message, error.message_zh) if _DIGIT.search(text) else None
    return None


def is_unreadable(text: str) -> bool:
    """Whether a printed cell lost its content: an overflow mark such as "#####",
    or a spreadsheet error value ("#VALUE!", "#DIV/0!", "#REF!", "#N/A" …)."""
    stripped = text.strip()
    return "#" in stripped and bool(_UNREADABLE.match(stripped))


def is_blank(text: str) -> bool:
    """Whether a printed cell is empty or a dash (nothing printed)."""
    return text.strip() in _EMPTY


class Level1Kind(enum.Enum):
    """The level-1 groups of the table (一级指标)."""

    OUTPUT = "产出指标"
    OUTCOME = "效益指标"
    SATISFACTION = "满意度指标"


class Level2Kind(enum.Enum):
    """The level-2 groups (二级指标), each under its level-1 kind."""

    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    COST = "成本指标"
    ECONOMIC = "经济效益指标"
    SOCIAL = "社会效益指标"
    ECOLOGICAL = "生态效益指标"
    SUSTAINABILITY = "可持续影响指标"
    BENEFICIARIES = "服务对象满意度指标"
    OTHER = "其他满意度指标"

    @classmethod
    def of(cls, name: str) -> Level2Kind | None:
        """The kind a printed level-2 name stands for, or ``None``."""
        return _LEVEL2_NAMES.get(name.replace(" ", ""))


_LEVEL1_NAMES = {
    **{kind.value: kind for kind in Level1Kind},
    **{kind.value.removesuffix("指标"): kind for kind in Level1Kind},
}
_LEVEL2_NAMES = {
    **{kind.value: kind for kind in Level2Kind},
    **{kind.value.removesuffix("指标"): kind for kind in Level2Kind},
}


@attrs.frozen
class ProjectInfo:
    """项目基本信息 as printed.

    Attributes:
        code: 项目编码; empty when the table prints none.
        name: 项目名称.
        year: 绩效自评年度 (or the year of the title); ``None`` when the table
            prints no year anywhere.
        implementing_unit: 实施单位.
        budget_unit: 一级预算单位.
        competent_department: 主管部门 (printed by the national form instead
            of, or beside, 一级预算单位).
    """

    code: str
    name: str
    year: int | None
    implementing_unit: str = ""
    budget_unit: str = ""
    competent_department: str = ""


@attrs.frozen
class FundsRow:
    """One row of 资金使用情况: initial budget, full-year budget, executed (as printed)."""

    initial_budget: str = ""
    full_year_budget: str = ""
    executed: str = ""


FUNDS_AMOUNTS: Mapping[str, tuple[str, str]] = {
    "initial_budget": ("年初预算数", "initial budget"),
    "full_year_budget": ("全年预算数", "full-year budget"),
    "executed": ("全年执行数", "executed amount"),
}
"""The amounts of a funds row (:class:`FundsRow`'s fields): their names on the form and in English."""


@attrs.frozen
class Funds:
    """资金使用情况 with the execution rate's weight, printed rate and points.

    ``rate`` is as printed. ``rate_percent`` says whether the table's header
    marks the rate as a percentage (执行率(%)): then "95.3600" means 95.36 % and
    a fraction is a misprint. When the header does not say (执行率, 执行率(B/A)),
    a bare number may be printed as a percentage or as a fraction; "95.36%"
    is a percentage either way.

    The execution rate is 全年执行数 ÷ 全年预算数. ``rate_on_initial_budget``
    says that the table prints no 全年预算数 and computes it against
    年初预算数 instead (年初预算数(A) | 全年执行数(B) | 执行率(B/A), as Beijing's
    2016 form prints it); :attr:`rate_budget` names the amount either way.
    """

    total: FundsRow
    unit: Unit = Unit.YUAN
    current_appropriation: FundsRow = FundsRow()
    carry_over: FundsRow = FundsRow()
    other: FundsRow = FundsRow()
    weight: str = "10"
    rate: str = ""
    points: str = ""
    rate_percent: bool = True
    rate_on_initial_budget: bool = False

    @property
    def blank(self) -> bool:
        """Whether the table prints nothing of its funds: no amount in any row,
        no rate and no points (its weight aside: a blank form prints that)."""
        rows = (self.total, self.current_appropriation, self.carry_over, self.other)
        amounts = [
            text
            for row in rows
            for text in (row.initial_budget, row.full_year_budget, row.executed)
        ]
        return all(is_blank(text) for text in (self.rate, self.points, *amounts))

    @property
    def rate_budget(self) -> str:
        """The :class:`FundsRow` field the execution rate divides by:
        ``"full_year_budget"``, or ``"initial_budget"`` when :attr:`rate_on_initial_budget`."""
        return "initial_budget" if self.rate_on_initial_budget else "full_year_budget"


@attrs.frozen
class Goal:
    """年度总体目标: what was expected and what was achieved."""

    expected: str = ""
    achieved: str = ""


@attrs.frozen
class Row:
    """A level-3 indicator row (三级指标), every cell as printed.

    ``tier`` is optional: the evaluator's qualitative tier (``"achieved"``,
    ``"partly"``, ``"not"``) when the table or its reviewer states one.
    """

    name: str
    target: str = ""
    actual: str = ""
    weight: str = ""
    points: str = ""
    note: str = ""
    tier: str | None = None

    @cached_property
    def target_value(self) -> Value:
        """The target cell parsed by :func:`jixiao.targets.parse_value`."""
        return parse_value(self.target)

    @cached_property
    def actual_value(self) -> Value:
        """The actual cell parsed by :func:`jixiao.targets.parse_value`."""
        return parse_value(self.actual)


@attrs.frozen
class Level2:
    """A level-2 group (二级指标) and its rows; *weight* the weight printed
    after its name ("数量指标(20分)", as some tables print it), ``""`` when
    none is (most tables: the national form weighs only the level-1 groups)."""

    name: str
    indicators: tuple[Row, ...] = ()
    weight: str = ""

    @property
    def kind(self) -> Level2Kind | None:
        """The standard kind of the group, from its printed name."""
        return Level2Kind.of(self.name)


@attrs.frozen
class Level1:
    """A level-1 group (一级指标) with its printed weight and level-2 groups."""

    name: str
    weight: str
    level2: tuple[Level2, ...] = ()

    @property
    def kind(self) -> Level1Kind | None:
        """The standard kind (产出 / 效益 / 满意度), from its printed name."""
        return _LEVEL1_NAMES.get(self.name.replace(" ", ""))

    def rows(self) -> Iterator[Row]:
        """Every level-3 row under this group, in printed order."""
        for group in self.level2:
            yield from group.indicators


@attrs.frozen
class Total:
    """总分: the printed weight and points, and the grade some forms print
    beside them (优, 良好 …, as printed; empty when none is)."""

    weight: str = "100"
    points: str = ""
    grade: str = ""


@attrs.frozen
class ProjectTable:
    """One project's self-evaluation table, as printed.

    Attributes:
        project: the project's identity.
        funds: 资金使用情况 and the execution points.
        goal: the annual goal texts.
        level1: the indicator tree.
        total: the printed total.
        template: the template the table names (``None``: inferred from its weights).
        withdrawn: the reason, when the project's funds were withdrawn and it
            was not carried out (资金已收回，未实施); the total is then 0.
        source: where the table was read from (file, table number).
        remarks: what a reader or transcriber noted about the table.
        truncated: the table ends before its 总分 row (the document was cut):
            its last rows may be missing and its total is not printed.
        locations: where each printed value was read, by its path in the
            table (``"funds.rate"``, ``"rows.3.points"``, ``"level1.0"``…;
            see :func:`jixiao.project.paths`), as the reader printed the
            location (``"report.txt:12:7"``, ``"book.xlsx:Sheet1!H14"``).
            Not part of the table's value: two tables that print the same
            are equal wherever they were read.
    """

    project: ProjectInfo
    funds: Funds
    level1: tuple[Level1, ...]
    total: Total = Total()
    goal: Goal = Goal()
    template: str | None = None
    withdrawn: str | None = None
    source: str | None = None
    remarks: tuple[str, ...] = ()
    truncated: bool = False
    locations: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def rows(self) -> Iterator[tuple[Level1, Level2, Row]]:
        """Every level-3 row with its level-1 and level-2 groups, in printed order."""
        for top in self.level1:
            for group in top.level2:
                for row in group.indicators:
                    yield top, group, row

    def label(self) -> str:
        """A short label for messages: the project's name and code."""
        code = self.project.code
        return f"{self.project.name}（{code}）" if code else self.project.name
