"""Import bulk-scheduler CSVs (Hootsuite, Buffer, Later, a spreadsheet) into a calendar.

Two steps, so nothing is written by surprise: :func:`bulk_import_check` reads the file and
validates every row, reporting each bad row with its line number; :func:`bulk_import_apply`
adds only the valid rows, and the CLI and web app call it only after the person confirms.

The layout is detected: a first row whose cells are known column names (in English or Hebrew,
``HEADER_ALIASES``) is a header; otherwise the file is read as Hootsuite's headerless
``date time, message, url``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from socialplan.i18n import Text
from socialplan.method import load_method
from socialplan.method.types import Method
from socialplan.plan.io import PlanInputError
from socialplan.plan.model import Plan

from .model import Calendar, Entry, campaign_name, slug

MAX_IMPORT_BYTES = 5 * 1024 * 1024

HEADER_ALIASES: dict[str, frozenset[str]] = {
    "datetime": frozenset({"date time", "datetime", "date", "scheduled time", "scheduled at", "schedule",
                           "schedule date", "scheduledate", "publish date", "publish time", "publish at",
                           "post date", "posting time", "send time", "time to post", "תאריך", "תאריך ושעה",
                           "מועד", "מועד פרסום"}),
    "time": frozenset({"time", "hour", "שעה"}),
    "text": frozenset({"message", "text", "content", "post", "caption", "body", "copy", "tweet", "post text",
                       "טקסט", "הודעה", "תוכן", "פוסט"}),
    "url": frozenset({"url", "link", "link url", "links", "קישור"}),
    "channel": frozenset({"channel", "network", "platform", "platforms", "profile", "social network",
                          "social profile", "ערוץ", "רשת", "פלטפורמה"}),
    "media": frozenset({"media", "image", "image url", "media url", "media urls", "mediaurls", "video",
                        "תמונה", "מדיה"}),
    "strategy": frozenset({"e", "strategy", "אסטרטגיה"}),
    "goal": frozenset({"goal", "יעד"}),
    "assignee": frozenset({"assignee", "owner", "author", "אחראי", "אחראית"}),
    "format": frozenset({"format", "type", "post type", "פורמט", "סוג"}),
}
_HEADER_SPACES = re.compile(r"[\s_\-/]+")

# Month first is Hootsuite's default; ``day_first`` reads 30/11/2026 as people in Israel write it.
_SLASH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%y %H:%M")
_OTHER_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


# The fields a problem can name, for people.
FIELD_NAMES: dict[str, Text] = {
    "row": Text(en="row", he="שורה"),
    "date": Text(en="date and time", he="תאריך ושעה"),
    "message": Text(en="message", he="הודעה"),
    "url": Text(en="link", he="קישור"),
    "channel": Text(en="channel", he="ערוץ"),
    "strategy": Text(en="E", he="E"),
    "goal": Text(en="goal", he="יעד"),
}


@dataclass(frozen=True)
class ImportProblem:
    line: int
    field: str
    message: Text


@dataclass
class ImportRow:
    line: int
    entry: Entry | None
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass
class ImportReport:
    source: str
    layout: str  # "hootsuite" (no header) or "header"
    columns: dict[str, int]  # field → column index
    rows: list[ImportRow]

    @property
    def valid(self) -> list[Entry]:
        return [row.entry for row in self.rows if row.entry is not None]

    @property
    def problems(self) -> list[ImportProblem]:
        return [problem for row in self.rows for problem in row.problems]


def _normalise_header(cell: str) -> str:
    return _HEADER_SPACES.sub(" ", cell.strip().casefold()).strip()


def detect_columns(first_row: list[str]) -> dict[str, int] | None:
    """Column positions from a header row, or None when the row is data, not a header."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(first_row):
        name = _normalise_header(cell)
        for key, aliases in HEADER_ALIASES.items():
            if name in aliases and key not in columns:
                columns[key] = index
                break
    return columns if "text" in columns or "datetime" in columns else None


def _parse_naive(value: str, *, day_first: bool) -> dt.datetime | None:
    """The date-time as written (with its offset when it has one), or None when unreadable."""
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    formats = list(_OTHER_FORMATS) + [f.replace("%m/%d", "%d/%m") if day_first else f for f in _SLASH_FORMATS]
    for candidate in formats:
        try:
            return dt.datetime.strptime(value.upper() if "%p" in candidate else value, candidate)
        except ValueError:
            continue
    return None


