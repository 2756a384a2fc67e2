"""The metric engine against hand-computed values, on DuckDB and on Spark local mode."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict, deque
from typing import Any

import pytest

from socialplan.measure.metrics import (
    METRICS,
    Filters,
    MetricValue,
    Period,
    Tables,
    _groups_needed,
    metric_def,
    metrics_compute,
)

CURRENT = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))
PREVIOUS = CURRENT.previous()


@pytest.fixture(scope="module")
def both_windows(metric_backend: Any) -> list[dict[str, MetricValue]]:
    return metrics_compute(Tables.from_backend(metric_backend), [CURRENT, PREVIOUS])


def test_period_arithmetic() -> None:
    assert (PREVIOUS.start, PREVIOUS.end) == (dt.date(2026, 2, 22), dt.date(2026, 2, 28))
    weeks = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 16)).weeks()
    assert [(w.start.day, w.end.day) for w in weeks] == [(1, 7), (8, 14), (15, 16)]
    with pytest.raises(ValueError, match="before it starts"):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))


def test_post_metrics_combine_lifetime_daily_and_paid_parts(
    both_windows: list[dict[str, MetricValue]],
) -> None:
    now = both_windows[0]
    # p1 lifetime total 1000 (daily 400 ignored); p2 daily 200 + 300; p3 organic 150 + paid 90
    assert now["impressions"].value == 1000 + (200 + 300) + (150 + 90)
    engagements = 65 + (14 + 10) + 45
    assert now["engagement_rate_impressions"].numerator == engagements
    assert now["engagement_rate_impressions"].value == pytest.approx(engagements / 1740 * 100)
    assert now["amplification_rate"].numerator == 5 + 0 + 9
    assert now["amplification_rate"].denominator == 3
    assert now["applause_rate"].value == pytest.approx((50 + 20 + 30) / 3)
    assert now["conversation_rate"].value == pytest.approx((10 + 4 + 6) / 3)
    # per 1,000 followers: the followers at the end of the period (1100 + 380)
    assert now["applause_rate_per_1000"].denominator == pytest.approx(3 * 1480 / 1000)
    assert now["applause_rate_per_1000"].value == pytest.approx(100 / (3 * 1.48))


def test_reach_is_never_summed(both_windows: list[dict[str, MetricValue]]) -> None:
    now = both_windows[0]
    # Per post: p1's largest lifetime snapshot (800, not 800 + 600 + 300), p2's largest day
    # (250, not 150 + 250), p3's larger paid part (100, not 100 + 70): averaged, not added.
    assert now["post_reach"].value == pytest.approx((800 + 250 + 100) / 3)
    assert now["post_reach"].lower_bound
    # Account: Instagram's own 7-day value (1500) rather than its daily 500 + 700; two accounts
    # may share people, so the largest account is a lower bound, never 1500 + 350.
    assert now["reach"].value == 1500
    assert now["reach"].lower_bound
    # Previous week: only a daily value (900) exists, which is a lower bound.
    assert both_windows[1]["reach"] == MetricValue(900, lower_bound=True)


def test_platform_period_reach_is_exact(metric_backend: Any) -> None:
    tables = Tables.from_backend(metric_backend)
    instagram = metrics_compute(tables, [CURRENT], Filters(platforms=("instagram",)), metrics=["reach"])[0]
    assert instagram["reach"] == MetricValue(1500, lower_bound=False)
    x = metrics_compute(tables, [CURRENT], Filters(platforms=("x",)), metrics=["reach"])[0]
    # the 5,000 paid-only row is a part, not the account's reach
    assert x["reach"] == MetricValue(350, lower_bound=True)


def test_audience(both_windows: list[dict[str, MetricValue]]) -> None:
    now, before = both_windows
    assert now["audience_size"].value == 1100 + 380
    assert now["audience_growth_rate"].numerator == (1100 + 380) - (1060 + 400)
    assert now["audience_growth_rate"].denominator == 1060 + 400
    assert before["audience_growth_rate"].value == pytest.approx((1050 - 1000) / 1000 * 100)


def test_mentions_and_opinion(both_windows: list[dict[str, MetricValue]]) -> None:
    now, before = both_windows
    assert now["mentions"].value == 4
    assert now["unique_authors"].value == 3  # ann twice, ben, dan; cat writes about a competitor
    assert (now["share_of_voice"].numerator, now["share_of_voice"].denominator) == (4, 5)
    assert now["earned_media_share"].value == pytest.approx(4 / (4 + 3) * 100)
    assert now["positive_mention_rate"].value == pytest.approx(2 / 3 * 100)  # dan's mention has no label
    assert now["negative_mention_rate"].value == pytest.approx(1 / 3 * 100)
    assert now["net_sentiment"].value == pytest.approx((2 - 1) / (2 + 1) * 100)
    assert now["share_of_positive_voice"].value == pytest.approx(2 / 3 * 100)
    # only a neutral mention the week before: no net sentiment rather than a made-up zero
    assert before["net_sentiment"].value is None
    assert now["engagement_rate_reach"].denominator == 1500
    assert now["engagement_rate_followers"].value == pytest.approx((65 + 24 + 45) / 1480 * 100)


def test_web_analytics_from_social_only(metric_backend: Any) -> None:
    tables = Tables.from_backend(metric_backend)
    web = ["sessions_from_social", "ctr", "engaged_session_rate", "social_conversion_rate", "economic_value"]
    now = metrics_compute(tables, [CURRENT], metrics=web, conversion_value=20.0)[0]
    assert now["sessions_from_social"].value == 100 + 50  # organic search excluded
    assert now["ctr"].value == pytest.approx(20 / 1740 * 100)  # only p1 reported link clicks
    assert now["engaged_session_rate"].value == pytest.approx((60 + 20) / 150 * 100)
    assert now["social_conversion_rate"].value == pytest.approx(6 / 150 * 100)
    assert now["revenue_from_social"].value == 290
    assert now["economic_value"].value == 290 + 6 * 20


def test_filters_narrow_posts(metric_backend: Any) -> None:
    tables = Tables.from_backend(metric_backend)
    goal = metrics_compute(tables, [CURRENT], Filters(goals=("g1",)), metrics=["impressions"])[0]
    assert goal["impressions"].value == 1000 + 240
    education = metrics_compute(tables, [CURRENT, PREVIOUS], Filters(strategies=("education",)))
    assert [w["amplification_rate"].denominator for w in education] == [1, 1]  # p1 now, p0 before


def _pairwise_mean_distance(edges: list[tuple[str, str]]) -> tuple[int, float]:
    """Size and mean pairwise distance of one tree, by breadth-first search."""
    graph: dict[str, set[str]] = defaultdict(set)
    for child, parent in edges:
        graph[child].add(parent)
        graph[parent].add(child)
    nodes = sorted(graph)
    total = 0
    for a, b in itertools.combinations(nodes, 2):
        seen, queue = {a: 0}, deque([a])
        while queue:
            node = queue.popleft()
            for nxt in graph[node]:
                if nxt not in seen:
                    seen[nxt] = seen[node] + 1
                    queue.append(nxt)
        total += seen[b]
    pairs = len(nodes) * (len(nodes) - 1) // 2
    return len(nodes), total / pairs


def test_cascades(both_windows: list[dict[str, MetricValue]]) -> None:
    now = both_windows[0]
    p3 = [("r1", "p3"), ("r2", "p3"), ("r3", "r1"), ("r4", "r3")]  # r3's later quote of p3 ignored
    p1 = [("s1", "p1"), ("s2", "p1")]  # the mention edge s3 is not a tree edge
    size3, virality3 = _pairwise_mean_distance(p3)
    size1, virality1 = _pairwise_mean_distance(p1)
    assert now["cascade_size"].numerator == size3 + size1 + 1  # p2 has no cascade: size 1
    assert now["cascade_size"].value == pytest.approx((size3 + size1 + 1) / 3)
    assert now["cascade_depth"].value == 3  # p3 ← r1 ← r3 ← r4
    assert now["structural_virality"].value == pytest.approx((virality3 + virality1) / 2)
    assert both_windows[1]["cascade_size"].value == 1  # p0 has no replies or shares


def test_only_the_tables_a_metric_needs_are_read(metric_backend: Any) -> None:
    tables = Tables.from_backend(metric_backend)
    assert _groups_needed({"audience_size"}) == {"accounts"}
    assert _groups_needed({"amplification_rate_per_1000"}) == {"posts", "accounts"}
    assert _groups_needed({"cascade_size"}) == set()
    only = metrics_compute(tables, [CURRENT], metrics=["audience_size", "cascade_depth"])[0]
    assert set(only) == {"audience_size", "cascade_depth"}
    assert only["cascade_depth"].value == 3
    with pytest.raises(KeyError, match="unknown metric 'likes_love'"):
        metrics_compute(tables, [CURRENT], metrics=["likes_love"])


def test_engine_metrics_are_catalogue_metrics() -> None:
    """Plans name catalogue metrics: every computed one must exist there with the same meaning."""
    from socialplan.method import load_method

    catalogue = {m.id: m for m in load_method().metrics}
    for m in METRICS:
        assert m.id in catalogue, m.id
        entry = catalogue[m.id]
        assert (entry.measurement_type, entry.unit, entry.higher_is_better) == (
            m.measurement_type,
            m.unit,
            m.higher_is_better,
        ), m.id


def test_every_metric_has_documentation() -> None:
    for m in METRICS:
        assert m.formula, m.id
        assert m.source, m.id
        assert m.name.en, m.id
        assert m.name.he, m.id
    with pytest.raises(KeyError, match="unknown metric"):
        metric_def("followers_love")


def _assert_same(ours: list[dict[str, MetricValue]], theirs: list[dict[str, MetricValue]]) -> None:
    assert len(ours) == len(theirs)
    for mine, other in zip(ours, theirs, strict=True):
        assert mine.keys() == other.keys()
        for key, value in mine.items():
            expected = other[key]
            assert value.lower_bound == expected.lower_bound, key
            for a, b in (
                (value.value, expected.value),
                (value.numerator, expected.numerator),
                (value.denominator, expected.denominator),
            ):
                assert (a is None) == (b is None), key
                if a is not None:
                    assert a == pytest.approx(b, rel=1e-12), key


@pytest.mark.spark
def test_duckdb_and_spark_agree(backend_factory: Any) -> None:
    """The same metric suite on both engines gives the same numbers, window by window."""
    duck = Tables.from_backend(backend_factory("duckdb"))
    spark = Tables.from_backend(backend_factory("spark"))
    windows = [CURRENT, PREVIOUS, Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))]
    weeks = Period(dt.date(2026, 2, 20), dt.date(2026, 3, 20)).weeks()  # the arithmetic window path
    for periods, filters in (
        (windows, Filters()),
        (windows, Filters(platforms=("instagram",), strategies=("education", "engagement"))),
        (weeks, Filters()),
    ):
        _assert_same(metrics_compute(duck, periods, filters), metrics_compute(spark, periods, filters))


@pytest.mark.parametrize("kind", ["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def test_engagements_fall_back_to_the_interactions_an_export_counts(backend_factory: Any, kind: str) -> None:
    """An export without an "Engagements" column still has engagements: its likes, comments,
    shares and saves; a post with no interaction column at all stays unknown, not zero."""
    from socialplan.measure.metrics import post_values

    def lifetime(post: str, metric: str, value: float) -> dict[str, Any]:
        return {"account_id": "pinterest:acme", "post_id": post, "metric": metric, "value": value,
                "grain": "lifetime", "date": None, "unique": False, "paid": "total"}  # fmt: skip

    rows = {
        "post_metrics": [
            lifetime("counted", "engagements", 40),  # the platform's own count wins
            lifetime("counted", "likes", 10),
            lifetime("parts", "likes", 10),
            lifetime("parts", "saves", 7),
            lifetime("parts", "comments", 2),
            lifetime("parts", "impressions", 500),
            lifetime("silent", "impressions", 300),
        ]
    }
    values = post_values(Tables.from_backend(backend_factory(kind, rows)), Filters()).to_pyarrow().to_pylist()
    engagements = {row["post_id"]: row["engagements"] for row in values}
    assert engagements == {"counted": 40, "parts": 19, "silent": None}
