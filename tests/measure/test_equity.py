"""Social media equity: indicator scores, component means, index weights, period over period."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from socialplan.measure.equity import (
    DEFAULT_WEIGHTS,
    IndicatorSpec,
    equity_compute,
    equity_indicators,
    indicator_score,
)
from socialplan.measure.metrics import MetricValue
from socialplan.plan.model import Plan


def _plan(**extra: object) -> Plan:
    return Plan.model_validate({"business": {"name": "Acme"}, **extra})


@pytest.mark.parametrize(
    ("value", "reference", "kind", "higher", "expected"),
    [
        (50, 100, "target", True, 50),  # halfway to the target
        (150, 100, "target", True, 100),  # capped
        (-5, 100, "target", True, 0),  # floored
        (10, 10, "trailing_baseline", True, 50),  # as good as before
        (15, 10, "trailing_baseline", True, 75),
        (40, 10, "plan_baseline", True, 100),  # capped at twice the baseline
        (20, 10, "target", False, 50),  # lower is better: twice the target time
        (5, 10, "trailing_baseline", False, 100),
        (-10, -20, "trailing_baseline", True, 60),  # non-positive reference: points of difference
        (-10, 0, "target", True, 90),
        (5, 0, "target", True, 100),
        (None, 10, "target", True, None),
        (10, None, "none", True, None),
    ],
)
def test_indicator_score(
    value: float | None, reference: float | None, kind: str, higher: bool, expected: float | None
) -> None:
    score = indicator_score(value, reference, kind, higher)  # type: ignore[arg-type]
    assert score == (pytest.approx(expected) if expected is not None else None)


def test_default_indicators_come_from_the_method_and_pick_up_plan_targets() -> None:
    plan = _plan(metrics=[{"id": "sales", "definition": "conversions", "measurement_type": "web_analytics",
                           "target": 40}])  # fmt: skip
    specs = equity_indicators(plan)
    assert set(specs) == set(DEFAULT_WEIGHTS)
    conversions = next(s for s in specs["value_creation"] if s.metric == "conversions")
    assert (conversions.key, conversions.target) == ("sales", 40)


def test_equity_index_by_hand() -> None:
    plan = _plan(
        metrics=[
            {"id": "eng", "definition": "engagement_rate_impressions", "measurement_type": "word_of_mouth",
             "target": 10},
            {"id": "sov", "definition": "share_of_voice", "measurement_type": "pr_media", "baseline": 20},
            {"id": "amp", "definition": "amplification_rate", "measurement_type": "word_of_mouth"},
            {"id": "conv", "definition": "conversions", "measurement_type": "web_analytics"},
        ],
        equity={
            "relationship_strength": {"indicators": [{"metric": "eng", "weight": 3}, {"metric": "amp"}]},
            "familiarity": {"indicators": [{"metric": "sov"}]},
            "efficiency": {"indicators": [{"metric": "amp"}]},
            "value_creation": {"indicators": [{"metric": "conv", "target": 50}]},
            "index_target": 70,
        },
    )  # fmt: skip
    series = {  # now, previous, before previous
        "eng": [5.0, 4.0, 2.0],
        "amp": [3.0, 2.0, 4.0],
        "sov": [30.0, 10.0, None],
        "conv": [25.0, 60.0, 10.0],
    }

    def values(spec: IndicatorSpec) -> Sequence[MetricValue | None]:
        return [MetricValue(v) if v is not None else None for v in series[spec.key]]

    result = equity_compute(plan, values)
    by_id = {c.id: c for c in result.components}
    # relationship: eng 5/10 → 50 (weight 3); amp vs previous 2 → 75 (weight 1)
    assert by_id["relationship_strength"].score == pytest.approx((50 * 3 + 75) / 4)
    assert by_id["familiarity"].score == pytest.approx(50 * 30 / 20)
    assert by_id["efficiency"].score == pytest.approx(75)
    assert by_id["value_creation"].score == pytest.approx(50)
    expected = sum(DEFAULT_WEIGHTS[c] * by_id[c].score for c in DEFAULT_WEIGHTS)  # type: ignore[operator]
    assert result.index == pytest.approx(expected)
    # previous period: eng 40, amp 2 vs 4 → 25; sov 10 vs 20 → 25; amp → 25; conv 60/50 → 100
    assert by_id["relationship_strength"].previous_score == pytest.approx((40 * 3 + 25) / 4)
    previous = {"relationship_strength": (40 * 3 + 25) / 4, "familiarity": 25, "efficiency": 25,
                "value_creation": 100}  # fmt: skip
    assert result.previous_index == pytest.approx(sum(DEFAULT_WEIGHTS[c] * previous[c] for c in previous))
    assert result.change == pytest.approx(expected - result.previous_index)  # type: ignore[operator]
    assert result.coverage == 1
    assert result.index_target == 70


def test_missing_components_are_left_out_and_coverage_says_so() -> None:
    plan = _plan(
        metrics=[{"id": "conv", "definition": "conversions", "measurement_type": "web_analytics",
                  "target": 10}],
        equity={"value_creation": {"indicators": [{"metric": "conv"}]},
                "familiarity": {"indicators": [{"metric": "conv"}]}},
    )  # fmt: skip

    def values(spec: IndicatorSpec) -> Sequence[MetricValue | None] | None:
        # Nothing measured for the default indicators of the other two components.
        return [MetricValue(5.0), None, None] if spec.key == "conv" else None

    result = equity_compute(plan, values)
    assert result.index == pytest.approx(50)  # renormalised over the two scored components
    assert result.coverage == pytest.approx(DEFAULT_WEIGHTS["value_creation"] + DEFAULT_WEIGHTS["familiarity"])
    unmeasured = [i for c in result.components for i in c.indicators if not i.measured]
    assert unmeasured
    assert all(i.score is None for i in unmeasured)
    assert result.previous_index is None