def parse_when(value: str, zone: ZoneInfo, *, day_first: bool = False) -> dt.datetime | None:
    """A local date-time in the zone, or None when it cannot be read or does not exist there."""
    parsed = _parse_naive(value.strip(), day_first=day_first) if value.strip() else None
    if parsed is None:
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(zone)
    local = parsed.replace(tzinfo=zone)
    # A wall time skipped by a daylight-saving change (02:30 on the night clocks go forward)
    # does not survive the round trip through UTC.
    if local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != parsed:
        return None
    return local


def _read_text(data: bytes, source: str) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise PlanInputError(source, f"the file is larger than {MAX_IMPORT_BYTES:,} bytes")
    if not data.strip():
        raise PlanInputError(source, "the file is empty")
    if b"\x00" in data[:8192]:
        raise PlanInputError(source, "this is a binary file (a spreadsheet?); save it as CSV (UTF-8) first")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PlanInputError(source, "the file is not UTF-8 text; save it as CSV (UTF-8)", line=line) from None


def _channel_ids(plan: Plan, method: Method) -> dict[str, str]:
    """Every spelling of the plan's channels (id, name, catalogue aliases) → plan channel id."""
    spellings: dict[str, str] = {}
    for channel in plan.channels:
        for name in (channel.id, channel.name):
            if name:
                spellings[slug(name)] = channel.id
        known = method.find_channel(channel.id)
        if known is not None:
            for name in (known.id, known.name.en, known.name.he, *known.aliases):
                spellings.setdefault(slug(name), channel.id)
    return spellings


def bulk_import_check(data: bytes, source: str, *, calendar: Calendar, plan: Plan, channel: str | None = None,
                      day_first: bool = False, method: Method | None = None) -> ImportReport:
    """Read and validate every row; nothing is changed. ``channel`` applies to files without one."""
    method = method or load_method()
    text = _read_text(data, source)
    zone = calendar.zone
    spellings = _channel_ids(plan, method)
    default_channel = spellings.get(slug(channel)) if channel else None
    if channel and default_channel is None:
        raise PlanInputError(source, f"the channel {channel!r} is not one of the plan's channels "
                                     f"({', '.join(c.id for c in plan.channels)})")

    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    next_line = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            records.append((next_line, row))
        next_line = reader.line_num + 1
    if not records:
        raise PlanInputError(source, "the file has no rows")
    columns = detect_columns(records[0][1])
    if columns is None:
        layout, columns = "hootsuite", {"datetime": 0, "text": 1, "url": 2}
    else:
        layout, records = "header", records[1:]
        if "datetime" not in columns:
            raise PlanInputError(source, "no date column found; name it date, datetime or scheduled time",
                                 line=1)
    if "channel" not in columns and default_channel is None:
        raise PlanInputError(source, "the file has no channel column: say which channel its posts are for "
                                     "(--channel)")

    seen: dict[tuple[str, dt.datetime, str], int] = {
        (e.channel, e.start, e.text.strip()): 0 for e in calendar.entries}
    per_day: dict[tuple[str, dt.date], int] = defaultdict(int)
    taken_ids = {e.id for e in calendar.entries}
    rows: list[ImportRow] = []
    for line, record in records:
        result = _check_row(line, record, columns, layout, zone, day_first, spellings, default_channel, plan)
        if not result.problems and result.entry is not None:
            entry = result.entry
            key = (entry.channel, entry.start, entry.text.strip())
            if key in seen:
                where = "the calendar" if seen[key] == 0 else f"line {seen[key]}"
                where_he = "בלוח" if seen[key] == 0 else f"בשורה {seen[key]}"
                result.problems.append(ImportProblem(line, "message", Text(
                    en=f"the same post on the same channel and time is already in {where}",
                    he=f"אותו פוסט באותו ערוץ ובאותה שעה כבר נמצא {where_he}",
                )))
                result.entry = None
            else:
                seen[key] = line
                day_key = (entry.channel, entry.start.date())
                per_day[day_key] += 1
                new_id = f"import-{slug(entry.channel)}-{entry.start:%Y%m%d}-{per_day[day_key]}"
                while new_id in taken_ids:
                    per_day[day_key] += 1
                    new_id = f"import-{slug(entry.channel)}-{entry.start:%Y%m%d}-{per_day[day_key]}"
                taken_ids.add(new_id)
                result.entry = entry.model_copy(update={"id": new_id})
        rows.append(result)
    return ImportReport(source=source, layout=layout, columns=columns, rows=rows)


