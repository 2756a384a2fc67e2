"""Meta Business Suite post export (Insights → Content → Export), Facebook Pages.

One row per post with lifetime values; ``Date`` holds the literal ``Lifetime``. Newer exports
call impressions ``Views``. Publish times have no offset and are in the time zone the export
was made in, UTC unless told otherwise (``--timezone``). Instagram uses the same layout with its
own columns (``socialplan.measure.importers.instagram_posts``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
    header_table,
    lookup,
    metric_values,
    posts_batch,
    texts,
    timestamps,
    utm_columns,
)
from socialplan.measure.read import ExportFile

META_TIME_FORMATS = (
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M",
)

FACEBOOK_METRICS: dict[str, MetricColumn] = {
    "impressions": MetricColumn("impressions"),
    "views": MetricColumn("impressions"),
    "reach": MetricColumn("reach", unique=True),
    "viewers": MetricColumn("reach", unique=True),
    "reactions, comments and shares": MetricColumn("engagements"),
    "reactions": MetricColumn("likes"),
    "comments": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "total clicks": MetricColumn("clicks"),
    "link clicks": MetricColumn("link_clicks"),
    "other clicks": MetricColumn("other_clicks"),
    "3-second video views": MetricColumn("video_views"),
    "seconds viewed": MetricColumn("watch_time_seconds"),
    "average seconds viewed": MetricColumn("avg_view_duration_seconds"),
    "negative feedback from users: hide all": MetricColumn("negative_feedback"),
}

FORMATS: dict[str, str] = {
    "photos": "image",
    "photo": "image",
    "links": "link",
    "link": "link",
    "videos": "long_video",
    "video": "long_video",
    "reels": "short_video",
    "reel": "short_video",
    "text": "text",
    "status": "text",
    "ig image": "image",
    "ig carousel": "carousel",
    "ig reel": "short_video",
    "ig video": "long_video",
    "ig story": "story",
}


def parse_meta_export(
    importer: Importer,
    export: ExportFile,
    options: ImportOptions,
    *,
    platform: str,
    required: Sequence[str],
    handle_columns: Sequence[str],
    metrics: Mapping[str, MetricColumn],
) -> ImportBatch:
    """The shared Meta Business Suite layout: one post per row, lifetime metric columns."""
    table = header_table(export, required)
    frame = table.frame
    rejections = RowRejections(table)
    cols = column_positions(
        table,
        {
            "post_id": ["Post ID"],
            "url": ["Permalink"],
            "text": ["Description", "Title", "Caption"],
            "type": ["Post type"],
            "published": ["Publish time"],
            "handle": handle_columns,
            "name": ["Account name", "Page name"],
        },
    )
    ids = texts(frame[cols["post_id"]])
    rejections.reject(ids.isna(), "Post ID", Text(en="The post id is missing.", he="מזהה הפוסט חסר."))
    published = timestamps(
        frame[cols["published"]],
        META_TIME_FORMATS,
        rejections,
        "Publish time",
        timezone=options.timezone or "UTC",
    )
    values = metric_values(table, metrics, rejections)
    handle, notes = account_handle(options.account, first_text(column_texts(frame, cols, "handle")))
    text = column_texts(frame, cols, "text")
    return posts_batch(
        importer.id,
        export,
        platform=platform,
        handle=handle,
        post_ids=ids,
        columns={
            "published_at": published,
            "text": text,
            "format": lookup(column_texts(frame, cols, "type"), FORMATS),
            "url": column_texts(frame, cols, "url"),
            **utm_columns(text.fillna("")),
        },
        values=values,
        keep=rejections.keep,
        rejections=rejections,
        rows_read=len(frame),
        notes=notes,
        name=first_text(column_texts(frame, cols, "name")),
    )


class MetaPostsImporter(Importer):
    """A Meta Business Suite post export; each platform's subclass names its columns."""

    platform: str
    file_kinds = frozenset({"csv", "xlsx"})
    required: tuple[str, ...]
    handle_columns: tuple[str, ...]  # the column naming the account
    metrics: Mapping[str, MetricColumn]

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        return parse_meta_export(
            self,
            export,
            options,
            platform=self.platform,
            required=self.required,
            handle_columns=self.handle_columns,
            metrics=self.metrics,
        )


class MetaFacebookPosts(MetaPostsImporter):
    id = "meta_facebook_posts"
    name = Text(en="Meta Business Suite post export (Facebook)", he="ייצוא פוסטים מ-Meta Business Suite (פייסבוק)")
    platform = "facebook"
    required = ("Post ID", "Page ID", "Publish time", "Permalink")
    handle_columns = ("Page ID",)
    metrics = FACEBOOK_METRICS
