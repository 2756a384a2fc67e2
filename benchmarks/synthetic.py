"""Realistic synthetic analytics data in the canonical tables, for benchmarks.

One brand on 12 channels over a year. Defaults: 100,000 posts, each with 20 days of daily
observations of 5 metrics (impressions, reach, likes, comments, shares) = 10,000,000 daily
metric rows; 1,000,000 mentions; 2,000,000 interaction edges in reply/share cascades.

Realism where it matters for the engine's work:
- engagement is heavy-tailed: a post's first-day impressions are log-normal (sigma 1.6),
  its engagement rate log-normal around 3%, and cascade sizes follow a Pareto law, so a few
  posts carry most of the interactions;
- daily values decay after publishing (x0.7 a day), reach is 60-90% of impressions each day;
- cascades are shallow and broad, like real diffusion: 60% of interactions answer the post
  itself, the rest answer a random earlier interaction;
- mention authors follow a Zipf law (a few loud accounts, a long tail).

Everything is generated in chunks as Arrow tables with the canonical schema, from a seed, so
two runs produce the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from socialplan.measure.schema import TABLES

CHANNELS = (
    "facebook", "instagram", "linkedin", "x", "threads", "tiktok",
    "youtube", "pinterest", "reddit", "telegram", "snapchat", "bluesky",
)  # fmt: skip
CHANNEL_WEIGHTS = np.array([18, 22, 10, 12, 4, 12, 6, 4, 3, 3, 3, 3], dtype=float)
POST_METRICS = ("impressions", "reach", "likes", "comments", "shares")
STRATEGIES = ("education", "entertainment", "engagement", "empowerment")
SOCIAL_GROUPS = ("Organic Social", "Paid Social")
OTHER_GROUPS = ("Organic Search", "Direct", "Email", "Referral")


@dataclass(frozen=True)
class SyntheticSpec:
    posts: int = 100_000
    days_per_post: int = 20
    mentions: int = 1_000_000
    edges: int = 2_000_000
    year: int = 2025
    seed: int = 7
    chunk_posts: int = 10_000

    @property
    def post_metric_rows(self) -> int:
        return self.posts * self.days_per_post * len(POST_METRICS)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def _strings(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.cast(pa.array(numbers), pa.string()), "")


def _pick(values: tuple[str, ...], index: np.ndarray) -> pa.Array:
    dictionary = pa.DictionaryArray.from_arrays(pa.array(index.astype(np.int32)), pa.array(values))
    return pc.cast(dictionary, pa.string())


def _table(name: str, columns: dict[str, pa.Array | np.ndarray]) -> pa.Table:
    schema = TABLES[name].to_pyarrow()
    arrays = []
    length = len(next(iter(columns.values())))
    for field in schema:
        if field.name in columns:
            arrays.append(pa.array(columns[field.name], type=field.type))
        else:
            arrays.append(pa.nulls(length, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class Synthetic:
    """The generator; ``posts`` first (the other tables depend on when posts were published)."""

    def __init__(self, spec: SyntheticSpec | None = None):
        self.spec = spec or SyntheticSpec()
        rng = np.random.default_rng(self.spec.seed)
        n = self.spec.posts
        self.rng = rng
        self.channel = rng.choice(len(CHANNELS), size=n, p=CHANNEL_WEIGHTS / CHANNEL_WEIGHTS.sum())
        seconds = rng.integers(0, 365 * 86_400, size=n)
        self.published = np.datetime64(f"{self.spec.year}-01-01T00:00:00", "s") + seconds.astype("timedelta64[s]")
        self.first_day = rng.lognormal(mean=6.0, sigma=1.6, size=n)  # impressions on day 0
        self.engagement = np.minimum(rng.lognormal(mean=np.log(0.03), sigma=0.8, size=n), 0.5)

    def posts(self) -> pa.Table:
        n = self.spec.posts
        rng = self.rng
        goal_index = rng.integers(0, 4, size=n)  # 3 = untagged
        goals = pa.array(np.array(["g1", "g2", "g3", None], dtype=object)[goal_index])
        return _table(
            "posts",
            {
                "platform": _pick(CHANNELS, self.channel),
                "account_id": _pick(tuple(f"{c}:brand" for c in CHANNELS), self.channel),
                "post_id": _strings("p", np.arange(n)),
                "published_at": self.published.astype("datetime64[us]"),
                "format": _pick(("image", "short_video", "text"), rng.integers(0, 3, size=n)),
                "strategy": _pick(STRATEGIES, rng.integers(0, 4, size=n)),
                "goal": goals,
                "import_id": pa.nulls(n, pa.string()),
            },
        )

    def post_metrics(self) -> Iterator[pa.Table]:
        """Daily rows in chunks of ``chunk_posts`` posts (1,000,000 rows by default)."""
        spec = self.spec
        days, metrics = spec.days_per_post, len(POST_METRICS)
        for first in range(0, spec.posts, spec.chunk_posts):
            posts = np.arange(first, min(first + spec.chunk_posts, spec.posts))
            rng = np.random.default_rng((spec.seed, first))
            decay = 0.7 ** np.arange(days)
            noise = rng.uniform(0.8, 1.2, size=(posts.size, days))
            impressions = np.floor(self.first_day[posts, None] * decay * noise)
            reach = np.floor(impressions * rng.uniform(0.6, 0.9, size=impressions.shape))
            likes = np.floor(impressions * self.engagement[posts, None])
            comments = np.floor(likes * rng.uniform(0.02, 0.2, size=impressions.shape))
            shares = np.floor(likes * rng.uniform(0.0, 0.15, size=impressions.shape))
            # rows ordered post, day, metric
            values = np.stack([impressions, reach, likes, comments, shares], axis=2).reshape(-1)
            post_of_row = np.repeat(posts, days * metrics)
            day_of_row = np.tile(np.repeat(np.arange(days), metrics), posts.size)
            metric_of_row = np.tile(np.arange(metrics), posts.size * days)
            published_day = self.published[post_of_row].astype("datetime64[D]")
            yield _table(
                "post_metrics",
                {
                    "platform": _pick(CHANNELS, self.channel[post_of_row]),
                    "account_id": _pick(tuple(f"{c}:brand" for c in CHANNELS), self.channel[post_of_row]),
                    "post_id": _strings("p", post_of_row),
                    "metric": _pick(POST_METRICS, metric_of_row),
                    "value": values,
                    "grain": _pick(("daily",), np.zeros(values.size, dtype=np.int32)),
                    "date": published_day + day_of_row.astype("timedelta64[D]"),
                    "unique": metric_of_row == POST_METRICS.index("reach"),
                    "paid": _pick(("organic",), np.zeros(values.size, dtype=np.int32)),
                },
            )

    def account_daily(self) -> pa.Table:
        spec = self.spec
        rng = np.random.default_rng((spec.seed, 1))
        days = np.arange(np.datetime64(spec.start), np.datetime64(spec.end) + 1)
        rows: dict[str, list[pa.Array]] = {
            "account_id": [],
            "platform": [],
            "date": [],
            "metric": [],
            "value": [],
        }
        for c, channel in enumerate(CHANNELS):
            gained = rng.poisson(20 + 5 * c, size=days.size).astype(float)
            lost = rng.poisson(8, size=days.size).astype(float)
            followers = 5_000 * (c + 1) + np.cumsum(gained - lost)
            reach = np.floor(followers * rng.uniform(0.05, 0.3, size=days.size))
            for metric, values in (("followers", followers), ("followers_gained", gained),
                                   ("followers_lost", lost), ("reach", reach)):  # fmt: skip
                rows["account_id"].append(pa.array([f"{channel}:brand"] * days.size))
                rows["platform"].append(pa.array([channel] * days.size))
                rows["date"].append(pa.array(days))
                rows["metric"].append(pa.array([metric] * days.size))
                rows["value"].append(pa.array(values))
        columns = {name: pa.concat_arrays(parts) for name, parts in rows.items()}
        size = len(columns["value"])
        columns["unique"] = pa.array(np.isin(np.asarray(columns["metric"], dtype=object), ["followers", "reach"]))
        columns["paid"] = pa.array(["total"] * size)
        return _table("account_daily", columns)

    def web_sessions(self) -> pa.Table:
        spec = self.spec
        rng = np.random.default_rng((spec.seed, 2))
        days = np.arange(np.datetime64(spec.start), np.datetime64(spec.end) + 1)
        sources = [(g, c) for g in SOCIAL_GROUPS for c in CHANNELS] + [(g, None) for g in OTHER_GROUPS]
        date = np.repeat(days, len(sources))
        group = [g for _ in days for g, _ in sources]
        platform = [c for _ in days for _, c in sources]
        sessions = rng.poisson(300, size=date.size)
        engaged = rng.binomial(sessions, 0.55)
        conversions = rng.binomial(sessions, 0.02).astype(float)
        return _table(
            "web_sessions",
            {
                "date": date,
                "days": np.ones(date.size, dtype=np.int64),
                "source": pa.array(platform),
                "medium": pa.array(["social" if p else "other" for p in platform]),
                "channel_group": pa.array(group),
                "social_platform": pa.array(platform),
                "sessions": sessions,
                "engaged_sessions": engaged,
                "users": (sessions * 0.8).astype(np.int64),
                "conversions": conversions,
                "revenue": conversions * rng.lognormal(np.log(60), 0.5, size=date.size),
            },
        )

    def mentions(self) -> pa.Table:
        spec = self.spec
        rng = np.random.default_rng((spec.seed, 3))
        n = spec.mentions
        authors = np.minimum(rng.zipf(1.6, size=n), 400_000)
        seconds = rng.integers(0, 365 * 86_400, size=n)
        labels = rng.choice(3, size=n, p=[0.4, 0.15, 0.45])
        weights = CHANNEL_WEIGHTS / CHANNEL_WEIGHTS.sum()
        return _table(
            "mentions",
            {
                "mention_id": _strings("m", np.arange(n)),
                "platform": _pick(CHANNELS, rng.choice(len(CHANNELS), size=n, p=weights)),
                "author": _strings("a", authors),
                "published_at": (np.datetime64(f"{spec.year}-01-01T00:00:00", "s") + seconds.astype("timedelta64[s]"))
                .astype("datetime64[us]"),
                "reach": np.floor(rng.lognormal(5, 1.5, size=n)),
                "subject": _pick(("brand", "rival"), (rng.random(n) < 0.3).astype(np.int32)),
                "is_competitor": rng.random(n) < 0.3,
                "sentiment_label": _pick(("positive", "negative", "neutral"), labels),
                "sentiment_score": rng.uniform(-1, 1, size=n),
                "lang": _pick(("en", "he"), rng.integers(0, 2, size=n)),
            },
        )  # fmt: skip

    def interaction_edges(self) -> pa.Table:
        """Cascades under posts: Pareto-sized, each node answering the post or an earlier node."""
        spec = self.spec
        rng = np.random.default_rng((spec.seed, 4))
        weights = rng.pareto(1.2, size=spec.posts) + 1e-3
        sizes = rng.multinomial(spec.edges, weights / weights.sum())
        post = np.repeat(np.arange(spec.posts), sizes)  # the cascade each edge belongs to
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        position = np.arange(spec.edges) - offsets[post] + 1  # 1..size within the cascade
        to_root = (rng.random(spec.edges) < 0.6) | (position == 1)
        parent_position = np.where(to_root, 0, np.floor(rng.random(spec.edges) * (position - 1)).astype(np.int64) + 1)
        parent_edge = offsets[post] + parent_position - 1
        target = pc.if_else(pa.array(to_root), _strings("p", post), _strings("e", np.maximum(parent_edge, 0)))
        minutes = position.astype("timedelta64[m]")
        return _table(
            "interaction_edges",
            {
                "platform": _pick(CHANNELS, self.channel[post]),
                "source_id": _strings("e", np.arange(spec.edges)),
                "target_id": target,
                "kind": _pick(("reply", "share", "quote"), rng.choice(3, size=spec.edges, p=[0.5, 0.4, 0.1])),
                "created_at": (self.published[post] + minutes).astype("datetime64[us]"),
                "root_id": _strings("p", post),
            },
        )  # fmt: skip
