"""jixiao.score: citations, overrides and the Score record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.errors import InputError, RuleError
from jixiao.rules import budget_disclosure, non_establishment_staff, satisfaction
from jixiao.score import Citation, Outcome, Override

D = Decimal

REASON = "编外人员未超过区编办批复的控制数，不作扣分处理"


def test_citation_text() -> None:
    citation = Citation("部门整体支出绩效评价共性指标体系框架", "深圳市罗湖区财政局", 2023)
    assert str(citation) == "深圳市罗湖区财政局《部门整体支出绩效评价共性指标体系框架》，2023年"
    numbered = Citation(
        "关于印发《项目支出绩效评价管理办法》的通知", "财政部", 2020, "财预〔2020〕10号"
    )
    assert "（财预〔2020〕10号）" in str(numbered)
    narrowed = citation.with_clause("三级指标“编外人员控制率”")
    assert str(narrowed).endswith("，三级指标“编外人员控制率”")
    assert citation.clause is None  # with_clause derives a new citation
    assert narrowed.status == "transcribed"


def test_override_of_converts_points() -> None:
    override = Override.of("1", REASON)
    assert override.points == D(1)
    assert isinstance(override.points, Decimal)
    assert Override.of(1, REASON) == override


@pytest.mark.parametrize("reason", ["", "   ", None, 5])
def test_override_needs_a_reason(reason: object) -> None:
    given_reason: Any = reason
    with pytest.raises(RuleError, match="reason") as caught:
        Override.of("1", given_reason)
    assert "override.reason" in str(caught.value)


def test_override_points_exact_and_non_negative() -> None:
    with pytest.raises(InputError, match="float") as caught:
        Override.of(0.5, REASON)  # type: ignore[arg-type]
    assert "override.points" in str(caught.value)
    with pytest.raises(InputError, match="negative"):
        Override.of("-1", REASON)
    with pytest.raises(InputError, match="finite"):
        Override.of("NaN", REASON)
    plain_int: Any = 1
    with pytest.raises(RuleError, match="Decimal"):
        Override(plain_int, REASON)


def test_with_override_keeps_the_rule_points() -> None:
    score = non_establishment_staff(11, 60)
    assert score.points == 0
    changed = score.with_override(Override.of("1", REASON))
    assert changed.points == 1
    assert changed.rule_points == 0
    assert changed.unrounded == score.unrounded
    assert changed.override is not None
    assert changed.override.reason == REASON
    assert score.override is None  # the original score is untouched
    assert score.points == 0


@pytest.mark.parametrize("points", ["1.01", "6"])
def test_with_override_above_the_weight_is_a_rule_error(points: str) -> None:
    score = non_establishment_staff(11, 60)
    with pytest.raises(RuleError, match="between 0 and the weight 1") as caught:
        score.with_override(Override.of(points, REASON))
    message = str(caught.value)
    assert "overrides.non_establishment_staff.points" in message
    assert points in message


def test_with_override_at_the_edges() -> None:
    score = satisfaction("85%")
    assert score.with_override(Override.of("6", REASON)).points == 6
    assert score.with_override(Override.of("0", REASON)).points == 0


@pytest.mark.parametrize(
    ("points", "expected"), [("1", "1.00"), ("0.5", "0.50"), ("0.555", "0.56"), ("0.005", "0.01")]
)
def test_overridden_points_are_rounded_half_up_to_two_places(points: str, expected: str) -> None:
    score = non_establishment_staff(11, 60).with_override(Override.of(points, REASON))
    assert score.points.as_tuple().exponent == -2
    assert score.points == D(expected)
    assert score.override is not None
    assert score.override.points == D(points)  # the override as recorded


def test_score_properties_and_repr() -> None:
    score = non_establishment_staff(11, 60)
    assert score.weight == D(1)
    assert score.key == "non_establishment_staff"
    assert score.citation.clause == "三级指标“编外人员控制率”"
    assert score.outcome is Outcome.RULE
    assert repr(score) == "<Score non_establishment_staff 0.00/1>"
    changed = score.with_override(Override.of("1", REASON))
    assert repr(changed) == "<Score non_establishment_staff 1.00/1, override=1>"
    assert score.inputs == {"established": 11, "non_establishment": 60}


def test_score_explain_languages() -> None:
    score = non_establishment_staff(11, 60)
    both, zh, en = score.explain(), score.explain("zh"), score.explain("en")
    assert "编外人员控制率：0 / 1分" in zh
    assert "non-establishment staff rate: 0 of 1 point" in en
    assert "lies in" not in zh
    assert "lies in (10%, ∞)" in en
    assert "比率>10%的，得0分" not in en
    assert "比率>10%的，得0分" in zh
    assert "比率>10%的，得0分" in both
    assert "lies in (10%, ∞)" in both


def test_score_to_dict_and_html() -> None:
    score = budget_disclosure(classified=True)
    data = score.to_dict()
    assert data["format"] == "jixiao.trace/1"
    assert data["outcome"] == "exempt"
    html = score._repr_html_()
    assert html.startswith("<div>")
    assert "预决算信息公开" in html
    assert "<strong>3</strong>" in html
