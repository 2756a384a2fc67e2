from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar

from socialplan.calendar import Calendar, Entry, calendar_generate
from socialplan.calendar.exports import calendar_to_csv, calendar_to_hootsuite, calendar_to_ics, csv_safe

from .plans import make_plan

TZ = "Asia/Jerusalem"


def _calendar(*texts: str) -> Calendar:
    start = dt.datetime(2026, 3, 26, 9, 0, tzinfo=dt.UTC)  # 11:00 in Jerusalem, the day before summer time
    entries = [Entry(id=f"e{i}", start=start + dt.timedelta(days=i), channel="facebook", text=text,
                     link="https://example.com/a" if i == 0 else "", campaign="bakery-g1")
               for i, text in enumerate(texts)]
    return Calendar(plan="Bakery", timezone=TZ, entries=entries)


def test_hootsuite_layout_is_exact() -> None:
    calendar = _calendar("Fresh bread, today only", "שבת שלום \"חלה\"", "")
    export = calendar_to_hootsuite(calendar)
    assert export.text == (
        "03/26/2026 11:00,\"Fresh bread, today only\","
        "https://example.com/a?utm_source=facebook&utm_medium=social&utm_campaign=bakery-g1\r\n"
        "03/27/2026 12:00,\"שבת שלום \"\"חלה\"\"\",\r\n"  # after the clocks move: still local time
    )
    assert export.skipped == ["e2"]  # no text yet


def test_every_exported_cell_is_protected_from_formulas() -> None:
    dangerous = ["=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    calendar = _calendar(*dangerous)
    calendar.entries[1].assignee = "=cmd|' /C calc'!A0"
    for text in (calendar_to_hootsuite(calendar).text, calendar_to_csv(calendar)):
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert csv_safe("hello = world") == "hello = world"
    assert csv_safe("-5") == "'-5"


def test_generic_csv_has_headers_and_local_times() -> None:
    plan = make_plan(regions=("IL",))
    calendar = calendar_generate(plan, weeks=1, start=dt.date(2026, 11, 1))
    rows = list(csv.DictReader(io.StringIO(calendar_to_csv(calendar), newline="")))
    assert len(rows) == len(calendar.entries)
    assert rows[0]["time"] == "18:00"
    assert rows[0]["timezone"] == TZ
    assert rows[0]["url"].endswith("utm_campaign=test-bakery-g1")


def test_ics_has_timezone_stable_uids_and_fields() -> None:
    plan = make_plan(regions=("IL",))
    calendar = calendar_generate(plan, weeks=2, start=dt.date(2026, 10, 19))  # across the October change
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    data = calendar_to_ics(calendar, stamp=stamp)
    assert data == calendar_to_ics(calendar, stamp=stamp)
    parsed = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == [TZ]
    events = [e for e in parsed.walk("VEVENT") if "holiday" not in str(e["UID"])]
    assert len(events) == len(calendar.entries)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, entry in zip(events, calendar.entries, strict=True):
        start = event.decoded("DTSTART")
        assert start == entry.start
        assert start.hour == 18
        assert str(event["URL"]) == entry.tracked_url
        assert "instagram" in event["CATEGORIES"].to_ical().decode()
    assert "Goal: g1" in str(events[0]["DESCRIPTION"])
