"""Random valid project tables, drawn from the shapes real tables print.

:func:`samples` draws a :class:`Sample`: a :class:`~jixiao.project.ProjectTable`
as a full printing shows it (every identification value, the three funds
sub-rows, the rate as a percentage without "%"), consistent by jixiao's own
rules: row weights add up to their level-1 weight, the printed points are what
:func:`jixiao.project.score_row` gives (the evaluator's points, inside a tier,
where no rule applies), the execution points what
:func:`jixiao.project.execution` gives, and the total the exact sum of the
printed points. What a given layout leaves out of it is decided in
:func:`tests.layouts.sheet.expected`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import strategies as st

from jixiao.project import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level1Kind,
    Level2,
    Level2Kind,
    Method,
    ProjectInfo,
    ProjectTable,
    Row,
    Total,
    execution,
    score_row,
    template,
)
from jixiao.quantities import Unit

from . import words
from .draws import boolean, integer, pick, rarely

__all__ = ["TEMPLATES", "Sample", "map_rows", "number", "rate_text", "samples"]

TEMPLATES = ("national-2020", "national-2020-outcome40", "hubei-2020")
"""The templates whose weights a sample has (national-2020-tiers50 shares
national-2020's: a sample with them is ambiguous)."""

_HUNDRED = Decimal(100)


def number(value: Decimal, style: str, places: int = 2) -> str:
    """*value* printed in a table's number style: ``"2dp"`` (``7.00``) or
    ``"trimmed"`` (``7``, ``6.5``).

    >>> number(Decimal(7), "2dp"), number(Decimal("6.50"), "trimmed"), number(Decimal(100), "trimmed")
    ('7.00', '6.5', '100')
    """
    fixed = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(fixed.normalize() if style == "trimmed" else fixed, "f")


_AMOUNT_DIGITS = re.compile(r"[0-9][0-9.]*")


def amount_digits(text: str) -> str:
    """The digits of a printed amount, without the unit some print ("¥50000.00": "50000.00")."""
    found = _AMOUNT_DIGITS.search(text)
    assert found is not None, text
    return found.group()


def amount_value(text: str) -> Decimal | None:
    """The value of a printed amount (:func:`amount_digits`), ``None`` for a blank one."""
    return Decimal(amount_digits(text)) if _AMOUNT_DIGITS.search(text) else None


def rate_text(funds: Funds, places: int, form: str, style: str = "2dp") -> str:
    """The execution rate of *funds* printed: executed ÷ its budget (full-year or initial),
    rounded half-up to *places* as a percentage, in *form* ``"plain"``
    (``96.99``), ``"sign"`` (``96.99%``) or ``"fraction"`` (``0.9699``; two
    more places). A 2-place percentage follows the table's number *style*.
    """
    executed = Decimal(amount_digits(funds.total.executed))
    budget = Decimal(amount_digits(getattr(funds.total, funds.rate_budget)))
    percent = executed / budget * _HUNDRED
    if form == "fraction":
        return number(percent / _HUNDRED, "2dp", places + 2)
    shown = number(percent, style if places == 2 else "2dp", places)
    return shown + "%" if form == "sign" else shown


@attrs.frozen
class Sample:
    """A generated table and what its generation knows about it.

    Attributes:
        table: the table as a full printing shows it.
        template: the id of the template whose weights it has.
        style: its number style, ``"2dp"`` or ``"trimmed"``.
        places: the places of its printed rate (2 or 4).
        note_groups: ``(start, stop)`` ranges of consecutive rows (printed
            order, within one level-1 group) that share one note, printed merged.
        misprints: ``(path, text)``: values printed otherwise than the table
            says (planted inconsistencies, :mod:`tests.layouts.inject`); a
            misprinted ``funds.rate`` replaces the rate a layout would print.
    """

    table: ProjectTable
    template: str
    style: str
    places: int
    note_groups: tuple[tuple[int, int], ...] = ()
    misprints: tuple[tuple[str, str], ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Whether its weights fit two shipped templates (national-2020 and -tiers50)."""
        return self.template == "national-2020"


_LEVEL2 = {
    Level1Kind.OUTPUT: (
        Level2Kind.QUANTITY,
        Level2Kind.QUALITY,
        Level2Kind.TIMELINESS,
        Level2Kind.COST,
    ),
    Level1Kind.OUTCOME: (
        Level2Kind.ECONOMIC,
        Level2Kind.SOCIAL,
        Level2Kind.ECOLOGICAL,
        Level2Kind.SUSTAINABILITY,
    ),
    Level1Kind.SATISFACTION: (Level2Kind.BENEFICIARIES, Level2Kind.OTHER),
}

_COUNTS = (
    ("参与党建活动人数", "人次"),
    ("开展培训次数", "次"),
    ("订阅学习刊物", "批次"),
    ("合同审查数量", "份"),
    ("采购办公设备数量", "台"),
    ("宣传活动场次", "场"),
    ("服务企业数量", "家"),
    ("新增数据资源目录", "项"),
)
_PERCENTS = {
    Level2Kind.QUANTITY: ("技术论证完成率", "宣传工作完成率"),
    Level2Kind.QUALITY: ("验收合格率", "信息采集准确率", "培训参与率", "设备完好率"),
    Level2Kind.TIMELINESS: ("任务完成及时率", "资金支付及时率"),
    Level2Kind.COST: ("支出进度达标率",),
    Level2Kind.ECONOMIC: ("资金节约率",),
    Level2Kind.SOCIAL: ("群众办事便利度提升", "政策知晓率", "问题整改完成率"),
    Level2Kind.ECOLOGICAL: ("垃圾分类覆盖率",),
    Level2Kind.SUSTAINABILITY: ("长效机制覆盖率",),
    Level2Kind.BENEFICIARIES: ("服务对象满意度", "群众满意度", "参训人员满意度"),
    Level2Kind.OTHER: ("工作人员满意度",),
}
_QUALITATIVE = (
    ("服务质量", "有所提升", "明显提升"),
    ("党建活动模式创新情况", "有所提升", "有所提升"),
    ("社会影响", "效果明显", "效果明显"),
    ("长效管理机制", "持续发挥作用", "基本建立"),
    ("减少纸质材料使用", "有所减少", "明显减少"),
    ("节约行政成本", "有所降低", "达到预期"),
)
_NOT_APPLICABLE = ("不适用", "无")


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f") + "%"


def _quantitative(draw: st.DrawFn, kind: Level2Kind) -> tuple[str, str, str]:
    """A row scored by the rules: name, target and actual (met, exceeded or short)."""
    shape, name, unit, prefix = pick(draw, _QUANTITATIVE[kind])
    outcome = pick(draw, ("met", "met", "met", "above", "short"))
    if shape == "percent":
        rate = Decimal(pick(draw, (90, 80, 85, 95, 98, 100)))
        if outcome == "short":
            reached = rate - Decimal(integer(draw, 1, 30)) / 2
        else:
            reached = rate + Decimal(integer(draw, 0, int((_HUNDRED - rate) * 10))) / 10
        target = words.percent_words(rate) if rarely(draw, 8) else _percent(rate)
        actual = words.percent_words(reached) if rarely(draw, 8) else _percent(reached)
        return name, f"{'' if rate == _HUNDRED else prefix}{target}", actual
    if shape == "permille":  # 差错率 ≤3‰: lower is better
        ceiling = pick(draw, (1, 2, 3, 5))
        rates = {"met": ceiling, "above": Decimal(ceiling) / 2, "short": ceiling + 1}
        return name, f"{prefix}{ceiling}‰", f"{rates[outcome]}‰"
    if shape == "cost":  # a sum, or a unit price (≤500元/人, ≤80万元/公里)
        ceiling = integer(draw, 1, 50) * _COST_STEPS.get(unit, 1)
        share = {"met": "0.95", "above": "0.8", "short": "1.25"}[outcome]
        spent = format((ceiling * Decimal(share)).normalize(), "f")
        return name, f"{prefix}{ceiling}{unit}", f"{spent}{unit}"
    # Counts and time limits are now and then written in Chinese numerals
    # (不少于两次, 三个工作日), the target, the actual or both; read as digits.
    if shape == "limit":
        name, _, limit = name.partition("|")
        hours = int(limit)
        taken = {"met": hours, "above": max(hours // 2, 1), "short": hours + 1}
        return name, f"{prefix}{_count(draw, hours)}{unit}", f"{_count(draw, taken[outcome])}{unit}"
    goal = integer(draw, 2, 500)
    done = {"met": goal, "above": goal + goal // 3 + 1, "short": goal - 1}
    return name, f"{prefix}{_count(draw, goal)}{unit}", f"{_count(draw, done[outcome])}{unit}"


_COST_STEPS = {"元": 10_000, "元/人": 100, "元/人天": 10, "元/㎡": 10}
"""What a cost's ceiling is a multiple of, by its unit (1 when not listed)."""


def _reported(draw: st.DrawFn, actual: str) -> str:
    """*actual*, one time in ten with words that say it is done ("完成…",
    "…（已完成）", "…（含线上）", a rate "…达标"): read as the value alone."""
    if not rarely(draw, 10):
        return actual
    forms = [f"完成{actual}", f"{actual}（已完成）", f"{actual}（含线上）"]
    if actual.endswith("%"):
        forms.append(f"{actual}达标")
    return pick(draw, tuple(forms))


def _count(draw: st.DrawFn, n: int) -> str:
    """*n* in digits, or one time in eight in Chinese numerals."""
    return words.numerals(n) if rarely(draw, 8) else str(n)


def _shapes(kind: Level2Kind) -> tuple[tuple[str, str, str, str], ...]:
    """The quantitative rows a level-2 group prints: (shape, name, unit, prefix)."""
    shapes = [("percent", name, "%", "≥") for name in _PERCENTS[kind]]
    if kind in (Level2Kind.QUANTITY, Level2Kind.ECONOMIC):
        shapes += [("count", n, u, p) for n, u in _COUNTS for p in ("≥", "")]
    if kind is Level2Kind.QUALITY:
        shapes += [("permille", n, "‰", "≤") for n in ("差错率", "投诉率")]
    if kind is Level2Kind.COST:
        costs = ("项目成本", "人均培训成本", "设备采购成本")
        units = ("元", "万元", "元/人", "元/人天", "万元/公里", "元/㎡")
        shapes += [("cost", n, u, p) for n in costs for u in units for p in ("≤", "")]
    if kind is Level2Kind.TIMELINESS:
        limits = (("个工作日", 3), ("小时", 24), ("小时", 2), ("天", 5))
        times = ("咨询响应时间", "问题办结时限")
        shapes += [("limit", f"{n}|{g}", u, p) for n in times for u, g in limits for p in ("≤", "")]
    return tuple(shapes)


_QUANTITATIVE = {kind: _shapes(kind) for kind in Level2Kind}


def _judged(draw: st.DrawFn, kind: Level2Kind, year: int) -> tuple[str, str, str]:
    """A row scored by the evaluator: qualitative, or a deadline."""
    if kind is Level2Kind.TIMELINESS and boolean(draw):
        month, day = pick(draw, ((12, 31), (6, 30), (9, 30)))
        target = f"{year}年{month}月{day}日前"
        done = f"{year}年{month}月{integer(draw, 1, 28)}日" if boolean(draw) else "按时完成"
        return "项目完成时间", target, done
    return pick(draw, _QUALITATIVE)


def _rows(
    draw: st.DrawFn, kind: Level2Kind, weights: list[Decimal], year: int, tmpl: str, style: str
) -> tuple[Row, ...]:
    """The rows of one level-2 group: weighted rows, or one 不适用 row (*weights* empty)."""
    if not weights:
        word = pick(draw, _NOT_APPLICABLE)
        note = pick(draw, ("", "无偏差"))
        return (Row(word, word, "无", "0", number(Decimal(0), style), note),)
    rows = []
    rules = template(tmpl)
    for weight in weights:
        if rarely(draw, 4):
            name, target, actual = _judged(draw, kind, year)
        else:
            name, target, actual = _quantitative(draw, kind)
            actual = _reported(draw, actual)
        row = Row(name, target, actual, number(weight, style))
        result = score_row(row, kind, rules)
        if result.method is Method.UNSCORED:  # no rule applies: the evaluator's points
            points = weight * Decimal(pick(draw, ("1", "1", "1", "0.9", "0.85", "0.7")))
        else:
            assert result.rule_score is not None, result
            points = result.rule_score.points
        row = attrs.evolve(row, points=number(points, style))
        assert score_row(row, kind, rules).method is not Method.UNSCORED
        if Decimal(row.points) < weight and not rarely(draw, 6):
            note = pick(draw, words.DEVIATIONS)
        else:
            # "0": no deviation, as a Hebei table prints it (a number after 得分)
            note = pick(draw, ("", "", "无偏差", words.DEVIATIONS[0], "0"))
        rows.append(attrs.evolve(row, note=note))
    return tuple(rows)


def _subsets(kinds: tuple[Level2Kind, ...]) -> tuple[tuple[Level2Kind, ...], ...]:
    """The non-empty subsets of *kinds*, in order; the whole set first and most often."""
    subsets = [
        tuple(k for n, k in enumerate(kinds) if mask >> n & 1) for mask in range(1, 2 ** len(kinds))
    ]
    subsets.sort(key=len, reverse=True)
    return (subsets[0],) * len(subsets) + tuple(subsets)


_LIKE_LEVEL1 = "满意度指标"
"""A level-2 group under 满意度指标 named like its level-1 group, as some districts print it."""

_SUBSETS = {kind: _subsets(groups) for kind, groups in _LEVEL2.items()}
"""The level-2 groups a level-1 group may print (all of them half of the time)."""


def _split(draw: st.DrawFn, total: Decimal, parts: int, step: Decimal) -> list[Decimal]:
    """*total* split into at most *parts* positive multiples of *step*."""
    units = int(total / step)
    cuts = sorted({integer(draw, 1, units - 1) for _ in range(min(parts, units) - 1)})
    bounds = [0, *cuts, units]
    return [Decimal(b - a) * step for a, b in itertools.pairwise(bounds)]


def _level1(
    draw: st.DrawFn,
    kind: Level1Kind,
    weight: Decimal,
    year: int,
    tmpl: str,
    style: str,
    level2_weights: bool,
) -> Level1:
    """A level-1 group: some of its standard level-2 groups, 1-4 rows each;
    with *level2_weights*, each level-2 group with rows carries its rows'
    weights' sum as its own (printed "数量指标(20分)")."""
    present = pick(draw, _SUBSETS[kind])
    weighted = pick(draw, _subsets(present))
    sizes = {k: integer(draw, 1, 4) if k in weighted else 0 for k in present}
    step = pick(draw, (Decimal(1), Decimal("0.5")))
    weights = _split(draw, weight, sum(sizes.values()), step)
    groups = []
    for k in present:
        mine, weights = weights[: sizes[k]], weights[sizes[k] :]
        name = k.value
        if k is Level2Kind.BENEFICIARIES and rarely(draw, 4):
            name = _LIKE_LEVEL1  # as a published Anhui table names it
        own = ""  # (never on 满意度指标 under 满意度指标: with a weight, that is a level-1 label)
        if level2_weights and mine and name != _LIKE_LEVEL1:
            own = format(sum(mine, Decimal(0)).normalize(), "f")
        groups.append(Level2(name, _rows(draw, k, mine, year, tmpl, style), own))
    return Level1(kind.value, format(weight, "f"), tuple(groups))


def map_rows(table: ProjectTable, change: Callable[[int, Row], Row | None]) -> ProjectTable:
    """*table* with each row replaced by ``change(index, row)`` (printed order);
    a row for which it returns ``None`` is left out, and so are the groups
    left empty."""
    index = 0
    tops = []
    for top in table.level1:
        seconds = []
        for group in top.level2:
            kept = []
            for row in group.indicators:
                new = change(index, row)
                index += 1
                if new is not None:
                    kept.append(new)
            if kept or not group.indicators:
                seconds.append(attrs.evolve(group, indicators=tuple(kept)))
        if seconds or not top.level2:
            tops.append(attrs.evolve(top, level2=tuple(seconds)))
    return attrs.evolve(table, level1=tuple(tops))


def _amount(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def _funds(draw: st.DrawFn, weight: Decimal, style: str, places: int) -> Funds:
    """资金使用情况: amounts whose sub-rows add up, executed up to ~105 %, rate and points."""
    unit = pick(draw, (Unit.YUAN, Unit.YUAN, Unit.WAN))
    digits = 2 if unit is Unit.YUAN else integer(draw, 2, 6)
    step = Decimal(1).scaleb(-digits)
    if unit is Unit.YUAN:
        whole = integer(draw, 1_000, 10_000_000)
        budget = Decimal(whole) + (Decimal(integer(draw, 0, 99)) / 100 if boolean(draw) else 0)
    else:
        budget = Decimal(integer(draw, 5 * 10 ** (digits - 1), 5_000 * 10**digits)) * step
    # rarely a form without 全年预算数 (Beijing's 2016): the rate is on 年初预算数
    on_initial = rarely(draw, 6)
    initial = budget * Decimal(pick(draw, ("1", "1.2", "0.8")) if not on_initial else 1)
    share = pick(draw, ("1", "1", "0.9999", "0.97", "0.8", "0.35", "1.05"))
    executed = max((budget * Decimal(share)).quantize(step, rounding=ROUND_HALF_UP), step)
    columns = [initial.quantize(step), budget, executed]
    split = pick(draw, ("all", "carry", "three"))
    rows: dict[str, list[Decimal]] = {"current": [], "carry": [], "other": []}
    for value in columns:
        carry = (value * Decimal("0.3")).quantize(step) if split != "all" else Decimal(0)
        other = (value * Decimal("0.1")).quantize(step) if split == "three" else Decimal(0)
        rows["current"].append(value - carry - other)
        rows["carry"].append(carry)
        rows["other"].append(other)

    # now and then each amount prints the unit, as a currency or number format does
    written = pick(draw, ("{}",) * 6 + (("￥{}", "{}元") if unit is Unit.YUAN else ("{}万元",)))

    def funds_row(values: list[Decimal]) -> FundsRow:
        row = FundsRow(*(written.format(_amount(v, digits)) for v in values))
        return attrs.evolve(row, full_year_budget="") if on_initial else row

    funds = Funds(
        total=funds_row(columns),
        unit=unit,
        current_appropriation=funds_row(rows["current"]),
        carry_over=funds_row(rows["carry"]),
        other=funds_row(rows["other"]),
        weight=format(weight, "f"),
        rate_on_initial_budget=on_initial,
    )
    budget_printed = amount_digits(getattr(funds.total, funds.rate_budget))
    points = execution(amount_digits(funds.total.executed), budget_printed, weight).points
    return attrs.evolve(
        funds, rate=rate_text(funds, places, "plain", style), points=number(points, style)
    )


def _weights(draw: st.DrawFn, tmpl: str) -> list[tuple[Level1Kind, Decimal]]:
    """The level-1 groups and their weights: the template's, or (Hubei) drawn."""
    rules = template(tmpl)
    if rules.level1:
        return [(g.kind, g.weight) for g in rules.level1]
    kinds = pick(draw, ((Level1Kind.OUTPUT, Level1Kind.SATISFACTION), tuple(Level1Kind)))
    assert rules.indicators_weight is not None
    parts = _split(draw, rules.indicators_weight, len(kinds), Decimal(5))
    return list(zip(kinds, parts, strict=False))


def _note_groups(draw: st.DrawFn, level1: tuple[Level1, ...]) -> tuple[tuple[int, int], ...]:
    """At most one run of 2-4 consecutive rows of one level-1 group sharing a note."""
    start, runs = 0, []
    for top in level1:
        count = sum(1 for _ in top.rows())
        if count >= 2:
            runs.append((start, count))
        start += count
    if not runs or not rarely(draw, 4):
        return ()
    first, count = pick(draw, tuple(runs))
    size = integer(draw, 2, min(4, count))
    offset = integer(draw, 0, count - size)
    return ((first + offset, first + offset + size),)


GRADE_WORDS = {"优": "优秀", "良": "良好", "中": "中等", "差": "较差"}
"""Each grade's longer word, as some forms print it beside the total."""


@st.composite
def samples(draw: st.DrawFn) -> Sample:
    """A random valid :class:`Sample`."""
    tmpl = pick(draw, TEMPLATES)
    style = pick(draw, ("2dp", "trimmed"))
    places = pick(draw, (2, 2, 4))
    year = integer(draw, 2019, 2026)
    info = ProjectInfo(
        code=f"4403{integer(draw, 0, 10**17 - 1):017d}",
        name=pick(draw, words.PROJECTS),
        year=year,
        implementing_unit=words.unit(draw),
        budget_unit=words.unit(draw),
        competent_department=words.unit(draw),
    )
    rules = template(tmpl)
    funds = _funds(draw, rules.execution_weight, style, places)
    level2_weights = rarely(draw, 6)  # §2.32: 数量指标(20分), as some provinces print them
    level1 = tuple(
        _level1(draw, kind, w, year, tmpl, style, level2_weights)
        for kind, w in _weights(draw, tmpl)
    )
    goal = Goal(words.goal_text(draw), words.goal_text(draw))
    table = ProjectTable(info, funds, level1, goal=goal)
    groups = _note_groups(draw, level1)
    if groups:
        note = pick(draw, words.DEVIATIONS)
        table = map_rows(
            table,
            lambda k, row: (
                attrs.evolve(row, note=note) if groups[0][0] <= k < groups[0][1] else row
            ),
        )
    points = Decimal(funds.points) + sum(Decimal(row.points) for _, _, row in table.rows())
    grade = ""  # rarely the grade printed beside the total (总分 | 100 | 96 | 优), short or long
    if rarely(draw, 4) and rules.grades.span.contains(points):
        short = rules.grades.grade(points).value
        grade = pick(draw, (short, GRADE_WORDS[short]))
    total = Total(number(Decimal(100), style), number(points, style), grade)
    return Sample(attrs.evolve(table, total=total), tmpl, style, places, groups)
