"""Any other table, CSV or XLSX: mentions from listening tools, posts or daily figures of
platforms without their own importer.

Columns are found by a saved ``ColumnMapping`` (``--mapping file.json``), or, for mentions,
by the alias registry below (English and Hebrew header words). Interaction edges come from a
``reply_to`` or ``share_of`` column of a mentions file. A mention without an id gets a stable
one derived from its platform, author, time and text, so importing an overlapping export again
does not count it twice.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from socialplan.i18n import Text, detect_lang
from socialplan.measure.importers.base import ColumnMapping, Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import (
    MetricColumn,
    RowRejections,
    account_handle,
    account_id,
    accounts_frame,
    batch,
    column_positions,
    daily_account_observations,
    dates,
    find_header,
    header_key,
    lifetime_observations,
    numbers,
    texts,
    timestamps,
    utm_columns,
)
from socialplan.measure.read import ExportFile, ImportInputError, Table

# Canonical mention field → header spellings seen in listening-tool exports (English, Hebrew).
MENTION_ALIASES: dict[str, list[str]] = {
    "text": [
        "text",
        "content",
        "mention",
        "message",
        "post text",
        "snippet",
        "full text",
        "tweet text",
        "תוכן",
        "טקסט",
        "הודעה",
        "אזכור",
    ],
    "author": [
        "author",
        "author name",
        "user",
        "username",
        "screen name",
        "handle",
        "כותב",
        "מחבר",
        "משתמש",
        "שם משתמש",
    ],
    "published_at": [
        "date",
        "published",
        "published at",
        "created at",
        "time",
        "timestamp",
        "date published",
        "תאריך",
        "תאריך פרסום",
        "זמן",
    ],
    "platform": ["platform", "network", "source", "site", "channel", "פלטפורמה", "רשת", "מקור", "ערוץ"],
    "url": ["url", "link", "permalink", "קישור"],
    "lang": ["language", "lang", "שפה"],
    "reach": ["reach", "potential reach", "audience", "impressions", "חשיפה", "טווח הגעה", "חשיפות"],
    "mention_id": ["id", "mention id", "post id", "מזהה"],
    "subject": ["brand", "subject", "query", "topic", "מותג", "נושא"],
    "reply_to": ["in reply to", "reply to", "parent id", "in_reply_to", "תגובה ל"],
    "share_of": ["shared from", "retweet of", "repost of", "share of", "שיתוף של"],
}
GENERIC_TIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)
DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y")
MONTH_FIRST = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y")
TABLES = ("mentions", "posts", "account_daily")


def mapping_load(path: Path | str) -> ColumnMapping:
    """A saved column mapping (JSON). Raises ``ImportInputError`` for a malformed one."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        mapping = ColumnMapping(**raw)
    except (OSError, json.JSONDecodeError, TypeError) as error:
        raise ImportInputError(
            path.name,
            Text(
                en=f"The column mapping cannot be read: {error}.",
                he=f"לא ניתן לקרוא את מיפוי העמודות: {error}.",
            ),
        ) from error
    if mapping.table not in TABLES:
        raise ImportInputError(
            path.name,
            Text(
                en=f"A mapping fills one of {', '.join(TABLES)}, not '{mapping.table}'.",
                he=f"מיפוי ממלא אחת מ-{', '.join(TABLES)}, לא '{mapping.table}'.",
            ),
            field="table",
        )
    return mapping


def mapping_save(mapping: ColumnMapping, path: Path | str) -> None:
    """Save a mapping for the next import of the same kind of file."""
    Path(path).write_text(json.dumps(mapping.__dict__, ensure_ascii=False, indent=2), encoding="utf-8")


