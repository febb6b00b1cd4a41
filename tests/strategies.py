"""Hypothesis strategies for jixiao's tests, collected in one place.

Numbers are drawn as exact decimals (never floats), handed to the library in
the forms a user has in hand: ``Decimal``, ``int`` or text. Inputs for a rule
are drawn from the *indicator* they score, so the same strategies work for
re-weighted frameworks (checklist items and judged points follow the weights).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

import jixiao
from jixiao.framework import Framework, Group, Indicator
from jixiao.primitives import Checklist, Judged
from jixiao.quantities import Ratio

FRAMEWORK_ID = "shenzhen-luohu-2023"

Inputs = dict[str, Any]


def luohu() -> Framework:
    """The shipped 2023 Luohu framework."""
    return jixiao.framework(FRAMEWORK_ID)


# ---------------------------------------------------------------- numbers


def decimals(
    low: Decimal | int | str = 0, high: Decimal | int | str = 10_000, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite decimals in ``[low, high]`` with at most *places* places."""
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def number_forms(value: Decimal) -> st.SearchStrategy[Decimal | str]:
    """The same number as a ``Decimal`` or as text (``"1,171.04"`` style too)."""
    text = format(value, "f")
    forms: list[Decimal | str] = [value, text, f" {text} "]
    return st.sampled_from(forms)


def amounts(
    low: Decimal | int | str = 0, high: Decimal | int | str = 100_000
) -> st.SearchStrategy[Decimal | str]:
    """A non-negative amount with at most two places, as Decimal or text."""
    return decimals(low, high).flatmap(number_forms)


def positive_amounts(high: Decimal | int | str = 100_000) -> st.SearchStrategy[Decimal | str]:
    """An amount above zero (a budget, a plan: a denominator)."""
    return amounts(Decimal("0.01"), high)


def counts(high: int = 500) -> st.SearchStrategy[int]:
    """A whole number of people, tasks or projects."""
    return st.integers(min_value=0, max_value=high)


def percents(
    low: Decimal | int | str = 0, high: Decimal | int | str = 200
) -> st.SearchStrategy[Decimal]:
    """A percentage (84.51 means 84.51 %) with at most two places."""
    return decimals(low, high, places=2)


def ratios(
    low: Decimal | int | str = 0, high: Decimal | int | str = 200
) -> st.SearchStrategy[Ratio | str]:
    """A ratio as a :class:`Ratio` or as text with a percent sign."""
    return percents(low, high).flatmap(
        lambda p: st.sampled_from([Ratio.percent(p), f"{format(p, 'f')}%"])
    )


# ---------------------------------------------------------------- verdicts


def verdict(most: Decimal) -> st.SearchStrategy[bool | Decimal | str]:
    """One evaluator's verdict on an item worth *most*: met, not met, or points."""
    points = decimals(0, most, places=2)
    return st.one_of(st.booleans(), points, points.map(lambda d: format(d, "f")))


def verdict_lists(items: tuple[Decimal, ...]) -> st.SearchStrategy[bool | list[Any]]:
    """A checklist's verdicts: ``True``/``False`` for all, or one per item."""
    return st.one_of(st.booleans(), st.tuples(*(verdict(p) for p in items)).map(list))


def checklist_items(indicator: Indicator) -> tuple[Decimal, ...]:
    for component in indicator.components:
        if isinstance(component, Checklist):
            return tuple(item.points for item in component.items)
    raise AssertionError(f"{indicator.key} has no checklist")


def _judged_most(indicator: Indicator, measure: str) -> Decimal:
    for component in indicator.components:
        if isinstance(component, Judged) and component.measure == measure:
            return component.points
    raise AssertionError(f"{indicator.key} has no judged component {measure}")


# ---------------------------------------------------------------- rule inputs


@st.composite
def quarter_amounts(draw: st.DrawFn) -> list[dict[str, Decimal | str]]:
    """Four quarters of cumulative spending (never falling) and the budget at
    each quarter's end."""
    spent = sorted(draw(decimals(0, 5_000)) for _ in range(4))
    return [
        {"spent": draw(number_forms(s)), "budget": draw(positive_amounts(5_000))} for s in spent
    ]


