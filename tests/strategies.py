"""Hypothesis strategies for jixiao's tests, collected in one place.

Numbers are drawn as exact decimals (never floats), handed to the library in
the forms a user has in hand: ``Decimal``, ``int`` or text. Inputs for a rule
are drawn from the *indicator* they score, so the same strategies work for
re-weighted frameworks (checklist items and judged points follow the weights).
"""

from __future__ import annotations

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
def _procurement(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    inputs: Inputs = {"policy": draw(verdict(_judged_most(indicator, "policy")))}
    if draw(st.booleans()):
        inputs["rate"] = draw(ratios(0, 150))
    else:
        inputs["planned"] = draw(positive_amounts())
        inputs["purchased"] = draw(amounts())
    return inputs


@st.composite
def _financial(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    inputs: Inputs = {
        "spending": draw(verdict(_judged_most(indicator, "spending"))),
        "accounting": draw(verdict(_judged_most(indicator, "accounting"))),
    }
    if draw(st.booleans()):
        inputs["adjustment"] = draw(ratios(0, 40))
    else:
        inputs["budget_total"] = draw(positive_amounts())
        inputs["adjusted"] = draw(amounts())
    if draw(st.booleans()):
        inputs["violations"] = draw(st.booleans())
    return inputs


@st.composite
def _disclosure(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    tiers = st.sampled_from(["full", "partial", "none"])
    inputs: Inputs = {"budget": draw(tiers), "final_accounts": draw(tiers)}
    if draw(st.booleans()):
        inputs["classified"] = draw(st.booleans())
    return inputs


@st.composite
def _fixed_assets(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    if draw(st.booleans()):
        return {"rate": draw(ratios(0, 120))}
    return {"total": draw(positive_amounts()), "in_use": draw(amounts())}


@st.composite
def _funded_staff(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    return {"established": draw(counts(300)), "authorized": draw(st.integers(1, 300))}


@st.composite
def _non_establishment(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    established = draw(counts(300))
    extra = draw(st.integers(0 if established else 1, 300))
    return {"established": established, "non_establishment": extra}


@st.composite
def _public_funds(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    return {
        "three_public_budget": draw(positive_amounts(1_000)),
        "three_public_spent": draw(amounts(0, 1_500)),
        "routine_budget": draw(positive_amounts()),
        "routine_spent": draw(amounts(0, 150_000)),
    }


@st.composite
def quarter_amounts(draw: st.DrawFn) -> list[dict[str, Decimal | str]]:
    """Four quarters of cumulative spending and the budget at each quarter's end."""
    return [
        {"spent": draw(amounts(0, 5_000)), "budget": draw(positive_amounts(5_000))}
        for _ in range(4)
    ]


@st.composite
def _budget_execution(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    if draw(st.booleans()):
        return {"progress": draw(st.lists(ratios(0, 130), min_size=4, max_size=4))}
    return {"quarters": draw(quarter_amounts())}


@st.composite
def _timeliness(draw: st.DrawFn, indicator: Indicator) -> Inputs:
    planned = draw(st.integers(1, 60))
    return {"planned": planned, "completed": draw(st.integers(0, planned))}


def _items(indicator: Indicator) -> st.SearchStrategy[Inputs]:
    return st.fixed_dictionaries({"items": verdict_lists(checklist_items(indicator))})


def _count(name: str, high: int = 12) -> Any:
    return lambda indicator: st.fixed_dictionaries({name: counts(high)})


RULE_INPUTS: dict[str, Any] = {
    "budget_reasonableness": _items,
    "budget_compliance": _count("violations"),
    "target_completeness": _count("shortfalls"),
    "indicator_clarity": _items,
    "procurement_execution": _procurement,
    "financial_compliance": _financial,
    "budget_disclosure": _disclosure,
    "project_procedures": _items,
    "project_supervision": _items,
    "asset_security": _items,
    "fixed_asset_utilization": _fixed_assets,
    "funded_staff_control": _funded_staff,
    "non_establishment_staff": _non_establishment,
    "management_systems": _items,
    "public_funds_control": _public_funds,
    "budget_execution": _budget_execution,
    "key_task_completion": _count("uncompleted", 4),
    "project_timeliness": _timeliness,
    "effectiveness": lambda ind: st.fixed_dictionaries(
        {"points": verdict(_judged_most(ind, "points"))}
    ),
    "petition_handling": _items,
    "satisfaction": lambda ind: st.fixed_dictionaries({"rate": ratios(0, 100)}),
}
"""For each rule function, a strategy of valid keyword inputs given the indicator."""


def rule_inputs(indicator: Indicator) -> st.SearchStrategy[Inputs]:
    """Valid keyword inputs for *indicator*'s rule function."""
    strategy: st.SearchStrategy[Inputs] = RULE_INPUTS[indicator.function](indicator)
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
