from __future__ import annotations

import datetime as dt

import pytest

from socialplan.calendar import Calendar, Entry, calendar_generate
from socialplan.calendar.edit import (
    EntryFilter,
    EntryNotFound,
    entries_filter,
    entry_duplicate,
    entry_move,
    month_weeks,
    week_days,
)
from socialplan.calendar.model import StatusChange

from .plans import make_plan

TZ = "Europe/London"


def _calendar() -> Calendar:
    # 09:00 London on Friday 23 October 2026 (summer time, UTC+1); clocks go back on the 25th.
    start = dt.datetime(2026, 10, 23, 8, 0, tzinfo=dt.UTC)
    approved = [StatusChange(status="approved", by="Dana", at=start)]
    return Calendar(timezone=TZ, entries=[
        Entry(id="a", start=start, channel="x", strategy="education", goal="g1", status="approved", history=approved),
        Entry(id="b", start=start + dt.timedelta(hours=3), channel="linkedin", goal="g2", assignee="Omer"),
    ])


def test_move_keeps_local_time_across_dst_and_leaves_the_input_alone() -> None:
    calendar = _calendar()
    moved = entry_move(calendar, "a", dt.date(2026, 10, 27))
    entry = moved.entry("a")
    assert entry is not None
    assert entry.local_start(TZ).time() == dt.time(9, 0)
    assert entry.start.utcoffset() == dt.timedelta(0)  # winter time after the change
    assert [e.id for e in moved.entries] == ["b", "a"]  # kept in time order
    assert calendar.entries[0].start.day == 23
    later = entry_move(calendar, "b", dt.date(2026, 10, 24), dt.time(7, 15)).entry("b")
    assert later is not None
    assert later.local_start(TZ).time() == dt.time(7, 15)
    with pytest.raises(EntryNotFound):
        entry_move(calendar, "zzz", dt.date(2026, 10, 27))


def test_duplicate_starts_again_as_an_idea() -> None:
    calendar, copy_id = entry_duplicate(_calendar(), "a", dt.date(2026, 10, 30))
    copy = calendar.entry(copy_id)
    assert copy is not None
    assert copy_id == "a-copy2"
    assert (copy.status, copy.history) == ("idea", [])
    assert copy.local_start(TZ) == dt.datetime(2026, 10, 30, 9, 0, tzinfo=calendar.zone)
    _, second = entry_duplicate(calendar, "a")
    assert second == "a-copy3"


def test_filters_and_grids() -> None:
    calendar = _calendar()
    assert [e.id for e in entries_filter(calendar, EntryFilter(assignee="Omer"))] == ["b"]
    assert [e.id for e in entries_filter(calendar, EntryFilter(status="approved", goal="g1"))] == ["a"]
    assert entries_filter(calendar, EntryFilter(channel="tiktok")) == []
    weeks = month_weeks(calendar, 2026, 10)
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date.weekday() == 6  # Sunday first
    friday = next(d for week in weeks for d in week if d.date == dt.date(2026, 10, 23))
    assert [e.id for e in friday.entries] == ["a", "b"]
    monday_first = week_days(calendar, dt.date(2026, 10, 23), first_weekday=0)
    assert monday_first[0].date == dt.date(2026, 10, 19)
    assert [e.id for e in monday_first[4].entries] == ["a", "b"]


def test_holidays_carry_hebrew_names_where_the_package_has_them() -> None:
    calendar = calendar_generate(make_plan(regions=("IL", "US")), weeks=3, start=dt.date(2026, 9, 7))
    kippur = next(h for h in calendar.holidays if h.date == dt.date(2026, 9, 21))
    assert kippur.title("en") == "Yom Kippur"
    assert kippur.title("he") == "יום כיפור"
    labor = next(h for h in calendar.holidays if h.region == "US")
    assert labor.title("he") == labor.name == "Labor Day"  # no Hebrew in the package: English shown
    days = month_weeks(calendar, 2026, 9)
    assert any(h.date == dt.date(2026, 9, 21) for week in days for d in week for h in d.holidays)
