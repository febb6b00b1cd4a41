"""The project self-evaluation parts of the documentation that are written from data.

Called by ``jixiao_reference.py`` at every build (``builder-inited``), this writes
into ``docs/reference/generated/``:

- ``templates/<template-id>.md`` for every template of
  :func:`jixiao.project.available_templates`: id, title, jurisdiction, year,
  citation and review status, execution and level-1 weights, the qualitative
  tiers as a table (interval, condition, each edge in words, the points they
  allow for a weight of 10), the deviation lines, the notes quoted as
  published, the interpretations (marked as such), and the tier edges as a
  doctest whose expected tiers are computed here from the interval data, not
  by the code under test;
- ``fragments/project-templates.md``: the templates side by side;
- ``fragments/project-findings.md``: every finding code the audit can emit,
  found by reading the checks (``src/jixiao/project/_checks.py``, ``_row_checks.py``,
  ``audit.py``) and the batch audit (``src/jixiao/io/batch.py``)
  (their ``finding(Severity.…, "code", …)`` calls), with severity, place,
  message and the meaning written in
  :data:`FINDING_MEANINGS` below;
- ``fragments/project-severities.md`` and ``fragments/project-methods.md``:
  the members of :class:`~jixiao.project.Severity` and
  :class:`~jixiao.project.Method` with their documentation;
- ``fragments/target-words.md``: the direction words :func:`jixiao.targets.parse_value`
  knows, and ``fragments/target-interpretations.md``: the interpretations
  listed in the module docstring of :mod:`jixiao.targets`;
- ``fragments/project-exports.md`` and ``fragments/io-exports.md``: the names
  ``jixiao.project`` and ``jixiao.io`` re-export and where they are documented.

It also registers the directive ``jixiao-template-text`` (official wording or
interpretations quoted from a template's data, so that a rule page cannot go
stale when the data changes) and checks, as warnings (errors under ``-W``):
every finding code emitted by the checks has a meaning here and appears in
the generated table, and no meaning is left for a code no longer emitted; every
key of the file forms ``jixiao.project/1`` and ``jixiao.template/1`` is named
in its section of ``schema.md``; the project file form reads back equal.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import jixiao.io
import jixiao.project
import jixiao.targets
from jixiao import _target_patterns
from jixiao._toml import read_toml_text
from jixiao.explain import number
from jixiao.primitives import Interval
from jixiao.project import (
    Funds,
    FundsRow,
    Goal,
    Level1,
    Level2,
    Method,
    ProjectInfo,
    ProjectTable,
    Row,
    Severity,
    Template,
    Total,
    available_templates,
    table_from_dict,
    table_to_dict,
    template,
)
from jixiao.score import Citation
from jixiao.targets import Direction

logger = logging.getLogger(__name__)

GENERATED = Path("reference") / "generated"
TEMPLATES = GENERATED / "templates"
FRAGMENTS = GENERATED / "fragments"
_PROJECT = Path(inspect.getfile(jixiao.project)).parent
CHECKS = (
    *(_PROJECT / name for name in ("_checks.py", "_funds_checks.py", "_row_checks.py", "audit.py")),
    _PROJECT.parent / "io" / "batch.py",
)
# The order the audit runs the checks in (findings are listed in table order).
CHECK_ORDER = (
    "check_funds",
    "check_funds_parts",
    "check_row",
    "check_weights",
    "_level2_weights",
    "check_total",
    "check_grade",
    "_state",
    "_period",
    "_ambiguous",
)
TEMPLATE_DATA = "jixiao.data.templates"

INTERPRETATION = "解释（非官方原文）· Interpretation — not the official text"

# What each finding code means for the reader of an audit, and what to do about
# it. The codes themselves are read from the checks at every build; the check
# below fails the build when a code has no entry here, or an entry names a code
# that is no longer emitted.
FINDING_MEANINGS: dict[str, str] = {
    "unreadable": "A cell the audit needs shows no number: a row's weight or "
    "points printed as `#####` (a spreadsheet column too narrow), or an amount "
    "of the total funds row, the rate, the execution points, a level-1 weight "
    "or the total that is `#####`, empty or words (or a grade beside the total "
    "that is none of 优, 良, 中, 差); in a table that prints points, a row's "
    "points left empty where the rules recompute them — or digits that are no "
    "number jixiao reads with certainty (`157,46`, `1,1`, `1_1`, `1e5`: the "
    "finding says why, see {doc}`/refusals`). That part cannot be "
    "checked; ask for the table with the number. An empty cell is said to be "
    "not printed, with the points the rules give it (for the total: the sum "
    "of the printed points).",
    "execution-rate": "The printed 执行率 is not executed ÷ full-year budget, "
    "neither rounded half-up nor cut at the printed decimals or at 0.01. When "
    "the printed figure is the rate as a fraction (0.97 for 97 %), the message "
    "says so.",
    "execution-points-from-printed-rate": "The execution points were computed "
    "from the printed, already rounded rate rather than from the amounts; they "
    "differ from the exact points by rounding only. Nothing to correct.",
    "execution-points": "The execution points are not weight × rate (capped at "
    "the weight), neither from the amounts nor from the printed rate.",
    "funds-parts": "In a column of 资金使用情况 (年初预算数, 全年预算数, "
    "全年执行数), 年度资金总额 is not the sum of 当年财政拨款, 上年结转资金 "
    "and 其他资金 when all three print an amount, or the parts printed add up "
    "to more than the total when one is blank. Each amount may be rounded at "
    "its last printed decimal, so a difference within half a unit of each "
    "amount's last decimal is not reported.",
    "points-above-weight": "A row gives more points than its weight (分值).",
    "execution-budget-zero": "The full-year budget (全年预算数) is 0, so the "
    "execution rate and its points are undefined (the initial budget, 年初预算数, "
    "on a form whose rate is computed against it).",
    "rate-on-initial-budget": "The table prints no full-year budget (全年预算数) "
    "but an initial budget (年初预算数), as Beijing's 2016 form does (年初预算数(A) "
    "| 全年执行数(B) | 执行率(B/A)): the execution rate and its points are "
    "checked against the initial budget, as the form computes them. Nothing to "
    "correct; the national form since 2020 computes the rate against the "
    "full-year budget.",
    "funds-absent": "The table prints no amount, rate or execution points in "
    "资金使用情况 (an extract of the indicators alone, a blank form, or a block "
    "the reader could not place: then its lines are listed as unplaced). The "
    "budget execution is not checked, and the total is checked against the "
    "printed points only. Ask for the whole table.",
    "execution-amount-negative": "An amount of the total funds row (全年预算数 "
    "or 全年执行数) is negative: no rule scores the execution rate, so its "
    "points are not scored (and the total not checked).",
    "unscored": "A row that neither a rule nor readable printed points can "
    "score, such as evaluator's points outside the qualitative tier the row "
    "states; the message gives the reason.",
    "unparsed": "A target or actual cell could not be read with certainty "
    "(see {doc}`/reference/targets`); the row keeps the evaluator's points "
    "and is not recomputed. Information for words no rule reads; a warning, "
    "with the reason, when a number in the cell is ambiguous or beyond the "
    "bounds (`≥157,46人`: see {doc}`/refusals`).",
    "not-applicable-weighted": "The target says 不适用 / 无, or is not "
    "printed at all, yet the row carries weight; a row that does not apply "
    "weighs 0, and a row that applies states its target.",
    "shortfall-scoring": "The target was not reached and the printed points "
    "differ from the proportional rule (weight × actual ÷ target, or weight × "
    "target ÷ actual for a lower-is-better row).",
    "over-achievement-reduced": "The target was exceeded beyond the template's "
    "deviation line and the evaluator gave less than the full weight: the "
    "official text allows reducing points for a target set too low "
    "(按照偏离度适度调减分值). The evaluator's points stand; the size of the "
    "reduction is a judgement jixiao does not compute.",
    "met-but-deducted": "The target was met, not beyond the deviation line, "
    "but points were deducted; or, for a range target (80%-90%, which no rule "
    "scores), the actual lies within the range, bounds included, and the "
    "points are below the weight.",
    "range-shortfall-full-points": "A range target (80%-90%, 5~10人) that no "
    "rule scores, an actual short of it, and full points. Short means beyond "
    "the range's worse bound: below the lower one where more is better, above "
    "the upper one for a cost or a duration in a timeliness row (the direction "
    "a bare target of the row is read with). Beyond the better bound the "
    "target is exceeded, and points reduced there are the evaluator's "
    "judgement: no finding.",
    "large-deviation-without-note": "The completion lies beyond the template's "
    "deviation lines (above `over` or below `under`) and the deviation note "
    "(偏差原因分析及改进措施) is empty or says only 无偏差.",
    "deduction-without-note": "Points below the weight with no deviation note.",
    "level-weights": "The level-3 weights of a level-1 group do not add up to "
    "its printed weight (a row missing, or a weight mistyped); likewise those "
    "of a level-2 group whose label prints a weight (数量指标(20分)).",
    "total-weight": "The total weight is not execution weight + level-1 weights.",
    "template-weights": "The execution and level-1 weights are not those of "
    "the template the table names (it is audited on that template all the "
    "same), or, when it names none, match no shipped template (it is audited "
    "on the default).",
    "total": "The printed total is not the sum of the printed points (exactly, "
    "no rounding), or is not 0 for a withdrawn project.",
    "total-unverifiable": "Some printed points are unreadable, so the total cannot be checked.",
    "grade": "The grade printed beside the total (总分 | 100 | 96 | 优, as some "
    "provinces' forms print it) is not the grade of the printed total on the "
    "template's grades (优 from 90, 良 from 80, 中 from 60, else 差 on the "
    "national rules).",
    "grade-recomputed": "The grade printed beside the total is that of the "
    "printed total, but not that of the total jixiao recomputed from the rules; "
    "the findings about the rows say where the points differ.",
    "table-unscored": "The table prints weights but no points (a blank form, "
    "or one filled before the evaluation): it is scored from the rules and "
    "nothing printed is checked. Nothing to correct.",
    "table-truncated": "The table ends before its 总分 row (the document was "
    "cut, or a page is missing): its last rows may be missing, so weights are "
    "checked only as far as they go and the total is not checked. Ask for the "
    "whole table.",
    "year-outside-period": "The table's year (绩效自评年度, or the year of "
    "its title) lies outside the period of the template it is audited on: "
    "the template's rules may not be those that applied that year. The "
    "table is audited on it all the same (scoring it, `project score`, is "
    "refused); pass `--template` to audit it on a template of its year. Said "
    "only when the table prints a year.",
    "template-ambiguous": "The printed weights fit more than one shipped "
    "template, and scoring on another of them would change a row's points, "
    "a qualitative tier or the total. The table is audited on the template "
    "named; pass `--template` to audit it on another.",
    "column-ambiguous": "A header word the reader cannot give a role to, or "
    "two columns whose headers name the same role: that column's values may "
    "be missed or read as another column's. The finding names the header "
    "cell; check the table as read against the printed one.",
    "unplaced-content": "A line inside the table that looks like table "
    "content (it has numbers or several cells) but fits no row: the table as "
    "read may miss what it prints. The finding names the line's location.",
}

KIND_EN = {
    "OUTPUT": "output 产出",
    "OUTCOME": "outcome 效益",
    "SATISFACTION": "satisfaction 满意度",
}

# ------------------------------------------------------------------ helpers


def _ref() -> Any:
    import jixiao_reference

    return jixiao_reference


def label(*parts: str) -> str:
    return _ref().label(*parts)  # type: ignore[no-any-return]


def md(text: str) -> str:
    return _ref().md(text)  # type: ignore[no-any-return]


def cell(text: str) -> str:
    return _ref().cell(text)  # type: ignore[no-any-return]


def code(text: str) -> str:
    return _ref().code(text)  # type: ignore[no-any-return]


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    return _ref().table(header, rows)  # type: ignore[no-any-return]


def quote(text: str) -> str:
    return _ref().quote(text)  # type: ignore[no-any-return]


def fields(rows: Iterable[tuple[str, str]]) -> str:
    return _ref().fields(rows)  # type: ignore[no-any-return]


def edges(interval: Interval) -> str:
    return _ref().edges(interval)  # type: ignore[no-any-return]


def status_text(citation: Citation) -> str:
    """The review status in words (the same words as the framework pages)."""
    return _ref().STATUS.get(citation.status, citation.status)  # type: ignore[no-any-return]


def status(citation: Citation) -> str:
    return f"{code(citation.status)} — {cell(status_text(citation))}"


def percent(value: Decimal) -> str:
    return f"{number(value * 100)}%"


def _holds(interval: Interval, value: Decimal) -> bool:
    """Whether *value* lies in *interval*, decided here from the edges as data
    (not by :meth:`Interval.contains`, the code the doctests check)."""
    low, high = interval.lower, interval.upper
    if low is not None and (value < low or (value == low and not interval.lower_closed)):
        return False
    return not (
        high is not None and (value > high or (value == high and not interval.upper_closed))
    )


def _scaled(interval: Interval, weight: Decimal) -> str:
    """The interval of points a share interval allows for *weight*."""
    low = "−∞" if interval.lower is None else number(interval.lower * weight)
    high = "∞" if interval.upper is None else number(interval.upper * weight)
    return (
        f"{'[' if interval.lower_closed else '('}{low}, {high}"
        f"{']' if interval.upper_closed else ')'}"
    )


def template_file(id: str) -> Path | None:
    """The shipped template's file on disk, when it is one (for dependencies)."""
    try:
        path = Path(str(resources.files(TEMPLATE_DATA).joinpath(f"{id}.toml")))
    except (TypeError, ValueError):  # pragma: no cover - a zipped install
        return None
    return path if path.is_file() else None


