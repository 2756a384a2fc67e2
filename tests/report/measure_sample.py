"""A small, deterministic analytics store for the measurement dashboard and document tests.

Three channels over seven months (2025-09-01..2026-03-31), posts tagged with the four Es,
followers, web sessions and mentions with texts. Built so the answers are known:
Instagram's engagement falls by half in March against February, X's rises, LinkedIn has
only education posts, and web sessions stop after January (a partial state).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import ibis
import pyarrow as pa

from socialplan.measure.metrics import Period, Tables
from socialplan.measure.schema import TABLES
from socialplan.plan.model import Plan
from socialplan.report.measure_data import MeasurementDashboard, measurement_dashboard

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
FIRST_DAY = dt.date(2025, 9, 1)
STRATEGIES = ("education", "entertainment", "engagement", "empowerment")
PLATFORMS = ("instagram", "x", "linkedin")


def _engagement_per_post(platform: str, day: dt.date) -> float:
    if platform == "instagram":
        return 30.0 if day >= MARCH.start else 60.0
    if platform == "x":
        return 40.0 if day >= MARCH.start else 20.0
    return 10.0


def sample_rows() -> dict[str, list[dict[str, Any]]]:
    posts, observations, daily, web, mentions = [], [], [], [], []
    day = FIRST_DAY
    n = 0
    while day <= MARCH.end:
        for k, platform in enumerate(PLATFORMS):
            if (day.toordinal() + k) % 3:
                continue  # each channel posts every third day
            n += 1
            strategy = "education" if platform == "linkedin" else STRATEGIES[n % 4]
            account = f"{platform}:acme"
            post_id = f"{platform}-{n}"
            posts.append(
                {
                    "platform": platform,
                    "account_id": account,
                    "post_id": post_id,
                    "published_at": dt.datetime(day.year, day.month, day.day, 9),
                    "strategy": strategy,
                    "text": f"Post {n} about our {strategy} series",
                    "url": f"https://example.com/{post_id}",
                }
            )
            engagements = _engagement_per_post(platform, day) * (2 if strategy == "entertainment" else 1)
            for metric, value in (
                ("impressions", 1000.0),
                ("reach", 700.0),
                ("engagements", engagements),
                ("likes", engagements * 0.7),
                ("comments", engagements * 0.2),
                ("shares", engagements * 0.1),
                ("clicks", 15.0),
            ):
                observations.append(
                    {
                        "platform": platform,
                        "account_id": account,
                        "post_id": post_id,
                        "metric": metric,
                        "value": value,
                        "grain": "lifetime",
                        "date": None,
                        "unique": metric == "reach",
                        "paid": "total",
                    }
                )
        for k, platform in enumerate(PLATFORMS):
            followers = 1000 * (k + 1) + 5 * (day - FIRST_DAY).days
            daily.append(
                {
                    "platform": platform,
                    "account_id": f"{platform}:acme",
                    "date": day,
                    "metric": "followers",
                    "value": float(followers),
                    "unique": True,
                    "paid": "total",
                }
            )
        if day < dt.date(2026, 2, 1):
            web.append(
                {
                    "date": day,
                    "days": 1,
                    "source": "instagram.com",
                    "medium": "referral",
                    "campaign": "",
                    "channel_group": "Organic Social",
                    "social_platform": "instagram",
                    "sessions": 40,
                    "engaged_sessions": 25,
                    "users": 35,
                    "conversions": 2.0,
                    "revenue": 90.0,
                }
            )
        day += dt.timedelta(days=1)
    texts = (
        ("acme", False, "positive", 0.8, "I love the friendly staff and the fresh bread"),
        ("acme", False, "negative", -0.7, "The delivery was late again and the bread was cold"),
        ("acme", False, "positive", 0.6, "Friendly staff, great coffee, lovely bread"),
        ("rival", True, "neutral", 0.0, "Rival opened a new shop downtown"),
    )
    for i in range(120):
        subject, competitor, label, score, text = texts[i % len(texts)]
        published = dt.datetime(2026, 1, 1, 10) + dt.timedelta(hours=18 * i)
        mentions.append(
            {
                "mention_id": f"m{i}",
                "platform": "x",
                "author": f"user{i % 17}",
                "text": text,
                "lang": "en",
                "published_at": published,
                "subject": subject,
                "is_competitor": competitor,
                "sentiment_score": score,
                "sentiment_label": label,
            }
        )
    return {"posts": posts, "post_metrics": observations, "account_daily": daily, "web_sessions": web,
            "mentions": mentions}  # fmt: skip


def sample_tables(rows: dict[str, list[dict[str, Any]]] | None = None) -> Tables:
    """The rows (the sample by default) in an in-memory DuckDB, as the engine's tables."""
    rows = sample_rows() if rows is None else rows
    con = ibis.duckdb.connect()
    for name, schema in TABLES.items():
        arrow_schema = schema.to_pyarrow()
        records = [{f: row.get(f) for f in arrow_schema.names} for row in rows.get(name, [])]
        con.create_table(name, pa.Table.from_pylist(records, schema=arrow_schema), overwrite=True)
    return Tables.from_backend(con)


def sample_plan() -> Plan:
    return Plan.model_validate(
        {
            "business": {"name": "Acme"},
            "landscape": {"competitors": ["Rival"]},
            "metrics": [
                {"id": "followers", "definition": "audience_size", "measurement_type": "pr_media"},
                {"id": "er", "definition": "engagement_rate_impressions", "measurement_type": "word_of_mouth",
                 "target": 5},
            ],
            "goals": [
                {"id": "grow", "title": "Grow the audience",
                 "target": {"metric": "followers", "value": 9000, "deadline": "2026-06-30"}},
                {"id": "engage", "title": "Start conversations",
                 "target": {"metric": "er", "value": 5, "deadline": "2026-04-30"}},
            ],
        }
    )  # fmt: skip


@functools.cache
def sample_dashboard() -> MeasurementDashboard:
    """The March dashboard of the sample, computed once per test run (it takes a few seconds)."""
    return measurement_dashboard(sample_plan(), sample_tables(), MARCH)
