"""Scores, citations and overrides: what every rule returns, and the function
that scores a rule.

A :class:`Score` is the points one indicator gave, with everything needed to
explain them: the inputs, the measures, the parts of the rule that applied
(bands, formulas, items), the weight, the citation, and any override.
:func:`score_rule` makes one with the one evaluator (the private ``jixiao._evaluator``);
its parts are recorded while scoring when a trace is asked for, and otherwise
recorded on first use by running the evaluator's second stage again, traced,
on the measures the score keeps. The text of the explanation is rendered only
when asked for (:meth:`Score.explain`).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

import attrs

from jixiao._evaluator import RuleResult, evaluate_rule, score_measures
from jixiao._explain_score import explain_score, score_html, score_lines, score_trace
from jixiao.errors import InputError, JixiaoError, RuleError
from jixiao.primitives import Part
from jixiao.quantities import CONTEXT, Number, round_points, to_decimal
from jixiao.spec.rules import Condition, Indicator
from jixiao.spec.rulesets import Citation, Outcome

__all__ = ["Citation", "Outcome", "Override", "Score", "score_rule"]


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
            raise RuleError(
                "override points must be a Decimal",
                zh="不作扣分处理的得分应为 Decimal",
                field="override.points",
            )
        if not isinstance(self.reason, str) or not self.reason.strip():
            raise RuleError(
                "an override needs its reason",
                zh="不作扣分处理须写明理由",
                field="override.reason",
                value=self.reason,
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
                zh=f"不作扣分处理的得分应在 0 与分值 {weight} 之间",
                field=f"overrides.{key}.points",
                value=self.points,
            )
        return round_points(self.points)

    @classmethod
    def of(cls, points: Number, reason: str) -> Override:
        """``Override.of("1", "编外人员未超过区编办批复的控制数")``: points from
        ``Decimal``, ``int`` or ``str``."""
        return cls(to_decimal(points, "override.points"), reason)


@attrs.frozen(repr=False)
class Score:
    """The points one level-3 indicator gave, and why.

    Attributes:
        indicator: the indicator (names, weight, rule text, citation).
        points: the final points, rounded half-up to 0.01.
        rule_points: the points the rule gives (differs from ``points`` only
            under an override).
        unrounded: the rule's points before rounding.
        inputs: the inputs as handed in (in declared order, defaults filled in).
        measures: what the rule computed from the inputs (the values its
            components and conditions read).
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
    _trace: RuleResult | None = attrs.field(default=None, alias="trace", eq=False)

    @classmethod
    def of(cls, result: RuleResult, override: Override | None = None) -> Score:
        """The score of an evaluator's result, with the override applied."""
        points = (
            result.points
            if override is None
            else override.final_points(result.indicator.weight, result.indicator.key)
        )
        return cls(
            result.indicator,
            points,
            result.points,
            result.unrounded,
            result.inputs,
            result.measures,
            result.outcome,
            override,
            trace=result if result.parts is not None else None,
        )

    @cached_property
    def traced(self) -> RuleResult:
        """The evaluator's traced result: recorded while scoring, or recorded
        now from the measures this score keeps."""
        if self._trace is not None:
            return self._trace
        with decimal.localcontext(CONTEXT):
            return score_measures(self.indicator, self.inputs, self.measures, trace=True)

    @property
    def parts(self) -> tuple[Part, ...]:
        """What each component of the rule gave (recorded on first use when
        the score was made without a trace)."""
        if self.outcome is Outcome.EXEMPT:
            return ()
        return self.traced.parts or ()

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """The vetoes scoped to a part that set it to 0."""
        return self.traced.conditions

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

    def lines(self) -> list[tuple[str, str]]:
        """The explanation, line by line, in Chinese and in English."""
        return score_lines(self)

    def explain(self, lang: str = "both") -> str:
        """The explanation as text: ``"zh"``, ``"en"`` or ``"both"``."""
        return explain_score(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The score and its trace as JSON-ready data (numbers as strings)."""
        return score_trace(self)

    def to_html(self, lang: str = "both") -> str:
        """The score and its explanation as an HTML fragment, in *lang*
        (``"zh"``, ``"en"`` or ``"both"``); Jupyter shows it in both."""
        return score_html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        extra = f", override={self.override.points}" if self.override else ""
        return f"<Score {self.key} {self.points}/{self.weight}{extra}>"


def score_rule(indicator: Indicator, inputs: object, *, trace: bool = False) -> Score:
    """Score *indicator* from its inputs (a mapping of input names to values).

    This is the one evaluator's public face: inputs checked by name and kind,
    measures computed, points put together, everything in
    :data:`~jixiao.quantities.CONTEXT` whatever the caller's decimal context.

    Args:
        indicator: the rule to score.
        inputs: its inputs by name.
        trace: record each part while scoring (else on first use).

    Raises:
        InputError: an input is missing or unusable (located at the indicator).
        UnknownKeyError: an input the rule does not declare.
    """
    if not isinstance(indicator, Indicator):  # e.g. a rule function given a dict
        raise InputError(
            "expected an indicator (jixiao.spec.Indicator)",
            zh="应为指标（jixiao.spec.Indicator）",
            field="indicator",
        )
    try:
        with decimal.localcontext(CONTEXT):
            return Score.of(evaluate_rule(indicator, inputs, trace))
    except JixiaoError as error:
        raise error.located(row=indicator.name, field=f"inputs.{indicator.key}") from None
