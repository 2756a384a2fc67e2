"""YouTube Studio Analytics exports (Advanced mode → Export → CSV/Sheets): a folder of three
files, ``Table data`` (one row per video, lifetime of the chosen range, a ``Total`` row first),
``Chart data`` (one row per day and video) and ``Totals`` (one row per day for the channel).

Watch time is printed in hours and stored in seconds; click-through rates are derived values
and are not stored.
"""

from __future__ import annotations

import re

import pandas as pd

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import (
    MetricColumn,
    RowRejections,
    account_batch,
    account_handle,
    account_id,
    column_positions,
    daily_account_observations,
    daily_post_observations,
    dates,
    detect_by_header,
    header_key,
    header_table,
    marker_rows,
    numbers,
    posts_batch,
    text_map,
    texts,
    timestamps,
)
from socialplan.measure.read import ExportFile, Table

YOUTUBE_DATES = ("%Y-%m-%d", "%b %d, %Y", "%d %b %Y", "%m/%d/%Y")

YOUTUBE_METRICS: dict[str, MetricColumn] = {
    "views": MetricColumn("video_views"),
    "watch time (hours)": MetricColumn("watch_time_seconds", scale=3600.0),
    "watch time (minutes)": MetricColumn("watch_time_seconds", scale=60.0),
    "subscribers": MetricColumn("follows"),
    "subscribers gained": MetricColumn("follows"),
    "subscribers lost": MetricColumn("unfollows"),
    "impressions": MetricColumn("impressions"),
    "unique viewers": MetricColumn("reach", unique=True),
    "likes": MetricColumn("likes"),
    "dislikes": MetricColumn("dislikes"),
    "comments added": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "average view duration": MetricColumn("avg_view_duration_seconds"),
}
ACCOUNT_NAMES = {"follows": "followers_gained", "unfollows": "followers_lost", "reach": "reach"}
SHORT_VIDEO_SECONDS = 60


def _metric_columns(table: Table) -> dict[int, MetricColumn]:
    return {pos: spec for pos, h in enumerate(table.header) if (spec := YOUTUBE_METRICS.get(header_key(h))) is not None}


def _duration_seconds(column: pd.Series) -> pd.Series:
    """'0:01:23' or '83' → seconds."""

    def one(value: object) -> float | None:
        text = str(value).strip() if value is not None else ""
        if re.fullmatch(r"\d+(:\d{1,2}){1,2}", text):
            total = 0.0
            for part in text.split(":"):
                total = total * 60 + int(part)
            return total
        return None

    return column.map(one)


def _values(table: Table, rejections: RowRejections) -> dict[MetricColumn, pd.Series]:
    values = {}
    for pos, spec in _metric_columns(table).items():
        column = table.frame[pos]
        if spec.metric == "avg_view_duration_seconds":
            clock = _duration_seconds(column)
            column = column.where(clock.isna(), clock)
        values[spec] = numbers(column, rejections, table.header[pos])
    return values


def _total_row(table: Table) -> pd.Series:
    return pd.Series(marker_rows(table.frame[0], "total", "סה״כ", 'סה"כ'))


class _YouTubeImporter(Importer):
    platform = "youtube"
    file_kinds = frozenset({"csv", "xlsx"})
    required: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required, absent=self.absent)

    def _table(self, export: ExportFile) -> Table:
        return header_table(export, self.required)


