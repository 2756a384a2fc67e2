"""Goal progress: weekly series, linear projection to the deadline, status thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from socialplan.measure.metrics import MetricValue, Period
from socialplan.measure.progress import AT_RISK_SHARE, GoalProgress, goal_progress
from socialplan.plan.model import Plan

START = dt.date(2026, 1, 1)
WEEKS = Period(START, START + dt.timedelta(days=27)).weeks()  # four weeks


def _plan(metric: str, target: float | None, deadline: dt.date | None, baseline: float | None = None) -> Plan:
    goal: dict[str, object] = {"id": "g", "title": "Grow"}
    if target is not None:
        goal["target"] = {"metric": "m", "value": target, "deadline": deadline, "baseline": baseline}
    return Plan.model_validate(
        {
            "business": {"name": "Acme"},
            "goals": [goal],
            "metrics": [{"id": "m", "definition": metric, "measurement_type": "pr_media"}],
        }
    )


def _values(*numbers: float | None) -> list[MetricValue | None]:
    return [MetricValue(n) if n is not None else None for n in numbers]


def _judge(plan: Plan, values: list[MetricValue | None] | None, as_of: dt.date = WEEKS[-1].end) -> GoalProgress:
    return goal_progress(plan, plan.goals[0], WEEKS, values, as_of=as_of)


def test_level_projection_on_track() -> None:
    # followers grow by 70 a week (10 a day): at the deadline 140 days after week 1 ends
    deadline = WEEKS[0].end + dt.timedelta(days=140)
    plan = _plan("audience_size", 2300, deadline)
    result = _judge(plan, _values(1000, 1070, 1140, 1210))
    assert result.status == "on_track"
    assert result.projected == pytest.approx(1000 + 10 * 140)


def test_thresholds_between_at_risk_and_off_track() -> None:
    deadline = WEEKS[0].end + dt.timedelta(days=140)  # projected 2400 from 1000
    # gap closed with baseline 1000: (2400 - 1000) / (target - 1000)
    at_risk_target = 1000 + 1400 / (AT_RISK_SHARE + 0.05)
    off_track_target = 1000 + 1400 / (AT_RISK_SHARE - 0.05)
    for target, status in ((at_risk_target, "at_risk"), (off_track_target, "off_track")):
        result = _judge(_plan("audience_size", target, deadline), _values(1000, 1070, 1140, 1210))
        assert result.status == status
        assert result.gap_closed == pytest.approx(1400 / (target - 1000))


def test_flow_targets_count_from_the_report_start() -> None:
    # 5 conversions a week, missing week counts as nothing; cumulative 5, 10, 10, 15
    deadline = WEEKS[-1].end + dt.timedelta(days=28)
    result = _judge(_plan("conversions", 30, deadline), _values(5, 5, None, 5))
    assert [p.value for p in result.series] == [5, 10, 10, 15]
    assert result.current == 15
    # least squares over days 0, 7, 14, 21: slope 105 / 245 = 3/7 a day, intercept
    # 10 - 3/7 x 10.5 = 5.5; the deadline is 49 days after the first point
    assert result.projected == pytest.approx(5.5 + 3 / 7 * 49)
    assert result.status == "at_risk"  # 26.5 / 30 = 0.88 of the gap


def test_lower_is_better_and_other_statuses() -> None:
    deadline = WEEKS[-1].end + dt.timedelta(days=7)
    # negative mention rate falling 2 points a week towards a target of 5
    result = _judge(_plan("negative_mention_rate", 5, deadline), _values(20, 18, 16, 14))
    assert result.status == "off_track"
    assert _judge(_plan("negative_mention_rate", 15, deadline), _values(20, 18, 16, 14)).status == "achieved"
    assert _judge(_plan("audience_size", 10, None), _values(None, None, None, None)).status == "no_data"
    assert _judge(_plan("audience_size", None, None), _values(1, 2, 3, 4)).status == "no_target"
    assert _judge(_plan("response_rate", 10, deadline), None).status == "not_measured"
    late = _judge(_plan("audience_size", 5000, deadline), _values(1, 2, 3, 4), as_of=deadline + dt.timedelta(days=1))
    assert late.status == "off_track"
    plan = _plan("audience_size", 5000, deadline)
    short = goal_progress(plan, plan.goals[0], WEEKS[:1], _values(4), as_of=WEEKS[0].end)
    assert short.status == "at_risk"
    assert short.reason.he


def test_a_falling_rate_is_projected_down_to_zero_not_below() -> None:
    # comments per post fall by 1 a week (1/7 a day): the straight line crosses zero long
    # before a deadline 140 days on, but no rate of comments can be negative
    deadline = WEEKS[0].end + dt.timedelta(days=140)
    result = _judge(_plan("conversation_rate", 5, deadline), _values(3, 2, 1, 0.5))
    assert result.projected == 0.0
    assert result.status == "off_track"
    assert "0.00" in result.reason.en
    assert "-" not in result.reason.en.split("reaches only ")[1].split(" by ")[0]


def test_net_sentiment_may_be_projected_below_zero() -> None:
    deadline = WEEKS[0].end + dt.timedelta(days=140)
    result = _judge(_plan("net_sentiment", 30, deadline), _values(10, 5, 0, -5))
    assert result.projected is not None
    assert result.projected < 0


def test_the_deadline_is_written_as_each_language_writes_dates() -> None:
    deadline = dt.date(2026, 5, 31)
    result = _judge(_plan("audience_size", 2300, deadline), _values(1000, 1070, 1140, 1210))
    assert "by 31 May 2026" in result.reason.en
    assert "עד 31.5.2026" in result.reason.he
