"""Calendar exports: ICS for calendar apps, the Hootsuite bulk composer CSV and a generic CSV.

Every CSV cell passes through :func:`csv_safe`: a spreadsheet would run a cell that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula, so such cells
get a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar

from socialplan.i18n import Lang
from socialplan.method.formats import format_name

from .model import STATUS_NAMES, Calendar, Entry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Hootsuite's bulk composer reads "MM/DD/YYYY HH:MM" (24-hour) in the month-first setting, and
# only schedules times on a 5-minute boundary (see docs/calendar.md).
HOOTSUITE_TIME_FORMAT = "%m/%d/%Y %H:%M"
GENERIC_COLUMNS = ("id", "date", "time", "timezone", "channel", "strategy", "goal", "format", "status",
                   "assignee", "hours", "text", "media", "url")
EVENT_MINUTES = 30  # how long an entry shows in a calendar app
ICS_PRODID = "-//socialplan//content calendar//EN"


def csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write_rows(rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue()


def calendar_to_csv(calendar: Calendar) -> str:
    """A CSV with a header row, one line per entry, local date and time."""
    rows: list[list[object]] = [list(GENERIC_COLUMNS)]
    for entry in calendar.entries:
        local = entry.local_start(calendar.timezone)
        rows.append([entry.id, local.date().isoformat(), local.strftime("%H:%M"), calendar.timezone, entry.channel,
                     entry.strategy or "", entry.goal or "", entry.format, entry.status, entry.assignee or "",
                     f"{entry.hours:g}", entry.text, entry.media, entry.tracked_url])
    return _write_rows(rows)


@dataclass(frozen=True)
class HootsuiteExport:
    text: str
    rows: int
    skipped: list[str]  # ids of entries left out: no text yet, or not on a 5-minute boundary


def calendar_to_hootsuite(calendar: Calendar, *, channel: str | None = None) -> HootsuiteExport:
    """Hootsuite's bulk composer layout: no header; local date-time, message, URL.

    Hootsuite schedules one file onto the social profiles chosen at upload, so ``channel`` picks
    the entries of one channel. Entries without text yet cannot be scheduled and are skipped.
    """
    rows: list[list[object]] = []
    skipped: list[str] = []
    for entry in calendar.entries:
        if channel is not None and entry.channel != channel:
            continue
        local = entry.local_start(calendar.timezone)
        if not entry.text.strip() or local.minute % 5:
            skipped.append(entry.id)
            continue
        rows.append([local.strftime(HOOTSUITE_TIME_FORMAT), entry.text, entry.tracked_url])
    return HootsuiteExport(text=_write_rows(rows), rows=len(rows), skipped=skipped)


def calendar_to_ics(calendar: Calendar, *, lang: Lang = "en", stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar file: one event per entry with a stable UID, so re-imports update, not duplicate.

    ``stamp`` (DTSTAMP) defaults to now; pass a fixed value for reproducible files.
    """
    stamp = stamp or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = calendar.plan or "socialplan"
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", calendar.timezone)
    # Entry ids are unique within a calendar; the plan's digest keeps two calendars apart in one app.
    scope = hashlib.sha256(calendar.plan.encode()).hexdigest()[:10]
    for entry in calendar.entries:
        cal.add_component(_event(calendar, entry, lang, stamp, scope))
    for holiday in calendar.holidays:
        event = icalendar.Event()
        event.add("uid", f"holiday-{holiday.region}-{holiday.date:%Y%m%d}@socialplan")
        event.add("dtstamp", stamp)
        event.add("dtstart", holiday.date)
        event.add("dtend", holiday.date + dt.timedelta(days=1))
        event.add("summary", holiday.title(lang))
        event.add("categories", ["holiday", holiday.region])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    result: bytes = cal.to_ical()
    return result


def _event(calendar: Calendar, entry: Entry, lang: Lang, stamp: dt.datetime, scope: str) -> icalendar.Event:
    local = entry.local_start(calendar.timezone)
    event = icalendar.Event()
    event.add("uid", f"{entry.id}.{scope}@socialplan")
    event.add("dtstamp", stamp)
    event.add("dtstart", local)
    event.add("dtend", local + dt.timedelta(minutes=EVENT_MINUTES))
    label = format_name(entry.format, lang) if entry.format else ""
    headline = entry.text.strip().splitlines()[0][:80] if entry.text.strip() else label
    event.add("summary", f"{entry.channel}: {headline}" if headline else entry.channel)
    details = [entry.text.strip()]
    if lang == "he":
        details += [f"E: {entry.strategy or '—'}", f"יעד: {entry.goal or '—'}",
                    f"מצב: {STATUS_NAMES[entry.status].he}", f"אחראי/ת: {entry.assignee or '—'}"]
    else:
        details += [f"E: {entry.strategy or '—'}", f"Goal: {entry.goal or '—'}",
                    f"Status: {STATUS_NAMES[entry.status].en}", f"Assignee: {entry.assignee or '—'}"]
    if entry.media.strip():
        details.append(entry.media.strip())
    event.add("description", "\n".join(d for d in details if d))
    if entry.tracked_url:
        event.add("url", entry.tracked_url)
    event.add("categories", [c for c in (entry.channel, entry.strategy, entry.goal) if c])
    event.add("status", "CONFIRMED" if entry.status in ("approved", "scheduled", "published") else "TENTATIVE")
    return event
