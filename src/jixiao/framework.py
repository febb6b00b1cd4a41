"""Frameworks as data: the indicator tree with weights and rules on its leaves.

A :class:`Framework` is a tree: level-1 and level-2 :class:`Group` nodes with
their weights, and level-3 :class:`Indicator` leaves that carry the official
wording, the weight and the rule (a tuple of primitives from
:mod:`jixiao.primitives`). Frameworks are immutable; deriving a variant
(re-weighting, replacing an indicator) returns a new one and validates it.

Shipped frameworks are TOML files inside the package, read by
:func:`framework`; a user's own file in the same form loads through
:func:`load_framework`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

import attrs

from jixiao._compiled import Scorer, indicator_scorer
from jixiao._plan import Plan, framework_plan
from jixiao.errors import FrameworkError, UnknownKeyError
from jixiao.primitives import Component, Part
from jixiao.quantities import ZERO, Number, to_decimal
from jixiao.score import Citation, Outcome, Score

__all__ = [
    "Condition",
    "Example",
    "Framework",
    "Group",
    "Indicator",
    "available_frameworks",
    "framework",
    "load_framework",
]


@attrs.frozen
class Condition:
    """A clause that overrides the components: a veto (→ 0) or an exemption
    (→ full weight), triggered by a true/false input named ``measure``."""

    measure: str
    text: str
    text_en: str = ""


@attrs.frozen
class Example:
    """A worked example of a rule, kept with the rule's data: the inputs of its
    rule function and the points they give. Tests and the documentation run
    every example, so neither can drift from the code."""

    inputs: Mapping[str, Any]
    points: Decimal
    note: str = ""


@attrs.frozen(repr=False)
class Indicator:
    """A level-3 indicator: its wording, weight and rule.

    Attributes:
        key: the code name, also the key of its inputs in input files.
        name: the official Chinese name.
        name_en: the English name.
        weight: the most points it gives (参考分值).
        description: 指标说明, as published.
        rule_text: 评分标准, as published.
        function: the registered rule function that turns inputs into the
            measures the components read (see :mod:`jixiao.rules`).
        components: the rule's primitives; their points add up to the weight.
        veto: a clause that sets the points to 0.
        exemption: a clause that gives the full weight.
        citation: where the rule comes from, narrowed to this indicator.
        interpretations: the library's readings of what the text leaves
            implicit, each marked as such in the documentation.
        examples: worked examples (inputs and the points they give).
        reference_weight: the weight the rule's points are written for
            (``None``: the weight itself). A re-weighted indicator keeps its
            official rule and scales the rule's sum by weight ÷ reference weight.
    """

    key: str
    name: str
    name_en: str
    weight: Decimal
    function: str
    components: tuple[Component, ...]
    citation: Citation
    description: str = ""
    rule_text: str = ""
    veto: Condition | None = None
    exemption: Condition | None = None
    interpretations: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    reference_weight: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        most = sum((c.points for c in self.components), ZERO)
        if most != self.rule_weight:
            raise FrameworkError(
                f"the rule's components give at most {most}, not the weight {self.rule_weight}",
                row=self.name,
            )
        if self.reference_weight is not None and self.reference_weight == 0 != self.weight:
            raise FrameworkError("a rule written for 0 points cannot be scaled", row=self.name)

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

    def reweighted(self, weight: Number) -> Indicator:
        """The same indicator with a new weight. The rule and its wording stay
        as published; its points are scaled by new weight ÷ published weight
        before rounding (an explanation shows the factor)."""
        new = to_decimal(weight, f"{self.key}.weight")
        if self.rule_weight == 0 and new != 0:
            raise FrameworkError("cannot scale a rule whose weight is 0", row=self.name)
        reference = None if new == self.rule_weight else self.rule_weight
        return attrs.evolve(self, weight=new, reference_weight=reference)

    def renamed(self, name: str) -> Indicator:
        """The same rule under another name, e.g. a project table's row.

        Only the name differs, so the checks made when this indicator was
        built hold for the new one; it shares this one's compiled rule
        (:attr:`scorer`) instead of compiling its own.
        """
        if name == self.name:
            return self
        if not isinstance(name, str):
            raise FrameworkError("an indicator's name is text", value=name)
        new: Indicator = _new(Indicator)
        for put, value in zip(_PUT, _GET(self), strict=True):
            put(new, value)
        _PUT_NAME(new, name)
        _PUT_SCORER(new, self.scorer)
        return new

    def outcome(self, measures: Mapping[str, object]) -> tuple[Decimal, Decimal, Outcome]:
        """The unrounded and rounded points the measures give, and how.

        This is the plain scoring path: no parts, no explanation. The
        components' points are summed (scaled when re-weighted), settled to 20
        decimal places (:func:`~jixiao.quantities.settle`), capped at the weight
        and rounded half-up to 0.01. A veto or exemption flag is read from the
        measures. The rule is compiled on first use (see :attr:`scorer`).
        """
        return self.scorer(measures)

    @cached_property
    def scorer(self) -> Scorer:
        """The rule compiled once into a function of the measures (what
        :meth:`outcome` calls)."""
        return indicator_scorer(
            self.name,
            self.function,
            self.weight,
            self.components,
            self.scale,
            None if self.veto is None else self.veto.measure,
            None if self.exemption is None else self.exemption.measure,
        )

    def parts(self, measures: Mapping[str, object]) -> tuple[Part, ...]:
        """What each component gave for these measures (for explanations)."""
        return tuple([c.apply(measures[c.measure]) for c in self.components])

    def apply(self, measures: Mapping[str, object], inputs: Mapping[str, object]) -> Score:
        """Score the indicator from its measures (what the rule function computed);
        see :meth:`outcome`. The score's parts are computed only when asked for."""
        raw, points, how = self.outcome(measures)
        return Score(self, points, points, raw, inputs, measures, how)

    def __repr__(self) -> str:
        return f"<Indicator {self.key} {self.name} weight={self.weight}>"