# ------------------------------------------------------------------ template pages

TIER_WEIGHT = Decimal(10)
CENT = Decimal("0.01")


def tier_example_points(t: Template) -> list[Decimal]:
    """Points at weight 10 that probe every tier edge: each edge, and 0.01 on
    the other side of it; descending."""
    points: set[Decimal] = {Decimal(0)}
    for tier in t.tiers:
        for edge in (tier.interval.lower, tier.interval.upper):
            if edge is None:
                continue
            at = edge * TIER_WEIGHT
            points.add(at)
            for other in (at - CENT, at + CENT):
                if 0 <= other <= TIER_WEIGHT:
                    points.add(other)
    return sorted(points, reverse=True)


def tier_doctest(t: Template) -> list[str]:
    lines = [
        "```{doctest}",
        ">>> from jixiao.project import qualitative, template",
        f'>>> rules = template("{t.id}")',
        f">>> for points in ({', '.join(repr(number(p)) for p in tier_example_points(t))}):",
        f"...     score, tier = qualitative(points, {number(TIER_WEIGHT)}, template=rules)",
        "...     print(points, tier.key)",
    ]
    for points in tier_example_points(t):
        share = points / TIER_WEIGHT
        found = [tier.key for tier in t.tiers if _holds(tier.interval, share)]
        if len(found) != 1:
            logger.warning(
                "jixiao: template %s: the share %s lies in %d tiers",
                t.id,
                share,
                len(found),
                type="jixiao",
            )
            return []
        lines.append(f"{number(points)} {found[0]}")
    lines.append("```")
    return lines


