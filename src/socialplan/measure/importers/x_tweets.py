"""X (Twitter) analytics per-post export ``tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv``.

Two header variants exist: until 2015 applause was ``favorites``, later ``likes``. Each metric
has a ``promoted`` twin that holds '-' for posts that were not promoted. Counts may be printed
as decimals ("1938.0"); times carry their offset ("2016-12-23 18:50 +0000"). ``engagement
rate`` is derived (engagements / impressions) and is not stored.
"""

from __future__ import annotations

import re

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import (
    MetricColumn,
    RowRejections,
    account_handle,
    column_positions,
    column_texts,
    detect_by_header,
    first_text,
    header_key,
    header_table,
    numbers,
    posts_batch,
    texts,
    timestamps,
    utm_columns,
)
from socialplan.measure.read import ExportFile

# X's metric words → canonical metric names (platform-only metrics keep a snake_case name).
X_METRICS: dict[str, MetricColumn] = {
    "impressions": MetricColumn("impressions"),
    "engagements": MetricColumn("engagements"),
    "retweets": MetricColumn("shares"),
    "replies": MetricColumn("comments"),
    "likes": MetricColumn("likes"),
    "favorites": MetricColumn("likes"),
    "user profile clicks": MetricColumn("profile_visits"),
    "url clicks": MetricColumn("clicks"),
    "hashtag clicks": MetricColumn("hashtag_clicks"),
    "detail expands": MetricColumn("detail_expands"),
    "permalink clicks": MetricColumn("permalink_clicks"),
    "app opens": MetricColumn("app_opens"),
    "app installs": MetricColumn("app_installs"),
    "follows": MetricColumn("follows"),
    "email tweet": MetricColumn("email_shares"),
    "dial phone": MetricColumn("dial_phone"),
    "media views": MetricColumn("media_views"),
    "media engagements": MetricColumn("media_engagements"),
    "bookmarks": MetricColumn("saves"),
}

X_TIME_FORMATS = ("%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def x_metric_columns(header: list[str]) -> dict[int, MetricColumn]:
    """Column position → metric for X's organic and ``promoted`` columns."""
    found: dict[int, MetricColumn] = {}
    for position, name in enumerate(header):
        key = header_key(name)
        promoted = key.startswith("promoted ")
        spec = X_METRICS.get(key.removeprefix("promoted "))
        if spec is not None:
            found[position] = MetricColumn(spec.metric, spec.unique, "paid" if promoted else "organic")
    return found


class XTweetActivity(Importer):
    id = "x_tweet_activity"
    name = Text(en="X (Twitter) per-post activity export", he="ייצוא פעילות לפי פוסט של X (טוויטר)")
    platform = "x"
    file_kinds = frozenset({"csv", "xlsx"})
    required = ("Tweet id", "Tweet permalink", "time", "impressions")

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required, any_of=("likes", "favorites"))

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = header_table(export, self.required)
        frame = table.frame
        rejections = RowRejections(table)
        cols = column_positions(
            table,
            {"post_id": ["Tweet id"], "url": ["Tweet permalink"], "text": ["Tweet text"], "time": ["time"]},
        )
        ids = texts(frame[cols["post_id"]])
        rejections.reject(ids.isna(), "Tweet id", Text(en="The post id is missing.", he="מזהה הפוסט חסר."))
        published = timestamps(frame[cols["time"]], X_TIME_FORMATS, rejections, "time")
        metric_values = {
            spec: numbers(frame[pos], rejections, table.header[pos])
            for pos, spec in x_metric_columns(table.header).items()
        }
        urls = texts(frame[cols["url"]])
        first_url = first_text(urls)
        match = re.search(r"(?:twitter|x)\.com/([^/]+)/status", first_url) if first_url else None
        handle, notes = account_handle(options.account, match.group(1) if match else None)
        text = column_texts(frame, cols, "text")
        return posts_batch(
            self.id,
            export,
            platform="x",
            handle=handle,
            post_ids=ids,
            columns={"published_at": published, "text": text, "url": urls, **utm_columns(text.fillna(""))},
            values=metric_values,
            keep=rejections.keep,
            rejections=rejections,
            rows_read=len(frame),
            notes=notes,
        )
