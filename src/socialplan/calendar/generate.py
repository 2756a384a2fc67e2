"""Generate a calendar skeleton from a plan: the cadence per channel, spread over the week.

Deterministic: the same plan, start and options always give the same calendar. The rules, in
the order they are applied:

1. Each channel's weekly post count comes from its cadence; fractional cadences (a video a
   month) are rounded cumulatively, so four weeks of 0.7 a week give three posts, not zero.
2. Posts go on the channel's usual hour in the calendar's local time (``POSTING_TIMES``), on days
   chosen to keep them evenly apart; public holidays of the business's regions are skipped (a
   post that would need a second slot on another day is dropped instead), and
   for a business in Israel Shabbat (Friday from 14:00, Saturday) and holiday eves from 14:00 too,
   unless ``avoid_shabbat=False``.
3. The Es are shared out by the plan's strategy shares (largest remainder), interleaved over
   time, on channels that suit them; the goal of each post comes from the E's ``serves``.
4. The format rotates through the channel's formats; hours come from the catalogue's hours per
   post for that format on that channel.
5. The assignee is the channel's owner while they have hours left that ISO week, otherwise the
   person with the most spare hours; when nobody has room the owner keeps it, and
   :func:`socialplan.calendar.checks.calendar_check` reports the overbooking.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from socialplan.advise.sizing import channel_hours_available
from socialplan.method import load_method
from socialplan.method.types import Method, StrategyId
from socialplan.plan.model import ChannelPlan, Plan

from .model import Calendar, Entry, Holiday, campaign_name, slug

# The time zone a business's first region suggests; anything else falls back to UTC, and
# ``timezone=`` always wins.
REGION_TIMEZONES: dict[str, str] = {
    "IL": "Asia/Jerusalem", "US": "America/New_York", "GB": "Europe/London", "IE": "Europe/Dublin",
    "DE": "Europe/Berlin", "FR": "Europe/Paris", "NL": "Europe/Amsterdam", "ES": "Europe/Madrid",
    "IT": "Europe/Rome", "CA": "America/Toronto", "AU": "Australia/Sydney", "IN": "Asia/Kolkata",
}

# Usual local posting times per channel: common starting points, which the team then moves to
# the hours its own audience is online (the measurement step shows them).
POSTING_TIMES: dict[str, dt.time] = {
    "linkedin": dt.time(8, 30), "x": dt.time(9, 0), "facebook": dt.time(13, 0),
    "facebook_groups": dt.time(12, 0), "instagram": dt.time(18, 0), "tiktok": dt.time(19, 0),
    "youtube": dt.time(17, 0), "blog": dt.time(10, 0), "email_newsletter": dt.time(10, 0),
    "whatsapp_communities": dt.time(11, 0), "google_business_profile": dt.time(10, 30),
    "reddit": dt.time(15, 0), "pinterest": dt.time(20, 0), "podcast": dt.time(7, 0),
}
DEFAULT_POSTING_TIME = dt.time(10, 0)
# When a channel posts more than once a day: hours added to the usual time, in order.
SAME_DAY_OFFSETS = (0, 3, -3, 6, -6, 9)
EARLIEST_HOUR, LATEST_HOUR = 7, 22

SHABBAT_REGIONS = frozenset({"IL"})
REST_STARTS = dt.time(14, 0)  # Friday and holiday eves: nothing planned from this hour

SUITED_BONUS = 1.0  # posts an E the channel suits may run ahead of one it does not
DEFAULT_HOURS_PER_POST = 1.0  # for a channel or format the catalogue does not know


@dataclass(frozen=True)
class RestRules:
    """Days and hours kept free of posts."""

    holidays: frozenset[dt.date]
    eves: frozenset[dt.date]  # days before a holiday: free from REST_STARTS when keeping Shabbat
    shabbat: bool

    def is_rest(self, when: dt.datetime) -> bool:
        day = when.date()
        if day in self.holidays:
            return True
        if not self.shabbat:
            return False
        if day.weekday() == 5:  # Saturday
            return True
        return (day.weekday() == 4 or day in self.eves) and when.time() >= REST_STARTS


def default_timezone(plan: Plan) -> str:
    return next((REGION_TIMEZONES[r] for r in plan.business.regions if r in REGION_TIMEZONES), "UTC")


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def region_holidays(regions: Iterable[str], first: dt.date, last: dt.date) -> list[Holiday]:
    """Public holidays of the regions between the two dates, named in English and, where the
    package has it, Hebrew; regions the package lacks are skipped."""
    found: list[Holiday] = []
    years = list(range(first.year, last.year + 1))
    for region in regions:
        try:
            english = holidays_lib.country_holidays(region, years=years, language="en_US")
        except NotImplementedError:
            continue
        languages = getattr(english, "supported_languages", ())
        hebrew = holidays_lib.country_holidays(region, years=years, language="he") if "he" in languages else {}
        found += [Holiday(date=day, region=region, name=name, name_he=hebrew.get(day, ""))
                  for day, name in sorted(english.items()) if first <= day <= last]
    return found


def largest_remainder(shares: dict[StrategyId, float], total: int) -> dict[StrategyId, int]:
    """Whole counts that add up to ``total`` and follow the shares as closely as possible."""
    weight = sum(shares.values())
    if total <= 0 or weight <= 0:
        return dict.fromkeys(shares, 0)
    exact = {key: total * value / weight for key, value in shares.items()}
    counts = {key: math.floor(value) for key, value in exact.items()}
    order = sorted(shares, key=lambda key: (-(exact[key] - counts[key]), list(shares).index(key)))
    for key in order[: total - sum(counts.values())]:
        counts[key] += 1
    return counts


def strategy_shares(plan: Plan) -> dict[StrategyId, float]:
    """The plan's shares; Es without a share split what the others leave (equally when none has one)."""
    known = sum(s.share for s in plan.strategies if s.share is not None)
    missing = [s for s in plan.strategies if s.share is None]
    rest = max(0.0, 1 - known) / len(missing) if missing else 0.0
    if missing and rest == 0 and known == 0:
        rest = 1.0
    shares = {s.id: s.share if s.share is not None else rest for s in plan.strategies}
    if sum(shares.values()) <= 0:
        return dict.fromkeys(shares, 1.0)
    return shares


