"""Project scoring rules and templates: bounds, monotonicity, caps, tiers, edges."""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import FrameworkError, InputError, NumberError, RuleError
from jixiao.project import (
    Level2Kind,
    Method,
    available_templates,
    default_template,
    execution,
    higher_is_better,
    load_template,
    lower_is_better,
    not_applicable,
    qualitative,
    score_row,
    template,
)
from jixiao.project.model import Row
from jixiao.score import score_rule

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2)
weights = st.sampled_from([Decimal(w) for w in ("1", "2.5", "6", "7.00", "10", "12.50", "30")])


@pytest.mark.parametrize(
    ("executed", "budget", "points"),
    [
        ("3657.80", "50000.00", "0.73"),
        ("39099.42", "41000.00", "9.54"),
        ("1655667.00", "1707000.00", "9.70"),
        ("20669015.70", "20673921.52", "10.00"),
        ("12000", "10000", "10.00"),  # above the budget: capped at the weight
    ],
)
def test_execution_points_from_seeds(executed: str, budget: str, points: str) -> None:
    assert str(execution(executed, budget).points) == points


def test_execution_rejects_zero_budget_and_float() -> None:
    with pytest.raises(InputError, match="is zero, so the ratio is undefined") as caught:
        execution("1", "0")
    assert caught.value.field == "full_year_budget"
    with pytest.raises(InputError, match="float") as caught:
        execution(0.5, "10")  # type: ignore[arg-type]
    assert caught.value.field == "executed"
    with pytest.raises(InputError, match="float") as caught:
        execution("1", 0.5)  # type: ignore[arg-type]
    assert caught.value.field == "full_year_budget"


@given(amounts, amounts, weights)
def test_execution_points_within_weight(
    executed: Decimal, budget: Decimal, weight: Decimal
) -> None:
    score = execution(executed, budget, weight)
    assert 0 <= score.points <= weight
    assert score.points.as_tuple().exponent == -2


@given(amounts, amounts, amounts, weights)
def test_higher_is_better_monotone_and_capped(
    a: Decimal, b: Decimal, target: Decimal, w: Decimal
) -> None:
    low, high = sorted((a, b))
    p_low = higher_is_better(low, target, w).points
    p_high = higher_is_better(high, target, w).points
    assert 0 <= p_low <= p_high <= w
    if high >= target:
        assert p_high == w


@given(amounts, amounts, amounts, weights)
def test_lower_is_better_monotone_and_capped(
    a: Decimal, b: Decimal, target: Decimal, w: Decimal
) -> None:
    low, high = sorted((a, b))
    p_low = lower_is_better(low, target, w).points
    p_high = lower_is_better(high, target, w).points
    assert 0 <= p_high <= p_low <= w
    if low <= target:
        assert p_low == w


def test_issue_examples_for_proportional_rules() -> None:
    assert higher_is_better("17.76", "21", 6).points == Decimal("5.07")
    assert higher_is_better("92.78", "95", 8).points == Decimal("7.81")
    assert lower_is_better("5", "5", 8).points == Decimal("8.00")
    assert lower_is_better("10", "5", 8).points == Decimal("4.00")


def test_higher_is_better_zero_target_is_an_error() -> None:
    with pytest.raises(InputError, match="target"):
        higher_is_better("1", "0", 5)


@pytest.mark.parametrize(
    ("points", "tier"),
    [
        ("6", "achieved"),
        ("4.8", "achieved"),
        ("4.79", "partly"),
        ("3.6", "partly"),
        ("3.59", "not"),
        ("0", "not"),
    ],
)
def test_national_qualitative_tier_edges(points: str, tier: str) -> None:
    _, found = qualitative(points, 6)
    assert found is not None
    assert found.key == tier


@pytest.mark.parametrize(("points", "tier"), [("3", "partly"), ("2.99", "not")])
def test_tiers50_template_moves_the_lower_edge(points: str, tier: str) -> None:
    _, found = qualitative(points, 6, template=template("national-2020-tiers50"))
    assert found is not None
    assert found.key == tier


def test_stated_tier_is_checked() -> None:
    score, _ = qualitative("5", 6, "achieved")
    assert score.points == Decimal("5.00")
    with pytest.raises(RuleError, match="部分达成"):
        qualitative("5", 6, "partly")
    with pytest.raises(RuleError, match="maximum"):
        qualitative("7", 6)


