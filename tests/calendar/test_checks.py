from __future__ import annotations

import datetime as dt

import pandas as pd

from socialplan.calendar import Calendar, Entry, calendar_check, calendar_generate
from socialplan.calendar.model import StatusChange

from .plans import make_plan

START = dt.date(2026, 11, 2)


def _rules(findings: list) -> dict[str, list[str]]:  # type: ignore[type-arg]
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f.path)
    return out


def test_generated_calendar_within_capacity_is_clean() -> None:
    plan = make_plan(channels=({"id": "instagram", "posts": 3},))
    calendar = calendar_generate(plan, weeks=4, start=START)
    assert calendar_check(calendar, plan, today=START) == []


def test_overbooked_person_is_reported_per_iso_week() -> None:
    plan = make_plan(channels=({"id": "instagram", "posts": 3},), people=(("Dana", 2.0),))
    calendar = calendar_generate(plan, weeks=2, start=START)
    findings = [f for f in calendar_check(calendar, plan, today=START) if f.rule == "calendar.capacity"]
    assert len(findings) == 2  # one per week
    assert all(f.step == "fuel" and f.path.endswith(".assignee") for f in findings)
    assert "Dana" in findings[0].message.en
    assert "Dana" in findings[0].message.he


def test_freshness_gap_and_missing_channel() -> None:
    plan = make_plan(channels=({"id": "instagram", "posts": 3}, {"id": "facebook", "posts": 2}))
    calendar = calendar_generate(plan, weeks=3, start=START)
    kept = [e for e in calendar.entries
            if e.channel == "instagram" and not dt.date(2026, 11, 9) <= e.start.date() <= dt.date(2026, 11, 16)]
    thin = calendar.model_copy(update={"entries": kept})
    rules = _rules(calendar_check(thin, plan, today=START))
    assert rules["calendar.freshness"][0] == "channels[1]"  # facebook has nothing
    assert any(p.startswith("entries[") for p in rules["calendar.freshness"])  # instagram's week-long gap


def test_freshness_uses_real_posts() -> None:
    plan = make_plan(channels=({"id": "instagram", "posts": 3},))
    calendar = calendar_generate(plan, weeks=2, start=START)
    # Today is the 10th: the planned posts of the first week were never published; the last real
    # post was on 20 October, so the channel has been silent for three weeks.
    posts = pd.DataFrame({"platform": ["instagram"], "post_id": ["p1"],
                          "published_at": [pd.Timestamp("2026-10-20 16:00")], "text": ["old"]})
    with_posts = _rules(calendar_check(calendar, plan, today=dt.date(2026, 11, 10), posts=posts))
    without = _rules(calendar_check(calendar, plan, today=dt.date(2026, 11, 10)))
    assert "calendar.freshness" in with_posts
    assert "calendar.freshness" not in without


def test_e_mix_no_goal_and_skipped_approval() -> None:
    plan = make_plan(strategies=(("education", 0.5, ("g1",)), ("entertainment", 0.5, ("g2",))))
    at = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    entries = [Entry(id=f"e{i}", start=at + dt.timedelta(hours=12 * i), channel="instagram",
                     strategy="education", goal="g1") for i in range(12)]
    entries[3] = entries[3].model_copy(update={"goal": None})
    entries[4] = entries[4].model_copy(update={"goal": "g9"})
    entries[5] = entries[5].model_copy(update={"status": "published"})
    entries[6] = entries[6].model_copy(update={"status": "scheduled", "history": [
        StatusChange(status="approved", by="Dana", at=at)]})
    calendar = Calendar(timezone="America/New_York", entries=entries)
    rules = _rules(calendar_check(calendar, plan, today=START))
    assert rules["calendar.e-mix"] == ["strategies[0].share", "strategies[1].share"]
    assert rules["calendar.no-goal"] == ["entries[3].goal", "entries[4].goal"]
    assert rules["calendar.approval-skipped"] == ["entries[5].status"]


def test_freshness_does_not_count_the_days_kept_free() -> None:
    # Daily Instagram at 18:00 in Israel: Friday evening and Saturday are free, and Yom Kippur
    # (21 September 2026) too, so the gap from Thursday to Sunday is not staleness…
    plan = make_plan(regions=("IL",), channels=({"id": "instagram", "posts": 1, "per": "day"},))
    calendar = calendar_generate(plan, weeks=3, start=dt.date(2026, 9, 6))
    assert calendar.keeps_shabbat
    assert "calendar.freshness" not in _rules(calendar_check(calendar, plan, today=dt.date(2026, 9, 1)))
    # …while the same silence in a calendar that does not keep Shabbat is
    relaxed = calendar.model_copy(update={"keeps_shabbat": False, "holidays": []})
    assert "calendar.freshness" in _rules(calendar_check(relaxed, plan, today=dt.date(2026, 9, 1)))
