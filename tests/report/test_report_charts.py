"""Charts: pure functions of plan and language, numbers that match the plan, Hebrew that renders."""

from __future__ import annotations

from typing import Any

import pytest

from socialplan.i18n import Lang
from socialplan.method import load_method
from socialplan.plan.model import Plan
from socialplan.report import charts
from socialplan.report.labels import MEASUREMENT_TYPE_SHORT

from .sample_plans import sample_plan


@pytest.mark.parametrize("lang", ["en", "he"])
def test_charts_are_pure_functions_of_plan_and_language(lang: Lang) -> None:
    plan = sample_plan(lang)
    for make in (charts.chart_hours_by_channel, charts.chart_strategy_mix, charts.chart_measurement_coverage):
        assert make(plan, lang).to_dict() == make(plan.model_copy(deep=True), lang).to_dict()


def test_hours_rows_follow_the_channels_and_the_total_chart_flags_overload() -> None:
    plan = sample_plan("en")
    rows = charts.hours_by_channel_rows(plan, "en")
    assert sum(row["hours"] for row in rows) == pytest.approx(plan.weekly_hours_planned)
    overloaded = plan.model_copy(deep=True)
    overloaded.resources.people = overloaded.resources.people[:1]
    planned, available = _totals(overloaded)
    assert planned["hours"] > available["hours"]
    assert planned["colour"] != _totals(plan)[0]["colour"]


def _totals(plan: Plan) -> list[dict[str, Any]]:
    spec = charts.chart_hours_by_channel(plan, "en").to_dict()
    values: list[dict[str, Any]] = spec["datasets"][spec["vconcat"][1]["data"]["name"]]
    return values


def test_strategy_shares_sum_to_100_and_fall_back_to_channel_counts() -> None:
    plan = sample_plan("en")
    assert sum(row["share"] for row in charts.strategy_mix_rows(plan, "en")) == pytest.approx(100, abs=0.2)
    unshared = plan.model_copy(deep=True)
    for choice in unshared.strategies:
        choice.share = None
    rows = {row["strategy"]: row["share"] for row in charts.strategy_mix_rows(unshared, "en")}
    carried = {sid: sum(sid in c.strategies for c in plan.channels) for sid in ("education", "empowerment")}
    education, empowerment = (load_method().strategy(s).name.en for s in ("education", "empowerment"))
    assert rows[education] / rows[empowerment] == pytest.approx(carried["education"] / carried["empowerment"], rel=0.02)


def test_coverage_counts_each_metric_under_its_goal_and_type() -> None:
    plan = sample_plan("en")
    rows = charts.measurement_coverage_rows(plan, "en")
    assert len(rows) == 4 * len(plan.goals)  # every sample metric serves a goal: no "(no goal)" row
    goal = plan.goals[0]
    expected = {
        MEASUREMENT_TYPE_SHORT[t].en: sum(
            1 for m in plan.metrics if m.measurement_type == t and (goal.id in m.goals or m.id in goal.metrics)
        )
        for t in ("pr_media", "word_of_mouth", "web_analytics", "opinion_research")
    }
    assert {r["type"]: r["metrics"] for r in rows if r["goal"] == goal.title} == expected
    assert 0 in expected.values(), "the sample should show a gap"
    assert any(expected.values()), "the sample should show a covered type"


def test_hebrew_labels_reach_the_svg_and_the_axes_sit_on_the_right() -> None:
    plan = sample_plan("he")
    chart = charts.chart_hours_by_channel(plan, "he")
    svg = charts.chart_svg(chart)
    assert load_method().channel("instagram").name.he in svg
    assert "Socialplan Sans" in svg
    assert chart.to_dict()["vconcat"][0]["encoding"]["y"]["axis"]["orient"] == "right"
    png = charts.chart_png(chart, scale=1)
    assert png.startswith(b"\x89PNG")
