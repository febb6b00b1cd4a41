"""Templates: the record and its file form (``schema = "jixiao.template/1"``),
both ways (private; :mod:`jixiao.project.template` is the public face and
documents them).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from jixiao._evaluator import evaluate_rule
from jixiao._toml import check_schema, refuse_unknown_keys
from jixiao.errors import FrameworkError, JixiaoError, UnknownKeyError
from jixiao.intervals import Interval, check_partition
from jixiao.project.model import Level1Kind, ProjectTable, printed_points
from jixiao.quantities import CONTEXT, ZERO, Ratio, to_decimal
from jixiao.score import Score
from jixiao.spec._file import grades_from_dict, indicator_from_dict, period_from_dict
from jixiao.spec._interpretation_file import apply_changes, interpretation_from_dict
from jixiao.spec.library import library_from_dict, rule_library
from jixiao.spec.rules import Indicator
from jixiao.spec.rulesets import DEFAULT_GRADES, Citation, Grades, Interpretation, Period

__all__ = [
    "BARE_TARGETS",
    "LOWER_RULES",
    "SCHEMA",
    "TIER_KEYS",
    "QualitativeTier",
    "Template",
    "TemplateGroup",
    "template_from_dict",
]

SCHEMA = "jixiao.template/1"
_KINDS = {
    "output": Level1Kind.OUTPUT,
    "outcome": Level1Kind.OUTCOME,
    "satisfaction": Level1Kind.SATISFACTION,
}

LOWER_RULES: Mapping[str, str] = {"inverse": "lower", "linear": "lower_linear"}
"""The lower-is-better readings a template may name (``lower_is_better``) and
the rule (by id) that scores each."""

BARE_TARGETS = ("by-row", "higher")
"""How a target without ≥ or ≤ reads: ``"by-row"`` (a floor, except in a
成本指标 row and a duration in a 时效指标 row, which are ceilings) or
``"higher"`` (always a floor)."""


@attrs.frozen
class QualitativeTier:
    """One of the three qualitative tiers: the share of the weight it allows."""

    key: str
    interval: Interval
    text: str
    text_en: str = ""


@attrs.frozen
class TemplateGroup:
    """A level-1 group of the template and its weight."""

    kind: Level1Kind
    name: str
    weight: Decimal


@attrs.frozen(repr=False)
class Template:
    """A self-evaluation table template (jurisdiction + period).

    Attributes:
        id: the registry id, e.g. ``"national-2020"``.
        execution_weight: the points of the execution rate (预算执行率).
        level1: the level-1 groups with their weights.
        tiers: the qualitative tiers, ascending, as shares of an indicator's weight.
        over: report an actual above this share of its target (over-achievement).
        under: report an actual below this share of its target (large shortfall).
        default: whether this is the template used when none is named.
        indicators_weight: when the template fixes no level-1 weights
            (``level1`` empty), the weight of all the indicators together
            (绩效指标); a table then sets its own level-1 weights, which must
            add up to it. ``None`` when ``level1`` fixes them.
        lower_is_better: how a lower-is-better row is scored, a key of
            ``LOWER_RULES``: ``"inverse"`` (weight × target ÷ actual above
            the target) or ``"linear"`` (weight × (1 − (actual − target) ÷
            target), 0 from twice the target).
        bare_target: how a target without ≥ or ≤ reads (``BARE_TARGETS``).
        remarks: the library's statements about the template that are not
            switches.
        interpretations: the readings the template's text leaves open, as switches.
        rules: the rules of its rows by id, in their file form (points
            written for ``"{weight}"``).
        family: the series of versions it belongs to; ``period``: the years
            it applies to; ``grades``: the grades of a total.
        readings: the interpretations read otherwise than by default.
        source: the file form it was read from.
    """

    id: str
    title: str
    title_en: str
    jurisdiction: str
    jurisdiction_en: str
    year: int
    citation: Citation
    execution_weight: Decimal
    level1: tuple[TemplateGroup, ...]
    tiers: tuple[QualitativeTier, ...]
    tiers_text: str = ""
    over: Ratio | None = None
    under: Ratio | None = None
    total: Decimal = Decimal(100)
    default: bool = False
    notes: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    interpretations: tuple[Interpretation, ...] = ()
    indicators_weight: Decimal | None = None
    lower_is_better: str = "inverse"
    bare_target: str = "by-row"
    rules: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, eq=False, repr=False)
    family: str = ""
    period: Period | None = None
    grades: Grades = DEFAULT_GRADES
    readings: tuple[tuple[str, str], ...] = ()
    source: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_partition([t.interval for t in self.tiers], f"template {self.id} tiers")
        if (self.indicators_weight is None) == (not self.level1):
            raise FrameworkError(
                "give either level1 (fixed level-1 weights) or indicators_weight "
                "(level-1 weights set by the table), not both",
                zh="请给出 level1（固定的一级指标分值）或 indicators_weight（由表格确定一级指标分值）之一，不能两者都给",
                row=f"template {self.id}",
            )
        fixed = sum((g.weight for g in self.level1), Decimal(0))
        weights = self.execution_weight + (self.indicators_weight or fixed)
        if weights != self.total:
            raise FrameworkError(
                f"execution and level-1 weights add up to {weights}, not {self.total}",
                zh=f"预算执行率与一级指标的分值合计为 {weights}，而不是 {self.total}",
                row=f"template {self.id}",
            )
        if not self.grades.span.contains(self.total):
            raise FrameworkError(
                f"the grades cover totals {self.grades.span}, not the total {self.total}",
                zh=f"等级覆盖的总分为 {self.grades.span}，不含总分值 {self.total}",
                row=f"template {self.id}",
                field="grades",
            )
        for name, value, known in (
            ("lower_is_better", self.lower_is_better, tuple(LOWER_RULES)),
            ("bare_target", self.bare_target, BARE_TARGETS),
        ):
            if value not in known:
                raise FrameworkError(
                    f"unknown {name.replace('_', '-')} reading; expected one of: {', '.join(known)}",
                    zh=f"未知的 {name.replace('_', '-')} 读法；应为以下之一：{', '.join(known)}",
                    field=name,
                    value=value,
                )
        for needed in (
            "execution",
            "higher",
            "judged",
            "not_applicable",
            LOWER_RULES[self.lower_is_better],
        ):
            if needed not in self.rules:
                raise FrameworkError(
                    "the template has no rule of this id",
                    zh="模板没有此 id 的评分标准",
                    field="rules",
                    value=needed,
                )
        if self.period is None:
            object.__setattr__(self, "period", Period(self.year))
        if not self.family:
            object.__setattr__(self, "family", self.id)

    @property
    def validity(self) -> Period:
        """The years the template applies to."""
        assert self.period is not None  # set when built
        return self.period

    @property
    def lower_rule(self) -> str:
        """The id of the rule that scores a lower-is-better row."""
        return LOWER_RULES[self.lower_is_better]

    def rule(self, id: str, weight: Decimal) -> Indicator:
        """Rule *id* of the template for a row of *weight* (as written: "10"
        and "10.00" give rules worded as written), built once per template.

        Raises:
            FrameworkError: the template has no rule *id*.
            NumberError: *weight* is negative or beyond the bounds of a number.
        """
        key = (id, str(weight))
        found = self._rules.get(key)
        if found is None:
            found = self._rules[key] = self._build(id, weight)
        return found

    @cached_property
    def _rules(self) -> dict[tuple[str, str], Indicator]:
        """The rules :meth:`rule` built, by id and weight as written."""
        return {}

    def _build(self, id: str, weight: Decimal) -> Indicator:
        if id not in self.rules:
            raise FrameworkError(
                "the template has no rule of this id",
                zh="模板没有此 id 的评分标准",
                field="rules",
                value=id,
            )
        to_decimal(weight, "weight")  # checked once: only a weight that passes is kept
        data = _with_weight(self.rules[id], str(weight))
        return indicator_from_dict(data, f"rules.{id}", self.citation)

    def score(
        self, id: str, weight: Decimal, inputs: Mapping[str, object], name: str = ""
    ) -> Score:
        """Rule *id* for a row of *weight*, named *name* when given, scored on
        *inputs* by the one evaluator, in :data:`~jixiao.quantities.CONTEXT`
        (the caller's to enter). Errors name the input only."""
        rule = self.rule(id, weight)
        return Score.of(evaluate_rule(rule.renamed(name) if name else rule, inputs))

    @cached_property
    def not_applicable_score(self) -> Score:
        """The score of a row that does not apply: the ``not_applicable`` rule
        (weight 0, reading nothing), scored once. It names no row: a row's
        name is put on it when asked for."""
        with decimal.localcontext(CONTEXT):
            return self.score("not_applicable", ZERO, {})

    @cached_property
    def level1_weights(self) -> Mapping[Level1Kind, Decimal]:
        """The weight of each level-1 group the template fixes, by kind (made once)."""
        return {g.kind: g.weight for g in self.level1}

    def weight_of(self, kind: Level1Kind) -> Decimal | None:
        """The template's weight of a level-1 group, or ``None`` when it fixes none."""
        for group in self.level1:
            if group.kind is kind:
                return group.weight
        return None

    def tier_of(self, share: Decimal) -> QualitativeTier | None:
        """The qualitative tier whose interval holds *share* (points ÷ weight)."""
        for tier in self.tiers:
            if tier.interval.contains(share):
                return tier
        return None

    def fits(self, table: ProjectTable) -> bool:
        """Whether the table's printed execution and level-1 weights are this
        template's: group for group, or, when the template leaves the level-1
        weights to the table, standard level-1 groups whose weights add up to
        :attr:`indicators_weight`."""
        if printed_points(table.funds.weight) != self.execution_weight:
            return False
        printed = {top.kind: printed_points(top.weight) for top in table.level1}
        if self.indicators_weight is not None:
            weights = [w for w in printed.values() if w is not None]
            return (
                None not in printed
                and len(weights) == len(table.level1)
                and sum(weights, Decimal(0)) == self.indicators_weight
            )
        return printed == self.level1_weights

    def interpreted(self, readings: Mapping[str, str]) -> Template:
        """This template with some of its interpretations read otherwise:
        *readings* maps an interpretation's key to an alternative's. The
        variant is the template's file form changed as each alternative says,
        read again; it records its readings.

        Raises:
            UnknownKeyError: an unknown interpretation or alternative.
        """
        known = {i.key: i for i in self.interpretations}
        data: Mapping[str, Any] = self.source
        chosen: dict[str, str] = dict(self.readings)
        for key, alternative in readings.items():
            if key not in known:
                raise UnknownKeyError(
                    "no interpretation of this name; known: " + ", ".join(known),
                    zh="没有此名称的解释；已有：" + ", ".join(known),
                    field="interpretations",
                    value=key,
                )
            changes = known[key].alternative(alternative).changes
            if alternative != known[key].default:
                data = apply_changes(data, changes, f"interpretations.{key}")
                chosen[key] = alternative
        if data is self.source:
            return self
        variant = template_from_dict(data, f"{self.id}.toml")
        return attrs.evolve(variant, readings=tuple(sorted(chosen.items())), source=self.source)

    def __repr__(self) -> str:
        return f"<Template {self.id}>"


def _with_weight(data: Any, weight: str) -> Any:
    """A rule's file form with ``"{weight}"`` written as *weight*."""
    if isinstance(data, str):
        return data.replace("{weight}", weight)
    if isinstance(data, Mapping):
        return {k: _with_weight(v, weight) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_with_weight(v, weight) for v in data]
    return data


TIER_KEYS = ("achieved", "partly", "not")
"""The keys of the three qualitative tiers, as rows and templates name them."""


def _keys(data: object, allowed: set[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", zh="应为键值表", field=where, value=data)
    refuse_unknown_keys(data, allowed, where)


_ALLOWED = {"schema", "id", "title", "title_en", "jurisdiction", "jurisdiction_en", "year"}
_ALLOWED |= {"default", "total", "execution_weight", "notes", "interpretations", "citation"}
_ALLOWED |= {"level1", "qualitative", "deviation", "indicators_weight", "lower_is_better"}
_ALLOWED |= {"bare_target", "rules", "family", "period", "grades", "remarks"}


def template_from_dict(data: Mapping[str, Any], source: str = "template") -> Template:
    """Build and validate a :class:`Template` from its file form.

    Raises:
        FrameworkError: a missing key, inconsistent weights, an unknown rule.
        UnknownKeyError: a key the form does not have.
    """
    try:
        return _template_from_dict(data)
    except JixiaoError as error:
        raise error.located(source=source) from None


def _template_from_dict(data: Mapping[str, Any]) -> Template:
    refuse_unknown_keys(data, _ALLOWED, "template")
    check_schema(data, SCHEMA, FrameworkError)
    try:
        qualitative = data["qualitative"]
        _keys(data["citation"], {f.name for f in attrs.fields(Citation)}, "citation")
        _keys(qualitative, {"text", "tiers"}, "qualitative")
        _keys(data.get("deviation", {}), {"over", "under"}, "deviation")
        for i, g in enumerate(data.get("level1", ())):
            _keys(g, {"kind", "name", "weight"}, f"level1[{i + 1}]")
        for i, t in enumerate(qualitative["tiers"]):
            _keys(t, {"key", "interval", "text", "text_en"}, f"qualitative.tiers[{i + 1}]")
        if sorted(t["key"] for t in qualitative["tiers"]) != sorted(TIER_KEYS):
            raise FrameworkError(
                f"the tiers' keys must be {', '.join(TIER_KEYS)}",
                zh=f"档次的键应为 {', '.join(TIER_KEYS)}",
                field="qualitative.tiers",
            )
        groups = tuple(
            TemplateGroup(_KINDS[g["kind"]], g["name"], to_decimal(g["weight"], "level1.weight"))
            for g in data.get("level1", ())
        )
        tiers = tuple(
            QualitativeTier(
                t["key"], Interval.parse(t["interval"]), t["text"], t.get("text_en", "")
            )
            for t in reversed(qualitative["tiers"])
        )
        remarks: list[str] = list(data.get("remarks", ()))
        interpretations: list[Interpretation] = []
        for i, entry in enumerate(data.get("interpretations", ())):
            if isinstance(entry, str):
                remarks.append(entry)
            else:
                interpretations.append(interpretation_from_dict(entry, f"interpretations[{i + 1}]"))
        rules = dict(rule_library("project"))
        if "rules" in data:
            rules |= library_from_dict(
                {"schema": "jixiao.rules/1", "rules": data["rules"]}, "template rules"
            )
        deviation = data.get("deviation", {})
        return Template(
            id=data["id"],
            title=data["title"],
            title_en=data.get("title_en", ""),
            jurisdiction=data["jurisdiction"],
            jurisdiction_en=data.get("jurisdiction_en", ""),
            year=data["year"],
            citation=Citation(**data["citation"]),
            execution_weight=to_decimal(data["execution_weight"], "execution_weight"),
            level1=groups,
            tiers=tiers,
            tiers_text=qualitative.get("text", ""),
            over=Ratio.parse(deviation["over"], "deviation.over") if "over" in deviation else None,
            under=Ratio.parse(deviation["under"], "deviation.under")
            if "under" in deviation
            else None,
            total=to_decimal(data.get("total", "100"), "total"),
            default=bool(data.get("default", False)),
            notes=tuple(data.get("notes", ())),
            remarks=tuple(remarks),
            interpretations=tuple(interpretations),
            indicators_weight=(
                to_decimal(data["indicators_weight"], "indicators_weight")
                if "indicators_weight" in data
                else None
            ),
            lower_is_better=data.get("lower_is_better", "inverse"),
            bare_target=data.get("bare_target", "by-row"),
            rules=rules,
            family=data.get("family", ""),
            period=period_from_dict(data["period"]) if "period" in data else None,
            grades=grades_from_dict(data["grades"]) if "grades" in data else DEFAULT_GRADES,
            source=data,
        )
    except KeyError as error:
        raise FrameworkError("missing", zh="缺少此项", field=str(error.args[0])) from None