# An Indicator is frozen: renamed() fills a new one's slots through their
# descriptors, all fields read at once.
_FIELDS = tuple(field.name for field in attrs.fields(Indicator))
_GET = operator.attrgetter(*_FIELDS)
_PUT = tuple(getattr(Indicator, field).__set__ for field in _FIELDS)
_PUT_NAME = Indicator.name.__set__  # type: ignore[attr-defined]
_PUT_SCORER = Indicator.__dict__["scorer"].__set__
_new = object.__new__


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


def _check_weights(node: Group | Framework, path: str) -> None:
    total = sum((c.weight for c in node.children), ZERO)
    if total != node.weight:
        label = node.name if isinstance(node, Group) else "total"
        raise FrameworkError(
            f"the weights below {label!r} add up to {total}, not {node.weight}",
            row=path or label,
        )
    for child in node.children:
        if isinstance(child, Group):
            _check_weights(child, f"{path} > {child.name}" if path else child.name)


@attrs.frozen(repr=False)
class Framework:
    """A versioned indicator framework (jurisdiction + year) with its rules.

    Build variants with :meth:`reweight` and :meth:`replace`; both return a
    new, validated framework and leave this one untouched.
    """

    id: str
    title: str
    title_en: str
    jurisdiction: str
    jurisdiction_en: str
    year: int
    citation: Citation
    weight: Decimal
    children: tuple[Group, ...]
    notes: tuple[str, ...] = ()
    _leaves: tuple[Indicator, ...] = attrs.field(init=False, eq=False, repr=False, default=())
    _group_leaves: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        init=False, eq=False, repr=False, default=()
    )

    def __attrs_post_init__(self) -> None:
        _check_weights(self, "")
        seen: set[str] = set()
        for node in self.nodes():
            if node.key in seen:
                raise FrameworkError(f"the key {node.key!r} is used twice", row=node.name)
            seen.add(node.key)
        leaves = tuple(n for n in self.nodes() if isinstance(n, Indicator))
        object.__setattr__(self, "_leaves", leaves)

        def below(node: Group) -> tuple[str, ...]:
            keys: list[str] = []
            for child in node.children:
                keys.extend(below(child) if isinstance(child, Group) else (child.key,))
            return tuple(keys)

        groups = tuple((n.key, below(n)) for n in self.nodes() if isinstance(n, Group))
        object.__setattr__(self, "_group_leaves", groups)

    @property
    def group_leaves(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each group's key with the keys of the indicators below it, in order."""
        return self._group_leaves

    def nodes(self) -> Iterator[Group | Indicator]:
        """Every node, depth first, in the published order."""

        def walk(children: tuple[Group | Indicator, ...]) -> Iterator[Group | Indicator]:
            for child in children:
                yield child
                if isinstance(child, Group):
                    yield from walk(child.children)

        return walk(self.children)

    @cached_property
    def plan(self) -> Plan:
        """The framework compiled for scoring: each indicator's measure function
        and compiled rule (built on first use, then kept)."""
        return framework_plan(self)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The level-3 indicators in the published order."""
        return self._leaves

    def node(self, key: str) -> Group | Indicator:
        """The node (group or indicator) with this key."""
        for node in self.nodes():
            if node.key == key:
                return node
        raise UnknownKeyError(f"framework {self.id!r} has no indicator or group", value=key)

    def indicator(self, key: str) -> Indicator:
        """The level-3 indicator with this key."""
        node = self.node(key)
        if not isinstance(node, Indicator):
            raise UnknownKeyError(f"{key!r} is a group, not a level-3 indicator", value=key)
        return node

    def _rebuild(self, change: Any, new_id: str | None) -> Framework:
        def rebuild(node: Group | Indicator) -> Group | Indicator:
            node = change(node)
            if isinstance(node, Group):
                return attrs.evolve(node, children=tuple(rebuild(c) for c in node.children))
            return node

        children = tuple(rebuild(c) for c in self.children)
        return attrs.evolve(
            self,
            id=new_id or f"{self.id}+custom",
            children=children,  # type: ignore[arg-type]
        )

    def reweight(self, weights: Mapping[str, Number], *, id: str | None = None) -> Framework:
        """A new framework with the given nodes' weights changed.

        The framework note says weights are reference values a department may
        change; the new tree must still add up at every level.

        Raises:
            UnknownKeyError: a key names no node.
            FrameworkError: the new weights do not add up (naming the level).
        """
        for key in weights:
            self.node(key)

        def change(node: Group | Indicator) -> Group | Indicator:
            if node.key not in weights:
                return node
            if isinstance(node, Indicator):
                return node.reweighted(weights[node.key])
            return attrs.evolve(node, weight=to_decimal(weights[node.key], f"{node.key}.weight"))

        new = self._rebuild(change, id)
        return attrs.evolve(new, weight=self.weight)

    def replace(self, indicator: Indicator, *, id: str | None = None) -> Framework:
        """A new framework with the indicator of the same key replaced."""
        self.indicator(indicator.key)
        return self._rebuild(lambda n: indicator if n.key == indicator.key else n, id)

    def evaluate(self, inputs: Mapping[str, Mapping[str, object]], **options: Any) -> Any:
        """Evaluate a department on this framework; see
        :func:`jixiao.department.evaluate`."""
        from jixiao.department import evaluate

        return evaluate(self, inputs, **options)

    def to_dict(self) -> dict[str, Any]:
        """The framework in its file form (what :func:`load_framework` reads)."""
        from jixiao._framework_file import framework_to_dict

        return framework_to_dict(self)

    def __repr__(self) -> str:
        return f"<Framework {self.id} ({len(self.indicators)} indicators, total {self.weight})>"


_PACKAGE_DATA = "jixiao.data.frameworks"


@cache
def available_frameworks() -> tuple[str, ...]:
    """The ids of the frameworks shipped with jixiao (read once: shipped data)."""
    from jixiao._toml import package_ids

    return package_ids(_PACKAGE_DATA)


@cache
def framework(id: str) -> Framework:
    """A shipped framework by its id, e.g. ``framework("shenzhen-luohu-2023")``.

    Raises:
        UnknownKeyError: no shipped framework has that id (the message lists them).
    """
    from jixiao._framework_file import framework_from_dict
    from jixiao._toml import read_package_toml

    return framework_from_dict(read_package_toml(_PACKAGE_DATA, id, "framework"), f"{id}.toml")


def load_framework(path: str) -> Framework:
    """Read a user's framework file (TOML, same form as the shipped ones)."""
    from jixiao._framework_file import framework_from_dict, read_toml_file

    return framework_from_dict(read_toml_file(path), str(path))