def _component_reading(indicator: Indicator, name: str) -> Any:
    return next((c for c in indicator.components if c.measure == name), None)


def _kind_value(indicator: Indicator, item: Any, positive: bool) -> st.SearchStrategy[Any]:
    """A valid value of one declared input, drawn by its kind."""
    from jixiao.primitives import Tiers
    from jixiao.spec import InputKind

    kind = item.kind
    if kind is InputKind.RECORDS:
        record = st.fixed_dictionaries(
            {
                f.name: positive_amounts(5_000) if f.name == "budget" else amounts(0, 5_000)
                for f in item.fields
            }
        )
        return st.lists(record, min_size=item.length, max_size=item.length)
    if item.length is not None:
        return st.lists(ratios(0, 130), min_size=item.length, max_size=item.length)
    if kind is InputKind.AMOUNT:
        return positive_amounts() if positive else amounts()
    if kind is InputKind.COUNT:
        return st.integers(1, 300) if positive else counts(300)
    if kind is InputKind.RATIO:
        if item.signed:
            return percents(-100, 100).map(lambda p: f"{format(p, 'f')}%")
        return ratios(0, 150)
    if kind is InputKind.NUMBER:
        return decimals("0.01" if positive else 0, 10_000).flatmap(number_forms)
    if kind is InputKind.FLAG:
        return st.booleans()
    if kind is InputKind.VERDICTS:
        return verdict_lists(checklist_items(indicator))
    if kind is InputKind.POINTS:
        return verdict(_judged_most(indicator, item.name))
    component = _component_reading(indicator, item.name)
    assert isinstance(component, Tiers), (indicator.key, item.name)
    return st.sampled_from([t.key for t in component.tiers])


