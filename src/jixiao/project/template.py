"""Self-evaluation table templates as data: weights, qualitative tiers, deviation lines.

A :class:`Template` says what a project table should weigh (execution, and
each level-1 group, or only all the indicators together when the table sets
the level-1 weights itself), how an evaluator's points for a qualitative
indicator map to its three tiers, which rule scores a lower-is-better row
(:data:`~jixiao.project.rules.LOWER_IS_BETTER`), and from which deviation a
shortfall or an over-achievement is reported. Shipped templates are TOML files
inside the package (:func:`available_templates`); a user's own file in the same
form loads through :func:`load_template`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import attrs

from jixiao._toml import (
    check_schema,
    package_ids,
    read_data_file,
    read_package_toml,
    refuse_unknown_keys,
)
from jixiao.errors import FrameworkError, JixiaoError
from jixiao.primitives import Interval, check_partition
from jixiao.project.model import Level1Kind, ProjectTable, printed_number
from jixiao.quantities import Ratio, to_decimal
from jixiao.score import Citation

T = TypeVar("T")

__all__ = [
    "QualitativeTier",
    "Template",
    "TemplateGroup",
    "available_templates",
    "default_template",
    "load_template",
    "match_template",
    "template",
]

SCHEMA = "jixiao.template/1"
_PACKAGE_DATA = "jixiao.data.templates"
_KINDS = {
    "output": Level1Kind.OUTPUT,
    "outcome": Level1Kind.OUTCOME,
    "satisfaction": Level1Kind.SATISFACTION,
}


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
    """A self-evaluation table template (jurisdiction + year).

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
        lower_is_better: the name of the rule that scores a lower-is-better
            row, a key of :data:`jixiao.project.rules.LOWER_IS_BETTER`:
            ``"inverse"`` (the default: weight × target ÷ actual above the
            target) or ``"linear"`` (weight × (1 − (actual − target) ÷ target),
            0 from twice the target).
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
    interpretations: tuple[str, ...] = ()
    indicators_weight: Decimal | None = None
    lower_is_better: str = "inverse"
    _kept: dict[tuple[str, str], Any] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, alias="_kept"
    )

    def kept(self, key: tuple[str, str], build: Callable[[], T]) -> T:
        """What *build* makes of this template's rules for *key* (a kind of row
        and a weight as written), made once and kept with the template: rule
        data, like a framework's plan."""
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = build()
        made: T = found
        return made

    def __attrs_post_init__(self) -> None:
        check_partition([t.interval for t in self.tiers], f"template {self.id} tiers")
        if (self.indicators_weight is None) == (not self.level1):
            raise FrameworkError(
                "give either level1 (fixed level-1 weights) or indicators_weight "
                "(level-1 weights set by the table), not both",
                row=f"template {self.id}",
            )
        fixed = sum((g.weight for g in self.level1), Decimal(0))
        weights = self.execution_weight + (self.indicators_weight or fixed)
        if weights != self.total:
            raise FrameworkError(
                f"execution and level-1 weights add up to {weights}, not {self.total}",
                row=f"template {self.id}",
            )
        from jixiao.project.rules import LOWER_IS_BETTER

        if self.lower_is_better not in LOWER_IS_BETTER:
            raise FrameworkError(
                f"unknown lower-is-better rule; expected one of: {', '.join(LOWER_IS_BETTER)}",
                field="lower_is_better",
                value=self.lower_is_better,
            )

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
        if printed_number(table.funds.weight) != self.execution_weight:
            return False
        printed = {top.kind: printed_number(top.weight) for top in table.level1}
        if self.indicators_weight is not None:
            weights = [w for w in printed.values() if w is not None]
            return (
                None not in printed
                and len(weights) == len(table.level1)
                and sum(weights, Decimal(0)) == self.indicators_weight
            )
        expected = {g.kind: g.weight for g in self.level1}
        return printed == expected

    def __repr__(self) -> str:
        return f"<Template {self.id}>"


TIER_KEYS = ("achieved", "partly", "not")
"""The keys of the three qualitative tiers, as rows and templates name them."""


def _keys(data: object, allowed: set[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise FrameworkError("expected a table", field=where, value=data)
    refuse_unknown_keys(data, allowed, where)


def _template_from_dict(data: Mapping[str, Any]) -> Template:
    allowed = {
        "schema",
        "id",
        "title",
        "title_en",
        "jurisdiction",
        "jurisdiction_en",
        "year",
        "default",
    }
    allowed |= {"total", "execution_weight", "notes", "interpretations", "citation", "level1"}
    allowed |= {"qualitative", "deviation", "indicators_weight", "lower_is_better"}
    refuse_unknown_keys(data, allowed, "template")
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
                f"the tiers' keys must be {', '.join(TIER_KEYS)}", field="qualitative.tiers"
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
            interpretations=tuple(data.get("interpretations", ())),
            indicators_weight=(
                to_decimal(data["indicators_weight"], "indicators_weight")
                if "indicators_weight" in data
                else None
            ),
            lower_is_better=data.get("lower_is_better", "inverse"),
        )
    except KeyError as error:
        raise FrameworkError("missing", field=str(error.args[0])) from None


@cache
def available_templates() -> tuple[str, ...]:
    """The ids of the templates shipped with jixiao (read once: shipped data)."""
    return package_ids(_PACKAGE_DATA)


@cache
def template(id: str) -> Template:
    """A shipped template by id, e.g. ``template("national-2020")``.

    Raises:
        UnknownKeyError: no shipped template has that id (the message lists them).
    """
    data = read_package_toml(_PACKAGE_DATA, id, "template")
    try:
        return _template_from_dict(data)
    except JixiaoError as error:  # pragma: no cover - shipped data is tested
        raise error.located(source=f"{id}.toml") from None


def default_template() -> Template:
    """The template used when a table names none and its weights fit none."""
    for id in available_templates():
        if template(id).default:
            return template(id)
    raise FrameworkError("no shipped template is marked default")  # pragma: no cover


def load_template(path: str | Path) -> Template:
    """Read a user's template file (same form as the shipped ones)."""
    try:
        return _template_from_dict(read_data_file(path))
    except JixiaoError as error:
        raise error.located(source=str(path)) from None


def match_template(table: ProjectTable) -> Template | None:
    """The template a table names, else the first shipped one its weights fit
    (the default first), else ``None``."""
    if table.template:
        return template(table.template)
    for candidate in _candidates():
        if candidate.fits(table):
            return candidate
    return None


@cache
def _candidates() -> tuple[Template, ...]:
    """The shipped templates, the default first (shipped data: sorted once)."""
    return tuple(sorted((template(i) for i in available_templates()), key=lambda t: not t.default))
