"""One plain-language sentence per chart, in English and Hebrew, computed from the chart's data.

A takeaway names what a reader would otherwise have to find in the chart: the biggest change
("Engagement rate on Instagram fell 54% since February"), the leader ("Entertainment works
best on X") or the trend. Each function returns a :class:`Text`; values that differ by
language (channel names, month names) are given as ``Text`` too, and every template is a
whole sentence in each language. Hebrew sentences use a noun phrase ("ירידה של 54%") so the
verb never has to agree with a metric's grammatical gender.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from socialplan.i18n import Lang, Text
from socialplan.measure.metrics import Period
from socialplan.report import labels as L

# A relative change smaller than this reads as "about the same", not as a rise or a fall.
FLAT_SHARE: Final = 0.02
# Shorter than this, a previous period is named by its length, not by its month.
MONTH_DAYS: Final = 28

Value = str | float | int | Text


def fill(template: Text, **values: Value) -> Text:
    """The template in both languages, each placeholder filled in that language."""

    def pick(lang: Lang) -> dict[str, object]:
        return {key: value(lang) if isinstance(value, Text) else value for key, value in values.items()}

    return Text(en=template.en.format(**pick("en")), he=template.he.format(**pick("he")))


def in_place(name: Text) -> Text:
    """ "on <name>": Hebrew joins the preposition ב to the word, with a hyphen before a non-Hebrew one."""
    hebrew = name.he[:1] and "\u05d0" <= name.he[0] <= "\u05ea"
    return Text(en=name.en, he=("ב" if hebrew else "ב-") + name.he)


def month_name(day: dt.date) -> Text:
    return Text(en=L.MONTHS.en.split()[day.month - 1], he=L.MONTHS.he.split()[day.month - 1])


def percent(share: float) -> str:
    """A relative change as a whole percent without sign (the sentence says rose or fell)."""
    return f"{abs(share) * 100:,.0f}%"


def relative_change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    return (after - before) / abs(before)


_CHANGE: Final[dict[tuple[str, str], Text]] = {
    ("rose", "month"): Text(en="{subject} rose {share} since {since}.", he="{subject}: עלייה של {share} מאז {since}."),
    ("fell", "month"): Text(en="{subject} fell {share} since {since}.", he="{subject}: ירידה של {share} מאז {since}."),
    ("flat", "month"): Text(en="{subject} held steady since {since}.", he="{subject}: ללא שינוי של ממש מאז {since}."),
    ("rose", "days"): Text(en="{subject} rose {share} against the previous {days} days.",
                           he="{subject}: עלייה של {share} לעומת {days} הימים הקודמים."),
    ("fell", "days"): Text(en="{subject} fell {share} against the previous {days} days.",
                           he="{subject}: ירידה של {share} לעומת {days} הימים הקודמים."),
    ("flat", "days"): Text(en="{subject} held steady against the previous {days} days.",
                           he="{subject}: ללא שינוי של ממש לעומת {days} הימים הקודמים."),
    ("new", "month"): Text(en="{subject} started from nothing since {since}.",
                           he="{subject}: התחלה מאפס מאז {since}."),
    ("new", "days"): Text(en="{subject} started from nothing against the previous {days} days.",
                          he="{subject}: התחלה מאפס לעומת {days} הימים הקודמים."),
}  # fmt: skip
NO_DATA: Final = Text(en="No data for this chart in the period yet.", he="עדיין אין נתונים לתרשים הזה בתקופה.")


def change_takeaway(subject: Text, before: float | None, after: float | None, previous: Period) -> Text | None:
    """ "<subject> rose/fell N% since <month>" for a value in the period against the previous one."""
    if before is None or after is None:
        return None
    share = relative_change(before, after)
    if share is None:
        direction = "new" if after > 0 else "flat"
    elif abs(share) < FLAT_SHARE:
        direction = "flat"
    else:
        direction = "rose" if share > 0 else "fell"
    by_month = previous.days >= MONTH_DAYS
    template = _CHANGE[direction, "month" if by_month else "days"]
    # The month holding most of the previous period names it ("since February" for Feb 4 - Mar 3).
    middle = previous.start + dt.timedelta(days=previous.days // 2)
    return fill(template, subject=subject, share=percent(share or 0.0), since=month_name(middle),
                days=previous.days)  # fmt: skip


# ── equity ─────────────────────────────────────────────────────────────────────────────

_EQUITY_MOVE: Final = Text(
    en="The equity index moved from {first} to {last} over the last {periods} periods; "
    "{component} changed most ({change} points).",
    he="מדד ההון העצמי השתנה מ-{first} ל-{last} ב-{periods} התקופות האחרונות; "
    "השינוי הגדול ביותר ברכיב {component} ({change} נקודות).",
)
_EQUITY_ONE: Final = Text(
    en="The equity index stands at {last} of 100 in this period.",
    he="מדד ההון העצמי עומד על {last} מתוך 100 בתקופה הזאת.",
)


def equity_takeaway(series: Sequence[tuple[str, Text, float | None]], index_key: str = "index") -> Text:
    """From (component id, name, score) points in period order: how the index moved, and what moved it.

    The first and last periods that have an index are compared, and so are the components over
    those same periods, so the component named is the one that explains the move.
    """
    index = [score for key, _, score in series if key == index_key]
    scored = [i for i, s in enumerate(index) if s is not None]
    if not scored:
        return NO_DATA
    last = index[scored[-1]]
    assert last is not None
    if len(scored) < 2:
        return fill(_EQUITY_ONE, last=f"{last:.0f}")
    first_i, last_i = scored[0], scored[-1]
    first = index[first_i]
    assert first is not None
    components: dict[str, tuple[Text, list[float | None]]] = {}
    for key, name, score in series:
        if key != index_key:
            components.setdefault(key, (name, []))[1].append(score)
    moves = []
    for name, scores in components.values():
        a, b = scores[first_i] if first_i < len(scores) else None, scores[last_i] if last_i < len(scores) else None
        if a is not None and b is not None:
            moves.append((abs(b - a), b - a, name))
    if not moves:
        return fill(_EQUITY_ONE, last=f"{last:.0f}")
    _, change, name = max(moves, key=lambda m: m[0])
    return fill(_EQUITY_MOVE, first=f"{first:.0f}", last=f"{last:.0f}", periods=last_i - first_i + 1,
                component=name, change=f"{change:+.0f}")  # fmt: skip


# ── goals ──────────────────────────────────────────────────────────────────────────────

_GOALS_ALL: Final = Text(en="All {total} goals are achieved or on track.", he="כל {total} המטרות הושגו או בדרך ליעד.")
_GOALS_SOME: Final = Text(
    en="{good} of {total} goals are achieved or on track; “{worst}” needs attention first.",
    he="{good} מתוך {total} המטרות הושגו או בדרך ליעד; קודם כול צריך לטפל ב“{worst}”.",
)
_GOALS_NONE: Final = Text(
    en="No goal can be judged yet: goals need a measurable target and data.",
    he="עדיין אי אפשר להעריך אף מטרה: מטרה צריכה יעד מדיד ונתונים.",
)
_STATUS_ORDER: Final = ("off_track", "at_risk", "no_data", "on_track", "achieved")


def goals_takeaway(goals: Sequence[tuple[str, str]]) -> Text:
    """From (title, status) pairs: how many goals are fine, and the one to look at first."""
    judged = [(title, status) for title, status in goals if status in _STATUS_ORDER and status != "no_data"]
    if not judged:
        return _GOALS_NONE
    good = sum(status in ("on_track", "achieved") for _, status in judged)
    if good == len(judged):
        return fill(_GOALS_ALL, total=len(judged))
    worst = min(judged, key=lambda g: _STATUS_ORDER.index(g[1]))
    return fill(_GOALS_SOME, good=good, total=len(judged), worst=worst[0])


# ── trends, leaders, tops ──────────────────────────────────────────────────────────────

_TREND: Final[dict[str, Text]] = {
    "rose": Text(en="{subject} rose {share} from the first to the last week of the period.",
                 he="{subject}: עלייה של {share} מהשבוע הראשון לאחרון בתקופה."),
    "fell": Text(en="{subject} fell {share} from the first to the last week of the period.",
                 he="{subject}: ירידה של {share} מהשבוע הראשון לאחרון בתקופה."),
    "flat": Text(en="{subject} held steady through the period.", he="{subject}: יציבות לאורך התקופה."),
    "peak": Text(en="{subject} peaked in the week of {peak}.", he="{subject}: שיא בשבוע של {peak}."),
}  # fmt: skip


def trend_takeaway(subject: Text, points: Sequence[tuple[dt.date, float | None]]) -> Text:
    """From weekly (week start, value) points: the change from the first to the last week with data."""
    values = [(day, v) for day, v in points if v is not None]
    if not values:
        return NO_DATA
    first, last = values[0][1], values[-1][1]
    share = relative_change(first, last)
    if share is None:
        peak = max(values, key=lambda p: p[1])[0]
        if all(v == first for _, v in values):
            return fill(_TREND["flat"], subject=subject)
        return fill(_TREND["peak"], subject=subject, peak=Text(en=L.date(peak, "en"), he=L.date(peak, "he")))
    if abs(share) < FLAT_SHARE:
        return fill(_TREND["flat"], subject=subject)
    return fill(_TREND["rose" if share > 0 else "fell"], subject=subject, share=percent(share))


_CHANNEL_SUBJECT: Final = Text(en="Engagement rate on {channel}", he="שיעור המעורבות {in_channel}")
_CHANNEL_LEADER: Final = Text(
    en="{channel} has the highest engagement rate in the period ({value}).",
    he="שיעור המעורבות הגבוה ביותר בתקופה {in_channel} ({value}).",
)


_COUNT_SUBJECT: Final = Text(en="Engagements on {channel}", he="המעורבויות {in_channel}")
_COUNT_LEADER: Final = Text(
    en="{channel} drew the most engagements in the period ({value}).",
    he="הכי הרבה מעורבויות בתקופה היו {in_channel} ({value}).",
)


def channels_takeaway(
    rows: Sequence[tuple[Text, float | None, float | None]], previous: Period, *, by_rate: bool = True
) -> Text:
    """From (channel name, value before, now): the channel whose value changed most, else the leader.

    The values are engagement rates, or engagement counts when ``by_rate`` is False (channels
    whose exports count no impressions)."""
    subject, leader = (_CHANNEL_SUBJECT, _CHANNEL_LEADER) if by_rate else (_COUNT_SUBJECT, _COUNT_LEADER)
    changes = [
        (abs(share), name, before, now)
        for name, before, now in rows
        if (share := relative_change(before, now)) is not None and abs(share) >= FLAT_SHARE
    ]
    if changes:
        _, name, before, now = max(changes, key=lambda c: c[0])
        found = change_takeaway(fill(subject, channel=name, in_channel=in_place(name)), before, now, previous)
        if found is not None:
            return found
    scored = [(now, name) for name, _, now in rows if now is not None]
    if not scored:
        return NO_DATA
    now, name = max(scored, key=lambda s: s[0])
    value = f"{now:.1f}%" if by_rate else L.number(now)
    return fill(leader, channel=name, in_channel=in_place(name), value=value)


_BEST_E: Final = Text(
    en="{strategy} works best on {channel}: an engagement rate of {value} over {posts} posts.",
    he="ההתאמה הטובה ביותר: {strategy} {in_channel}, עם שיעור מעורבות של {value} על פני {posts} פוסטים.",
)
_BEST_E_ONE_POST: Final = Text(
    en="{strategy} works best on {channel}: an engagement rate of {value}, from a single post.",
    he="ההתאמה הטובה ביותר: {strategy} {in_channel}, עם שיעור מעורבות של {value}, מפוסט אחד בלבד.",
)


def strategy_channel_takeaway(cells: Sequence[tuple[Text, Text, int, float | None]], min_posts: int = 2) -> Text:
    """From (E name, channel name, posts, engagement rate): the best pairing with enough posts to count."""
    scored = [(rate, e, c, n) for e, c, n, rate in cells if rate is not None and n >= min_posts]
    if not scored:
        scored = [(rate, e, c, n) for e, c, n, rate in cells if rate is not None]
    if not scored:
        return NO_DATA
    rate, strategy, channel, posts = max(scored, key=lambda s: (s[0], s[3]))
    sentence = _BEST_E_ONE_POST if posts == 1 else _BEST_E
    return fill(
        sentence, strategy=strategy, channel=channel, in_channel=in_place(channel), value=f"{rate:.1f}%", posts=posts
    )


_TOP_POST: Final = Text(
    en="The top post of the period, on {channel}, drew {engagements} engagements ({share} of all posts' engagement).",
    he="הפוסט המוביל בתקופה, {in_channel}, צבר {engagements} מעורבויות ({share} מכלל המעורבות בפוסטים).",
)  # fmt: skip


def top_posts_takeaway(channel: Text | None, engagements: float, total: float) -> Text:
    if channel is None or total <= 0:
        return NO_DATA
    return fill(
        _TOP_POST,
        channel=channel,
        in_channel=in_place(channel),
        engagements=L.number(engagements),
        share=percent(engagements / total),
    )


_THEMES_BOTH: Final = Text(
    en="People praise “{praised}” most and criticise “{criticised}” most.",
    he="הכי משבחים את “{praised}” והכי מבקרים את “{criticised}”.",
)
_THEMES_PRAISED: Final = Text(en="People praise “{praised}” most.", he="הכי משבחים את “{praised}”.")
_THEMES_CRITICISED: Final = Text(en="People criticise “{criticised}” most.", he="הכי מבקרים את “{criticised}”.")
_THEMES_NONE: Final = Text(
    en="Not enough mentions with text to name themes yet.", he="עדיין אין מספיק אזכורים עם טקסט כדי לזהות נושאים."
)


def themes_takeaway(praised: str | None, criticised: str | None) -> Text:
    if praised and criticised:
        return fill(_THEMES_BOTH, praised=praised, criticised=criticised)
    if praised:
        return fill(_THEMES_PRAISED, praised=praised)
    if criticised:
        return fill(_THEMES_CRITICISED, criticised=criticised)
    return _THEMES_NONE