@st.composite
def declared_inputs(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    """Valid inputs for *indicator*, drawn from its declared inputs alone: one
    of each measure's alternatives (a ready ratio or its parts), denominators
    above 0, constraints met, optional flags sometimes given."""
    from jixiao.spec.inputs import InputKind
    from jixiao.spec.measures import ChangeMeasure, RatioMeasure, ScheduleMeasure

    skip: set[str] = set()
    positive: set[str] = set()
    sums: list[tuple[str, ...]] = []
    for measure in indicator.measures:
        if isinstance(measure, RatioMeasure):
            if len(measure.whole) == 1:
                positive.add(measure.whole[0])
            else:
                sums.append(measure.whole)
            if measure.given:
                ready = draw(st.booleans())
                skip |= {measure.part, *measure.whole} if ready else {measure.given}
        elif isinstance(measure, ChangeMeasure):
            positive.add(measure.previous)
            if measure.given:
                ready = draw(st.booleans())
                skip |= {measure.current, measure.previous} if ready else {measure.given}
        elif isinstance(measure, ScheduleMeasure):
            skip.add(measure.given if draw(st.booleans()) else measure.records)
    inputs: Inputs = {}
    for item in indicator.inputs:
        if item.name in skip:
            continue
        if item.kind is InputKind.FLAG and not item.required and not draw(st.booleans()):
            continue
        inputs[item.name] = draw(
            _kind_value(indicator, item, item.name in positive), label=item.name
        )
    for names in sums:
        if all(inputs.get(n) == 0 for n in names):
            inputs[names[-1]] = 1
    for item in indicator.inputs:
        for constraint in item.constraints:
            if item.name in inputs:
                inputs[item.name] = _meeting(draw, constraint, item, inputs)
    return inputs


def _meeting(draw: st.DrawFn, constraint: Any, item: Any, inputs: Inputs) -> Any:
    """Input *item*'s value redrawn (or reordered) to meet *constraint*."""
    from jixiao.quantities import as_ratio, to_decimal

    value = inputs[item.name]
    if constraint.kind == "not-falling":
        if constraint.field:
            ordered = sorted((r[constraint.field] for r in value), key=to_decimal)
            return [{**r, constraint.field: v} for r, v in zip(value, ordered, strict=True)]
        return sorted(value, key=lambda r: as_ratio(r, item.name).value)
    if constraint.limit:
        most = as_ratio(constraint.limit, "limit").value * 100
        return draw(ratios(0, most), label=f"{item.name} ≤ {constraint.limit}")
    other = inputs.get(constraint.other)
    if other is None:
        return value
    if isinstance(other, int):
        return draw(st.integers(0, other), label=f"{item.name} ≤")
    return draw(amounts(0, to_decimal(other)), label=f"{item.name} ≤")


def rule_inputs(indicator: Indicator) -> st.SearchStrategy[Inputs]:
    """Valid keyword inputs for *indicator*'s rule, from its declared inputs."""
    strategy: st.SearchStrategy[Inputs] = declared_inputs(indicator)
    return strategy


def department_inputs(fw: Framework | None = None) -> st.SearchStrategy[dict[str, Inputs]]:
    """Valid inputs for every indicator of *fw* (default: Luohu 2023)."""
    framework = fw if fw is not None else luohu()
    return st.fixed_dictionaries({ind.key: rule_inputs(ind) for ind in framework.indicators})


# ---------------------------------------------------------------- re-weighting


def _parents(fw: Framework) -> dict[str, list[Group]]:
    """For each indicator key, its ancestors from level 2 up to level 1."""
    result: dict[str, list[Group]] = {}

    def walk(node: Group, above: list[Group]) -> None:
        for child in node.children:
            if isinstance(child, Group):
                walk(child, [child, *above])
            else:
                result[child.key] = above

    for group in fw.children:
        walk(group, [group])
    return result


@st.composite
def reweights(draw: st.DrawFn, fw: Framework | None = None) -> dict[str, Decimal]:
    """A consistent re-weighting: move some points from one indicator to
    another, adjusting both chains of parents so every level still adds up."""
    framework = fw if fw is not None else luohu()
    candidates = [i for i in framework.indicators if i.weight > 0]
    source = draw(st.sampled_from(candidates))
    target = draw(st.sampled_from([i for i in candidates if i.key != source.key]))
    moved = draw(decimals(Decimal("0.01"), source.weight - Decimal("0.01"), places=2))
    weights: dict[str, Decimal] = {}

    def shift(key: str, old: Decimal, by: Decimal) -> None:
        weights[key] = weights.get(key, old) + by

    parents = _parents(framework)
    shift(source.key, source.weight, -moved)
    for group in parents[source.key]:
        shift(group.key, group.weight, -moved)
    shift(target.key, target.weight, moved)
    for group in parents[target.key]:
        shift(group.key, group.weight, moved)
    return weights


def reweighted_frameworks() -> st.SearchStrategy[Framework]:
    """The Luohu framework under a random consistent re-weighting."""
    return reweights().map(lambda w: luohu().reweight(w, id="test+reweighted"))


# ---------------------------------------------------------------- plain data


def toml_text() -> st.SearchStrategy[str]:
    """Text a TOML file can hold: any character but a surrogate (control
    characters and DEL, U+007F, included: dumps_toml escapes them). Half the
    examples are drawn from the characters that need escaping, which the
    general alphabet rarely yields."""
    awkward = st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\x80", "中"])
    return st.text(st.characters(codec="utf-8")) | st.text(awkward)


def toml_data(max_leaves: int = 12) -> st.SearchStrategy[dict[str, Any]]:
    """Nested plain data of the kinds jixiao's files hold."""
    scalars = st.one_of(
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        toml_text(),
    )
    values = st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(toml_text(), children, max_size=4),
        ),
        max_leaves=max_leaves,
    )
    return st.dictionaries(toml_text(), values, max_size=5)


HEAVY_EXAMPLES = 20
"""Examples for properties that evaluate a whole department (21 rules each):
fewer than the profile's default, to keep the suite fast on a 2-core machine."""


# ---------------------------------------------------------------- generated rule sets

KINDS_OF_COMPONENT = (
    "bands",
    "proportional",
    "deduction",
    "excess",
    "checklist",
    "judged",
    "tiers",
)

_INPUT_OF = {
    "bands": "ratio",
    "proportional": "ratio",
    "excess": "ratio",
    "deduction": "count",
    "checklist": "verdicts",
    "judged": "points",
    "tiers": "choice",
}
"""The kind of input a generated component reads (its measure is that input)."""


