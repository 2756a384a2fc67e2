from __future__ import annotations

import datetime as dt

import pytest

from socialplan.calendar import Calendar
from socialplan.calendar.imports import bulk_import_apply, bulk_import_check
from socialplan.plan.io import PlanInputError

from .plans import make_plan

PLAN = make_plan(channels=({"id": "instagram", "posts": 3}, {"id": "facebook", "posts": 2}))
EMPTY = Calendar(timezone="America/New_York")


def test_malformed_hootsuite_file_reports_every_bad_row_with_its_line() -> None:
    data = (
        b"11/30/2026 09:00,Good morning,https://example.com\n"
        b"13/45/2026 09:00,Bad date,\n"
        b"\n"
        b"12/01/2026 10:00,,https://example.com\n"
        b"12/02/2026 10:00,\"A message\nover two lines\",ftp://nope\n"
        b"12/03/2026 10:00,Fine again,\n"
        b"03/08/2026 02:30,In the spring-forward gap,\n"
        b"11/30/2026 09:00,Good morning,https://example.com\n"
    )
    report = bulk_import_check(data, "bulk.csv", calendar=EMPTY, plan=PLAN, channel="instagram")
    assert report.layout == "hootsuite"
    assert [(p.line, p.field) for p in report.problems] == [
        (2, "date"), (4, "message"), (5, "url"), (8, "date"), (9, "message")]
    assert "line 1" in report.problems[-1].message.en  # the duplicate names the first copy
    assert [e.text for e in report.valid] == ["Good morning", "Fine again"]
    assert all(p.message.he for p in report.problems)
    updated = bulk_import_apply(EMPTY, report)
    assert len(updated.entries) == 2
    assert EMPTY.entries == []
    assert updated.entries[0].local_start("America/New_York").hour == 9
    assert updated.entries[0].status == "draft"


def test_header_aliases_in_english_and_hebrew() -> None:
    english = (b"Post Text,Scheduled_Time,Platform,Link\n"
               b"Hello,2026-12-01T10:00:00Z,FB,https://example.com/x\n"
               b"Hi,2026-12-01 12:00,TikTok,\n")
    report = bulk_import_check(english, "buffer.csv", calendar=EMPTY, plan=PLAN)
    assert report.layout == "header"
    assert report.valid[0].channel == "facebook"
    assert report.valid[0].start == dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    assert [(p.line, p.field) for p in report.problems] == [(3, "channel")]
    hebrew = "תאריך,שעה,ערוץ,תוכן\n30/11/2026,09:00,אינסטגרם,בוקר טוב\n".encode()
    report = bulk_import_check(hebrew, "he.csv", calendar=EMPTY, plan=PLAN, day_first=True)
    assert report.problems == []
    assert report.valid[0].channel == "instagram"
    assert report.valid[0].start.day == 30


def test_file_level_problems_are_one_clear_error() -> None:
    with pytest.raises(PlanInputError, match="no channel column"):
        bulk_import_check(b"11/30/2026 09:00,Hi,\n", "a.csv", calendar=EMPTY, plan=PLAN)
    with pytest.raises(PlanInputError, match="not UTF-8"):
        bulk_import_check("11/30/2026 09:00,שלום,\n".encode("cp1255"), "a.csv", calendar=EMPTY, plan=PLAN,
                          channel="instagram")
    with pytest.raises(PlanInputError, match="not one of the plan's channels"):
        bulk_import_check(b"x", "a.csv", calendar=EMPTY, plan=PLAN, channel="myspace")
