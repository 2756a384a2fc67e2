"""The per-post rollup: answers equal to the canonical tables', rebuilt when imports change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from socialplan.measure.importers.base import ImportBatch
from socialplan.measure.metrics import Filters, MetricValue, Period, Tables, metrics_compute, post_cohort
from socialplan.measure.rollup import PostReads, post_rollup
from socialplan.measure.schema import TABLES
from socialplan.measure.store import AnalyticsStore

CURRENT = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))
WINDOWS = [CURRENT, CURRENT.previous(), Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))]
SPAN = (dt.date(2026, 2, 1), dt.date(2026, 4, 30))
FILTERS = (
    Filters(),
    Filters(platforms=("instagram",)),
    Filters(platforms=("x",), strategies=("engagement",)),
    Filters(accounts=("instagram:acme",)),
    Filters(strategies=("education",), goals=("g1",)),
)


def _flat(results: list[dict[str, MetricValue]]) -> list[dict[str, tuple[Any, ...]]]:
    return [{k: (v.value, v.numerator, v.denominator, v.lower_bound) for k, v in w.items()} for w in results]


def _from_reads(tables: Tables, filters: Filters, reads: PostReads) -> list[dict[str, MetricValue]]:
    return metrics_compute(tables, WINDOWS, filters, cohort=reads.cohort(), cascades=reads.cascades())


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_rollup_answers_equal_the_canonical_tables(backend_factory: Any, filters: Filters) -> None:
    tables = Tables.from_backend(backend_factory("duckdb"))
    rollup = post_rollup(tables)
    assert rollup is not None
    direct = metrics_compute(tables, WINDOWS, filters)
    assert _flat(_from_reads(tables, filters, PostReads(tables, filters, SPAN, rollup))) == _flat(direct)
    # The same posts read from the canonical tables, narrowed to the span, agree too.
    assert _flat(_from_reads(tables, filters, PostReads(tables, filters, SPAN, None))) == _flat(direct)
    # Row for row, the cohort is post_cohort's.
    key = ["platform", "account_id", "post_id"]
    from_rollup = PostReads(tables, filters, None, rollup).cohort().to_pandas().sort_values(key)
    expected = post_cohort(tables, filters).to_pandas().sort_values(key)
    pd.testing.assert_frame_equal(from_rollup.reset_index(drop=True), expected.reset_index(drop=True))


def test_rollup_is_kept_until_the_store_changes(backend_factory: Any) -> None:
    con = backend_factory("duckdb")
    tables = Tables.from_backend(con)
    first = post_rollup(tables)
    assert first is not None
    built = con.con.execute("SELECT built_at FROM socialplan_rollup.meta").fetchone()
    again = post_rollup(tables)
    assert again is not None
    assert again.fingerprint == first.fingerprint
    assert con.con.execute("SELECT built_at FROM socialplan_rollup.meta").fetchone() == built


def test_narrowed_tables_or_mixed_platforms_are_not_answered_from_the_rollup(backend_factory: Any) -> None:
    tables = Tables.from_backend(backend_factory("duckdb"))
    narrowed = Tables(**{**tables.__dict__, "posts": tables.posts.filter(tables.posts.platform == "x")})
    assert post_rollup(narrowed) is None
    # One post observed under two platforms: a channel filter must go to the canonical tables.
    con = backend_factory("duckdb")
    con.con.execute(
        "INSERT INTO post_metrics (platform, account_id, post_id, metric, value, grain, date, paid) "
        "VALUES ('x', 'instagram:acme', 'p2', 'likes', 7, 'daily', DATE '2026-03-06', 'organic')"
    )
    mixed = Tables.from_backend(con)
    rollup = post_rollup(mixed)
    assert rollup is not None
    assert rollup.mixed_platforms
    assert rollup.post_values(Filters(platforms=("instagram",))) is None
    instagram = Filters(platforms=("instagram",))
    reads = PostReads(mixed, instagram, SPAN, rollup)
    assert _flat(_from_reads(mixed, instagram, reads)) == _flat(metrics_compute(mixed, WINDOWS, instagram))


def _batch(label: str, value: float) -> ImportBatch:
    """An export adding one Instagram post on 2026-03-03 with lifetime impressions and likes."""
    post = pd.DataFrame(
        [{"platform": "instagram", "account_id": "instagram:acme", "post_id": f"new-{label}",
          "published_at": pd.Timestamp("2026-03-03 10:00", tz="UTC"), "strategy": "education"}]
    )  # fmt: skip
    for column in TABLES["posts"].names[:-1]:
        if column not in post:
            post[column] = None
    observations = pd.DataFrame(
        [{"platform": "instagram", "account_id": "instagram:acme", "post_id": f"new-{label}", "metric": m,
          "value": v, "grain": "lifetime", "date": pd.NaT, "unique": False, "paid": "total"}
         for m, v in (("impressions", value), ("likes", value / 10))]
    )  # fmt: skip
    observations["date"] = pd.to_datetime(observations["date"])
    observations["unique"] = observations["unique"].astype("boolean")
    tables = {"posts": post[list(TABLES["posts"].names[:-1])], "post_metrics": observations}
    return ImportBatch(format="test", source=label, sha256=label * 16, tables=tables, rows_read=3)


def test_a_new_import_and_its_undo_rebuild_the_rollup(metric_store_url: str) -> None:
    with AnalyticsStore.open(metric_store_url) as store:
        tables = Tables.from_backend(store.con)

        def impressions() -> float | None:
            rollup = post_rollup(tables)
            assert rollup is not None
            reads = PostReads(tables, Filters(), SPAN, rollup)
            values = metrics_compute(tables, [CURRENT], metrics=["impressions"], cohort=reads.cohort())
            direct = metrics_compute(tables, [CURRENT], metrics=["impressions"])
            assert values[0]["impressions"].value == direct[0]["impressions"].value
            return values[0]["impressions"].value

        def fingerprint() -> str:
            rollup = post_rollup(tables)
            assert rollup is not None
            return rollup.fingerprint

        before, state = impressions(), fingerprint()
        result = store.write(_batch("a", 5000.0))
        assert result.status == "imported"
        assert result.import_id
        assert impressions() == (before or 0) + 5000.0
        assert fingerprint() != state
        store.undo(result.import_id)
        assert impressions() == before
        assert fingerprint() == state  # the rows from before the import, again


def test_a_report_reads_a_fresh_rollup_and_never_builds_one(backend_factory: Any) -> None:
    from socialplan.measure.report import measurement_report, report_to_json
    from socialplan.plan.model import Plan

    plan = Plan.model_validate(
        {
            "business": {"name": "Acme"},
            "metrics": [
                {"id": "followers", "definition": "audience_size", "measurement_type": "pr_media"},
                {"id": "ig_shares", "definition": "amplification_rate", "measurement_type": "word_of_mouth",
                 "channels": ["instagram"], "target": 3},
            ],
            "goals": [{"id": "g1", "title": "Be shared",
                       "target": {"metric": "ig_shares", "value": 3, "deadline": "2026-06-30"}}],
            "equity": {"familiarity": {"indicators": [{"metric": "ig_shares"}]}},
        }
    )  # fmt: skip
    tables = Tables.from_backend(backend_factory("duckdb"))
    direct = report_to_json(measurement_report(plan, tables, CURRENT))
    assert post_rollup(tables, build=False) is None  # the report did not build one
    assert post_rollup(tables) is not None
    assert post_rollup(tables, build=False) is not None
    assert report_to_json(measurement_report(plan, tables, CURRENT)) == direct


T = dt.datetime
# Beside the fixture's mentions: an author back the next day on the same network, one on two
# networks in one window, a brand mention without an author, and a week with competitors only.
MORE_MENTIONS = [
    (f"n{i}", p, a, t, c, s, "rival" if c else "acme")
    for i, (p, a, t, c, s) in enumerate(
        (
            ("x", "ben", T(2026, 3, 3, 9), False, "positive"),
            ("instagram", "ben", T(2026, 3, 5, 9), False, None),
            ("x", None, T(2026, 3, 5, 11), False, "negative"),
            ("x", "cat", T(2026, 2, 23, 8), True, "negative"),
            ("instagram", "fay", T(2026, 4, 2, 0, 0), False, "positive"),
            ("x", "gus", T(2026, 4, 30, 23, 59), None, "positive"),
            ("x", "rival", T(2026, 4, 15, 12), True, None),
        )
    )
]  # fmt: skip


def _with_more_mentions(backend_factory: Any) -> Tables:
    con = backend_factory("duckdb")
    con.con.executemany(
        "INSERT INTO mentions (mention_id, platform, author, published_at, is_competitor, sentiment_label, subject) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        MORE_MENTIONS,
    )
    return Tables.from_backend(con)


MENTION_METRICS = ["mentions", "unique_authors", "share_of_voice", "net_sentiment", "share_of_positive_voice",
                   "positive_mention_rate", "negative_mention_rate", "earned_media_share"]  # fmt: skip
MENTION_WINDOWS = (
    WINDOWS,
    Period(dt.date(2026, 2, 22), dt.date(2026, 4, 30)).weeks(),
    [Period(dt.date(2026, 2, 1), dt.date(2026, 2, 22)), Period(dt.date(2026, 2, 23), dt.date(2026, 2, 23)), CURRENT],
)


@pytest.mark.parametrize("filters", [*FILTERS, Filters(platforms=("x", "instagram"))], ids=repr)
@pytest.mark.parametrize("windows", MENTION_WINDOWS, ids=("report", "weeks", "quiet days"))
def test_mention_rollup_answers_equal_the_mentions(
    backend_factory: Any, filters: Filters, windows: list[Period]
) -> None:
    tables = _with_more_mentions(backend_factory)
    rollup = post_rollup(tables)
    assert rollup is not None
    direct = metrics_compute(tables, windows, filters, metrics=MENTION_METRICS)
    from_days = metrics_compute(tables, windows, filters, metrics=MENTION_METRICS, mention_days=rollup.mention_days)
    assert _flat(from_days) == _flat(direct)
    assert any(w["unique_authors"].value for w in direct), "the windows hold authors to count"


def test_distinct_authors_are_never_added_across_days_or_networks(backend_factory: Any) -> None:
    tables = _with_more_mentions(backend_factory)
    rollup = post_rollup(tables)
    assert rollup is not None
    week = metrics_compute(tables, [CURRENT], metrics=["unique_authors"], mention_days=rollup.mention_days)
    # ann (x, instagram), ben (x twice, instagram), dan; cat is a competitor's, one has no author
    assert week[0]["unique_authors"].value == 3
    competitors_only = Period(dt.date(2026, 2, 23), dt.date(2026, 2, 23))
    quiet = metrics_compute(tables, [competitors_only], metrics=["unique_authors", "mentions"],
                            mention_days=rollup.mention_days)[0]  # fmt: skip
    assert (quiet["unique_authors"].value, quiet["mentions"].value) == (0, 0)


def _mention_batch(label: str, author: str) -> ImportBatch:
    """An export adding one brand mention on 2026-03-04 by ``author``."""
    mention = pd.DataFrame(
        [{"mention_id": f"new-{label}", "platform": "x", "author": author, "text": "love it",
          "published_at": pd.Timestamp("2026-03-04 10:00", tz="UTC"), "is_competitor": False,
          "subject": "acme", "sentiment_label": "positive"}]
    )  # fmt: skip
    for column in TABLES["mentions"].names[:-1]:
        if column not in mention:
            mention[column] = None
    tables = {"mentions": mention[list(TABLES["mentions"].names[:-1])]}
    return ImportBatch(format="test", source=label, sha256=label * 16, tables=tables, rows_read=1)


def test_a_mentions_import_and_its_undo_rebuild_the_mention_rollup(metric_store_url: str) -> None:
    with AnalyticsStore.open(metric_store_url) as store:
        tables = Tables.from_backend(store.con)

        def authors() -> float | None:
            rollup = post_rollup(tables)
            assert rollup is not None
            values = metrics_compute(tables, [CURRENT], metrics=["unique_authors"], mention_days=rollup.mention_days)
            direct = metrics_compute(tables, [CURRENT], metrics=["unique_authors"])
            assert _flat(values) == _flat(direct)
            return values[0]["unique_authors"].value

        before = authors()
        result = store.write(_mention_batch("m", "zoe"))
        assert result.status == "imported"
        assert result.import_id
        assert authors() == (before or 0) + 1
        store.undo(result.import_id)
        assert authors() == before


def _web_batch(label: str) -> ImportBatch:
    """A GA4-like export: one day of sessions, touching none of the tables the rollup reads."""
    sessions = pd.DataFrame(
        [{"date": pd.Timestamp("2026-03-04"), "days": 1, "source": "facebook", "medium": "social",
          "campaign": None, "channel_group": "Organic Social", "social_platform": "facebook", "sessions": 10,
          "engaged_sessions": 6, "users": 9, "conversions": 1.0, "revenue": 20.0}]
    )  # fmt: skip
    sessions["days"] = sessions["days"].astype("Int64")
    for column in ("sessions", "engaged_sessions", "users"):
        sessions[column] = sessions[column].astype("Int64")
    return ImportBatch(format="test", source=label, sha256=label * 16, tables={"web_sessions": sessions}, rows_read=1)


def test_a_rebuild_recomputes_only_the_parts_whose_inputs_changed(
    metric_store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A web-sessions file rebuilds no part, a mentions file only the mention days; the answers
    stay equal to the canonical tables' either way."""
    from socialplan.measure import rollup as rollup_module

    with AnalyticsStore.open(metric_store_url) as store:
        tables = Tables.from_backend(store.con)
        raw = store.con.con
        assert post_rollup(tables) is not None
        walks: list[int] = []
        walk = rollup_module.cascade_walk

        def counted_walk(*args: Any, **kwargs: Any) -> Any:
            walks.append(1)
            return walk(*args, **kwargs)

        monkeypatch.setattr(rollup_module, "cascade_walk", counted_walk)

        def rebuilt() -> str:
            assert post_rollup(tables) is not None
            row = raw.execute("SELECT rebuilt FROM socialplan_rollup.meta").fetchone()
            assert row is not None
            return str(row[0])

        assert store.write(_web_batch("w")).status == "imported"
        assert rebuilt() == ""
        assert store.write(_mention_batch("m2", "yael")).status == "imported"
        assert rebuilt() == "mentions"
        result = store.write(_batch("b", 700.0))
        assert result.import_id
        assert rebuilt() == "cascades,values"  # the batch holds a post and its observations
        assert len(walks) == 1
        store.undo(result.import_id)
        assert rebuilt() == "cascades,values"
        # Whatever was kept, every answer is still the canonical tables' answer.
        rollup = post_rollup(tables)
        assert rollup is not None
        for filters in FILTERS:
            reads = PostReads(tables, filters, SPAN, rollup)
            assert _flat(_from_reads(tables, filters, reads)) == _flat(metrics_compute(tables, WINDOWS, filters))