def _text(value: Decimal) -> str:
    return (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )


def _percent(value: Decimal) -> str:
    return f"{_text(value * 100)}%"


@st.composite
def _points_summing_to(draw: st.DrawFn, total: Decimal, count: int) -> list[Decimal]:
    """*count* non-negative amounts with two places that add up to *total*."""
    cents = int(total * 100)
    cuts = sorted(draw(st.lists(st.integers(0, cents), min_size=count - 1, max_size=count - 1)))
    edges = [0, *cuts, cents]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(edges)]


@st.composite
def component_data(draw: st.DrawFn, measure: str, points: Decimal) -> dict[str, Any]:
    """A random component of any kind worth *points*, in its file form."""
    kind = draw(st.sampled_from(KINDS_OF_COMPONENT))
    data: dict[str, Any] = {"kind": kind, "measure": measure, "points": _text(points)}
    data["text"] = draw(st.sampled_from(["", "条款", "clause"]))
    if kind == "bands":
        edges = sorted(set(draw(st.lists(decimals(0, 2, places=2), min_size=1, max_size=4))))
        edges = [e for e in edges if e > 0] or [Decimal("0.5")]
        lows = [Decimal(0), *edges]
        bands = []
        closed = [draw(st.booleans()) for _ in edges]  # whether each edge belongs to the band above
        best = draw(st.integers(0, len(lows) - 1))
        for i, low in enumerate(lows):
            top = "∞" if i == len(edges) else _percent(edges[i])
            opening = "[" if i == 0 or closed[i - 1] else "("
            closing = ")" if i == len(edges) or closed[i] else "]"
            got = points if i == best else draw(decimals(0, points, places=2))
            bands.append(
                {
                    "interval": f"{opening}{_percent(low)}, {top}{closing}",
                    "points": _text(got),
                    "text": f"第{i + 1}档",
                }
            )
        data["bands"] = bands
    elif kind == "proportional":
        if draw(st.booleans()):
            data["factor"] = _text(draw(decimals(0, 20, places=2)))
        if draw(st.booleans()):
            data["zero_when"] = f"({_percent(draw(decimals(1, 2, places=2)))}, ∞)"
        if draw(st.booleans()):
            data["capped"] = False
    elif kind == "deduction":
        data["per_item"] = _text(draw(decimals("0.01", 5, places=2)))
    elif kind == "excess":
        data["threshold"] = _text(draw(decimals(0, 1, places=2)))
        data["per_unit"] = _text(draw(decimals("0.01", 2, places=2)))
        data["unit"] = draw(st.sampled_from(["0.01", "0.05", "1"]))
        data["steps"] = draw(st.sampled_from(["pro-rata", "started", "completed"]))
    elif kind == "checklist":
        count = draw(st.integers(1, 4))
        data["items"] = [
            {"text": f"第{i + 1}项", "points": _text(p)}
            for i, p in enumerate(draw(_points_summing_to(points, count)))
        ]
    elif kind == "tiers":
        count = draw(st.integers(1, 3))
        tiers = [draw(decimals(0, points, places=2)) for _ in range(count)]
        tiers[draw(st.integers(0, count - 1))] = points
        data["tiers"] = [
            {"key": f"t{i}", "points": _text(p), "text": f"档{i}"} for i, p in enumerate(tiers)
        ]
    return data


@st.composite
def indicator_data(draw: st.DrawFn, key: str, parent: str) -> dict[str, Any]:
    """A random level-3 indicator in its file form, declaring its own inputs:
    one per component (the component's measure), and a flag when it has a
    veto or an exemption."""
    count = draw(st.integers(1, 3))
    points = [draw(decimals(0, 10, places=2)) for _ in range(count)]
    components = [draw(component_data(f"m{i}", p)) for i, p in enumerate(points)]
    inputs: list[dict[str, Any]] = [
        {"name": c["measure"], "label": "输入", "kind": _INPUT_OF[c["kind"]]} for c in components
    ]
    data: dict[str, Any] = {
        "key": key,
        "parent": parent,
        "name": f"指标{key}",
        "name_en": key,
        "weight": _text(sum(points, Decimal(0))),
        "inputs": inputs,
        "measures": [],
        "components": components,
    }
    condition = draw(st.sampled_from([None, "veto", "exemption"]))
    if condition is not None:
        inputs.append(
            {"name": "flag", "label": "条件", "kind": "flag", "required": False, "default": False}
        )
        data[condition] = {"measure": "flag", "text": "条件成立", "text_en": "the condition holds"}
    if draw(st.booleans()):
        data["rounding"] = "parts"
    return data


