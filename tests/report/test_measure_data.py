"""The dashboard's data: breakdowns checked against the sample's rows counted in plain Python."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pytest

from socialplan.measure.metrics import Filters
from socialplan.report.measure_data import INDEX, measurement_dashboard, periods_back

from .measure_sample import MARCH, sample_dashboard, sample_plan, sample_rows, sample_tables


def _expected_by_channel(period_start: dt.date, period_end: dt.date) -> dict[str, tuple[int, float]]:
    rows = sample_rows()
    published = {p["post_id"]: (p["platform"], p["published_at"].date()) for p in rows["posts"]}
    out: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for o in rows["post_metrics"]:
        platform, day = published[o["post_id"]]
        if period_start <= day <= period_end and o["metric"] == "engagements":
            out[platform][0] += 1
            out[platform][1] += o["value"]
    return {k: (int(v[0]), v[1]) for k, v in out.items()}


def test_channels_match_the_rows() -> None:
    dash = sample_dashboard()
    expected = _expected_by_channel(MARCH.start, MARCH.end)
    previous = MARCH.previous()
    expected_before = _expected_by_channel(previous.start, previous.end)
    got = {r.platform: r for r in dash.channels}
    assert set(got) == set(expected)
    for platform, (posts, engagements) in expected.items():
        assert got[platform].posts == posts
        assert got[platform].engagements == pytest.approx(engagements)
        assert got[platform].previous_engagements == pytest.approx(expected_before[platform][1])
    # sorted by engagements, most first
    assert [r.engagements for r in dash.channels] == sorted((r.engagements for r in dash.channels), reverse=True)


def test_instagram_engagement_rate_halves_in_march() -> None:
    instagram = next(r for r in sample_dashboard().channels if r.platform == "instagram")
    assert instagram.engagement_rate is not None
    assert instagram.previous_engagement_rate is not None
    assert instagram.engagement_rate < instagram.previous_engagement_rate * 0.6


def test_strategy_channel_cells_count_march_posts() -> None:
    rows = sample_rows()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for p in rows["posts"]:
        if MARCH.start <= p["published_at"].date() <= MARCH.end:
            counts[p["strategy"], p["platform"]] += 1
    cells = {(c.strategy, c.platform): c.posts for c in sample_dashboard().strategy_channel}
    assert cells == dict(counts)
    # LinkedIn carries only education in the sample
    assert {s for s, p in cells if p == "linkedin"} == {"education"}


def test_top_posts_are_the_most_engaging_of_the_period() -> None:
    top = sample_dashboard().top_posts
    assert 0 < len(top) <= 10
    assert all(MARCH.start <= p.published <= MARCH.end for p in top)
    assert [p.engagements for p in top] == sorted((p.engagements for p in top), reverse=True)
    assert top[0].strategy == "entertainment"
    assert top[0].platform == "x"


def test_equity_history_ends_with_the_report_equity() -> None:
    dash = sample_dashboard()
    ends = sorted({p.end for p in dash.equity_history})
    assert len(ends) == 6
    assert ends[-1] == MARCH.end
    last = {p.component: p.score for p in dash.equity_history if p.end == MARCH.end}
    assert last[INDEX] == pytest.approx(dash.report.equity.index)
    for component in dash.report.equity.components:
        assert last[component.id] == pytest.approx(component.score)
    previous = {p.component: p.score for p in dash.equity_history if p.end == ends[-2]}
    assert previous[INDEX] == pytest.approx(dash.report.equity.previous_index)


def test_sources_show_what_is_missing() -> None:
    dash = sample_dashboard()
    assert "web_sessions" not in dash.sources  # the sample's web sessions stop in January
    assert {"posts", "mentions", "account_daily"} <= dash.sources
    assert not dash.has_type("web_analytics")
    assert dash.has_type("opinion_research")


def test_focus_group_finds_the_brand_and_competitor() -> None:
    report = sample_dashboard().focus_group
    assert report is not None
    assert [s.subject.casefold() for s in report.subjects] == ["acme", "rival"]
    assert report.themes.themes


def test_platform_filter_narrows_every_breakdown() -> None:
    dash = measurement_dashboard(sample_plan(), sample_tables(), MARCH, filters=Filters(platforms=("linkedin",)),
                                 history=2)  # fmt: skip
    assert [r.platform for r in dash.channels] == ["linkedin"]
    assert {c.platform for c in dash.strategy_channel} == {"linkedin"}
    assert all(p.platform == "linkedin" for p in dash.top_posts)
    assert dash.focus_group is None  # every sample mention is on X
    assert "mentions" not in dash.sources


def test_periods_back_are_contiguous() -> None:
    periods = periods_back(MARCH, 3)
    assert periods[-1] == MARCH
    assert all(b.start == a.end + dt.timedelta(days=1) for a, b in itertools.pairwise(periods))


def test_shared_runs_give_the_same_history_and_weeks() -> None:
    from socialplan.measure.report import MetricRuns
    from socialplan.measure.rollup import post_rollup
    from socialplan.report.measure_data import _weekly, equity_history

    plan, tables = sample_plan(), sample_tables()
    windows = periods_back(MARCH, 5)
    for rollup in (post_rollup(tables), None):  # the posts read from the rollup, and without one
        runs = MetricRuns(tables, Filters(), 0.0, (windows[0].start, MARCH.end), rollup)
        runs.run(windows)
        whole = equity_history(plan, tables, MARCH, Filters(), 3)
        shared = equity_history(plan, tables, MARCH, Filters(), 3, 0.0, runs)
        assert [(p.end, p.component, p.score) for p in whole] == [(p.end, p.component, p.score) for p in shared]
        assert [(p.metric, p.value) for p in _weekly(tables, MARCH, Filters(), 0.0)] == [
            (p.metric, p.value) for p in _weekly(tables, MARCH, Filters(), 0.0, runs)
        ]
        runs.release()