def lower_rule_section(t: Template) -> list[str]:
    """The rule the template scores lower-is-better rows by, when templates name one."""
    name = getattr(t, "lower_is_better", None)
    if name is None:
        return []
    import jixiao.project.rules as rules

    function = getattr(rules, "LOWER_IS_BETTER", {}).get(name)
    if function is None:
        logger.warning(
            "jixiao: template %s names an unknown lower-is-better rule %r",
            t.id,
            name,
            type="jixiao",
        )
        return []
    summary = " ".join((inspect.getdoc(function) or "").split("\n\n")[0].split())
    return [
        "## 反向指标 Lower-is-better rule",
        "",
        f"{code(name)} — {{py:func}}`{function.__module__}.{function.__qualname__}`: "
        f"{rst_to_md(summary)}",
        "",
    ]


def template_page(t: Template) -> str:
    c = t.citation
    out = [
        f"({label('template', t.id)})=",
        f"# {md(t.title)} · {code(t.id)}",
        "",
        f"*{md(t.title_en)} — {md(t.jurisdiction_en)}, {t.year}*",
        "",
        ":::{note}",
        "本页由模板数据在每次构建时生成 (generated from the template data at every "
        "build, by `docs/_ext/jixiao_project_reference.py`); edit "
        f"`src/jixiao/data/templates/{t.id}.toml`, not this page.",
        ":::",
        "",
        fields(
            [
                ("标识 Template id", code(t.id) + ("（默认 default）" if t.default else "")),
                ("标题 Title", f"{md(t.title)} — {md(t.title_en)}"),
                ("辖区 Jurisdiction", f"{md(t.jurisdiction)} — {md(t.jurisdiction_en)}"),
                ("年度 Year", str(t.year)),
                ("依据 Citation", cell(str(c))),
                ("发文机关 Issuer", cell(c.issuer)),
                ("文号 Document number", cell(c.document_number or "—")),
                ("条款 Clause", cell(c.clause or "—")),
                ("来源 Source", cell(c.source or "—")),
                ("状态 Review status", status(c)),
                ("总分 Total", f"{number(t.total)} 分"),
            ]
        ),
        "",
        "## 权重 Weights",
        "",
    ]
    rows = [["预算执行率 · execution rate", "—", f"{number(t.execution_weight)}"]]
    rows += [
        [md(g.name), KIND_EN.get(g.kind.name, g.kind.name), number(g.weight)] for g in t.level1
    ]
    indicators_weight = getattr(t, "indicators_weight", None)
    if not t.level1 and indicators_weight is not None:
        rows.append(
            [
                "绩效指标 · all indicators",
                "set by the table 由表自定",
                number(indicators_weight),
            ]
        )
        fit = (
            "This template fixes no level-1 weights: a table sets its own, and fits "
            f"this template when its execution weight is {number(t.execution_weight)} "
            "and its standard level-1 groups add up to "
            f"{number(indicators_weight)} "
        )
    else:
        fit = (
            "A table fits this template when its printed execution weight and level-1 "
            "weights are exactly these, group for group "
        )
    rows.append(["**总分 Total**", "", f"**{number(t.total)}**"])
    out += [
        table(["项 Item", "一级指标 Level-1 kind", "分值 Weight"], rows),
        "",
        fit + "({py:meth}`~jixiao.project.template.Template.fits`).",
        "",
    ]
    out += lower_rule_section(t)
    out += [
        "## 定性指标分档 Qualitative tiers",
        "",
        "**原文 Official wording:**",
        "",
        quote(t.tiers_text) if t.tiers_text else "> —",
        "",
        "Shares of the row's weight (得分 ÷ 分值), from the highest tier down; "
        "`[` `]` include an edge, `(` `)` exclude it:",
        "",
    ]
    rows = [
        [
            code(tier.key),
            cell(tier.text),
            cell(tier.text_en),
            code(str(tier.interval)),
            code(tier.interval.inequality("得分÷分值")),
            cell(edges(tier.interval)),
            code(_scaled(tier.interval, TIER_WEIGHT)),
        ]
        for tier in reversed(t.tiers)
    ]
    out += [
        table(
            [
                "键 Key",
                "原文 Official",
                "English",
                "区间 Share",
                "条件 Condition",
                "边界 Edges",
                "分值 10 时 Points at weight 10",
            ],
            rows,
        ),
        "",
        "**算例 Worked example** — each tier edge at weight 10, and 0.01 on either "
        "side of it; the expected tiers are computed from the intervals above by the "
        "documentation build, and the doctest checks the code against them:",
        "",
        *tier_doctest(t),
        "",
        "## 偏离度 Deviation lines",
        "",
    ]
    deviation: list[str] = []
    if t.over is not None:
        deviation.append(
            f"- **over = {percent(t.over.value)}** — a completion above "
            f"{percent(t.over.value)} (`completion > {percent(t.over.value)}`; "
            f"{percent(t.over.value)} itself excluded) is far above the target: reported "
            "as `large-deviation-without-note` (warning) when the row has no deviation "
            "note, and as `over-achievement-reduced` (info) when the evaluator gave less "
            "than the recomputed full points."
        )
    if t.under is not None:
        deviation.append(
            f"- **under = {percent(t.under.value)}** — a completion below "
            f"{percent(t.under.value)} (`completion < {percent(t.under.value)}`; "
            f"{percent(t.under.value)} itself excluded) is far below the target: reported "
            "as `large-deviation-without-note` (warning) when the row has no deviation note."
        )
    if not deviation:
        deviation.append("- none: no deviation is reported.")
    out += [
        "Completion is actual ÷ target for a higher-is-better row and target ÷ actual "
        "for a lower-is-better row (so that above 100 % always means better than "
        "the target). See {ref}`project-over-achievement`.",
        "",
        *deviation,
        "",
        "## 附注 Notes",
        "",
    ]
    if t.notes:
        out.append("**原文 Official wording** (the table's notes, as published):")
        out.append("")
        for note in t.notes:
            out.append(quote(note))
            out.append("")
    else:
        out += ["None.", ""]
    if readings_text(t):
        out += [
            "## 解释 Interpretations",
            "",
            f":::{{admonition}} {INTERPRETATION}",
            ":class: warning",
            "",
            "What the official text leaves implicit, as jixiao reads it for this template "
            "(each switch can be read otherwise: "
            "{py:meth}`~jixiao.project.template.Template.interpreted`):",
            "",
        ]
        out += [f"- {md(text)}" for text in readings_text(t)]
        out += [":::", ""]
    return "\n".join(out).rstrip() + "\n"


