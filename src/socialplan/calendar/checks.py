"""Checks of a calendar against its plan, reported as findings in the same form as plan review.

Each check is a small registered function, like the review rules; rule ids read
``calendar.<what>`` and ``path`` points into the calendar (``entries[12].assignee``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from socialplan.advise.findings import SEVERITY_ORDER, Finding, Severity
from socialplan.advise.sizing import channel_hours_available
from socialplan.i18n import Text
from socialplan.method.formats import format_date
from socialplan.method.types import STEP_IDS, StepId
from socialplan.plan.model import Plan

from .generate import largest_remainder, strategy_shares
from .model import AFTER_APPROVAL, STATUS_NAMES, Calendar, Entry

# A channel is stale when the gap between two fresh posts exceeds this many cadence intervals.
FRESHNESS_TOLERANCE = 2.0
# The E mix is off when an E's share of posts differs from the plan's by more than this…
E_MIX_TOLERANCE = 0.10
# …and only once there are enough posts for shares to mean something.
E_MIX_MIN_ENTRIES = 10


@dataclass(frozen=True)
class CheckContext:
    calendar: Calendar
    plan: Plan
    today: dt.date
    # Real published times per channel (from the analytics store), for freshness.
    published: dict[str, list[dt.datetime]] = field(default_factory=dict)

    def finding(self, rule: CheckSpec, severity: Severity, path: str, message: Text, **values: object) -> Finding:
        return Finding(step=rule.step, rule=rule.id, severity=severity, message=message.format(**values), path=path)


Check = Callable[["CheckSpec", CheckContext], Iterator[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    step: StepId
    why: Text
    check: Check = field(compare=False)


CHECKS: dict[str, CheckSpec] = {}


def calendar_rule(rule_id: str, step: StepId, *, why_en: str, why_he: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if rule_id in CHECKS:
            raise ValueError(f"calendar check {rule_id!r} is registered twice")
        CHECKS[rule_id] = CheckSpec(id=rule_id, step=step, why=Text(en=why_en, he=why_he), check=check)
        return check

    return register


def calendar_check(calendar: Calendar, plan: Plan, *, today: dt.date | None = None,
                   posts: Any = None) -> list[Finding]:
    """Every finding for the calendar, in plan-review order (step, severity, path).

    ``posts`` are the real posts in the analytics store's canonical ``posts`` schema (a pandas
    frame or an Ibis table); when given, freshness counts what was really published.
    """
    published: dict[str, list[dt.datetime]] = {}
    if posts is not None:
        from .actual import posts_frame  # pandas only when real posts are given

        frame = posts_frame(posts)
        for platform, group in frame.groupby("platform"):
            published[str(platform)] = sorted(t.to_pydatetime() for t in group["published_at"])
    context = CheckContext(calendar=calendar, plan=plan, today=today or dt.date.today(), published=published)
    findings = [finding for spec in CHECKS.values() for finding in spec.check(spec, context)]
    return sorted(findings, key=lambda f: (STEP_IDS.index(f.step), SEVERITY_ORDER[f.severity], f.path, f.rule))


@calendar_rule(
    "calendar.capacity",
    "fuel",
    why_en="A calendar that needs more hours than a person has is missed posts waiting to happen.",
    why_he="לוח שדורש מאדם יותר שעות ממה שיש לו הוא פוסטים שיוחמצו.",
)
def capacity(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    weeks: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for i, entry in enumerate(ctx.calendar.entries):
        if entry.assignee is None:
            continue
        person = ctx.plan.person(entry.assignee)
        if person is None:
            yield ctx.finding(spec, "warning", f"entries[{i}].assignee", Text(
                en="{who} is not one of the plan's people, so nobody has counted their hours.",
                he="{who} לא מופיע/ה ברשימת האנשים של התוכנית, ולכן איש לא ספר את השעות שלו/ה.",
            ), who=entry.assignee)
            continue
        year, week, _ = entry.local_start(ctx.calendar.timezone).isocalendar()
        weeks[(entry.assignee, year, week)].append(i)
    for (name, year, week), indexes in sorted(weeks.items()):
        person = ctx.plan.person(name)
        assert person is not None  # only known people were grouped
        needed = sum(ctx.calendar.entries[i].hours for i in indexes)
        available = channel_hours_available(person.weekly_hours)
        if needed > available + 1e-9:
            yield ctx.finding(spec, "warning", f"entries[{indexes[0]}].assignee", Text(
                en="In week {week} of {year}, {who} has {needed:g} hours of posts to make but {available:g} "
                   "hours for content. Move posts to someone with spare hours or to another week.",
                he="בשבוע {week} של {year} יש ל{who} פוסטים בהיקף {needed:g} שעות, אבל רק {available:g} שעות "
                   "לתוכן. העבירו פוסטים למי שיש לו שעות פנויות או לשבוע אחר.",
            ), week=week, year=year, who=name, needed=round(needed, 1), available=round(available, 1))


def _fresh_times(ctx: CheckContext, channel: str) -> list[tuple[dt.datetime, int | None]]:
    """When the channel gets new content: real posts up to today, planned entries after it."""
    now = dt.datetime.combine(ctx.today, dt.time(), tzinfo=ctx.calendar.zone)
    real = ctx.published.get(channel)
    times: list[tuple[dt.datetime, int | None]] = []
    for i, entry in enumerate(ctx.calendar.entries):
        if entry.channel == channel and (real is None or entry.start >= now):
            times.append((entry.start, i))
    if real is not None:
        times += [(t if t.tzinfo else t.replace(tzinfo=dt.UTC), None) for t in real if t < now]
    return sorted(times, key=lambda pair: pair[0])


def _rest_days_between(calendar: Calendar, before: dt.datetime, after: dt.datetime) -> dt.timedelta:
    """Whole days strictly between the two posts that the calendar keeps free on purpose: its
    holidays and, when it keeps Shabbat, Fridays, Saturdays and holiday eves (their afternoons
    and evenings are free, so an evening channel skips them). Silence then is not staleness."""
    first = before.astimezone(calendar.zone).date() + dt.timedelta(days=1)
    last = after.astimezone(calendar.zone).date()
    holidays = {h.date for h in calendar.holidays}
    eves = {d - dt.timedelta(days=1) for d in holidays}

    def kept_free(day: dt.date) -> bool:
        return day in holidays or (calendar.keeps_shabbat and (day.weekday() in (4, 5) or day in eves))

    return dt.timedelta(days=sum(kept_free(first + dt.timedelta(days=i)) for i in range((last - first).days)))


@calendar_rule(
    "calendar.freshness",
    "fuel",
    why_en="Fresh content is fuel: a channel left silent longer than its cadence looks abandoned.",
    why_he="תוכן טרי הוא דלק: ערוץ ששותק יותר מהקצב שנקבע לו נראה נטוש.",
)
def freshness(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    for c, channel in enumerate(ctx.plan.channels):
        interval = dt.timedelta(days=7 / channel.cadence.posts_per_week)
        limit = interval * FRESHNESS_TOLERANCE
        times = _fresh_times(ctx, channel.id)
        if not times:
            yield ctx.finding(spec, "warning", f"channels[{c}]", Text(
                en="The calendar has no posts for {channel}, which the plan posts to {count:g} times a week.",
                he="בלוח אין פוסטים ל{channel}, שלפי התוכנית מפרסמים בו {count:g} פעמים בשבוע.",
            ), channel=channel.name or channel.id, count=round(channel.cadence.posts_per_week, 1))
            continue
        for (before, _), (after, index) in itertools.pairwise(times):
            gap = after - before
            if gap - _rest_days_between(ctx.calendar, before, after) > limit:
                where = f"entries[{index}].start" if index is not None else f"channels[{c}]"
                local = before.astimezone(ctx.calendar.zone).date()
                yield ctx.finding(spec, "warning", where, Text(
                    en="{channel} has no new content for {days} days after {date}; its cadence asks for a post "
                       "every {every:g} days.",
                    he="ב{channel} אין תוכן חדש במשך {days} ימים אחרי {date_he}; לפי הקצב צריך פוסט כל {every:g} "
                       "ימים.",
                ), channel=channel.name or channel.id, days=gap.days, date=format_date(local, "en"),
                    date_he=format_date(local, "he"), every=round(interval.total_seconds() / 86400, 1))


@calendar_rule(
    "calendar.e-mix",
    "strategy",
    why_en="The content mix is the strategy in practice: the Es posted should follow the Es chosen.",
    why_he="תמהיל התוכן הוא האסטרטגיה בפועל: ה-E-ים שמתפרסמים צריכים להתאים לאלה שנבחרו.",
)
def e_mix(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    planned = {s.id for s in ctx.plan.strategies}
    for i, entry in enumerate(ctx.calendar.entries):
        if entry.strategy is not None and entry.strategy not in planned:
            yield ctx.finding(spec, "warning", f"entries[{i}].strategy", Text(
                en="This post serves {e}, which is not one of the plan's strategies.",
                he="הפוסט הזה משרת את {e}, שאינו אחת מהאסטרטגיות של התוכנית.",
            ), e=entry.strategy)
    tagged = [e for e in ctx.calendar.entries if e.strategy in planned]
    if len(tagged) < E_MIX_MIN_ENTRIES or not planned:
        return
    shares = strategy_shares(ctx.plan)
    expected = largest_remainder(shares, len(tagged))
    for s, choice in enumerate(ctx.plan.strategies):
        actual = sum(e.strategy == choice.id for e in tagged)
        planned_share = expected[choice.id] / len(tagged)
        actual_share = actual / len(tagged)
        if abs(actual_share - planned_share) > E_MIX_TOLERANCE:
            yield ctx.finding(spec, "warning", f"strategies[{s}].share", Text(
                en="{e} is {actual:.0%} of the calendar's posts, but the plan gives it {planned:.0%}.",
                he="{e} הוא {actual:.0%} מהפוסטים בלוח, אבל בתוכנית הוקצו לו {planned:.0%}.",
            ), e=choice.id, actual=actual_share, planned=planned_share)


@calendar_rule(
    "calendar.no-goal",
    "goal",
    why_en="Every post should move a goal; a post that serves none spends hours without a destination.",
    why_he="כל פוסט צריך לקדם יעד; פוסט שלא משרת אף יעד מבזבז שעות בלי מטרה.",
)
def no_goal(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    for i, entry in enumerate(ctx.calendar.entries):
        if entry.goal is None:
            yield ctx.finding(spec, "warning", f"entries[{i}].goal", Text(
                en="This post serves no goal. Choose the goal it should move.",
                he="הפוסט הזה לא משרת אף יעד. בחרו את היעד שהוא אמור לקדם.",
            ))
        elif ctx.plan.goal(entry.goal) is None:
            yield ctx.finding(spec, "warning", f"entries[{i}].goal", Text(
                en="This post serves the goal {goal}, which is not in the plan.",
                he="הפוסט הזה משרת את היעד {goal}, שאינו בתוכנית.",
            ), goal=entry.goal)


def approval_skipped(entry: Entry) -> bool:
    """Past the approval step without an approval on record."""
    return entry.status in AFTER_APPROVAL and not any(change.status == "approved" for change in entry.history)


@calendar_rule(
    "calendar.approval-skipped",
    "fuel",
    why_en="A second pair of eyes before publishing catches mistakes that are expensive in public.",
    why_he="זוג עיניים נוסף לפני פרסום תופס טעויות שעולות ביוקר כשהן פומביות.",
)
def approval(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    for i, entry in enumerate(ctx.calendar.entries):
        if approval_skipped(entry):
            yield ctx.finding(spec, "warning", f"entries[{i}].status", Text(
                en="This post is {status} but was never approved.",
                he="הפוסט הזה במצב \"{status_he}\" אבל מעולם לא אושר.",
            ), status=entry.status.replace("_", " "), status_he=STATUS_NAMES[entry.status].he)
