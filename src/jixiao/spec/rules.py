"""Rules as data: a level-3 indicator (or a project row's rule) with its
inputs, measures, components, conditions, wording and citation, and the
groups of a framework's tree.

An :class:`Indicator` says everything about one rule: what it reads
(:class:`~jixiao.spec.inputs.Input`), what it computes from that
(:mod:`~jixiao.spec.measures`), how points follow (its components, from
:mod:`jixiao.primitives`), which clauses set the points aside (a veto, an
exemption: :class:`Condition`), where the points are rounded, how it is
worded and cited, and the interpretations of what its text leaves open.
:func:`jixiao.score.score_rule` scores it; nothing else does.

How the points are put together, in order:

1. an exemption that holds gives the full weight (nothing else is scored);
2. each component scores its measure; a veto scoped to a component (or to
   one item of a checklist) sets that part to 0;
3. the parts are summed (with ``rounding = "parts"`` each part is first
   rounded half-up to 0.01); a veto of the whole indicator that holds gives 0;
4. a re-weighted indicator scales the sum by weight ÷ the weight its rule is
   written for;
5. the sum is settled to 20 places (:data:`~jixiao.quantities.SETTLE`),
   capped at the weight and rounded half-up to 0.01.
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from jixiao.errors import FrameworkError
from jixiao.intervals import Interval
from jixiao.primitives import Checklist, Component, measure_value
from jixiao.quantities import ZERO, Number, round_points, to_decimal
from jixiao.spec._wording import IndicatorWording
from jixiao.spec.inputs import Input
from jixiao.spec.measures import Measure
from jixiao.spec.rulesets import Citation, Interpretation

__all__ = ["ROUNDINGS", "Condition", "Example", "Group", "Indicator", "RulePlan"]

ROUNDINGS = ("indicator", "parts")
"""Where a rule's points are rounded: only the indicator's sum, or each part first."""

_ITEM = re.compile(r"^(?P<measure>[^\[\]]+)\[(?P<item>[1-9][0-9]*)\]$")


@attrs.frozen
class Condition:
    """A clause that sets points aside from the components: a veto (→ 0) or an
    exemption (→ full points).

    Attributes:
        measure: the measure (or input) it reads.
        text: its official wording (``text_en`` in English).
        when: the interval in which the measure makes it hold; ``None``: it
            holds when the measure is ``True``.
        scope: what it sets: ``""`` the whole indicator, a component's measure
            (that component), or ``"measure[n]"`` item *n* of a checklist.
    """

    measure: str
    text: str
    text_en: str = ""
    when: Interval | None = None
    scope: str = ""

    def holds(self, value: object) -> bool:
        """Whether the condition holds for the measure's *value*."""
        if self.when is None:
            return value is True
        if value is None:
            return False
        return self.when.contains(measure_value(value, self.measure))

    @property
    def item(self) -> tuple[str, int | None]:
        """The component's measure it is scoped to and the item (from 1), if any."""
        match = _ITEM.match(self.scope)
        if match is None:
            return self.scope, None
        return match["measure"], int(match["item"])


@attrs.frozen
class Example:
    """A worked example of a rule, kept with the rule's data: the inputs of its
    rule function and the points they give. Tests and the documentation run
    every example, so neither can drift from the code."""

    inputs: Mapping[str, Any]
    points: Decimal
    note: str = ""


@attrs.frozen
class RulePlan:
    """What the evaluator needs of an indicator, derived once from its data.

    Attributes:
        names: the names of its inputs.
        required: the names of its required inputs.
        inputs: each input's name, its reader (``None`` when the input is
            read as given: :attr:`~jixiao.spec.inputs.Input.converts`) and
            default, in declared order.
        constrained: the inputs that have constraints.
        measures: the declared measures, in order.
        read: the measures (and inputs) its components and conditions read,
            which a score keeps.
        weight: the weight, and ``rounded_weight`` it rounded to 0.01.
        scale: weight ÷ the weight the rule is written for, when re-weighted.
        exemption: the exemption, if any.
        veto: the veto of the whole indicator, if any; ``scoped``: a veto of a
            component or an item.
        by_parts: whether each part is rounded before the sum.
        components: each component with the measure it reads and its
            :meth:`~jixiao.primitives.Component.score`.
    """

    names: frozenset[str]
    required: frozenset[str]
    inputs: tuple[tuple[str, Callable[[object], object] | None, object], ...]
    constrained: tuple[Input, ...]
    measures: tuple[Measure, ...]
    read: tuple[str, ...]
    weight: Decimal
    rounded_weight: Decimal
    scale: Decimal | None
    exemption: Condition | None
    veto: Condition | None
    scoped: Condition | None
    by_parts: bool
    components: tuple[tuple[Component, str, Callable[[object], tuple[Decimal, object]]], ...]


