"""Shared fixtures of the measurement tests: small canonical tables on DuckDB and on Spark.

Add fixtures here; do not change the existing ones (several test modules rely on them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pytest

from socialplan.measure.schema import TABLES

D = dt.date
T = dt.datetime

# The metrics fixture: two weeks (2026-02-22..28 "previous", 2026-03-01..07 "current"), two
# accounts (Instagram, X), posts with every kind of observation the engine must combine.
METRIC_ROWS: dict[str, list[dict[str, Any]]] = {
    "posts": [
        # (platform, account, post, published, strategy, goal)
        {"platform": "instagram", "account_id": "instagram:acme", "post_id": "p1",
         "published_at": T(2026, 3, 2, 9), "strategy": "education", "goal": "g1"},
        {"platform": "instagram", "account_id": "instagram:acme", "post_id": "p2",
         "published_at": T(2026, 3, 5, 18), "strategy": "entertainment", "goal": None},
        {"platform": "x", "account_id": "x:acme", "post_id": "p3",
         "published_at": T(2026, 3, 3, 12), "strategy": "engagement", "goal": "g1"},
        {"platform": "x", "account_id": "x:acme", "post_id": "p0",
         "published_at": T(2026, 2, 25, 8), "strategy": "education", "goal": None},
        {"platform": "instagram", "account_id": "instagram:acme", "post_id": "p9",
         "published_at": T(2026, 4, 10, 8), "strategy": "education", "goal": None},
    ],
    "post_metrics": [
        # p1: lifetime totals win over the daily rows of the same metrics.
        *({"account_id": "instagram:acme", "post_id": "p1", "metric": m, "value": v, "grain": "lifetime",
           "date": None, "unique": m == "reach", "paid": "total"}
          for m, v in (("impressions", 1000), ("reach", 800), ("likes", 50), ("comments", 10),
                       ("shares", 5), ("engagements", 65), ("clicks", 20))),
        # an older lifetime snapshot: the larger (newer) one wins
        {"account_id": "instagram:acme", "post_id": "p1", "metric": "reach", "value": 600,
         "grain": "lifetime", "date": None, "unique": True, "paid": "total"},
        {"account_id": "instagram:acme", "post_id": "p1", "metric": "reach", "value": 300,
         "grain": "daily", "date": D(2026, 3, 2), "unique": True, "paid": "total"},
        {"account_id": "instagram:acme", "post_id": "p1", "metric": "impressions", "value": 400,
         "grain": "daily", "date": D(2026, 3, 2), "unique": False, "paid": "total"},
        # p2: daily only, organic: additive metrics add up, reach takes the largest day (lower bound)
        *({"account_id": "instagram:acme", "post_id": "p2", "metric": m, "value": v, "grain": "daily",
           "date": d, "unique": m == "reach", "paid": "organic"}
          for m, v, d in (("impressions", 200, D(2026, 3, 5)), ("impressions", 300, D(2026, 3, 6)),
                          ("reach", 150, D(2026, 3, 5)), ("reach", 250, D(2026, 3, 6)),
                          ("likes", 10, D(2026, 3, 5)), ("likes", 10, D(2026, 3, 6)),
                          ("comments", 4, D(2026, 3, 6)), ("engagements", 14, D(2026, 3, 5)),
                          ("engagements", 10, D(2026, 3, 6)))),
        # p3: lifetime organic and paid parts, no total: impressions add, reach takes the larger part
        *({"account_id": "x:acme", "post_id": "p3", "metric": m, "value": v, "grain": "lifetime",
           "date": None, "unique": m == "reach", "paid": p}
          for m, v, p in (("impressions", 150, "organic"), ("impressions", 90, "paid"),
                          ("reach", 100, "organic"), ("reach", 70, "paid"), ("likes", 30, "total"),
                          ("comments", 6, "total"), ("shares", 9, "total"), ("engagements", 45, "total"))),
        *({"account_id": "x:acme", "post_id": "p0", "metric": m, "value": v, "grain": "lifetime",
           "date": None, "unique": m == "reach", "paid": "total"}
          for m, v in (("impressions", 600), ("reach", 500), ("likes", 12), ("comments", 3),
                       ("shares", 1), ("engagements", 16))),
        # a platform-specific metric the engine ignores
        {"account_id": "x:acme", "post_id": "p3", "metric": "x_bookmarks_pro", "value": 999,
         "grain": "lifetime", "date": None, "unique": False, "paid": "total"},
    ],
    "account_daily": [
        *({"account_id": "instagram:acme", "date": d, "metric": "followers", "value": v, "unique": True,
           "paid": "total"}
          for d, v in ((D(2026, 2, 22), 1000), (D(2026, 2, 28), 1050), (D(2026, 3, 1), 1060),
                       (D(2026, 3, 7), 1100))),
        *({"account_id": "x:acme", "date": d, "metric": "followers", "value": v, "unique": True,
           "paid": "total"}
          for d, v in ((D(2026, 3, 1), 400), (D(2026, 3, 7), 380))),
        *({"account_id": "instagram:acme", "date": d, "metric": m, "value": v, "unique": True,
           "paid": "total"}
          for d, m, v in ((D(2026, 3, 1), "reach", 500), (D(2026, 3, 2), "reach", 700),
                          (D(2026, 3, 7), "reach_7d", 1500), (D(2026, 2, 24), "reach", 900))),
        *({"account_id": "x:acme", "date": d, "metric": "reach", "value": v, "unique": True, "paid": "total"}
          for d, v in ((D(2026, 3, 3), 300), (D(2026, 3, 4), 350))),
        # a paid split of reach is never read at account level
        {"account_id": "x:acme", "date": D(2026, 3, 4), "metric": "reach", "value": 5000, "unique": True,
         "paid": "paid"},
    ],
    "mentions": [
        {"mention_id": f"m{i}", "platform": p, "author": a, "published_at": t, "is_competitor": c,
         "sentiment_label": s, "subject": "acme" if not c else "rival"}
        for i, (p, a, t, c, s) in enumerate(
            (
                ("x", "ann", T(2026, 3, 1, 10), False, "positive"),
                ("x", "ben", T(2026, 3, 2, 10), False, "negative"),
                ("instagram", "ann", T(2026, 3, 3, 10), False, "positive"),
                ("x", "cat", T(2026, 3, 4, 10), True, "positive"),
                ("instagram", "dan", T(2026, 3, 6, 23, 59), False, None),
                ("x", "eve", T(2026, 2, 27, 10), False, "neutral"),
            ),
            start=1,
        )
    ],
    "web_sessions": [
        {"date": d, "channel_group": g, "social_platform": s, "source": src, "medium": med,
         "sessions": n, "engaged_sessions": e, "conversions": c, "revenue": r}
        for d, g, s, src, med, n, e, c, r in (
            (D(2026, 3, 2), "Organic Social", "instagram", "instagram.com", "referral", 100, 60, 5.0, 250.0),
            (D(2026, 3, 4), "Paid Social", "facebook", "facebook", "cpc", 50, 20, 1.0, 40.0),
            (D(2026, 3, 4), "Organic Search", None, "google", "organic", 1000, 700, 30.0, 3000.0),
            (D(2026, 2, 26), "Organic Social", "x", "t.co", "referral", 30, 15, 0.0, 0.0),
        )
    ]
    + [
        # a total over 2026-02-27..03-05 belongs to neither week and is left out of both
        {"date": D(2026, 2, 27), "days": 7, "channel_group": "Organic Social", "social_platform": "x",
         "source": "t.co", "medium": "referral", "sessions": 700, "engaged_sessions": 400,
         "conversions": 9.0, "revenue": 900.0}
    ],
    "interaction_edges": [
        {"platform": p, "source_id": s, "target_id": t, "kind": k, "created_at": c}
        for p, s, t, k, c in (
            # under p3 (X): p3 ← r1 ← r3 ← r4 and p3 ← r2
            ("x", "r1", "p3", "reply", T(2026, 3, 3, 13)),
            ("x", "r2", "p3", "share", T(2026, 3, 3, 14)),
            ("x", "r3", "r1", "reply", T(2026, 3, 3, 15)),
            ("x", "r4", "r3", "reply", T(2026, 3, 3, 16)),
            # a later second parent of r3: the earliest edge wins
            ("x", "r3", "p3", "quote", T(2026, 3, 4, 9)),
            # under p1 (Instagram): a star of two shares; a mention edge is not a tree edge
            ("instagram", "s1", "p1", "share", T(2026, 3, 2, 10)),
            ("instagram", "s2", "p1", "share", T(2026, 3, 2, 11)),
            ("instagram", "s3", "p1", "mention", T(2026, 3, 2, 12)),
            # same id on another platform is another node
            ("instagram", "r1", "p9", "reply", T(2026, 4, 10, 9)),
            # a cycle (bad data) is ignored
            ("x", "c1", "c2", "reply", T(2026, 3, 1, 1)),
            ("x", "c2", "c1", "reply", T(2026, 3, 1, 2)),
        )
    ],
}  # fmt: skip


def _platform_of(account_id: str) -> str:
    return account_id.split(":", 1)[0]


def canonical_arrow(rows: dict[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    """Rows of the canonical tables as Arrow tables with the exact schema (missing fields null)."""
    out: dict[str, pa.Table] = {}
    for name, schema in TABLES.items():
        arrow_schema = schema.to_pyarrow()
        records = []
        for row in rows.get(name, []):
            full = {f: row.get(f) for f in arrow_schema.names}
            if "platform" in full and full["platform"] is None and row.get("account_id"):
                full["platform"] = _platform_of(row["account_id"])
            records.append(full)
        out[name] = pa.Table.from_pylist(records, schema=arrow_schema)
    return out


@pytest.fixture(scope="session")
def spark_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark for the whole run (starting one takes ~10 s); its files stay in a temp dir."""
    pyspark_sql = pytest.importorskip("pyspark.sql")
    spark = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("socialplan-tests")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


