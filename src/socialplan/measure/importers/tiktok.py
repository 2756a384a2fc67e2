"""TikTok analytics exports (TikTok Studio → Analytics → Download data): ``Overview.csv``
(one row per day for the account) and ``Content.csv`` (one row per video).

Quirks: a UTF-8 byte-order mark; dates without a year ("February 28"); ``undefined`` in empty
cells. A date without a year is read as the latest such day on or before the reference date
(``reference_date`` when given, else the day the file was saved, else today), walking back
through a chronological file so a year boundary inside it is kept.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
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
    detect_by_header,
    header_key,
    header_table,
    numbers,
    posts_batch,
    texts,
)
from socialplan.measure.read import ExportFile, Table

TIKTOK_METRICS: dict[str, MetricColumn] = {
    "video views": MetricColumn("video_views"),
    "total views": MetricColumn("video_views"),
    "profile views": MetricColumn("profile_visits"),
    "likes": MetricColumn("likes"),
    "total likes": MetricColumn("likes"),
    "comments": MetricColumn("comments"),
    "total comments": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "total shares": MetricColumn("shares"),
    "total saves": MetricColumn("saves"),
    "reached audience": MetricColumn("reach", unique=True),
}
FULL_DATES = ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y")

YEAR_NOTE = Text(
    en="TikTok prints dates without a year; years were inferred counting back from {reference}.",
    he="טיקטוק מדפיס תאריכים בלי שנה; השנים הוסקו בספירה לאחור מ-{reference}.",
)


def tiktok_dates(
    column: pd.Series,
    reference: dt.date,
    rejections: RowRejections,
    field: str,
    *,
    chronological: bool,
) -> pd.Series:
    """Calendar days from 'February 28' style cells (or full dates, which are kept)."""
    text = texts(column)
    result = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]")
    for fmt in FULL_DATES:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        result = result.fillna(parsed)
    pending = result.isna() & text.notna()
    month_day = pd.to_datetime("2000 " + text[pending], format="%Y %B %d", errors="coerce")
    month_day = month_day.fillna(pd.to_datetime("2000 " + text[pending], format="%Y %b %d", errors="coerce"))
    ordinal = (month_day.dt.month * 100 + month_day.dt.day).to_numpy(dtype=float)
    ref_ordinal = reference.month * 100 + reference.day
    years = np.full(len(ordinal), reference.year, dtype=float)
    if chronological:
        # Walking back from the last row: each time the month-day rises, a year boundary passed.
        last_year = reference.year - (1 if len(ordinal) and ordinal[-1] > ref_ordinal else 0)
        wraps = np.zeros(len(ordinal))
        wraps[:-1] = ordinal[:-1] > ordinal[1:]
        years = last_year - np.cumsum(wraps[::-1])[::-1]
    else:
        years = years - (ordinal > ref_ordinal)
    valid = ~np.isnan(ordinal)
    stamps = [
        _safe_date(int(y), int(o) // 100, int(o) % 100) if ok else pd.NaT
        for y, o, ok in zip(years, np.nan_to_num(ordinal), valid, strict=True)
    ]
    result[pending[pending].index] = pd.to_datetime(pd.Series(stamps, index=pending[pending].index))
    bad = (result.isna() & text.notna()).to_numpy()
    if bad.any():
        sample = text[bad].iloc[0]
        rejections.reject(bad, field, Text(en=f"'{sample[:40]}' is not a date.", he=f"'{sample[:40]}' אינו תאריך."))
    missing = text.isna().to_numpy()
    rejections.reject(missing, field, Text(en="The date is missing.", he="התאריך חסר."))
    return result


def export_day(export: ExportFile) -> dt.date:
    """The day the file was downloaded (its modification time), else today."""
    try:
        return dt.date.fromtimestamp(export.path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def _safe_date(year: int, month: int, day: int) -> pd.Timestamp:
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:  # 29 February in a year that has none
        return pd.Timestamp(year=year, month=month, day=day - 1)


def _values(table: Table, rejections: RowRejections) -> dict[MetricColumn, pd.Series]:
    values = {}
    for pos, header in enumerate(table.header):
        spec = TIKTOK_METRICS.get(header_key(header))
        if spec is not None and spec not in values:
            values[spec] = numbers(table.frame[pos], rejections, header)
    return values


def _table(export: ExportFile, required: tuple[str, ...]) -> Table:
    return header_table(export, required)


class TikTokOverview(Importer):
    id = "tiktok_overview"
    name = Text(en="TikTok analytics 'Overview' export (per day)", he="ייצוא 'Overview' של טיקטוק (לפי יום)")
    platform = "tiktok"
    file_kinds = frozenset({"csv", "xlsx"})
    required = ("Date", "Video Views", "Profile Views")

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = _table(export, self.required)
        rejections = RowRejections(table)
        reference = options.reference_date or export_day(export)
        date_pos = column_positions(table, {"date": ["Date"]})["date"]
        days = tiktok_dates(table.frame[date_pos], reference, rejections, "Date", chronological=True)
        values = _values(table, rejections)
        handle, notes = account_handle(options.account, None)
        account = account_id("tiktok", handle)
        keep = rejections.keep
        daily = daily_account_observations("tiktok", account, days, values, keep)
        return account_batch(
            self.id,
            export,
            platform="tiktok",
            handle=handle,
            tables={"account_daily": daily},
            rejections=rejections,
            rows_read=len(table.frame),
            notes=[*notes, YEAR_NOTE.format(reference=reference.isoformat())],
        )


class TikTokContent(Importer):
    id = "tiktok_content"
    name = Text(en="TikTok analytics 'Content' export (per video)", he="ייצוא 'Content' של טיקטוק (לפי סרטון)")
    platform = "tiktok"
    file_kinds = frozenset({"csv", "xlsx"})
    required = ("Video title", "Video link", "Post time")

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = _table(export, self.required)
        frame = table.frame
        rejections = RowRejections(table)
        reference = options.reference_date or export_day(export)
        cols = column_positions(table, {"title": ["Video title"], "url": ["Video link"], "posted": ["Post time"]})
        urls = texts(frame[cols["url"]])
        ids = urls.map(lambda u: _match(r"/video/(\d+)", u)).astype(object)
        rejections.reject(ids.isna(), "Video link", Text(en="The video link is missing.", he="קישור הסרטון חסר."))
        posted = tiktok_dates(frame[cols["posted"]], reference, rejections, "Post time", chronological=False)
        values = _values(table, rejections)
        handles = urls.map(lambda u: _match(r"tiktok\.com/@([^/]+)", u)).dropna()
        handle, notes = account_handle(options.account, handles.iloc[0] if len(handles) else None)
        return posts_batch(
            self.id,
            export,
            platform="tiktok",
            handle=handle,
            post_ids=ids,
            columns={
                "published_at": posted.dt.tz_localize("UTC"),
                "text": texts(frame[cols["title"]]),
                "format": "short_video",
                "url": urls,
            },
            values=values,
            keep=rejections.keep,
            rejections=rejections,
            rows_read=len(frame),
            notes=[*notes, YEAR_NOTE.format(reference=reference.isoformat())],
        )


def _match(pattern: str, value: object) -> str | None:
    if not isinstance(value, str):
        return None
    found = re.search(pattern, value)
    return found.group(1) if found else None
