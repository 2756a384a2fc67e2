"""Step 4, the wheels: channels that match the Es, in a number and at a cadence the team can carry."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.advise.sizing import MAX_CHANNELS, channels_supported
from socialplan.i18n import Text
from socialplan.method.types import Channel
from socialplan.plan.model import ChannelPlan

# A channel may be under-planned by this much before it is flagged: estimates are rough.
_HOURS_TOLERANCE = 0.8


def hours_per_post(plan_channel: ChannelPlan, catalogue: Channel) -> float:
    """The catalogue's hours for the formats the plan uses (the cheapest format when none is named)."""
    by_format = {f.format: f.hours_per_post for f in catalogue.formats}
    chosen = [by_format[f] for f in plan_channel.formats if f in by_format]
    if chosen:
        return sum(chosen) / len(chosen)
    return min(by_format.values())


@rule(
    "tools.missing",
    "tools",
    why_en="Without tools the road leads nowhere: choose where the plan will actually be carried out.",
    why_he="בלי כלים הדרך לא מובילה לשום מקום: בחרו היכן התוכנית תבוצע בפועל.",
)
def tools_missing(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.channels:
        yield ctx.finding(spec, "error", "channels", Text(
            en="The plan uses no channels. Choose at least one where the audience already is.",
            he="התוכנית לא משתמשת באף ערוץ. בחרו לפחות ערוץ אחד שבו הקהל כבר נמצא.",
        ))


@rule(
    "tools.capacity",
    "tools",
    why_en="Hours planned on channels cannot exceed the hours the team has; the gap shows up as silence.",
    why_he="השעות המתוכננות בערוצים לא יכולות לעלות על השעות שיש לצוות; הפער יתבטא בשתיקה.",
)
def tools_capacity(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    planned = ctx.plan.weekly_hours_planned
    available = ctx.plan.weekly_hours_available
    if ctx.plan.channels and planned > available + 1e-9:
        yield ctx.finding(spec, "error", "channels", Text(
            en="The channels need {planned:g} hours a week but the team has {available:g}. Cut channels or "
            "cadence, or add people.",
            he="הערוצים דורשים {planned:g} שעות בשבוע אבל לצוות יש {available:g}. צמצמו ערוצים או תדירות, או "
            "הוסיפו אנשים.",
        ), planned=round(planned, 1), available=round(available, 1))


@rule(
    "tools.too-many",
    "tools",
    why_en="Build slowly: the right few tools, well used, build expertise; nobody wants to run twenty sites.",
    why_he="בונים לאט: מעט כלים נכונים, בשימוש טוב, בונים מומחיות; אף אחד לא רוצה לתחזק עשרים אתרים.",
)
def tools_too_many(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    count = len(ctx.plan.channels)
    supported = channels_supported(ctx.plan.weekly_hours_available)
    if count > supported or count > MAX_CHANNELS:
        yield ctx.finding(spec, "warning", "channels", Text(
            en="The plan runs {count} channels; with {hours:g} team hours a week about {supported} can be done "
            "well. Start with fewer and add when they work.",
            he="התוכנית מפעילה {count} ערוצים; עם {hours:g} שעות צוות בשבוע אפשר לתחזק היטב כ-{supported}. "
            "התחילו עם פחות והוסיפו כשהם עובדים.",
        ), count=count, hours=ctx.plan.weekly_hours_available, supported=min(supported, MAX_CHANNELS))


@rule(
    "tools.hours-per-channel",
    "tools",
    why_en="A cadence needs the hours to produce it; a channel planned with too few hours will be abandoned.",
    why_he="תדירות פרסום דורשת שעות כדי לייצר אותה; ערוץ שמתוכנן עם מעט מדי שעות ינוטש.",
)
def tools_hours_per_channel(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, channel in enumerate(ctx.plan.channels):
        catalogue = ctx.method.find_channel(channel.id)
        if catalogue is None:
            continue
        needed = channel.cadence.posts_per_week * hours_per_post(channel, catalogue)
        if channel.weekly_hours < needed * _HOURS_TOLERANCE:
            yield ctx.finding(spec, "warning", f"channels[{index}].weekly_hours", Text(
                en="{name}: {posts:g} posts a week take about {needed:.1f} hours, but only {hours:g} are planned.",
                he="{name_he}: {posts:g} פרסומים בשבוע דורשים כ-{needed:.1f} שעות, אך תוכננו רק {hours:g}.",
            ), name=catalogue.name.en, name_he=catalogue.name.he, posts=round(channel.cadence.posts_per_week, 1),
                needed=needed, hours=channel.weekly_hours)


@rule(
    "tools.strategy-fit",
    "tools",
    why_en="Each tool should carry at least one of the chosen Es; otherwise it is a car on the wrong road.",
    why_he="כל כלי צריך לשאת לפחות אחת מהאסטרטגיות שנבחרו; אחרת זה רכב על הכביש הלא נכון.",
)
def tools_strategy_fit(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    chosen = {c.id for c in ctx.plan.strategies}
    if not chosen:
        return
    for index, channel in enumerate(ctx.plan.channels):
        catalogue = ctx.method.find_channel(channel.id)
        if catalogue is None:
            continue
        if not chosen.intersection(catalogue.strategies):
            yield ctx.finding(spec, "warning", f"channels[{index}]", Text(
                en="{name} suits none of the plan's Es. Pick a channel that fits them, or revisit the Es.",
                he="{name_he} אינו מתאים לאף אחת מהאסטרטגיות של התוכנית. בחרו ערוץ שמתאים להן, או בחנו מחדש את "
                "האסטרטגיות.",
            ), name=catalogue.name.en, name_he=catalogue.name.he)
        for e in channel.strategies:
            if e not in chosen:
                yield ctx.finding(spec, "warning", f"channels[{index}].strategies", Text(
                    en="{name} is planned for the {e} strategy, which the plan does not choose.",
                    he="{name_he} מתוכנן לאסטרטגיית ה{e_he}, שהתוכנית לא בחרה בה.",
                ), name=catalogue.name.en, name_he=catalogue.name.he, e=ctx.method.strategy(e).name.en.lower(),
                    e_he=ctx.method.strategy(e).name.he)


@rule(
    "tools.catalogue",
    "tools",
    why_en="Channels from the catalogue come with typical hours, audiences and the Es they suit, which the review "
    "uses; unknown ones are checked less.",
    why_he="לערוצים מהקטלוג יש שעות עבודה אופייניות, קהלים ואסטרטגיות מתאימות שהבדיקה משתמשת בהם; ערוצים לא "
    "מוכרים נבדקים פחות.",
)
def tools_catalogue(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    people = {p.name for p in ctx.plan.resources.people}
    for index, channel in enumerate(ctx.plan.channels):
        catalogue = ctx.method.find_channel(channel.id)
        if catalogue is None:
            yield ctx.finding(spec, "info", f"channels[{index}].id", Text(
                en="“{id}” is not in the channel catalogue, so its hours and fit cannot be checked.",
                he="„{id}” אינו בקטלוג הערוצים, ולכן אי אפשר לבדוק את השעות וההתאמה שלו.",
            ), id=channel.id)
        elif catalogue.category != channel.category:
            yield ctx.finding(spec, "warning", f"channels[{index}].category", Text(
                en="{name} belongs to the {expected}, not to the {given}.",
                he="{name_he} שייך ל{expected_he} ולא ל{given_he}.",
            ), name=catalogue.name.en, name_he=catalogue.name.he,
                expected=ctx.method.category(catalogue.category).name.en.lower(),
                given=ctx.method.category(channel.category).name.en.lower(),
                expected_he=ctx.method.category(catalogue.category).name.he,
                given_he=ctx.method.category(channel.category).name.he)
        if channel.owner and channel.owner not in people:
            yield ctx.finding(spec, "warning", f"channels[{index}].owner", Text(
                en="The owner of {id}, “{owner}”, is not one of the plan's people.",
                he="האחראי על {id}, „{owner}”, אינו אחד מאנשי הצוות בתוכנית.",
            ), id=channel.name or channel.id, owner=channel.owner)