def calendar_generate(
    plan: Plan,
    *,
    weeks: int,
    start: dt.date | None = None,
    timezone: str | None = None,
    avoid_shabbat: bool | None = None,
    today: dt.date | None = None,
    method: Method | None = None,
) -> Calendar:
    """A calendar of ``weeks`` weeks from ``start`` (default: the next Monday)."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    method = method or load_method()
    tz_name = timezone or default_timezone(plan)
    zone = ZoneInfo(tz_name)
    first = start or next_monday(today or dt.date.today())
    last = first + dt.timedelta(days=7 * weeks - 1)
    holiday_list = region_holidays(plan.business.regions, first, last + dt.timedelta(days=1))
    shabbat = any(r in SHABBAT_REGIONS for r in plan.business.regions) if avoid_shabbat is None else avoid_shabbat
    holiday_days = frozenset(h.date for h in holiday_list)
    rest = RestRules(holidays=holiday_days, eves=frozenset(d - dt.timedelta(days=1) for d in holiday_days),
                     shabbat=shabbat)

    slots: list[tuple[dt.datetime, int, ChannelPlan]] = []
    for index, channel in enumerate(plan.channels):
        for week in range(weeks):
            week_start = first + dt.timedelta(days=7 * week)
            count = _round_half_up(channel.cadence.posts_per_week * (week + 1)) - _round_half_up(
                channel.cadence.posts_per_week * week)
            slots += [(when, index, channel) for when in _week_slots(channel, week_start, count, index, zone, rest)]
    slots.sort(key=lambda slot: (slot[0], slot[1]))

    entries = _entries(plan, slots, method)
    return Calendar(plan=plan.business.name, timezone=tz_name, keeps_shabbat=shabbat,
                    holidays=[h for h in holiday_list if h.date <= last], entries=entries)


def _round_half_up(value: float) -> int:
    return math.floor(value + 0.5 + 1e-9)


def _week_slots(channel: ChannelPlan, week_start: dt.date, count: int, channel_index: int, zone: ZoneInfo,
                rest: RestRules) -> list[dt.datetime]:
    if count <= 0:
        return []
    base = POSTING_TIMES.get(channel.id, DEFAULT_POSTING_TIME)
    days = [week_start + dt.timedelta(days=d) for d in range(7)]
    open_days = [d for d in days if not rest.is_rest(dt.datetime.combine(d, base, tzinfo=zone))]
    if not open_days:
        return []
    # A holiday takes its post with it rather than doubling up another day: a channel posting
    # once a day keeps once a day.
    count = min(count, len(open_days) * math.ceil(count / 7))
    per_day: dict[dt.date, int] = defaultdict(int)
    for day in open_days:
        per_day[day] += count // len(open_days)
    extra = count % len(open_days)
    # Evenly spaced picks, turned by the channel's index so channels do not all share a day.
    for k in range(extra):
        pick = (math.floor((k + 0.5) * len(open_days) / extra) + channel_index) % len(open_days)
        per_day[open_days[pick]] += 1
    slots: list[dt.datetime] = []
    for day in open_days:
        taken = 0
        for offset in SAME_DAY_OFFSETS * 4:
            if taken == per_day[day]:
                break
            hour = base.hour + offset
            if not EARLIEST_HOUR <= hour <= LATEST_HOUR:
                continue
            # combine() with a ZoneInfo gives the local wall time, whatever the UTC offset that day.
            when = dt.datetime.combine(day, base.replace(hour=hour), tzinfo=zone)
            if when in slots or rest.is_rest(when):
                continue
            slots.append(when)
            taken += 1
    return slots


def _entries(plan: Plan, slots: list[tuple[dt.datetime, int, ChannelPlan]], method: Method) -> list[Entry]:
    quotas = largest_remainder(strategy_shares(plan), len(slots))
    assigned: dict[StrategyId, int] = dict.fromkeys(quotas, 0)
    goal_turn: dict[StrategyId, int] = defaultdict(int)
    format_turn: dict[str, int] = defaultdict(int)
    booked: dict[tuple[str, tuple[int, int]], float] = defaultdict(float)
    capacity = {p.name: channel_hours_available(p.weekly_hours) for p in plan.resources.people}
    serves = {s.id: s.serves for s in plan.strategies}
    per_day: dict[tuple[str, dt.date], int] = defaultdict(int)
    entries: list[Entry] = []
    for k, (when, _, channel) in enumerate(slots):
        strategy = _next_strategy(quotas, assigned, k, len(slots), channel)
        goal: str | None = None
        if strategy is not None:
            assigned[strategy] += 1
            goals = serves[strategy]
            if goals:
                goal = goals[goal_turn[strategy] % len(goals)]
                goal_turn[strategy] += 1
        post_format = _next_format(channel, format_turn, method)
        hours = _hours_per_post(channel.id, post_format, method)
        week = tuple(when.isocalendar())[:2]
        assignee = _assignee(plan, channel, hours, (week[0], week[1]), booked, capacity)
        if assignee is not None:
            booked[(assignee, (week[0], week[1]))] += hours
        day_key = (channel.id, when.date())
        per_day[day_key] += 1
        entries.append(Entry(
            id=f"{slug(channel.id)}-{when:%Y%m%d}-{per_day[day_key]}",
            start=when, channel=channel.id, strategy=strategy, goal=goal, format=post_format,
            link=plan.business.website, campaign=campaign_name(plan.business.name, goal),
            assignee=assignee, hours=hours,
        ))
    return entries


def _next_strategy(quotas: dict[StrategyId, int], assigned: dict[StrategyId, int], k: int, total: int,
                   channel: ChannelPlan) -> StrategyId | None:
    if not quotas:
        return None
    suited = set(channel.strategies) & set(quotas) or set(quotas)
    order = list(quotas)

    # The E furthest behind its share at this point in time, so the Es interleave evenly and end
    # at the largest-remainder counts. An E the channel suits gets one post of head start: it
    # wins unless another E has fallen more than a post behind, which keeps the mix on target.
    def score(e: StrategyId) -> tuple[float, int]:
        behind = quotas[e] * (k + 1) / total - assigned[e]
        return (behind + (SUITED_BONUS if e in suited else 0.0), -order.index(e))

    return max(quotas, key=score)


def _next_format(channel: ChannelPlan, turn: dict[str, int], method: Method) -> str:
    formats = list(channel.formats)
    if not formats:
        known = method.find_channel(channel.id)
        formats = [known.formats[0].format] if known and known.formats else ["text"]
    chosen = formats[turn[channel.id] % len(formats)]
    turn[channel.id] += 1
    return chosen


def _hours_per_post(channel_id: str, post_format: str, method: Method) -> float:
    known = method.find_channel(channel_id)
    if known is None:
        return DEFAULT_HOURS_PER_POST
    return next((f.hours_per_post for f in known.formats if f.format == post_format), DEFAULT_HOURS_PER_POST)


def _assignee(plan: Plan, channel: ChannelPlan, hours: float, week: tuple[int, int],
              booked: dict[tuple[str, tuple[int, int]], float], capacity: dict[str, float]) -> str | None:
    if not capacity:
        return channel.owner or plan.resources.owner
    owner = next((name for name in (channel.owner, plan.resources.owner) if name in capacity), None)

    def spare(name: str) -> float:
        return capacity[name] - booked[(name, week)]

    if owner is not None and spare(owner) >= hours:
        return owner
    roomiest = max(capacity, key=lambda name: (spare(name), name == owner))
    if spare(roomiest) >= hours:
        return roomiest
    return owner or roomiest
