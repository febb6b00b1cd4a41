"""Explanations: every point rendered in Chinese (the official wording) with
English alongside, as text, as HTML and as data.

Explanations read the trace the evaluator records (:attr:`jixiao.Score.parts`),
never a second computation. The data form of a score carries ``"format":
"jixiao.trace/1"`` and the form of an evaluation ``"format":
"jixiao.evaluation/1"``; both are stable for tools (they may gain fields,
never lose them).
"""

from decimal import Decimal

from jixiao._explain_score import TRACE_FORMAT, explain_score, score_html, score_trace
from jixiao._format import approx as _approx
from jixiao._format import jsonable
from jixiao._format import number as _number
from jixiao.department._explain import (
    EVALUATION_FORMAT,
    evaluation_html,
    evaluation_trace,
    explain_evaluation,
)

__all__ = [
    "EVALUATION_FORMAT",
    "TRACE_FORMAT",
    "approx",
    "evaluation_html",
    "evaluation_trace",
    "explain_evaluation",
    "explain_score",
    "jsonable",
    "number",
    "score_html",
    "score_trace",
]


def number(value: Decimal) -> str:
    """A point value as published: no exponent, trailing zeros dropped.

    >>> number(Decimal("5.00")), number(Decimal("1.990")), number(Decimal("1E+2"))
    ('5', '1.99', '100')
    """
    return _number(value)


def approx(value: Decimal) -> str:
    """A derived value for display: exact when short, else ``≈`` and 4 places."""
    return _approx(value)