def test_not_applicable_is_zero_of_zero() -> None:
    score = not_applicable(name="无")
    assert (score.points, score.weight) == (Decimal("0.00"), Decimal(0))


def test_shipped_templates_are_valid_and_one_is_default() -> None:
    ids = available_templates()
    assert {"national-2020", "national-2020-tiers50", "national-2020-outcome40"} <= set(ids)
    assert default_template().id == "national-2020"
    assert sum(template(i).default for i in ids) == 1
    for id in ids:
        shipped = template(id)
        if shipped.jurisdiction == "全国":  # the national table and its variants
            assert shipped.citation.document_number == "财预〔2020〕10号"
        assert shipped.citation.status == "transcribed"


def test_outcome40_has_no_satisfaction_group() -> None:
    from jixiao.project import Level1Kind

    shipped = template("national-2020-outcome40")
    assert shipped.weight_of(Level1Kind.SATISFACTION) is None
    assert shipped.weight_of(Level1Kind.OUTCOME) == Decimal(40)


def test_shipped_templates_are_read_once_the_default_first() -> None:
    from jixiao.project import Level1Kind
    from jixiao.project.template import shipped_templates

    shipped = shipped_templates()
    assert shipped is shipped_templates()
    assert sorted(t.id for t in shipped) == sorted(available_templates())
    assert shipped[0] is default_template()
    assert not any(t.default for t in shipped[1:])
    for each in shipped:
        assert dict(each.level1_weights) == {
            kind: each.weight_of(kind) for kind in Level1Kind if each.weight_of(kind) is not None
        }


def test_user_template_file_loads(tmp_path: pytest.TempPathFactory) -> None:
    from importlib import resources

    text = (
        resources.files("jixiao.data.templates").joinpath("national-2020.toml").read_text("utf-8")
    )
    path = tmp_path / "mine.toml"  # type: ignore[operator]
    path.write_text(
        text.replace('id = "national-2020"', 'id = "mine"').replace(
            "default = true", "default = false"
        ),
        "utf-8",
    )
    mine = load_template(path)
    assert mine.id == "mine"
    assert mine.tiers == template("national-2020").tiers


def test_template_with_tier_gap_is_rejected(tmp_path: pytest.TempPathFactory) -> None:
    from importlib import resources

    text = (
        resources.files("jixiao.data.templates").joinpath("national-2020.toml").read_text("utf-8")
    )
    path = tmp_path / "gap.toml"  # type: ignore[operator]
    path.write_text(text.replace("[60%, 80%)", "[65%, 80%)"), "utf-8")
    with pytest.raises(FrameworkError, match="gap or overlap"):
        load_template(path)


def test_template_weights_must_add_up(tmp_path: pytest.TempPathFactory) -> None:
    from importlib import resources

    text = (
        resources.files("jixiao.data.templates").joinpath("national-2020.toml").read_text("utf-8")
    )
    path = tmp_path / "bad.toml"  # type: ignore[operator]
    path.write_text(text.replace('weight = "30"', 'weight = "35"'), "utf-8")
    with pytest.raises(FrameworkError, match="add up to 105"):
        load_template(path)


def test_tier_is_found_before_rounding() -> None:
    _, found = qualitative("7.995", 10)  # 79.95 % of the weight: below the 80 % edge
    assert found is not None
    assert found.key == "partly"


def test_template_keys_are_checked(tmp_path: Path) -> None:
    from importlib import resources

    from jixiao.errors import UnknownKeyError

    text = (
        resources.files("jixiao.data.templates").joinpath("national-2020.toml").read_text("utf-8")
    )
    cases = {
        "citation": text.replace(
            'status = "transcribed"', 'status = "transcribed"\ncolour = "red"'
        ),
        "tiers": text.replace('{ key = "partly"', '{ key = "half"'),
        "deviation": text.replace('under = "80%"', 'under = "80%"\nabove = "9%"'),
    }
    for name, changed in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(changed, "utf-8")
        with pytest.raises((UnknownKeyError, FrameworkError)) as caught:
            load_template(path)
        assert name.rstrip("s") in str(caught.value)