@attrs.frozen(repr=False)
class Indicator:
    """A level-3 indicator (or a project row's rule): its wording, weight and rule.

    Attributes:
        key: the code name, also the key of its inputs in input files.
        name: the official Chinese name.
        name_en: the English name.
        weight: the most points it gives (参考分值).
        components: the rule's primitives; their points add up to the weight
            the rule is written for.
        citation: where the rule comes from, narrowed to this indicator.
        function: the rule function (in :mod:`jixiao.rules`) whose inputs and
            measures it takes, when it shares them; ``""`` when declared here.
        inputs: what it reads (:class:`~jixiao.spec.inputs.Input`).
        measures: what it computes from them, in order.
        description: 指标说明, as published.
        rule_text: 评分标准, as published.
        veto: a clause that sets points to 0 (the whole, a component or an item).
        exemption: a clause that gives the full weight.
        interpretations: the readings the text leaves open, each a switch.
        notes: the library's statements about the rule that are not switches
            (what an input counts, why a placeholder weighs what it weighs).
        examples: worked examples (inputs and the points they give).
        reference_weight: the weight the rule's points are written for
            (``None``: the weight itself). A re-weighted indicator keeps its
            official rule and scales the rule's sum by weight ÷ reference weight.
        rounding: ``"indicator"`` (only the sum is rounded) or ``"parts"``.
        readings: the interpretations read otherwise than by default, as
            (interpretation, alternative) pairs.
    """

    key: str
    name: str
    name_en: str
    weight: Decimal
    components: tuple[Component, ...]
    citation: Citation
    function: str = ""
    inputs: tuple[Input, ...] = ()
    measures: tuple[Measure, ...] = ()
    description: str = ""
    rule_text: str = ""
    veto: Condition | None = None
    exemption: Condition | None = None
    interpretations: tuple[Interpretation, ...] = ()
    notes: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    reference_weight: Decimal | None = None
    rounding: str = "indicator"
    readings: tuple[tuple[str, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        most = sum((c.points for c in self.components), ZERO)
        if most != self.rule_weight:
            raise FrameworkError(
                f"the rule's components give at most {most}, not the weight {self.rule_weight}",
                zh=f"评分标准的各部分最多给 {most} 分，而不是分值 {self.rule_weight}",
                row=self.name,
            )
        if self.reference_weight is not None and self.reference_weight == 0 != self.weight:
            raise FrameworkError(
                "a rule written for 0 points cannot be scaled",
                zh="按 0 分写的评分标准不能按比例换算",
                row=self.name,
            )
        if self.rounding not in ROUNDINGS:
            raise FrameworkError(
                f"unknown rounding; expected one of: {', '.join(ROUNDINGS)}",
                zh=f"未知的舍入方式；应为以下之一：{', '.join(ROUNDINGS)}",
                row=self.name,
                value=self.rounding,
            )
        self._check_names()

    def _check_names(self) -> None:
        known: set[str] = set()
        for item in self.inputs:
            if item.name in known:
                raise FrameworkError(
                    f"the input {item.name!r} is declared twice",
                    zh=f"输入 {item.name!r} 声明了两次",
                    row=self.name,
                )
            known.add(item.name)
        inputs = set(known)
        for measure in self.measures:
            missing = [name for name in measure.reads if name and name not in known]
            if missing:
                raise FrameworkError(
                    f"the measure {measure.key!r} reads {', '.join(missing)}, "
                    "which is neither an input nor an earlier measure",
                    zh=f"计算量 {measure.key!r} 读取 {', '.join(missing)}，但它既不是输入也不是之前的计算量",
                    row=self.name,
                )
            if measure.key in known - inputs:
                raise FrameworkError(
                    f"the measure {measure.key!r} is declared twice",
                    zh=f"计算量 {measure.key!r} 声明了两次",
                    row=self.name,
                )
            known.add(measure.key)
        if not self.inputs:
            return  # a rule with no inputs reads nothing (a row that does not apply)
        for name in self.plan.read:
            if name not in known:
                raise FrameworkError(
                    f"the rule reads {name!r}, which is neither an input nor a measure",
                    zh=f"评分标准读取 {name!r}，但它既不是输入也不是计算量",
                    row=self.name,
                )
        by_measure = {c.measure: c for c in self.components}
        for condition in (self.veto, self.exemption):
            if condition is None or not condition.scope:
                continue
            scoped, number = condition.item
            component = by_measure.get(scoped)
            if component is None or (
                number is not None
                and not (isinstance(component, Checklist) and number <= len(component.items))
            ):
                raise FrameworkError(
                    "a condition's scope names no component (or no item) of the rule",
                    zh="条件的适用范围没有指向评分标准的任何部件（或检查项）",
                    row=self.name,
                    value=condition.scope,
                )

    @cached_property
    def plan(self) -> RulePlan:
        """What the evaluator needs of this rule, derived from its data once."""
        read: list[str] = []
        for name in [c.measure for c in self.components] + [
            c.measure for c in (self.veto, self.exemption) if c is not None
        ]:
            if name not in read:
                read.append(name)
        veto = self.veto
        return RulePlan(
            names=frozenset(i.name for i in self.inputs),
            required=frozenset(i.name for i in self.inputs if i.required),
            inputs=tuple((i.name, i.read if i.converts else None, i.default) for i in self.inputs),
            constrained=tuple(i for i in self.inputs if i.constraints),
            measures=self.measures,
            read=tuple(read),
            weight=self.weight,
            rounded_weight=round_points(self.weight),
            scale=self.scale,
            exemption=self.exemption,
            veto=veto if veto is not None and not veto.scope else None,
            scoped=veto if veto is not None and veto.scope else None,
            by_parts=self.rounding == "parts",
            components=tuple((c, c.measure, c.score) for c in self.components),
        )

    @cached_property
    def wording(self) -> IndicatorWording:
        """The rule's wording formatted for explanations, once."""
        return IndicatorWording(self)

    @property
    def rule_weight(self) -> Decimal:
        """The weight the rule's points are written for (the official weight)."""
        return self.weight if self.reference_weight is None else self.reference_weight

    @property
    def scale(self) -> Decimal | None:
        """weight ÷ rule weight when the indicator was re-weighted, else ``None``."""
        if self.reference_weight is None or self.reference_weight == self.weight:
            return None
        return self.weight / self.reference_weight

    def interpretation(self, key: str) -> Interpretation:
        """The interpretation called *key*.

        Raises:
            FrameworkError: the rule has none of that name.
        """
        for interpretation in self.interpretations:
            if interpretation.key == key:
                return interpretation
        raise FrameworkError(
            f"indicator {self.key!r} has no interpretation of this name",
            zh=f"指标 {self.key!r} 没有此名称的解释",
            value=key,
        )

    def reweighted(self, weight: Number) -> Indicator:
        """The same indicator with a new weight. The rule and its wording stay
        as published; its points are scaled by new weight ÷ published weight
        before rounding (an explanation shows the factor)."""
        new = to_decimal(weight, f"{self.key}.weight")
        if self.rule_weight == 0 and new != 0:
            raise FrameworkError(
                "cannot scale a rule whose weight is 0",
                zh="分值为 0 的评分标准不能按比例换算",
                row=self.name,
            )
        reference = None if new == self.rule_weight else self.rule_weight
        return attrs.evolve(self, weight=new, reference_weight=reference)

    def renamed(self, name: str) -> Indicator:
        """The same rule under another name, e.g. a project table's row.

        Only the name differs, so the checks made when this indicator was
        built hold for the new one; it is made without making them again,
        and shares what was derived from the rule (:attr:`plan`, :attr:`wording`).
        """
        if name == self.name:
            return self
        if not isinstance(name, str):
            raise FrameworkError("an indicator's name is text", zh="指标名称应为文本", value=name)
        new: Indicator = object.__new__(Indicator)
        for put, value in zip(_PUT, _GET(self), strict=True):
            put(new, value)
        _PUT_NAME(new, name)
        for slot in _DERIVED:
            with contextlib.suppress(AttributeError):  # not derived yet
                slot.__set__(new, slot.__get__(self))
        return new

    def __repr__(self) -> str:
        return f"<Indicator {self.key} {self.name} weight={self.weight}>"


# An Indicator is frozen: renamed() fills a new one's slots through their
# descriptors, all fields read at once.
_FIELDS = tuple(field.name for field in attrs.fields(Indicator))
_GET = operator.attrgetter(*_FIELDS)
_PUT = tuple(getattr(Indicator, field).__set__ for field in _FIELDS)
_PUT_NAME = Indicator.name.__set__  # type: ignore[attr-defined]
_DERIVED = (Indicator.__dict__["plan"], Indicator.__dict__["wording"])
"""The slots of what is derived from the rule alone (not from its name)."""


@attrs.frozen(repr=False)
class Group:
    """A level-1 or level-2 node: a named group of indicators with its weight."""

    key: str
    name: str
    name_en: str
    weight: Decimal
    children: tuple[Group | Indicator, ...]

    def __repr__(self) -> str:
        return f"<Group {self.key} {self.name} weight={self.weight}>"
