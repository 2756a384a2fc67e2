"""Edits a person makes on the calendar (move, duplicate) and the views' selections (filters,
month and week grids). Pure functions on the pydantic model: the web app and the CLI call them
and store the result; none changes its input.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from .model import Calendar, Entry, Holiday, Status


class EntryNotFound(KeyError):
    pass


def _entry(calendar: Calendar, entry_id: str) -> Entry:
    entry = calendar.entry(entry_id)
    if entry is None:
        raise EntryNotFound(entry_id)
    return entry


def _at_local(calendar: Calendar, entry: Entry, day: dt.date) -> dt.datetime:
    # Same wall-clock time on the new day: a 09:00 post moved across a daylight-saving change
    # stays at 09:00 local, with the new UTC offset.
    return dt.datetime.combine(day, entry.local_start(calendar.timezone).time(), tzinfo=calendar.zone)


def _sorted(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.start, e.channel, e.id))


def entry_move(calendar: Calendar, entry_id: str, day: dt.date, time: dt.time | None = None) -> Calendar:
    """The calendar with the entry on another day (and, when given, at another local time)."""
    entry = _entry(calendar, entry_id)
    start = _at_local(calendar, entry, day)
    if time is not None:
        start = dt.datetime.combine(day, time, tzinfo=calendar.zone)
    moved = entry.model_copy(update={"start": start})
    return calendar.model_copy(update={"entries": _sorted([moved if e.id == entry_id else e
                                                           for e in calendar.entries])})


def entry_duplicate(calendar: Calendar, entry_id: str, day: dt.date | None = None) -> tuple[Calendar, str]:
    """The calendar with a copy of the entry (same day unless ``day``), and the copy's id.

    The copy starts again as an idea: its approval belongs to the original, not to it.
    """
    entry = _entry(calendar, entry_id)
    taken = {e.id for e in calendar.entries}
    number = 2
    while f"{entry.id}-copy{number}" in taken:
        number += 1
    copy = entry.model_copy(update={
        "id": f"{entry.id}-copy{number}",
        "start": _at_local(calendar, entry, day) if day else entry.start,
        "status": "idea", "history": [], "comments": [],
    })
    return calendar.model_copy(update={"entries": _sorted([*calendar.entries, copy])}), copy.id


@dataclass(frozen=True)
class EntryFilter:
    channel: str | None = None
    strategy: str | None = None
    goal: str | None = None
    assignee: str | None = None
    status: Status | None = None

    def matches(self, entry: Entry) -> bool:
        return all(wanted is None or actual == wanted for wanted, actual in (
            (self.channel, entry.channel), (self.strategy, entry.strategy), (self.goal, entry.goal),
            (self.assignee, entry.assignee), (self.status, entry.status)))


def entries_filter(calendar: Calendar, wanted: EntryFilter) -> list[Entry]:
    return [e for e in calendar.entries if wanted.matches(e)]


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    entries: list[Entry]
    holidays: list[Holiday]


def month_weeks(calendar: Calendar, year: int, month: int, *, first_weekday: int = 6,
                wanted: EntryFilter | None = None) -> list[list[Day]]:
    """The month as weeks of days with their entries in local time; weeks start on
    ``first_weekday`` (0 Monday … 6 Sunday, the default, as in Israel and the US)."""
    grid = stdlib_calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)
    return [[_day(calendar, day, day.month == month, wanted) for day in week] for week in grid]


def week_days(calendar: Calendar, any_day: dt.date, *, first_weekday: int = 6,
              wanted: EntryFilter | None = None) -> list[Day]:
    """The seven days of the week holding ``any_day``."""
    start = any_day - dt.timedelta(days=(any_day.weekday() - first_weekday) % 7)
    return [_day(calendar, start + dt.timedelta(days=i), True, wanted) for i in range(7)]


def _day(calendar: Calendar, day: dt.date, in_month: bool, wanted: EntryFilter | None) -> Day:
    entries = [e for e in calendar.entries if e.local_start(calendar.timezone).date() == day
               and (wanted is None or wanted.matches(e))]
    return Day(day, in_month, entries, [h for h in calendar.holidays if h.date == day])