def test_a_rule_keeps_its_weight_as_written_whatever_was_scored_before() -> None:
    # The rule objects are kept per kind, weight and template; 10 and 10.00
    # are equal numbers but are shown as written.
    assert str(higher_is_better("9", "10", "10.00").indicator.weight) == "10.00"
    assert str(higher_is_better("9", "10", 10).indicator.weight) == "10"
    assert str(higher_is_better("9", "10", "10.00").indicator.weight) == "10.00"


def test_a_row_that_does_not_apply_shares_the_templates_one_score() -> None:
    # The not_applicable rule reads nothing: each template scores it once, and
    # the score is the one evaluator's on that rule.
    rules = template("national-2020")
    once = rules.not_applicable_score
    assert rules.not_applicable_score is once
    assert not_applicable(template=rules) is once
    fresh = score_rule(rules.rule("not_applicable", Decimal(0)).renamed("无"), {})
    named = not_applicable(name="无", template=rules)
    assert named.indicator == fresh.indicator
    assert (named.points, named.unrounded, named.outcome, dict(named.inputs)) == (
        fresh.points,
        fresh.unrounded,
        fresh.outcome,
        dict(fresh.inputs),
    )
    assert once.indicator.name != "无"  # naming a row's score leaves the shared one as it is
    result = score_row(Row("无", "", "不适用", "0", "0.00", ""), None, rules)
    assert result.method is Method.NOT_APPLICABLE
    assert result.rule_score is once
    assert result.score is not None
    assert result.score.indicator.name == "无"


def test_a_rule_for_a_negative_weight_is_refused_every_time() -> None:
    # A template keeps the rules it built; one for a weight that is no weight
    # is refused, and not kept (asked again, it is refused again).
    rules = template("national-2020")
    for _ in range(2):
        with pytest.raises(NumberError, match="must not be negative"):
            rules.rule("higher", Decimal("-6"))
    with pytest.raises(NumberError, match="must not be negative"):
        higher_is_better("1", "2", "-6")
    assert rules.rule("higher", Decimal("6.00")).weight == Decimal(6)


@pytest.mark.parametrize(
    ("target", "actual", "method"),
    [
        ("≥95%", "92.78%", Method.HIGHER),
        ("≤5天", "6天", Method.LOWER),
        ("100%；≥3个", "90%；2个", Method.COMPOUND),
    ],
)
def test_score_row_scores_in_its_own_context(target: str, actual: str, method: Method) -> None:
    # The row's rules run in the library's context whatever the caller's.
    row = Row("指标", target, actual, "7", "", "")
    expected = score_row(row, Level2Kind.QUALITY, default_template())
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        again = score_row(row, Level2Kind.QUALITY, default_template())
    assert again == expected
    assert expected.method is method


@pytest.mark.parametrize(("actual", "method"), [("3‰", Method.LOWER), ("6‰", Method.LOWER)])
def test_a_rate_per_mille_scores_as_the_same_rate_in_percent(actual: str, method: Method) -> None:
    # 差错率 ≤5‰ against 3‰ or 6‰: as ≤0.5% against 0.3% or 0.6%.
    rules = default_template()
    permille = score_row(Row("差错率", "≤5‰", actual, "10", "", ""), Level2Kind.QUALITY, rules)
    percent = Decimal(actual[:-1]) / 10
    again = score_row(
        Row("差错率", "≤0.5%", f"{percent}%", "10", "", ""), Level2Kind.QUALITY, rules
    )
    assert permille.method is again.method is method
    assert permille.rule_score is not None
    assert again.rule_score is not None
    assert permille.rule_score.points == again.rule_score.points


def test_a_unit_price_row_is_scored_from_its_values() -> None:
    # Before, "≤500元/人" was unparsed and the row kept the evaluator's points.
    rules = default_template()

    def scored(target: str, actual: str) -> tuple[Method, Decimal | None]:
        row = Row("人均培训成本", target, actual, "10", "9", "")
        result = score_row(row, Level2Kind.COST, rules)
        return result.method, None if result.rule_score is None else result.rule_score.points

    assert scored("≤500元/人", "480元/人") == (Method.LOWER, Decimal(10))
    assert scored("人均≤500元", "480元/人") == (Method.LOWER, Decimal(10))
    over = scored("≤500元/人", "625元/人")
    assert over[0] is Method.LOWER
    assert over[1] is not None
    assert 0 <= over[1] < 10
    assert scored("≤500元/人", "480元")[0] is Method.EVALUATOR  # per what? not divided
