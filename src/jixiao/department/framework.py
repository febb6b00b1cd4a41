"""Frameworks as data: the indicator tree with weights and rules on its leaves.

A :class:`Framework` is a tree: level-1 and level-2 :class:`Group` nodes with
their weights, and level-3 :class:`~jixiao.spec.Indicator` leaves that carry
the official wording, the weight and the rule (see :mod:`jixiao.spec`). A
framework also states its family (the jurisdiction's series of versions) and
validity period, its grades and schedules. Frameworks are immutable; deriving
a variant (re-weighting, replacing an indicator, reading an interpretation
otherwise) returns a new one, validated, that names the change
(:class:`~jixiao.spec.Reform`) and leaves this one untouched.

Shipped frameworks are TOML files inside the package, read by
:func:`~jixiao.department.catalog.framework`; a user's own file in the same
form loads through :func:`~jixiao.department.catalog.load_framework`;
:func:`~jixiao.department.catalog.framework_for` chooses a family's version by
year.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from jixiao._format import number
from jixiao.department._explain import FrameworkText
from jixiao.department._framework_form import framework_to_dict
from jixiao.department.evaluation import Evaluation, evaluate
from jixiao.errors import FrameworkError, UnknownKeyError
from jixiao.quantities import ZERO, Number, to_decimal
from jixiao.spec._file import indicator_from_dict, indicator_to_dict
from jixiao.spec._interpretation_file import apply_changes
from jixiao.spec.library import rule_library
from jixiao.spec.rules import Condition, Example, Group, Indicator
from jixiao.spec.rulesets import (
    DEFAULT_GRADES,
    Citation,
    Grades,
    Interpretation,
    Period,
    Reform,
    Schedule,
)

__all__ = [
    "Condition",
    "Example",
    "Framework",
    "Group",
    "Indicator",
]


def _check_weights(node: Group | Framework, path: str) -> None:
    total = sum((c.weight for c in node.children), ZERO)
    if total != node.weight:
        label = node.name if isinstance(node, Group) else "total"
        below = f"{label!r} 以下各指标" if isinstance(node, Group) else "各一级指标"
        raise FrameworkError(
            f"the weights below {label!r} add up to {total}, not {node.weight}",
            zh=f"{below}的分值合计为 {total}，而不是 {node.weight}",
            row=path or label,
        )
    for child in node.children:
        if isinstance(child, Group):
            _check_weights(child, f"{path} > {child.name}" if path else child.name)


@attrs.frozen(repr=False)
class Framework:
    """A versioned indicator framework (jurisdiction + period) with its rules.

    Build variants with :meth:`reweight`, :meth:`replace` and
    :meth:`interpreted`; each returns a new, validated framework that records
    the change in :attr:`reforms` (or its indicators' readings) and leaves
    this one untouched.

    Attributes:
        id: the registry id (``"shenzhen-luohu-2023"``).
        family: the series of versions it belongs to (``"shenzhen-luohu"``).
        period: the years it applies to; a department of another year is refused.
        grades: the grades of a total.
        schedules: the scheduled progress (序时进度) its rules divide by.
        reforms: the changes that derived it from a published framework.
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
    family: str = ""
    period: Period | None = None
    grades: Grades = DEFAULT_GRADES
    schedules: tuple[Schedule, ...] = ()
    reforms: tuple[Reform, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_weights(self, "")
        if not self.grades.span.contains(self.weight):
            raise FrameworkError(
                f"the grades cover totals {self.grades.span}, not the total weight {self.weight}",
                zh=f"等级覆盖的总分为 {self.grades.span}，不含总分值 {self.weight}",
                field="grades",
            )
        seen: set[str] = set()
        for node in self.nodes():
            if node.key in seen:
                raise FrameworkError(
                    f"the key {node.key!r} is used twice",
                    zh=f"键 {node.key!r} 用了两次",
                    row=node.name,
                )
            seen.add(node.key)
        if self.period is None:
            object.__setattr__(self, "period", Period(self.year, self.year))
        if not self.family:
            object.__setattr__(self, "family", self.id)

    @property
    def validity(self) -> Period:
        """The years the framework applies to (its :attr:`period`)."""
        assert self.period is not None  # set when built
        return self.period

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The level-3 indicators in the published order."""
        return tuple(n for n in self.nodes() if isinstance(n, Indicator))

    @cached_property
    def keys(self) -> frozenset[str]:
        """The keys of the level-3 indicators."""
        return frozenset(i.key for i in self.indicators)

    @cached_property
    def group_leaves(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each group's key with the keys of the indicators below it, in order."""

        def below(node: Group) -> tuple[str, ...]:
            keys: list[str] = []
            for child in node.children:
                keys.extend(below(child) if isinstance(child, Group) else (child.key,))
            return tuple(keys)

        return tuple((n.key, below(n)) for n in self.nodes() if isinstance(n, Group))

    @cached_property
    def group_positions(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Each group's key with the positions (in :attr:`indicators`) below it."""
        position = {indicator.key: index for index, indicator in enumerate(self.indicators)}
        return tuple(
            (key, tuple(position[leaf] for leaf in leaves)) for key, leaves in self.group_leaves
        )

    def nodes(self) -> Iterator[Group | Indicator]:
        """Every node, depth first, in the published order."""

        def walk(children: tuple[Group | Indicator, ...]) -> Iterator[Group | Indicator]:
            for child in children:
                yield child
                if isinstance(child, Group):
                    yield from walk(child.children)

        return walk(self.children)

    def node(self, key: str) -> Group | Indicator:
        """The node (group or indicator) with this key."""
        for node in self.nodes():
            if node.key == key:
                return node
        raise UnknownKeyError(
            f"framework {self.id!r} has no indicator or group",
            zh=f"指标体系框架 {self.id!r} 没有此指标或指标组",
            value=key,
        )

    def indicator(self, key: str) -> Indicator:
        """The level-3 indicator with this key."""
        node = self.node(key)
        if not isinstance(node, Indicator):
            raise UnknownKeyError(
                f"{key!r} is a group, not a level-3 indicator",
                zh=f"{key!r} 是指标组，不是三级指标",
                value=key,
            )
        return node

    def schedule(self, key: str) -> Schedule:
        """The schedule called *key*."""
        for schedule in self.schedules:
            if schedule.key == key:
                return schedule
        raise UnknownKeyError(
            f"framework {self.id!r} states no schedule of this name",
            zh=f"指标体系框架 {self.id!r} 未规定此名称的序时进度",
            value=key,
        )

    @cached_property
    def interpretations(self) -> tuple[tuple[str, Interpretation], ...]:
        """Every interpretation of its rules, named ``"<indicator>.<key>"``."""
        return tuple(
            (f"{ind.key}.{interpretation.key}", interpretation)
            for ind in self.indicators
            for interpretation in ind.interpretations
        )

    @property
    def readings(self) -> dict[str, str]:
        """The interpretations read otherwise than by default, by name."""
        return {
            f"{ind.key}.{key}": chosen for ind in self.indicators for key, chosen in ind.readings
        }

    def _rebuild(self, change: Any, new_id: str | None, reform: Reform | None) -> Framework:
        def rebuild(node: Group | Indicator) -> Group | Indicator:
            node = change(node)
            if isinstance(node, Group):
                return attrs.evolve(node, children=tuple(rebuild(c) for c in node.children))
            return node

        children = tuple(rebuild(c) for c in self.children)
        return attrs.evolve(
            self,
            id=new_id or self.id,
            children=children,  # type: ignore[arg-type]
            reforms=self.reforms if reform is None else (*self.reforms, reform),
        )

    def reweight(
        self, weights: Mapping[str, Number], *, id: str | None = None, name: str = "reweighted"
    ) -> Framework:
        """A new framework with the given nodes' weights changed: a variant
        named *name* (its :attr:`reforms` say what changed).

        The framework note says weights are reference values a department may
        change; the new tree must still add up at every level.

        Raises:
            UnknownKeyError: a key names no node.
            FrameworkError: the new weights do not add up (naming the level).
        """
        changes = []
        for key, weight in weights.items():
            was = self.node(key).weight
            changes.append(f"{key} {number(was)} → {number(to_decimal(weight, f'{key}.weight'))}")

        def change(node: Group | Indicator) -> Group | Indicator:
            if node.key not in weights:
                return node
            if isinstance(node, Indicator):
                return node.reweighted(weights[node.key])
            return attrs.evolve(node, weight=to_decimal(weights[node.key], f"{node.key}.weight"))

        new = self._rebuild(change, id, Reform(name, tuple(changes)))
        return attrs.evolve(new, weight=self.weight)

    def replace(
        self, indicator: Indicator, *, id: str | None = None, name: str = "replaced"
    ) -> Framework:
        """A new framework with the indicator of the same key replaced: a
        variant named *name*."""
        self.indicator(indicator.key)
        reform = Reform(name, (f"{indicator.key} replaced",))
        return self._rebuild(lambda n: indicator if n.key == indicator.key else n, id, reform)

    def interpreted(self, readings: Mapping[str, str]) -> Framework:
        """This framework with some interpretations read otherwise: *readings*
        maps ``"<indicator>.<interpretation>"`` to an alternative's key.

        The variant's rules are this framework's rule data changed as each
        alternative says, read and validated again; each indicator records its
        readings, and explanations show them. A reading that is the default
        changes nothing.

        Raises:
            UnknownKeyError: an unknown interpretation or alternative (the
                message lists the known ones).
        """
        known = dict(self.interpretations)
        chosen: dict[str, dict[str, str]] = {}
        for name, alternative in readings.items():
            if name not in known:
                raise UnknownKeyError(
                    "no interpretation of this name; known: " + ", ".join(known),
                    zh="没有此名称的解释；已有：" + ", ".join(known),
                    field="interpretations",
                    value=name,
                )
            try:
                known[name].alternative(alternative)
            except UnknownKeyError as error:
                error.field = f"interpretations.{name}"
                raise
            key, _, own = name.partition(".")
            if alternative != known[name].default:
                chosen.setdefault(key, {})[own] = alternative
        if not chosen:
            return self
        cache_key = frozenset((k, frozenset(v.items())) for k, v in chosen.items())
        found = self._interpreted.get(cache_key)
        if found is None:
            found = self._interpreted[cache_key] = self._rebuild(
                lambda n: self._read(n, chosen[n.key]) if n.key in chosen else n,
                None,
                None,
            )
        return found

    def _read(self, node: Group | Indicator, chosen: Mapping[str, str]) -> Indicator:
        """Indicator *node* under the *chosen* alternatives of its interpretations:
        its file form changed as they say, read again."""
        assert isinstance(node, Indicator)
        where = f"indicators.{node.key}"
        library = rule_library("department")
        data = indicator_to_dict(node)  # inputs and measures written out, for changes to find
        for key, alternative in chosen.items():
            changes = node.interpretation(key).alternative(alternative).changes
            data = apply_changes(data, changes, f"{where}.interpretations.{key}")
        schedules = {s.key: s for s in self.schedules}
        read = indicator_from_dict(data, where, self.citation, library=library, schedules=schedules)
        readings = tuple(sorted({**dict(node.readings), **chosen}.items()))
        return attrs.evolve(read, citation=node.citation, readings=readings)

    @cached_property
    def _interpreted(self) -> dict[frozenset[Any], Framework]:
        """The variants :meth:`interpreted` made, by the readings chosen."""
        return {}

    @cached_property
    def text(self) -> FrameworkText:
        """The framework's fixed text for explanations, formatted once."""
        return FrameworkText(self)

    def evaluate(self, inputs: Mapping[str, Mapping[str, object]], **options: Any) -> Evaluation:
        """Evaluate a department on this framework; see
        :func:`jixiao.department.evaluate`."""
        return evaluate(self, inputs, **options)

    def to_dict(self) -> dict[str, Any]:
        """The framework in its file form (what
        :func:`~jixiao.department.catalog.load_framework` reads)."""
        return framework_to_dict(self)

    def __repr__(self) -> str:
        variant = "".join(f" [{r.name}]" for r in self.reforms)
        return (
            f"<Framework {self.id}{variant} ({len(self.indicators)} indicators, "
            f"total {self.weight})>"
        )