@st.composite
def framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """A random framework in its file form: a tree of one to three level-1
    groups, each of one to three level-2 groups of one to three indicators,
    the weights adding up at every level, with grades of its own when its
    total is above the national grades' 100."""
    groups: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    for a in range(draw(st.integers(1, 3))):
        top = {"key": f"g{a}", "name": f"一级{a}", "name_en": f"level 1 #{a}"}
        groups.append(top)
        top_weight = Decimal(0)
        for b in range(draw(st.integers(1, 3))):
            middle = {"key": f"g{a}_{b}", "parent": f"g{a}", "name": f"二级{a}{b}", "name_en": ""}
            groups.append(middle)
            weight = Decimal(0)
            for c in range(draw(st.integers(1, 3))):
                leaf = draw(indicator_data(f"i{a}_{b}_{c}", f"g{a}_{b}"))
                indicators.append(leaf)
                weight += Decimal(leaf["weight"])
            middle["weight"] = _text(weight)
            top_weight += weight
        top["weight"] = _text(top_weight)
    total = sum((Decimal(g["weight"]) for g in groups if "parent" not in g), Decimal(0))
    grades: dict[str, Any] = {}
    if total > 100:  # the national grades stop at 100: state bands that reach the total
        edges = [_text(total * share) for share in (Decimal("0.9"), Decimal("0.8"), Decimal("0.6"))]
        grades["grades"] = {
            "bands": [
                {"grade": "优", "interval": f"[{edges[0]}, {_text(total)}]"},
                {"grade": "良", "interval": f"[{edges[1]}, {edges[0]})"},
                {"grade": "中", "interval": f"[{edges[2]}, {edges[1]})"},
                {"grade": "差", "interval": f"[0, {edges[2]})"},
            ]
        }
    return grades | {
        "schema": "jixiao.framework/1",
        "id": "generated",
        "family": "generated",
        "title": "生成的框架",
        "title_en": "a generated framework",
        "jurisdiction": "测试",
        "jurisdiction_en": "test",
        "year": 2024,
        "period": {"first": 2024},
        "weight": _text(total),
        "citation": {"title": "生成的框架", "issuer": "测试", "year": 2024},
        "groups": groups,
        "indicators": indicators,
    }


def _value(kind: str, component: Any) -> st.SearchStrategy[Any]:
    from jixiao.primitives import Checklist, Judged, Tiers

    if kind == "ratio":
        return ratios(0, 250)
    if kind == "count":
        return counts(20)
    if kind == "verdicts":
        assert isinstance(component, Checklist)
        return verdict_lists(tuple(item.points for item in component.items))
    if kind == "points":
        assert isinstance(component, Judged)
        return verdict(component.points)
    assert isinstance(component, Tiers)
    return st.sampled_from([t.key for t in component.tiers])


def generated_inputs(fw: Framework) -> st.SearchStrategy[dict[str, Inputs]]:
    """Valid inputs for every indicator of a generated framework, drawn from
    each indicator's declared inputs."""

    def one(indicator: Indicator) -> st.SearchStrategy[Inputs]:
        by_measure = {c.measure: c for c in indicator.components}
        fields: dict[str, st.SearchStrategy[Any]] = {}
        optional: dict[str, st.SearchStrategy[Any]] = {}
        for item in indicator.inputs:
            if item.kind.value == "flag":
                optional[item.name] = st.booleans()
            else:
                fields[item.name] = _value(item.kind.value, by_measure[item.name])
        return st.fixed_dictionaries(fields, optional=optional)

    return st.fixed_dictionaries({ind.key: one(ind) for ind in fw.indicators})