class YouTubeTable(_YouTubeImporter):
    id = "youtube_table"
    name = Text(
        en="YouTube Studio 'Table data' export (per video)",
        he="ייצוא 'Table data' של YouTube Studio (לפי סרטון)",
    )
    required = ("Content", "Video title", "Views")
    absent = ("Date",)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = self._table(export)
        frame = table.frame
        rejections = RowRejections(table)
        data_rows = ~_total_row(table).to_numpy()
        cols = column_positions(
            table,
            {
                "post_id": ["Content"],
                "title": ["Video title"],
                "published": ["Video publish time"],
                "duration": ["Duration"],
            },
        )
        ids = texts(frame[cols["post_id"]])
        published = (
            timestamps(
                frame[cols["published"]].where(data_rows, "2000-01-01"),
                YOUTUBE_DATES,
                rejections,
                "Video publish time",
            )
            if "published" in cols
            else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
        )
        duration = numbers(frame[cols["duration"]], rejections, "Duration") if "duration" in cols else None
        values = _values(table, rejections)
        handle, notes = account_handle(options.account, None)
        formats = (
            duration.map(lambda s: None if pd.isna(s) else "short_video" if s <= SHORT_VIDEO_SECONDS else "long_video")
            if duration is not None
            else None
        )
        return posts_batch(
            self.id,
            export,
            platform="youtube",
            handle=handle,
            post_ids=ids,
            columns={
                "published_at": published,
                "text": texts(frame[cols["title"]]),
                "format": formats,
                "url": text_map(ids, lambda i: f"https://www.youtube.com/watch?v={i}"),
            },
            values=values,
            keep=rejections.keep & data_rows & ids.notna().to_numpy(),
            rejections=rejections,
            rows_read=int(data_rows.sum()),
            notes=notes,
        )


class YouTubeChart(_YouTubeImporter):
    id = "youtube_chart"
    name = Text(
        en="YouTube Studio 'Chart data' export (per day and video)",
        he="ייצוא 'Chart data' של YouTube Studio (לפי יום וסרטון)",
    )
    required = ("Date", "Content")

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = self._table(export)
        rejections = RowRejections(table)
        cols = column_positions(table, {"date": ["Date"], "post_id": ["Content"]})
        ids = texts(table.frame[cols["post_id"]])
        data_rows = ~_total_row(table).to_numpy() & ids.notna().to_numpy()
        days = dates(table.frame[cols["date"]], YOUTUBE_DATES, rejections, "Date")
        values = _values(table, rejections)
        handle, notes = account_handle(options.account, None)
        account = account_id("youtube", handle)
        keep = rejections.keep & data_rows
        observed = daily_post_observations("youtube", account, ids, days, values, keep)
        return account_batch(
            self.id,
            export,
            platform="youtube",
            handle=handle,
            tables={"post_metrics": observed},
            rejections=rejections,
            rows_read=int(data_rows.sum()),
            notes=notes,
        )


class YouTubeTotals(_YouTubeImporter):
    id = "youtube_totals"
    name = Text(
        en="YouTube Studio 'Totals' export (per day, channel)",
        he="ייצוא 'Totals' של YouTube Studio (לפי יום, ערוץ)",
    )
    required = ("Date",)
    absent = ("Content", "Video title")

    def detect(self, export: ExportFile) -> Detection | None:
        detection = super().detect(export)
        if detection is None:
            return None
        headers = {header_key(h) for s in export.sheets for row in s.preview[:3] for h in row}
        if not headers & set(YOUTUBE_METRICS) - {"likes", "shares", "impressions"}:
            return None
        # A date and a views column fit other daily exports too; the file name decides ties.
        named = header_key(export.path.stem).startswith("totals")
        return Detection(self.id, 0.8 if named else 0.55, detection.reason)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = self._table(export)
        rejections = RowRejections(table)
        cols = column_positions(table, {"date": ["Date"]})
        days = dates(table.frame[cols["date"]], YOUTUBE_DATES, rejections, "Date")
        values = _values(table, rejections)
        handle, notes = account_handle(options.account, None)
        account = account_id("youtube", handle)
        keep = rejections.keep
        specs = {
            MetricColumn(ACCOUNT_NAMES.get(s.metric, s.metric), s.unique, s.paid, s.scale): v for s, v in values.items()
        }
        return account_batch(
            self.id,
            export,
            platform="youtube",
            handle=handle,
            tables={"account_daily": daily_account_observations("youtube", account, days, specs, keep)},
            rejections=rejections,
            rows_read=len(table.frame),
            notes=notes,
        )
