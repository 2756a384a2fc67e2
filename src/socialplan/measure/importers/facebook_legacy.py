"""Facebook Page Insights legacy post-level export ("Facebook Insights Data Export (Post Level)").

The first row names the metrics, the second describes them ("Lifetime: The total number of
people … (Unique Users)"), data starts on the third. Several header names repeat: the pair is a
total count and a count of distinct people, and only the description row tells which is which,
so the unique flag is read from it. Times have no offset; Facebook wrote them in the Page's
reporting time zone, Pacific time unless told otherwise (``--timezone``).
"""

from __future__ import annotations

import re

import pandas as pd

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
    lookup,
    numbers,
    posts_batch,
    texts,
    timestamps,
    utm_columns,
)
from socialplan.measure.read import ExportFile

FACEBOOK_TIMEZONE = "America/Los_Angeles"

# Known metric headers (without the "Lifetime " prefix) → canonical metric. Anything else
# becomes a snake_case platform metric, so no column is silently dropped.
KNOWN: dict[str, str] = {
    "post total reach": "reach",
    "post organic reach": "reach",
    "post paid reach": "reach",
    "post total impressions": "impressions",
    "post organic impressions": "impressions",
    "post paid impressions": "impressions",
    "engaged users": "engaged_users",
    "post consumptions": "clicks",
    "post consumers": "clickers",
    "organic video views": "video_views",
    "paid video views": "video_views",
    "post stories by action type - like": "likes",
    "post stories by action type - comment": "comments",
    "post stories by action type - share": "shares",
    "talking about this (post) by action type - like": "likers",
    "talking about this (post) by action type - comment": "commenters",
    "talking about this (post) by action type - share": "sharers",
}

FORMATS = {
    "link": "link",
    "photo": "image",
    "video": "long_video",
    "status": "text",
    "shared video": "long_video",
}


def facebook_metric(header: str, description: str) -> MetricColumn | None:
    """The metric a legacy column holds; the description row says whether it counts people."""
    key = header_key(header)
    if not key.startswith("lifetime "):
        return None
    key = key.removeprefix("lifetime ")
    unique = "(unique users)" in description.casefold()
    paid = "paid" if re.search(r"\bpaid\b", key) else "organic" if re.search(r"\borganic\b", key) else "total"
    metric = KNOWN.get(key)
    if metric is None:
        metric = re.sub(r"[^0-9a-z]+", "_", key).strip("_")
        if unique:
            metric += "_people"
    elif metric in {"video_views"} and unique:
        metric = "video_viewers"
    return MetricColumn(metric, unique=unique or metric in {"reach", "engaged_users", "clickers"}, paid=paid)


class FacebookLegacyPosts(Importer):
    id = "facebook_legacy_posts"
    name = Text(en="Facebook Insights legacy post-level export", he="ייצוא Insights ישן של פייסבוק ברמת הפוסט")
    platform = "facebook"
    file_kinds = frozenset({"csv", "xls", "xlsx", "spreadsheetml"})
    required = ("Post ID", "Permalink", "Posted", "Lifetime Post Total Reach")

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required, sheet_names=("Key Metrics",))

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = header_table(export, self.required, sheet=export.sheet("Key Metrics") or export.sheets[0])
        descriptions = [str(c) for c in table.frame.iloc[0].tolist()] if len(table.frame) else []
        has_description = any(d.casefold().startswith("lifetime:") for d in descriptions)
        rejections = RowRejections(table)
        cols = column_positions(
            table,
            {
                "post_id": ["Post ID"],
                "url": ["Permalink"],
                "text": ["Post Message"],
                "type": ["Type"],
                "posted": ["Posted"],
            },
        )
        full = table.frame
        ids = texts(full[cols["post_id"]])
        data_rows = pd.Series(True, index=full.index)
        if has_description:
            data_rows.iloc[0] = False
        rejections.reject(ids.isna() & data_rows, "Post ID", Text(en="The post id is missing.", he="מזהה הפוסט חסר."))
        # The description row stays in the frame so positions match file lines; it is blanked
        # here (a stand-in time keeps it from being rejected) and dropped by ``keep`` below.
        body = full.where(data_rows, "")
        published = timestamps(
            body[cols["posted"]].where(data_rows, "01/01/2000 12:00:00 AM"),
            ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S"),
            rejections,
            "Posted",
            timezone=options.timezone or FACEBOOK_TIMEZONE,
        )
        values: dict[MetricColumn, pd.Series] = {}
        for position, header in enumerate(table.header):
            spec = facebook_metric(header, descriptions[position] if has_description else "")
            if spec is not None:
                values[spec] = numbers(body[position], rejections, header)
        page = first_text(ids)
        handle, notes = account_handle(options.account, page.split("_")[0] if page else None)
        text = column_texts(full, cols, "text")
        return posts_batch(
            self.id,
            export,
            platform="facebook",
            handle=handle,
            post_ids=ids,
            columns={
                "published_at": published,
                "text": text,
                "format": lookup(column_texts(full, cols, "type"), FORMATS),
                "url": texts(full[cols["url"]]),
                **utm_columns(text.fillna("")),
            },
            values=values,
            keep=rejections.keep & data_rows.to_numpy(),
            rejections=rejections,
            rows_read=int(data_rows.sum()),
            notes=notes,
        )
