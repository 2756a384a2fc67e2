from __future__ import annotations

import datetime as dt

import pandas as pd

from socialplan.calendar import Calendar, Entry
from socialplan.calendar.actual import calendar_adherence, text_similarity

T0 = dt.datetime(2026, 11, 2, 16, 0, tzinfo=dt.UTC)


def test_planned_against_actual() -> None:
    entries = [
        Entry(id="on-time", start=T0, channel="instagram", text="New winter blend tasting on Saturday"),
        Entry(id="late", start=T0 + dt.timedelta(days=1), channel="instagram", text="Meet our roaster Leo"),
        Entry(id="skipped", start=T0 + dt.timedelta(days=2), channel="instagram", text="Brewing guide part 2"),
        Entry(id="upcoming", start=T0 + dt.timedelta(days=9), channel="instagram", text="Holiday hours"),
        Entry(id="other-channel", start=T0, channel="tiktok"),
    ]
    calendar = Calendar(timezone="America/Los_Angeles", entries=entries)
    posts = pd.DataFrame({
        "platform": ["instagram", "instagram", "instagram", "tiktok", "x"],
        "post_id": ["p1", "p2", "p3", "p4", "p5"],
        # naive UTC, as the analytics store keeps them
        "published_at": pd.to_datetime(["2026-11-02 16:20", "2026-11-03 19:30", "2026-11-04 16:00",
                                        "2026-11-02 17:00", "2026-11-02 16:00"]),
        "text": ["Winter blend tasting this Saturday!", "Say hi to Leo, our roaster", "Totally unrelated giveaway",
                 "", "hello"],
    })
    report = calendar_adherence(calendar, posts, now=T0 + dt.timedelta(days=5))
    status = {r.entry_id: r.status for r in report.results if r.entry_id}
    assert status == {"on-time": "on_time", "late": "late", "skipped": "skipped", "upcoming": "upcoming",
                      "other-channel": "on_time"}
    unplanned = sorted(r.post_id or "" for r in report.results if r.status == "unplanned")
    assert unplanned == ["p3", "p5"]  # p3 is too different from the planned brewing guide
    assert report.adherence_rate == 3 / 4


def test_posts_outside_the_calendars_span_are_not_unplanned() -> None:
    """Half a year of posts before a calendar that starts next week: none was this calendar's to
    plan. Inside the span, a post no entry matches still is."""
    calendar = Calendar(entries=[
        Entry(id="a", start=T0, channel="facebook", text="Weekend bread"),
        Entry(id="b", start=T0 + dt.timedelta(days=7), channel="facebook", text="Cake ideas"),
    ])  # fmt: skip
    published = ["2026-05-01 10:00", "2026-11-01 18:00", "2026-11-05 12:00", "2026-12-20 12:00"]
    posts = pd.DataFrame({
        "platform": ["facebook"] * 4,
        "post_id": ["long-before", "day-before", "inside", "after"],
        "published_at": pd.to_datetime(published),
        "text": ["Old news", "Something else", "A giveaway", "Later"],
    })  # fmt: skip
    report = calendar_adherence(calendar, posts, now=T0 + dt.timedelta(days=30))
    unplanned = sorted(r.post_id or "" for r in report.results if r.status == "unplanned")
    # The matching window reaches a day back from the first entry, so "day-before" is inside it.
    assert unplanned == ["day-before", "inside"]


def test_text_similarity_handles_hebrew_and_empty() -> None:
    assert text_similarity("מבצע עוגות ליום הולדת", "מבצע עוגות ליום הולדת השבוע") > 0.7
    assert text_similarity("", "anything") == 0.0
    assert text_similarity("abc", "xyz") < 0.2
