"""LinkedIn Page analytics exports (.xls and .xlsx): content (updates), visitors and followers.

A workbook has several sheets; update sheets carry a caption row above the header. Daily
sheets split each metric into ``(organic)``, ``(sponsored)`` and ``(total)`` columns. LinkedIn
renamed ``Shares`` to ``Reposts`` and ``Update …`` to ``Post …``; both spellings are read.
Demographic sheets (location, job function, seniority, industry, company size) are not
time series and are skipped with a note.
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
    account_id,
    accounts_frame,
    batch,
    column_positions,
    column_texts,
    daily_account_observations,
    dates,
    find_header,
    header_key,
    lifetime_keys,
    metric_values,
    numbers,
    observations,
    texts,
    timestamps,
    utm_columns,
)
from socialplan.measure.read import ExportFile, ImportInputError, Sheet, Table

LINKEDIN_DATES = ("%m/%d/%Y", "%Y-%m-%d", "%d/%m/%Y")

DAILY_METRICS: dict[str, MetricColumn] = {
    "impressions": MetricColumn("impressions"),
    "unique impressions": MetricColumn("reach", unique=True),
    "clicks": MetricColumn("clicks"),
    "reactions": MetricColumn("likes"),
    "comments": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "reposts": MetricColumn("shares"),
    "total page views": MetricColumn("page_views"),
    "overview page views": MetricColumn("overview_page_views"),
    "total unique visitors": MetricColumn("unique_visitors", unique=True),
    "sponsored followers": MetricColumn("followers_gained", paid="paid"),
    "organic followers": MetricColumn("followers_gained", paid="organic"),
    "total followers": MetricColumn("followers_gained"),
}

POST_METRICS: dict[str, MetricColumn] = {
    "impressions": MetricColumn("impressions"),
    "views (excluding off-site video views)": MetricColumn("video_views"),
    "video views": MetricColumn("video_views"),
    "clicks": MetricColumn("clicks"),
    "likes": MetricColumn("likes"),
    "reactions": MetricColumn("likes"),
    "comments": MetricColumn("comments"),
    "shares": MetricColumn("shares"),
    "reposts": MetricColumn("shares"),
    "follows": MetricColumn("follows"),
}

PAID_WORDS = {"organic": "organic", "sponsored": "paid", "total": "total"}
POST_SHEETS = ("update engagement", "all posts", "all updates")
DAILY_SHEETS = ("update metrics (aggregated)", "metrics", "visitor metrics", "new followers")
DEMOGRAPHIC_SHEETS = ("location", "job function", "seniority", "industry", "company size")


def daily_metric(header: str) -> MetricColumn | None:
    """``Impressions (organic)`` → impressions/organic; ``Total followers`` → followers_gained."""
    key = header_key(header)
    match = re.fullmatch(r"(.+?) \((organic|sponsored|total|desktop|mobile)\)", key)
    name, split = (match.group(1), match.group(2)) if match else (key, None)
    if split in {"desktop", "mobile"}:
        return None  # the (total) column holds their sum
    spec = DAILY_METRICS.get(name)
    if spec is None:
        return None
    return MetricColumn(spec.metric, spec.unique, PAID_WORDS[split] if split else spec.paid)


def _post_header(sheet: Sheet) -> int | None:
    for title in ("Update title", "Post title"):
        index = find_header(sheet, (title, "Created date"))
        if index is not None:
            return index
    return None


class LinkedInPage(Importer):
    id = "linkedin_page"
    name = Text(en="LinkedIn Page analytics export", he="ייצוא ניתוח נתונים של דף לינקדאין")
    platform = "linkedin"
    file_kinds = frozenset({"xls", "xlsx", "spreadsheetml", "csv"})

    def detect(self, export: ExportFile) -> Detection | None:
        for sheet in export.sheets:
            named = header_key(sheet.name) in POST_SHEETS + DAILY_SHEETS
            if _post_header(sheet) is not None or (named and find_header(sheet, ("Date",)) is not None):
                return Detection(
                    self.id,
                    1.0 if named else 0.85,
                    Text(
                        en=f"The sheet '{sheet.name}' has LinkedIn Page columns.",
                        he=f"בגיליון '{sheet.name}' יש עמודות של דף לינקדאין.",
                    ),
                )
        return None

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        handle, notes = account_handle(options.account, None)
        account = account_id("linkedin", handle)
        tables: dict[str, list[pd.DataFrame]] = {"posts": [], "post_metrics": [], "account_daily": []}
        all_rejections: list[RowRejections] = []
        rows = 0
        for sheet in export.sheets:
            key = header_key(sheet.name)
            post_index = _post_header(sheet)
            if post_index is not None:
                table = sheet.table(post_index)
                posts, observed, rejections = self._posts(table, account)
                tables["posts"].append(posts)
                tables["post_metrics"].append(observed)
            elif (daily_index := find_header(sheet, ("Date",))) is not None and key not in DEMOGRAPHIC_SHEETS:
                table = sheet.table(daily_index)
                daily, rejections = self._daily(table, account)
                if daily is None:
                    continue
                tables["account_daily"].append(daily)
            else:
                if key in DEMOGRAPHIC_SHEETS:
                    notes.append(
                        Text(
                            en=f"The sheet '{sheet.name}' describes the audience, not a time series, and was skipped.",
                            he=f"הגיליון '{sheet.name}' מתאר את הקהל ולא סדרת זמן, ולכן דולג.",
                        )
                    )
                continue
            rows += len(table.frame)
            all_rejections.append(rejections)
        if not rows:
            raise ImportInputError(
                export.name,
                Text(en="No LinkedIn sheet with data was found.", he="לא נמצא גיליון לינקדאין עם נתונים."),
            )
        frames = {name: pd.concat(parts, ignore_index=True) for name, parts in tables.items() if parts}
        return batch(
            self.id,
            export,
            {"accounts": accounts_frame("linkedin", handle), **frames},
            all_rejections,
            rows,
            account=account,
            notes=notes,
        )

    def _posts(self, table: Table, account: str) -> tuple[pd.DataFrame, pd.DataFrame, RowRejections]:
        frame = table.frame
        rejections = RowRejections(table)
        cols = column_positions(
            table,
            {
                "title": ["Update title", "Post title"],
                "url": ["Update link", "Post link"],
                "type": ["Update type", "Post type"],
                "campaign": ["Campaign name"],
                "created": ["Created date"],
                "content": ["Content Type"],
            },
        )
        urls = texts(frame[cols["url"]])
        ids = urls.map(lambda u: _post_id(u) if isinstance(u, str) else None).astype(object)
        rejections.reject(
            ids.isna(), table.header[cols["url"]], Text(en="The post link is missing.", he="קישור הפוסט חסר.")
        )
        created = timestamps(frame[cols["created"]], (*LINKEDIN_DATES, "%m/%d/%Y %H:%M"), rejections, "Created date")
        kinds = column_texts(frame, cols, "type")
        paid = kinds.map(lambda k: "paid" if isinstance(k, str) and k.casefold() == "sponsored" else "organic")
        observed_parts = []
        text = texts(frame[cols["title"]])
        keep = None
        values = metric_values(table, POST_METRICS, rejections)
        keep = rejections.keep
        for paid_kind in ("organic", "paid"):
            rows = keep & (paid == paid_kind).to_numpy()
            keys = lifetime_keys("linkedin", account, ids)[rows]
            specs = {MetricColumn(s.metric, s.unique, paid_kind): v[rows] for s, v in values.items()}
            observed_parts.append(observations(keys, specs))
        posts = pd.DataFrame(
            {
                "platform": "linkedin",
                "account_id": account,
                "post_id": ids,
                "published_at": created,
                "text": text,
                "format": texts(frame[cols["content"]]).str.casefold() if "content" in cols else None,
                "url": urls,
                "campaign": texts(frame[cols["campaign"]]) if "campaign" in cols else None,
                **utm_columns(text.fillna("")),
            }
        )[keep]
        return posts, pd.concat(observed_parts, ignore_index=True), rejections

    def _daily(self, table: Table, account: str) -> tuple[pd.DataFrame | None, RowRejections]:
        rejections = RowRejections(table)
        specs = {pos: daily_metric(h) for pos, h in enumerate(table.header)}
        columns = {pos: spec for pos, spec in specs.items() if spec is not None}
        if not columns:
            return None, rejections
        date_position = [header_key(h) for h in table.header].index("date")
        days = dates(table.frame[date_position], LINKEDIN_DATES, rejections, "Date")
        values = {spec: numbers(table.frame[pos], rejections, table.header[pos]) for pos, spec in columns.items()}
        keep = rejections.keep
        return daily_account_observations("linkedin", account, days, values, keep), rejections


def _post_id(url: str) -> str:
    """The activity URN's number, stable across the update/post URL forms."""
    match = re.search(r"urn:li:(?:activity|share|ugcPost):(\d+)", url)
    return match.group(1) if match else url
