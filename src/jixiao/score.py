"""Scores, citations and overrides: what every rule returns.

A :class:`Score` is the points one indicator gave, with everything needed to
explain them: the inputs, the parts of the rule that applied (bands,
formulas, items), the weight, the citation, and any override. The text of the
explanation is rendered only when asked for (:meth:`Score.explain`), so plain
scoring stays fast.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from jixiao.errors import RuleError
from jixiao.quantities import Number, round_points, to_decimal

if TYPE_CHECKING:
    from jixiao.framework import Indicator
    from jixiao.primitives import Part

__all__ = ["Citation", "Outcome", "Override", "Score"]


@attrs.frozen
class Citation:
    """Where a rule comes from, precisely enough to cite.

    Args:
        title: the document's title as issued (《…》 marks not included).
        issuer: who issued it.
        year: the year the rule applies to.
        document_number: the 文号, e.g. ``财预〔2020〕10号``, when there is one.
        clause: the part of the document (indicator and item).
        source: where the text was taken from (a published report, an address).
        status: ``"transcribed"`` (from a public copy, not reviewed by the
            issuing office) or ``"official"``.
    """

    title: str
    issuer: str
    year: int
    document_number: str | None = None
    clause: str | None = None
    source: str | None = None
    status: str = "transcribed"

    def with_clause(self, clause: str) -> Citation:
        """The same citation narrowed to one clause."""
        return attrs.evolve(self, clause=clause)

    def __str__(self) -> str:
        text = f"{self.issuer}《{self.title}》"
        if self.document_number:
            text += f"（{self.document_number}）"
        text += f"，{self.year}年"
        if self.clause:
            text += f"，{self.clause}"
        return text


@attrs.frozen
class Override:
    """A documented exception that changes an indicator's points (不作扣分处理).

    The evaluation keeps the rule's points beside the final ones, and every
    report shows the reason.
    """

    points: Decimal
    reason: str

    def __attrs_post_init__(self) -> None:
        to_decimal(self.points, "override.points")
        if not isinstance(self.points, Decimal):
            raise RuleError("override points must be a Decimal", field="override.points")
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise RuleError(
                "an override needs its reason", field="override.reason", value=self.reason
            )

    def final_points(self, weight: Decimal, key: str) -> Decimal:
        """The points this override gives an indicator of *weight* (key *key*),
        rounded half-up to 0.01.

        Raises:
            RuleError: when the points lie outside [0, weight].
        """
        if not 0 <= self.points <= weight:
            raise RuleError(
                f"override points must lie between 0 and the weight {weight}",
                field=f"overrides.{key}.points",
                value=self.points,
            )
        return round_points(self.points)

    @classmethod
    def of(cls, points: Number, reason: str) -> Override:
        """``Override.of("1", "编外人员未超过区编办批复的控制数")``: points from
        ``Decimal``, ``int`` or ``str``."""
        return cls(to_decimal(points, "override.points"), reason)


class Outcome(enum.Enum):
    """How an indicator's points came about."""

    RULE = "rule"
    """The rule's components, summed and capped at the weight."""
    VETO = "veto"
    """A clause that sets the indicator to 0 applied (e.g. 挤占挪用 → 0)."""
    EXEMPT = "exempt"
    """An exemption gave the full weight (e.g. 涉密单位 directly scores)."""


@attrs.frozen(repr=False)
class Score:
    """The points one level-3 indicator gave, and why.

    Attributes:
        indicator: the indicator (names, weight, rule text, citation).
        points: the final points, rounded half-up to 0.01.
        rule_points: the points the rule gives (differs from ``points`` only
            under an override).
        unrounded: the rule's points before rounding.
        inputs: the inputs as handed in.
        measures: what the rule function computed from the inputs (the
            values the components read).
        outcome: rule, veto or exemption.
        override: the override, when one was recorded.
    """

    indicator: Indicator
    points: Decimal
    rule_points: Decimal
    unrounded: Decimal
    inputs: Mapping[str, object]
    measures: Mapping[str, object]
    outcome: Outcome = Outcome.RULE
    override: Override | None = None

    @cached_property
    def parts(self) -> tuple[Part, ...]:
        """What each component of the rule gave (computed on first use, so
        plain scoring does not pay for explanations)."""
        if self.outcome is Outcome.EXEMPT:
            return ()
        return self.indicator.parts(self.measures)

    @property
    def weight(self) -> Decimal:
        """The most points the indicator can give."""
        return self.indicator.weight

    @property
    def key(self) -> str:
        """The indicator's key (its code name)."""
        return self.indicator.key

    @property
    def citation(self) -> Citation:
        """Where the rule comes from."""
        return self.indicator.citation

    def with_override(self, override: Override) -> Score:
        """This score with an override applied; the rule's points are kept.

        Raises:
            RuleError: when the override's points lie outside [0, weight].
        """
        points = override.final_points(self.weight, self.key)
        return attrs.evolve(self, points=points, override=override)

    def explain(self, lang: str = "both") -> str:
        """The explanation as text: ``"zh"``, ``"en"`` or ``"both"``."""
        from jixiao.explain import explain_score

        return explain_score(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The score and its trace as JSON-ready data (numbers as strings)."""
        from jixiao.explain import score_trace

        return score_trace(self)

    def _repr_html_(self) -> str:
        from jixiao.explain import score_html

        return score_html(self)

    def __repr__(self) -> str:
        extra = f", override={self.override.points}" if self.override else ""
        return f"<Score {self.key} {self.points}/{self.weight}{extra}>"
