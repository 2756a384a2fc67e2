"""The analytics store's canonical schema: every importer writes these tables, every metric
reads them. Documented for people in ``docs/analytics-schema.md``.

Conventions
- Times are UTC ``timestamp``; calendar days are ``date`` in the account's own reporting day.
- Every row carries ``import_id`` so an import can be undone as a whole, and so a file
  imported twice is recognised (``imports.sha256``) and changes nothing.
- Metric observations are long (one row per metric value) so a platform's new metric needs no
  migration. ``unique`` marks counts of distinct people (reach, unique viewers): such values
  are never summed across posts, days or paid/organic.
"""

from __future__ import annotations

from typing import Final, Literal

import ibis
import ibis.expr.schema as sch

# Metric names used across importers. Platform words map onto these (a retweet, a share and
# a LinkedIn repost are all ``shares``; a favourite and a like are ``likes``).
POST_METRICS: Final = (
    "impressions",  # times shown (not unique)
    "reach",  # distinct people shown the post (unique)
    "engagements",  # all interactions as the platform counts them
    "likes",  # applause: likes, favourites, reactions, hearts
    "comments",  # conversation: comments, replies
    "shares",  # amplification: shares, retweets, reposts, quotes
    "saves",  # bookmarks, saves
    "clicks",  # link clicks
    "profile_visits",
    "follows",  # follows attributed to the post
    "video_views",
    "watch_time_seconds",
    "avg_view_duration_seconds",
    "engaged_users",  # distinct people who interacted (unique)
)
ACCOUNT_METRICS: Final = (
    "followers",  # audience size at the end of the day
    "followers_gained",
    "followers_lost",
    "impressions",
    "reach",  # unique
    "profile_visits",
    "page_views",
    "engagements",
    "video_views",
    "watch_time_seconds",
    "posts_published",
)

Grain = Literal["lifetime", "daily"]
Paid = Literal["organic", "paid", "total"]
EdgeKind = Literal["reply", "share", "quote", "mention"]

ACCOUNTS = ibis.schema(
    {
        "account_id": "string",  # "<platform>:<handle>", stable across imports
        "platform": "string",  # catalogue channel id: x, facebook, instagram, linkedin, youtube, tiktok, …
        "handle": "string",
        "name": "string",
        "is_competitor": "boolean",
    }
)

POSTS = ibis.schema(
    {
        "platform": "string",
        "account_id": "string",
        "post_id": "string",
        "published_at": "timestamp",
        "text": "string",
        "format": "string",  # text, image, carousel, short_video, long_video, article, live, link, poll
        "url": "string",
        "utm_source": "string",
        "utm_medium": "string",
        "utm_campaign": "string",
        "strategy": "string",  # the E tag: education | entertainment | engagement | empowerment
        "campaign": "string",
        "goal": "string",  # plan goal id, when tagged
        "import_id": "string",
    }
)

POST_METRIC_OBSERVATIONS = ibis.schema(
    {
        "platform": "string",
        "account_id": "string",
        "post_id": "string",
        "metric": "string",  # one of POST_METRICS, or a platform-specific name
        "value": "float64",
        "grain": "string",  # lifetime | daily
        "date": "date",  # null for lifetime values
        "unique": "boolean",
        "paid": "string",  # organic | paid | total
        "import_id": "string",
    }
)

ACCOUNT_DAILY = ibis.schema(
    {
        "platform": "string",
        "account_id": "string",
        "date": "date",
        "metric": "string",  # one of ACCOUNT_METRICS
        "value": "float64",
        "unique": "boolean",
        "paid": "string",
        "import_id": "string",
    }
)

WEB_SESSIONS = ibis.schema(
    {
        "date": "date",  # the first day the row covers
        "days": "int64",  # how many days it covers: 1 for daily rows, the range for a total
        "source": "string",
        "medium": "string",
        "campaign": "string",
        "channel_group": "string",  # GA4 default channel group: Organic Social, Paid Social, …
        "social_platform": "string",  # catalogue channel id when the source is a social network
        "sessions": "int64",
        "engaged_sessions": "int64",
        "users": "int64",
        "conversions": "float64",
        "revenue": "float64",
        "import_id": "string",
    }
)

MENTIONS = ibis.schema(
    {
        "mention_id": "string",
        "platform": "string",
        "author": "string",  # pseudonymised when the workspace asks for it
        "text": "string",  # null once the retention period has passed
        "lang": "string",
        "published_at": "timestamp",
        "reach": "float64",
        "subject": "string",  # the brand or competitor name the mention is about
        "is_competitor": "boolean",
        "url": "string",
        "sentiment_score": "float64",  # -1..1, filled by the opinion package
        "sentiment_label": "string",  # positive | negative | neutral
        "import_id": "string",
    }
)

INTERACTION_EDGES = ibis.schema(
    {
        "platform": "string",
        "source_id": "string",  # the reply, share or quote
        "target_id": "string",  # what it answers or passes on
        "kind": "string",  # reply | share | quote | mention
        "created_at": "timestamp",
        "root_id": "string",  # the cascade's original post, when known
        "import_id": "string",
    }
)

IMPORTS = ibis.schema(
    {
        "import_id": "string",
        "file_name": "string",
        "sha256": "string",
        "format": "string",  # importer id
        "account_id": "string",
        "rows": "int64",
        "rejected": "int64",
        "imported_at": "timestamp",
    }
)

TABLES: Final[dict[str, sch.Schema]] = {
    "accounts": ACCOUNTS,
    "posts": POSTS,
    "post_metrics": POST_METRIC_OBSERVATIONS,
    "account_daily": ACCOUNT_DAILY,
    "web_sessions": WEB_SESSIONS,
    "mentions": MENTIONS,
    "interaction_edges": INTERACTION_EDGES,
    "imports": IMPORTS,
}
