"""Google Analytics 4 report exported from the UI as CSV (Share this report → Download file).

The file opens with ``#`` comment lines that name the report and its date range
(``# Start date: 20240101``), then the table; further tables may follow after a blank line and
are ignored. Rows are sessions by a traffic dimension (default channel group, source / medium,
campaign), per day when the report has a ``Date`` dimension, otherwise for the whole range
(``days`` then holds its length).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import (
    RowRejections,
    batch,
    column_positions,
    dates,
    header_key,
    marker_rows,
    numbers,
    texts,
)
from socialplan.measure.read import ExportFile, ImportInputError

# Traffic sources that are social networks → catalogue channel id.
SOCIAL_SOURCES: dict[str, str] = {
    "facebook": "facebook",
    "fb": "facebook",
    "m.facebook.com": "facebook",
    "l.facebook.com": "facebook",
    "lm.facebook.com": "facebook",
    "facebook.com": "facebook",
    "instagram": "instagram",
    "ig": "instagram",
    "instagram.com": "instagram",
    "l.instagram.com": "instagram",
    "t.co": "x",
    "twitter": "x",
    "twitter.com": "x",
    "x.com": "x",
    "x": "x",
    "linkedin": "linkedin",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "youtube": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "tiktok": "tiktok",
    "tiktok.com": "tiktok",
    "pinterest": "pinterest",
    "pinterest.com": "pinterest",
    "reddit": "reddit",
    "reddit.com": "reddit",
    "whatsapp": "whatsapp",
    "web.whatsapp.com": "whatsapp",
    "threads.net": "threads",
    "telegram": "telegram",
    "t.me": "telegram",
}

DIMENSIONS = {
    "date": ["Date"],
    "channel_group": [
        "Session default channel group",
        "Session primary channel group",
        "Default channel group",
        "First user default channel group",
        "Session default channel grouping",
    ],
    "source_medium": ["Session source / medium", "Source / medium", "First user source / medium"],
    "source": ["Session source", "Source", "First user source"],
    "medium": ["Session medium", "Medium", "First user medium"],
    "campaign": ["Session campaign", "Campaign", "Session campaign name", "First user campaign"],
}
MEASURES = {
    "sessions": ["Sessions"],
    "engaged_sessions": ["Engaged sessions"],
    "users": ["Total users", "Active users", "Users"],
    "conversions": ["Key events", "Conversions"],
    "revenue": ["Total revenue", "Purchase revenue", "Revenue"],
}


def social_platform(source: object) -> str | None:
    """The catalogue channel a traffic source belongs to, when it is a social network."""
    if not isinstance(source, str):
        return None
    key = source.strip().casefold().removeprefix("www.")
    return SOCIAL_SOURCES.get(key)


class GA4Csv(Importer):
    id = "ga4_csv"
    name = Text(en="Google Analytics 4 report (CSV download)", he="דוח Google Analytics 4 (הורדת CSV)")
    platform = None
    file_kinds = frozenset({"csv"})

    def _header(self, export: ExportFile) -> int | None:
        sheet = export.sheets[0]
        for index, record in enumerate(sheet.preview):
            keys = {header_key(c) for c in record}
            if header_key("Sessions") in keys and keys & {header_key(n) for d in DIMENSIONS.values() for n in d}:
                return index
        return None

    def detect(self, export: ExportFile) -> Detection | None:
        if self._header(export) is None:
            return None
        commented = export.data[:200].lstrip(b"\xef\xbb\xbf").startswith(b"#")
        return Detection(
            self.id,
            0.95 if commented else 0.7,
            Text(
                en="The file has GA4's comment lines and a Sessions column by traffic dimension.",
                he="בקובץ יש שורות הערה של GA4 ועמודת Sessions לפי ממד תנועה.",
            ),
        )

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        index = self._header(export)
        if index is None:
            raise ImportInputError(
                export.name, Text(en="No GA4 sessions table was found.", he="לא נמצאה טבלת סשנים של GA4.")
            )
        table = export.sheets[0].table(index, stop_at_blank=True)
        frame = table.frame
        rejections = RowRejections(table)
        cols = column_positions(table, {**DIMENSIONS, **MEASURES})
        data_rows = ~marker_rows(frame[0], "grand total", "total", "סכום כולל", 'סה"כ')
        if "date" in cols:
            day = dates(frame[cols["date"]], ("%Y%m%d", "%Y-%m-%d", "%m/%d/%Y"), rejections, "Date")
            days = pd.Series(1, index=frame.index)
        else:
            start, end = _range(export)
            if start is None or end is None:
                raise ImportInputError(
                    export.name,
                    Text(
                        en="The report has no Date column and no '# Start date' / '# End date' lines, "
                        "so its rows cannot be placed in time.",
                        he="בדוח אין עמודת Date ואין שורות '# Start date' / '# End date', "
                        "ולכן אי אפשר למקם את שורותיו בזמן.",
                    ),
                )
            day = pd.Series(pd.Timestamp(start), index=frame.index)
            days = pd.Series((end - start).days + 1, index=frame.index)
        source = texts(frame[cols["source"]]) if "source" in cols else None
        medium = texts(frame[cols["medium"]]) if "medium" in cols else None
        if "source_medium" in cols:
            pairs = texts(frame[cols["source_medium"]]).map(
                lambda v: v.split(" / ", 1) if isinstance(v, str) else [None, None]
            )
            source = pairs.map(lambda p: p[0].strip() if p[0] else None)
            medium = pairs.map(lambda p: p[1].strip() if len(p) > 1 and p[1] else None)
        measures = {
            name: numbers(frame[cols[name]], rejections, table.header[cols[name]]) for name in MEASURES if name in cols
        }
        keep = rejections.keep & data_rows
        sessions = pd.DataFrame(
            {
                "date": day,
                "days": days,
                "source": source,
                "medium": medium,
                "campaign": texts(frame[cols["campaign"]]) if "campaign" in cols else None,
                "channel_group": texts(frame[cols["channel_group"]]) if "channel_group" in cols else None,
                "social_platform": source.map(social_platform) if source is not None else None,
                **{
                    name: values.round() if name in {"sessions", "engaged_sessions", "users"} else values
                    for name, values in measures.items()
                },
            },
            index=frame.index,
        )[keep]
        return batch(self.id, export, {"web_sessions": sessions}, [rejections], int(data_rows.sum()))


def _range(export: ExportFile) -> tuple[dt.date | None, dt.date | None]:
    head = export.data[:4096].decode("utf-8", errors="replace")
    found: dict[str, dt.date] = {}
    for key in ("Start date", "End date"):
        match = re.search(rf"^#\s*{key}:\s*(\d{{8}})", head, flags=re.MULTILINE)
        if match:
            found[key] = dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    return found.get("Start date"), found.get("End date")
