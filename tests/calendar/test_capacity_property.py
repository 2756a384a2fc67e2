"""Property: whatever the plan, a generated calendar never books a person beyond their hours
without a capacity finding for that person and week."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.advise.sizing import channel_hours_available
from socialplan.calendar import calendar_check, calendar_generate

from .plans import make_plan

CHANNELS = ("instagram", "facebook", "tiktok", "linkedin", "youtube", "x")

channel_specs = st.lists(
    st.fixed_dictionaries({
        "id": st.sampled_from(CHANNELS),
        "posts": st.sampled_from([0.5, 1, 2, 3, 5, 7, 10]),
        "per": st.sampled_from(["day", "week", "month"]),
        "owner": st.sampled_from(["Dana", "Omer", "Noa"]),
        "formats": st.sampled_from([["image"], ["short_video"], ["long_video", "text"], []]),
    }),
    min_size=1, max_size=4, unique_by=lambda c: c["id"],
)
people = st.tuples(st.floats(0, 40), st.floats(0, 20), st.floats(0, 10))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(channels=channel_specs, hours=people, region=st.sampled_from(["IL", "US", "GB"]))
def test_never_overbooked_without_a_finding(channels: list[dict[str, object]], hours: tuple[float, float, float],
                                            region: str) -> None:
    plan = make_plan(regions=(region,), channels=tuple(channels),
                     people=(("Dana", hours[0]), ("Omer", hours[1]), ("Noa", hours[2])))
    calendar = calendar_generate(plan, weeks=2, start=dt.date(2026, 3, 23))
    booked: dict[tuple[str, int], float] = defaultdict(float)
    for entry in calendar.entries:
        assert entry.assignee is not None
        booked[(entry.assignee, entry.local_start(calendar.timezone).isocalendar()[1])] += entry.hours
    findings = [f for f in calendar_check(calendar, plan, today=dt.date(2026, 3, 22)) if f.rule == "calendar.capacity"]
    for (who, week), needed in booked.items():
        person = plan.person(who)
        assert person is not None
        if needed > channel_hours_available(person.weekly_hours) + 1e-9:
            assert any(f"week {week} " in f.message.en and who in f.message.en for f in findings), (who, week)
