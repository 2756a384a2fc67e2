"""Instagram post export from Meta Business Suite (Insights → Content → Export).

The Meta layout (see ``meta_posts``) with Instagram's columns: ``Account username``, ``Saves``,
``Follows``, ``Profile visits``; impressions are ``Views`` in exports since 2025.
"""

from __future__ import annotations

from socialplan.i18n import Text
from socialplan.measure.importers.common import MetricColumn
from socialplan.measure.importers.meta_posts import MetaPostsImporter

INSTAGRAM_METRICS: dict[str, MetricColumn] = {
    "impressions": MetricColumn("impressions"),
    "views": MetricColumn("impressions"),
    "reach": MetricColumn("reach", unique=True),
    "likes": MetricColumn("likes"),
    "comments": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "saves": MetricColumn("saves"),
    "follows": MetricColumn("follows"),
    "profile visits": MetricColumn("profile_visits"),
    "plays": MetricColumn("video_views"),
    "link clicks": MetricColumn("clicks"),
    "replies": MetricColumn("comments"),
    "sticker taps": MetricColumn("sticker_taps"),
    "navigation": MetricColumn("navigation"),
}


class InstagramPosts(MetaPostsImporter):
    id = "instagram_posts"
    name = Text(en="Instagram post export (Meta Business Suite)", he="ייצוא פוסטים של אינסטגרם (Meta Business Suite)")
    platform = "instagram"
    required = ("Post ID", "Account username", "Publish time", "Permalink")
    handle_columns = ("Account username",)
    metrics = INSTAGRAM_METRICS