def templates_overview(templates: list[Template]) -> str:
    rows = []
    for t in templates:
        indicators_weight = getattr(t, "indicators_weight", None)
        if not t.level1 and indicators_weight is not None:
            level1 = f"{number(indicators_weight)} in all, set by the table"
        else:
            level1 = " · ".join(f"{md(g.name)} {number(g.weight)}" for g in t.level1)
        tiers = " · ".join(f"{tier.key} {tier.interval}" for tier in reversed(t.tiers))
        deviation = ", ".join(
            f"{name} {percent(ratio.value)}"
            for name, ratio in (("over", t.over), ("under", t.under))
            if ratio is not None
        )
        lower = getattr(t, "lower_is_better", None)
        rows.append(
            [
                f"{{ref}}`{t.id} <{label('template', t.id)}>`"
                + (" (默认 default)" if t.default else ""),
                f"{md(t.jurisdiction)} {t.year}",
                number(t.execution_weight),
                level1,
                code(tiers),
                deviation or "none",
                *([code(lower)] if lower is not None else []),
                code(t.citation.status),
            ]
        )
    has_lower = any(getattr(t, "lower_is_better", None) is not None for t in templates)
    header = [
        "模板 Template",
        "辖区 Jurisdiction",
        "执行率 Execution",
        "一级指标 Level-1 weights",
        "定性分档 Tiers (share of weight)",
        "偏离 Deviation",
        *(["反向 Lower-is-better"] if has_lower else []),
        "状态 Status",
    ]
    return table(header, rows) + "\n"