def _cell(record: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return record[index].strip() if index is not None and index < len(record) else ""


def _check_row(line: int, record: list[str], columns: dict[str, int], layout: str, zone: ZoneInfo,
               day_first: bool, spellings: dict[str, str], default_channel: str | None, plan: Plan) -> ImportRow:
    problems: list[ImportProblem] = []

    def problem(field_name: str, en: str, he: str) -> None:
        problems.append(ImportProblem(line, field_name, Text(en=en, he=he)))

    if layout == "hootsuite" and len(record) > 3:
        problem("row", f"{len(record)} columns; the bulk layout has three (date time, message, URL)",
                f"{len(record)} עמודות; בפורמט הזה יש שלוש (תאריך ושעה, הודעה, קישור)")
    raw_when = _cell(record, columns, "datetime")
    if "time" in columns and _cell(record, columns, "time"):
        raw_when = f"{raw_when} {_cell(record, columns, 'time')}"
    when = parse_when(raw_when, zone, day_first=day_first)
    if not raw_when:
        problem("date", "the date and time are missing", "חסרים תאריך ושעה")
    elif when is None and _parse_naive(raw_when, day_first=day_first) is not None:
        problem("date", f"{raw_when} does not exist in {zone.key}: the clocks skip that hour when daylight-saving "
                        "time starts; choose another time",
                f"השעה {raw_when} אינה קיימת באזור הזמן {zone.key}: השעון מדלג עליה במעבר לשעון קיץ; בחרו שעה "
                "אחרת")
    elif when is None:
        example = "30/11/2026 09:00" if day_first else "11/30/2026 09:00"
        problem("date", f"cannot read the date and time {raw_when!r}; write it like {example}",
                f"לא ניתן לקרוא את התאריך והשעה {raw_when!r}; כתבו אותם למשל כך: {example}")
    message = _cell(record, columns, "text")
    if not message:
        problem("message", "the message is empty", "ההודעה ריקה")
    link = _cell(record, columns, "url")
    if link and not re.match(r"^https?://[^\s/]+\.[^\s]+$", link):
        problem("url", f"{link!r} is not a web address (it must start with http:// or https://)",
                f"{link!r} אינה כתובת אינטרנט (היא צריכה להתחיל ב-http:// או ב-https://)")
    channel = default_channel
    if "channel" in columns:
        raw_channel = _cell(record, columns, "channel")
        channel = spellings.get(slug(raw_channel)) if raw_channel else default_channel
        if channel is None:
            problem("channel", f"{raw_channel or '(empty)'!s} is not one of the plan's channels",
                    f"{raw_channel or '(ריק)'!s} אינו אחד מהערוצים של התוכנית")
    strategy = _cell(record, columns, "strategy").casefold() or None
    if strategy is not None and strategy not in {s.id for s in plan.strategies}:
        problem("strategy", f"{strategy!r} is not one of the plan's Es", f"{strategy!r} אינו אחד מה-E-ים בתוכנית")
    goal = _cell(record, columns, "goal") or None
    if goal is not None and plan.goal(goal) is None:
        problem("goal", f"{goal!r} is not a goal of the plan", f"{goal!r} אינו יעד בתוכנית")
    if problems or when is None or channel is None:
        return ImportRow(line, None, problems)
    entry = Entry(
        id="import-pending", start=when, channel=channel, strategy=strategy, goal=goal,
        format=_cell(record, columns, "format"), text=message, media=_cell(record, columns, "media"),
        link=link, campaign=campaign_name(plan.business.name, goal),
        assignee=_cell(record, columns, "assignee") or None, status="draft",
    )
    return ImportRow(line, entry, problems)


def bulk_import_apply(calendar: Calendar, report: ImportReport) -> Calendar:
    """The calendar with the report's valid rows added, in time order; the input is not changed."""
    entries = sorted([*calendar.entries, *report.valid], key=lambda e: (e.start, e.channel, e.id))
    return calendar.model_copy(update={"entries": entries})