def _backend_load(kind: str, rows: dict[str, list[dict[str, Any]]], request: pytest.FixtureRequest) -> Any:
    """An Ibis backend of the given kind holding the canonical tables built from ``rows``."""
    import ibis

    arrow = canonical_arrow(rows)
    if kind == "duckdb":
        con = ibis.duckdb.connect()
        for name, table in arrow.items():
            con.create_table(name, table, overwrite=True)
        return con
    spark = request.getfixturevalue("spark_session")
    for name, table in arrow.items():
        # Temporary views: nothing is written to a warehouse directory.
        spark.createDataFrame(table).createOrReplaceTempView(name)
    return ibis.pyspark.connect(spark)


@pytest.fixture(
    scope="module",
    params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)],
)
def metric_backend(request: pytest.FixtureRequest) -> Any:
    """The metrics fixture on DuckDB and on Spark local mode."""
    return _backend_load(request.param, METRIC_ROWS, request)


@pytest.fixture
def backend_factory(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """``backend_factory(kind, rows=METRIC_ROWS)``: a fresh backend of that kind with those rows."""

    def make(kind: str, rows: dict[str, list[dict[str, Any]]] | None = None) -> Any:
        return _backend_load(kind, METRIC_ROWS if rows is None else rows, request)

    return make


@pytest.fixture(scope="module")
def backend_factory_module(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Like ``backend_factory``, for module-scoped fixtures."""

    def make(kind: str, rows: dict[str, list[dict[str, Any]]] | None = None) -> Any:
        return _backend_load(kind, METRIC_ROWS if rows is None else rows, request)

    return make


@pytest.fixture
def metric_store_url(tmp_path: Any) -> str:
    """An analytics store file (``duckdb:///…``) holding the metrics fixture, made by the store."""
    from socialplan.measure.store import AnalyticsStore

    url = f"duckdb:///{tmp_path / 'analytics.duckdb'}"
    with AnalyticsStore.open(url) as store:
        for name, table in canonical_arrow(METRIC_ROWS).items():
            if table.num_rows:
                store.load(name, table)
    return url