def tiers_by_template(templates: list[Template]) -> str:
    """The qualitative tiers, one row per distinct set of tiers, as conditions."""
    groups: dict[tuple[str, ...], list[str]] = {}
    keys: list[str] = []
    for t in templates:
        tiers = tuple(f"{tier.key}={tier.interval}" for tier in t.tiers)
        groups.setdefault(tiers, []).append(code(t.id) + (" (默认 default)" if t.default else ""))
        for tier in reversed(t.tiers):
            if tier.key not in keys:
                keys.append(tier.key)
    names = {}
    for t in sorted(templates, key=lambda t: not t.default):
        for tier in t.tiers:
            names.setdefault(tier.key, f"{md(tier.text)} {tier.key}")
    rows = []
    for tiers, ids in groups.items():
        by_key = dict(item.split("=", 1) for item in tiers)
        rows.append(
            [", ".join(ids)]
            + [
                code(Interval.parse(by_key[k]).inequality("share")) if k in by_key else "—"
                for k in keys
            ]
        )
    return table(["模板 Template", *(names[k] for k in keys)], rows) + "\n"


# ------------------------------------------------------------------ finding codes


@attrs.frozen
class Emitted:
    """One ``finding(...)`` call in the checks."""

    code: str
    severity: str
    row: tuple[str, ...]
    field: tuple[str, ...]
    zh: tuple[str, ...]
    en: tuple[str, ...]
    line: int