class GenericTable(Importer):
    id = "generic"
    name = Text(
        en="Any table with a column mapping (mentions, posts, daily figures)",
        he="כל טבלה עם מיפוי עמודות (אזכורים, פוסטים, נתונים יומיים)",
    )
    platform = None
    file_kinds = frozenset({"csv", "xlsx", "xls", "spreadsheetml"})

    def detect(self, export: ExportFile) -> Detection | None:
        # Without a mapping only mention-like tables are recognised, and weakly: a platform
        # importer that matches always wins.
        for sheet in export.sheets:
            for record in sheet.preview[:5]:
                keys = {header_key(c) for c in record}
                found = {
                    f for f in ("text", "author", "published_at") if keys & {header_key(a) for a in MENTION_ALIASES[f]}
                }
                if {"text", "published_at"} <= found and len(found) == 3:
                    return Detection(
                        self.id,
                        0.6,
                        Text(
                            en="The header has text, author and date columns, as mention exports do.",
                            he="בשורת הכותרת יש עמודות טקסט, כותב ותאריך, כמו בייצוא אזכורים.",
                        ),
                    )
        return None

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        mapping = options.mapping or ColumnMapping(table="mentions")
        aliases: dict[str, list[str]] = {field: [header] for field, header in mapping.columns.items()}
        if mapping.table == "mentions":
            for field, names in MENTION_ALIASES.items():
                aliases.setdefault(field, names)
        table = self._table(export, aliases, mapping)
        if mapping.table == "mentions":
            return self._mentions(export, table, aliases, mapping, options)
        return self._wide(export, table, aliases, mapping, options)

    def _table(self, export: ExportFile, aliases: dict[str, list[str]], mapping: ColumnMapping) -> Table:
        must = [f for f in ("text", "published_at", "post_id", "date") if f in aliases]
        for sheet in export.sheets:
            for index, record in enumerate(sheet.preview):
                keys = {header_key(c) for c in record}
                if must and all(keys & {header_key(a) for a in aliases[f]} for f in must[:2]):
                    return sheet.table(index)
            wanted = list(mapping.columns.values()) + list(mapping.metrics)
            if wanted and (found := find_header(sheet, wanted)) is not None:
                return sheet.table(found)
        raise ImportInputError(
            export.name,
            Text(
                en="No header row with the mapped columns was found; check the mapping's column names.",
                he="לא נמצאה שורת כותרת עם העמודות הממופות; בדקו את שמות העמודות במיפוי.",
            ),
        )

    def _formats(self, export: ExportFile, mapping: ColumnMapping) -> tuple[str, ...]:
        if mapping.date_format:
            return (mapping.date_format,)
        sample = export.sheets[0].preview if export.sheets else []
        hebrew = any(detect_lang(" ".join(map(str, row))) == "he" for row in sample[:10])
        return GENERIC_TIME_FORMATS + (DAY_FIRST + MONTH_FIRST if hebrew else MONTH_FIRST + DAY_FIRST)

    def _mentions(
        self,
        export: ExportFile,
        table: Table,
        aliases: dict[str, list[str]],
        mapping: ColumnMapping,
        options: ImportOptions,
    ) -> ImportBatch:
        frame = table.frame
        rejections = RowRejections(table)
        cols = column_positions(table, aliases)
        missing = [f for f in ("text", "published_at") if f not in cols]
        if missing:
            raise ImportInputError(
                export.name,
                Text(
                    en=f"A mentions file needs the fields {', '.join(missing)}.",
                    he=f"קובץ אזכורים צריך את השדות {', '.join(missing)}.",
                ),
            )

        def column(field: str) -> pd.Series:
            return texts(frame[cols[field]]) if field in cols else pd.Series([None] * len(frame), dtype=object)

        text = column("text")
        published = timestamps(
            frame[cols["published_at"]],
            self._formats(export, mapping),
            rejections,
            table.header[cols["published_at"]],
            timezone=mapping.timezone or options.timezone or "UTC",
        )
        platform = column("platform").map(lambda p: p.casefold() if isinstance(p, str) else None)
        platform = platform.fillna(mapping.platform or options.platform or "web")
        author = column("author")
        reach = numbers(frame[cols["reach"]], rejections, table.header[cols["reach"]]) if "reach" in cols else None
        ids = column("mention_id")
        derived = pd.Series(
            [
                hashlib.sha256(f"{p}|{a}|{t}|{x}".encode()).hexdigest()[:20]
                for p, a, t, x in zip(platform, author, published.astype(str), text, strict=True)
            ]
        )
        ids = ids.fillna(derived)
        lang = column("lang").fillna(text.map(lambda t: detect_lang(t) if isinstance(t, str) else None))
        keep = rejections.keep
        mentions = pd.DataFrame(
            {
                "mention_id": ids,
                "platform": platform,
                "author": author,
                "text": text,
                "lang": lang,
                "published_at": published,
                "reach": reach,
                "subject": column("subject").fillna(mapping.subject) if mapping.subject else column("subject"),
                "is_competitor": mapping.is_competitor,
                "url": column("url"),
            }
        )[keep]
        edges = []
        for field, kind in (("reply_to", "reply"), ("share_of", "share")):
            if field in cols:
                target = column(field)
                has = keep & target.notna().to_numpy()
                edges.append(
                    pd.DataFrame(
                        {
                            "platform": platform,
                            "source_id": ids,
                            "target_id": target,
                            "kind": kind,
                            "created_at": published,
                        }
                    )[has]
                )
        tables = {"mentions": mentions}
        if edges:
            tables["interaction_edges"] = pd.concat(edges, ignore_index=True)
        return batch(self.id, export, tables, [rejections], len(frame))

    def _wide(
        self,
        export: ExportFile,
        table: Table,
        aliases: dict[str, list[str]],
        mapping: ColumnMapping,
        options: ImportOptions,
    ) -> ImportBatch:
        platform = mapping.platform or options.platform
        if not platform or platform == self.id:
            raise ImportInputError(
                export.name,
                Text(
                    en="Name the platform of these figures in the mapping ('platform').",
                    he="ציינו במיפוי את הפלטפורמה של הנתונים ('platform').",
                ),
                field="platform",
            )
        frame = table.frame
        rejections = RowRejections(table)
        cols = column_positions(table, aliases)
        handle, notes = account_handle(options.account, None)
        account = account_id(platform, handle)
        metric_positions = {header_key(h): i for i, h in enumerate(table.header)}
        values = {}
        for header, metric in mapping.metrics.items():
            position = metric_positions.get(header_key(header))
            if position is None:
                raise ImportInputError(
                    export.name,
                    Text(
                        en=f"The mapped column '{header}' is not in the file.",
                        he=f"העמודה הממופה '{header}' אינה בקובץ.",
                    ),
                    field=header,
                )
            unique = metric in {"reach", "engaged_users", "unique_visitors"}
            values[MetricColumn(metric, unique)] = numbers(frame[position], rejections, header)
        tables: dict[str, pd.DataFrame] = {"accounts": accounts_frame(platform, handle)}
        if mapping.table == "posts":
            if "post_id" not in cols or "published_at" not in cols:
                raise ImportInputError(
                    export.name,
                    Text(
                        en="A posts mapping needs post_id and published_at columns.",
                        he="מיפוי פוסטים צריך עמודות post_id ו-published_at.",
                    ),
                )
            ids = texts(frame[cols["post_id"]])
            rejections.reject(
                ids.isna(),
                table.header[cols["post_id"]],
                Text(en="The post id is missing.", he="מזהה הפוסט חסר."),
            )
            published = timestamps(
                frame[cols["published_at"]],
                self._formats(export, mapping),
                rejections,
                table.header[cols["published_at"]],
                timezone=mapping.timezone or options.timezone or "UTC",
            )
            keep = rejections.keep
            extra: dict[str, pd.Series] = {
                f: texts(frame[cols[f]]) for f in ("text", "format", "url", "strategy", "campaign", "goal") if f in cols
            }
            url = extra.get("url", pd.Series([None] * len(frame), dtype=object))
            post_columns: dict[str, object] = {
                "platform": platform,
                "account_id": account,
                "post_id": ids,
                "published_at": published,
                **extra,
                **utm_columns(url),
            }
            tables["posts"] = pd.DataFrame(post_columns)[keep]
            tables["post_metrics"] = lifetime_observations(platform, account, ids, values, keep)
        else:
            if "date" not in cols:
                raise ImportInputError(
                    export.name,
                    Text(en="A daily mapping needs a date column.", he="מיפוי יומי צריך עמודת תאריך."),
                )
            day = dates(frame[cols["date"]], self._formats(export, mapping), rejections, table.header[cols["date"]])
            keep = rejections.keep
            tables["account_daily"] = daily_account_observations(platform, account, day, values, keep)
        return batch(self.id, export, tables, [rejections], len(frame), account=account, notes=notes)
