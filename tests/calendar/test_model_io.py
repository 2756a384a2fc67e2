from __future__ import annotations

import datetime as dt

import pytest

from socialplan.calendar import calendar_generate, calendar_to_json, calendar_to_yaml, load_calendar, parse_calendar
from socialplan.calendar.io import write_calendar
from socialplan.calendar.model import utm_url
from socialplan.examples import example_plan
from socialplan.plan.io import PlanInputError


@pytest.mark.parametrize("name", ["maafiat-hashchuna", "northwind-analytics"])
def test_yaml_and_json_round_trip(name: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    calendar = calendar_generate(example_plan(name=name), weeks=2, start=dt.date(2026, 3, 23))
    assert parse_calendar(calendar_to_yaml(calendar)) == calendar
    assert parse_calendar(calendar_to_json(calendar)) == calendar
    write_calendar(tmp_path / "c.yaml", calendar)
    assert load_calendar(tmp_path / "c.yaml") == calendar
    assert "נועה" in calendar_to_yaml(calendar) or name != "maafiat-hashchuna"  # Hebrew kept readable


def test_bad_calendar_names_line_and_field() -> None:
    text = (
        "schema_version: 1\ntimezone: Asia/Jerusalem\nentries:\n"
        "- id: a\n  start: '2026-05-01T09:00:00+03:00'\n  channel: x\n"
        "- id: b\n  start: '2026-05-01T09:00:00'\n  channel: x\n"
    )
    with pytest.raises(PlanInputError) as caught:
        parse_calendar(text, "cal.yaml")
    assert caught.value.line == 8
    assert caught.value.field == "entries[1].start"


def test_unknown_timezone_and_duplicate_ids_are_refused() -> None:
    with pytest.raises(PlanInputError, match="unknown time zone"):
        parse_calendar("timezone: Mars/Olympus\n", "cal.yaml")
    twice = "entries:\n- {id: a, start: '2026-05-01T09:00:00Z', channel: x}\n" \
            "- {id: a, start: '2026-05-02T09:00:00Z', channel: x}\n"
    with pytest.raises(PlanInputError, match="used twice"):
        parse_calendar(twice, "cal.yaml")


def test_utm_url_keeps_other_parameters_and_replaces_old_utms() -> None:
    url = utm_url("https://shop.example/p?id=7&utm_campaign=old#top", source="tiktok", campaign="bakery-g2")
    assert url == "https://shop.example/p?id=7&utm_source=tiktok&utm_medium=social&utm_campaign=bakery-g2#top"