def _texts(node: ast.expr) -> list[str]:
    """Every text an expression can give, its variable parts shown as "…"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            "".join(
                v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "…"
                for v in node.values
            )
        ]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _texts(node.left) for b in _texts(node.right)]
    return ["…"]


def _loop_values(function: ast.AST, call: ast.AST, name: str) -> list[str] | None:
    """The constant values the loop variable *name* takes at *call*: from the
    nearest enclosing ``for`` loop over a tuple of constants (or of tuples) that
    binds it."""
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(function):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    node: ast.AST | None = parents.get(call)
    while node is not None:
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
            target = node.target
            names = (
                [target.id]
                if isinstance(target, ast.Name)
                else [e.id if isinstance(e, ast.Name) else "" for e in target.elts]
                if isinstance(target, ast.Tuple)
                else []
            )
            if name in names:
                i = names.index(name)
                values = []
                for element in node.iter.elts:
                    item = element.elts[i] if isinstance(element, ast.Tuple) else element
                    if isinstance(item, ast.Constant):
                        values.append(str(item.value))
                return values or None
        node = parents.get(node)
    return None


_ROW_WORDS = {
    "result.label": "a level-3 row 三级指标行",
    "top.name": "a level-1 group 一级指标",
    "group_label": "a level-2 group 二级指标",
}


def _place(node: ast.expr, function: ast.AST, call: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant):
        return [str(node.value)]
    text = ast.unparse(node)
    if text in _ROW_WORDS:
        return [_ROW_WORDS[text]]
    if isinstance(node, ast.Name):
        values = _loop_values(function, call, node.id)
        if values:
            return values
    return [text]


def emitted_findings(paths: tuple[Path, ...] = CHECKS) -> list[Emitted]:
    """Every finding the checks can emit, in the order the audit runs them."""
    found: list[Emitted] = []
    functions = [
        (path, function)
        for path in paths
        for function in ast.parse(path.read_text("utf-8")).body
        if isinstance(function, ast.FunctionDef)
    ]
    order = {name: index for index, name in enumerate(CHECK_ORDER)}
    functions.sort(key=lambda pf: order.get(pf[1].name, len(order)))
    for path, function in functions:
        if function.name == "finding":  # the factory itself
            continue
        calls: list[Emitted] = []
        for node in ast.walk(function):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("finding", "Finding")
                and len(node.args) >= 8
            ):
                continue
            severity, code_node, row, field, _, _, zh, en = node.args[:8]
            if not (
                isinstance(severity, ast.Attribute)
                and isinstance(code_node, ast.Constant)
                and isinstance(code_node.value, str)
            ):
                logger.warning(
                    "jixiao: %s:%d: a finding whose severity or code is not a literal",
                    path.name,
                    node.lineno,
                    type="jixiao",
                )
                continue
            calls.append(
                Emitted(
                    code_node.value,
                    severity.attr,
                    tuple(_place(row, function, node)),
                    tuple(_place(field, function, node)),
                    tuple(_texts(zh)),
                    tuple(_texts(en)),
                    node.lineno,
                )
            )
        found.extend(sorted(calls, key=lambda e: e.line))
    return found


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def findings_table(emitted: list[Emitted]) -> str:
    by_code: dict[str, list[Emitted]] = {}
    for e in emitted:
        by_code.setdefault(e.code, []).append(e)
    rows = []
    for code_name, calls in by_code.items():
        severities = _unique(Severity[c.severity].value for c in calls)
        places = _unique(f"{row} · {field}" for c in calls for row in c.row for field in c.field)
        messages = _unique(
            f"{cell(zh)} — *{cell(en)}*"
            for c in calls
            for zh, en in (
                zip(c.zh, c.en, strict=True)
                if len(c.zh) == len(c.en)
                else [(" / ".join(c.zh), " / ".join(c.en))]
            )
        )
        rows.append(
            [
                code(code_name),
                ", ".join(f"**{s}**" for s in severities),
                "<br>".join(cell(p) for p in places),
                "<br>".join(messages),
                FINDING_MEANINGS.get(code_name, "—"),
            ]
        )
    return (
        table(
            [
                "代码 Code",
                "严重程度 Severity",
                "位置 Where (row · cell)",
                "信息 Message (as the audit prints it)",
                "含义 Meaning",
            ],
            rows,
        )
        + "\n"
    )


def _member_docs(module: ModuleType, cls: type) -> list[tuple[str, str, str]]:
    """(name, value, documentation) of each enum member, docs from the source."""
    analyzer = ModuleAnalyzer.for_module(module.__name__)
    docs = analyzer.find_attr_docs()
    out = []
    for member in cls:  # type: ignore[attr-defined]
        doc = " ".join(docs.get((cls.__name__, member.name), [])).strip()
        out.append((member.name, str(member.value), doc))
    return out


def severities() -> str:
    import jixiao.project.findings as findings

    zh = {"error": "错误", "warning": "警告", "info": "提示"}
    rows = [
        [f"**{value}** {zh.get(value, '')}", code(f"Severity.{name}"), md(doc)]
        for name, value, doc in _member_docs(findings, Severity)
    ]
    return table(["严重程度 Severity", "Python", "含义 Meaning"], rows) + "\n"


def methods() -> str:
    import jixiao.project.evaluation as evaluation

    rows = [
        [code(value), code(f"Method.{name}"), md(doc)]
        for name, value, doc in _member_docs(evaluation, Method)
    ]
    return table(["方法 Method", "Python", "含义 Meaning"], rows) + "\n"


# ------------------------------------------------------------------ targets


_DIRECTION_TEXT = {
    Direction.AT_LEAST: "≥ — at least, the number included",
    Direction.MORE_THAN: "> — more than, the number excluded",
    Direction.AT_MOST: "≤ — at most, the number included",
    Direction.LESS_THAN: "< — less than, the number excluded",
    Direction.EQUAL: "= — as written",
}


def target_words() -> str:
    before: dict[Direction, list[str]] = {}
    after: dict[Direction, list[str]] = {}
    for word, sign in _target_patterns.PREFIXES.items():
        before.setdefault(Direction(sign), []).append(word)
    for word, sign in _target_patterns.SUFFIXES.items():
        after.setdefault(Direction(sign), []).append(word)
    rows = []
    for direction, text in _DIRECTION_TEXT.items():
        rows.append(
            [
                code(f"Direction.{direction.name}"),
                md(text),
                " ".join(code(w) for w in sorted(before.get(direction, []), key=len)) or "—",
                " ".join(code(w) for w in sorted(after.get(direction, []), key=len)) or "—",
            ]
        )
    return (
        table(
            [
                "方向 Direction",
                "含义 Meaning",
                "数字之前 Before the number",
                "数字之后 After the number",
            ],
            rows,
        )
        + "\n"
    )


def target_interpretations() -> str:
    """The bullets under "Interpretations" in the docstring of jixiao.targets."""
    doc = inspect.getdoc(jixiao.targets) or ""
    _, found, rest = doc.partition("Interpretations")
    if not found:
        logger.warning(
            "jixiao: jixiao.targets has no 'Interpretations' list in its docstring",
            type="jixiao",
        )
        return "None.\n"
    bullets: list[str] = []
    for line in rest.splitlines()[1:]:
        if line.startswith("* "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:
            bullets[-1] = join_wrapped(bullets[-1], line.strip())
        elif line.strip() and bullets:
            break
    out = [
        f":::{{admonition}} {INTERPRETATION}",
        ":class: warning",
        "",
        "From the documentation of {py:mod}`jixiao.targets` (generated at every build):",
        "",
    ]
    out += [f"- {rst_to_md(b)}" for b in bullets]
    out += [":::"]
    return "\n".join(out) + "\n"


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def join_wrapped(before: str, after: str) -> str:
    """Join a wrapped docstring line: no space between two Chinese characters."""
    if before and after and _CJK.match(before[-1]) and _CJK.match(after[0]):
        return before + after
    return f"{before} {after}"


def rst_to_md(text: str) -> str:
    """A docstring line for Markdown: ``literals`` become code spans, the rest is escaped."""
    pieces = re.split(r"``(.+?)``", text)
    return "".join(code(p) if i % 2 else _ref().escape(p) for i, p in enumerate(pieces))


# ------------------------------------------------------------------ API exports


def exports(module: ModuleType) -> str:
    rows = []
    for name in module.__all__:
        obj = getattr(module, name)
        owner = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if owner is None or qualname is None:
            continue
        target = f"{owner}.{qualname}"
        rows.append([code(f"{module.__name__}.{name}"), f"{{py:obj}}`{target}`"])
    return table(["名称 Name", "文档 Documented as"], rows) + "\n"


# ------------------------------------------------------------------ all files


def project_files() -> dict[Path, str]:
    templates = [template(i) for i in available_templates()]
    files: dict[Path, str] = {}
    for t in templates:
        files[TEMPLATES / f"{t.id}.md"] = template_page(t)
    files[FRAGMENTS / "project-templates.md"] = templates_overview(templates)
    files[FRAGMENTS / "project-tiers.md"] = tiers_by_template(templates)
    files[FRAGMENTS / "project-findings.md"] = findings_table(emitted_findings())
    files[FRAGMENTS / "project-severities.md"] = severities()
    files[FRAGMENTS / "project-methods.md"] = methods()
    files[FRAGMENTS / "target-words.md"] = target_words()
    files[FRAGMENTS / "target-interpretations.md"] = target_interpretations()
    files[FRAGMENTS / "project-exports.md"] = exports(jixiao.project)
    files[FRAGMENTS / "io-exports.md"] = exports(jixiao.io)
    return files


def readings_text(t: Any) -> list[str]:
    """A template's interpretations as text: each switch with its alternatives
    (the default marked), then the remarks that are not switches."""
    out: list[str] = []
    for interpretation in t.interpretations:
        alternatives = "; ".join(
            f"{a.key}{' (default)' if a.key == interpretation.default else ''}: {a.text_en}"
            for a in interpretation.alternatives
        )
        out.append(f"{interpretation.key}: {interpretation.text_en} Readings — {alternatives}.")
    return out + [f"{text} (a remark, not a switch)" for text in t.remarks]


def template_interpretations() -> list[str]:
    """The interpretations of every template, for the interpretations page."""
    out: list[str] = []
    for id in available_templates():
        t = template(id)
        out += [
            f"## {md(t.title)} · {code(t.id)}",
            "",
            f"{len(t.interpretations)} interpretation(s) (switches) and {len(t.remarks)} "
            "remark(s); status of the official text: "
            f"{md(status_text(t.citation))}. "
            f"See {{ref}}`the template's page <{label('template', t.id)}>`.",
            "",
        ]
        if readings_text(t):
            out += [f":::{{admonition}} {INTERPRETATION}", ":class: warning", ""]
            out += [f"- {md(text)}" for text in readings_text(t)]
            out += [":::", ""]
    return out


# ------------------------------------------------------------------ checks


def _keys(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from _keys(item)


def full_table() -> ProjectTable:
    """A table with every optional part of the file form filled in."""
    row = Row("x", "≥1人", "1人", "10", "10", "无偏差", tier="achieved")
    rows = FundsRow("1", "1", "1")
    return ProjectTable(
        project=ProjectInfo("1", "x", 2023, "x", "x"),
        funds=Funds(
            rows, current_appropriation=rows, carry_over=rows, other=rows, rate="100", points="10"
        ),
        level1=(Level1("产出指标", "90", (Level2("数量指标", (row,)),)),),
        total=Total("100", "100"),
        goal=Goal("x", "x"),
        template="national-2020",
        withdrawn="资金已收回，未实施",
        source="x",
        remarks=("x",),
    )


def _section(schema: str, name: str) -> str | None:
    """The text of schema.md from the label ``(name)=`` to the next ``(schema-…)=`` label."""
    start = schema.find(f"({name})=")
    if start < 0:
        return None
    following = re.search(r"^\(schema-[a-z-]+\)=", schema[start + 1 :], re.MULTILINE)
    end = start + 1 + following.start() if following else len(schema)
    return schema[start:end]


def template_keys() -> set[str]:
    keys: set[str] = {f.name for f in attrs.fields(Citation)}
    for id in available_templates():
        text = resources.files(TEMPLATE_DATA).joinpath(f"{id}.toml").read_text("utf-8")
        keys |= set(_keys(read_toml_text(text, f"{id}.toml")))
    return keys


def check_project(srcdir: Path) -> None:
    emitted = {e.code for e in emitted_findings()}
    if not emitted:
        logger.warning(
            "jixiao: no finding code found in %s", ", ".join(map(str, CHECKS)), type="jixiao"
        )
    for missing in sorted(emitted - set(FINDING_MEANINGS)):
        logger.warning(
            "jixiao: finding code %r is emitted by the checks but has no meaning in "
            "FINDING_MEANINGS (docs/_ext/jixiao_project_reference.py)",
            missing,
            type="jixiao",
        )
    for stale in sorted(set(FINDING_MEANINGS) - emitted):
        logger.warning(
            "jixiao: FINDING_MEANINGS describes %r, which the checks no longer emit",
            stale,
            type="jixiao",
        )
    page = srcdir / FRAGMENTS / "project-findings.md"
    text = page.read_text("utf-8") if page.exists() else ""
    for name in sorted(emitted):
        if f"`{name}`" not in text:
            logger.warning("jixiao: finding code %r missing from %s", name, page, type="jixiao")

    table_ = full_table()
    data = table_to_dict(table_)
    if table_from_dict(data) != table_:
        logger.warning("jixiao: the jixiao.project/1 form does not read back equal", type="jixiao")
    schema = (srcdir / "schema.md").read_text("utf-8")
    for name, keys in (
        ("schema-project", set(_keys(data))),
        ("schema-template", template_keys()),
    ):
        section = _section(schema, name)
        if section is None:
            logger.warning("jixiao: schema.md has no section (%s)=", name, type="jixiao")
            continue
        for key in sorted(keys):
            if f"`{key}`" not in section:
                logger.warning(
                    "jixiao: schema.md (%s) does not describe the file key `%s`",
                    name,
                    key,
                    type="jixiao",
                )


# ------------------------------------------------------------------ directive


class TemplateText(SphinxDirective):
    """Quote a template's official wording, or show its interpretations, from data.

    Usage (MyST)::

        ```{jixiao-template-text} national-2020 notes
        :match: 定量指标
        ```

    The second argument is ``notes``, ``qualitative`` (the tiers' official
    text) or ``interpretations``; ``:match:`` keeps the entries containing the
    given text and must keep at least one. Official wording is shown as a block
    quote with the citation and review status; interpretations in a box marked
    *Interpretation — not the official text*.
    """

    required_arguments = 2
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"match": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        id, part = self.arguments
        try:
            t = template(id)
        except Exception as error:  # reported as a build warning, with its location
            return [self._problem(f"unknown template {id!r}: {error}")]
        path = template_file(id)
        if path is not None:
            self.env.note_dependency(str(path))
        if part == "notes":
            entries = list(t.notes)
        elif part == "qualitative":
            entries = [t.tiers_text] if t.tiers_text else []
        elif part == "interpretations":
            entries = readings_text(t)
        else:
            return [self._problem(f"unknown part {part!r} (notes, qualitative, interpretations)")]
        match = self.options.get("match")
        if match:
            entries = [e for e in entries if match in e]
        if not entries:
            return [self._problem(f"template {id}: no {part} entry contains {match!r}")]
        if part == "interpretations":
            box = nodes.admonition(classes=["warning"])
            box += nodes.title(text=INTERPRETATION)
            box += nodes.paragraph(text=f"From the data of the template {id}:")
            items = nodes.bullet_list()
            for entry in entries:
                item = nodes.list_item()
                item += nodes.paragraph(text=entry)
                items += item
            box += items
            return [box]
        quoted = nodes.block_quote(classes=["jixiao-official"])
        for entry in entries:
            for line in entry.splitlines():
                if line.strip():
                    quoted += nodes.paragraph(text=line)
        quoted += nodes.attribution(
            text=f"{t.citation} — 模板 template {id}; {status_text(t.citation)}"
        )
        return [quoted]

    def _problem(self, message: str) -> nodes.Node:
        logger.warning("jixiao: %s", message, location=self.get_location(), type="jixiao")
        return nodes.paragraph(text=f"[{message}]")


def setup_project(app: Any) -> None:
    app.add_directive("jixiao-template-text", TemplateText)
