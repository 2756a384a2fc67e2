"""Step 5, the map: every goal measured, beyond audience size, and every equity component fed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.i18n import Text
from socialplan.method.types import EQUITY_COMPONENT_IDS, Method
from socialplan.plan.model import Metric

# Custom metrics (not from the catalogue) that only count eyeballs.
_AUDIENCE_SIZE = re.compile(
    r"follower|fans?\b|page[ _-]?likes|subscriber|audience[ _-]?size|impression|\breach\b|views?\b|"
    r"עוקב|מעריצ|לייקים לדף|מנוי|חשיפ|צפיות|גודל קהל",
    re.IGNORECASE,
)


def is_audience_size(metric: Metric, method: Method) -> bool:
    """True when the metric only counts how many people could see something."""
    definition = metric.definition or metric.id
    try:
        return method.metric(definition).audience_size_only
    except KeyError:
        return bool(_AUDIENCE_SIZE.search(f"{metric.id} {metric.name}"))


@rule(
    "measurement.goal-unmeasured",
    "measurement",
    why_en="A goal nobody measures cannot be steered toward; the map shows where you are at any time.",
    why_he="אי אפשר לנווט למטרה שאיש אינו מודד; המפה מראה איפה אתם נמצאים בכל רגע.",
)
def measurement_goal_unmeasured(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, goal in enumerate(ctx.plan.goals):
        if not goal.metrics:
            yield ctx.finding(spec, "error", f"goals[{index}].metrics", Text(
                en="The goal “{title}” has no metrics. Add the metrics that will show its progress.",
                he="למטרה „{title}” אין מדדים. הוסיפו את המדדים שיראו את ההתקדמות אליה.",
            ), title=goal.title)
        for ref in goal.metrics:
            if ctx.plan.metric(ref) is None:
                yield ctx.finding(spec, "error", f"goals[{index}].metrics", Text(
                    en="The goal “{title}” uses the metric “{ref}”, which the measurement map does not define.",
                    he="המטרה „{title}” משתמשת במדד „{ref}”, שאינו מוגדר במפת המדידה.",
                ), title=goal.title, ref=ref)


@rule(
    "measurement.loyalty-without-equity",
    "measurement",
    why_en="A hundred thousand followers are a hundred thousand pairs of eyes, not a result. Audience size alone "
    "cannot show that the investment worked: measure relationships, conversation and value too.",
    why_he="מאה אלף עוקבים הם מאה אלף זוגות עיניים, לא תוצאה. גודל הקהל לבדו לא יראה שההשקעה עבדה: מדדו גם "
    "קשרים, שיחה וערך.",
)
def measurement_loyalty_without_equity(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    metrics = ctx.plan.metrics
    if metrics and all(is_audience_size(m, ctx.method) for m in metrics):
        yield ctx.finding(spec, "error", "metrics", Text(
            en="Every metric in the plan counts audience size only (loyalty without equity). Add metrics of "
            "conversation, amplification, sentiment or value.",
            he="כל המדדים בתוכנית סופרים רק את גודל הקהל (נאמנות בלי הון עצמי). הוסיפו מדדים של שיחה, הפצה, "
            "סנטימנט או ערך.",
        ))
        return
    for index, goal in enumerate(ctx.plan.goals):
        own = [m for ref in goal.metrics if (m := ctx.plan.metric(ref)) is not None]
        if own and all(is_audience_size(m, ctx.method) for m in own):
            yield ctx.finding(spec, "warning", f"goals[{index}].metrics", Text(
                en="The goal “{title}” is measured by audience size only. Add a metric that shows relationship or "
                "value.",
                he="המטרה „{title}” נמדדת רק לפי גודל הקהל. הוסיפו מדד שמראה קשר או ערך.",
            ), title=goal.title)


@rule(
    "measurement.equity",
    "measurement",
    why_en="Social media equity (relationship strength, familiarity, efficiency, value creation) is what the "
    "investment decision rests on; each component needs at least one indicator.",
    why_he="ההון העצמי במדיה החברתית (חוזק הקשר, מידת היכרות, מידת יעילות, יצירת ערך) הוא הבסיס להחלטת ההשקעה; "
    "כל רכיב צריך לפחות מדד אחד.",
)
def measurement_equity(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for component_id in EQUITY_COMPONENT_IDS:
        component = getattr(ctx.plan.equity, component_id)
        name = ctx.method.equity_component(component_id).name
        if not component.indicators:
            yield ctx.finding(spec, "warning", f"equity.{component_id}", Text(
                en="The equity component “{name}” has no indicator.",
                he="לרכיב ההון העצמי „{name_he}” אין מדד.",
            ), name=name.en, name_he=name.he)
        for index, indicator in enumerate(component.indicators):
            if ctx.plan.metric(indicator.metric) is None:
                yield ctx.finding(spec, "error", f"equity.{component_id}.indicators[{index}].metric", Text(
                    en="The equity indicator “{ref}” is not a metric of the measurement map.",
                    he="מדד ההון העצמי „{ref}” אינו מדד במפת המדידה.",
                ), ref=indicator.metric)


@rule(
    "measurement.types",
    "measurement",
    why_en="The four measurement types (PR/media, word of mouth, web analytics, opinion research) see different "
    "sides of the same effort; one type alone gives a one-eyed view.",
    why_he="ארבעת סוגי המדידה (יחסי ציבור/מדיה, מפה לאוזן, ניתוח אתרים, מחקר דעות) רואים צדדים שונים של אותו "
    "מאמץ; סוג אחד לבדו נותן תמונה חלקית.",
)
def measurement_types(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    used = {m.measurement_type for m in ctx.plan.metrics}
    if ctx.plan.metrics and len(used) < 2:
        yield ctx.finding(spec, "warning", "metrics", Text(
            en="The measurement map uses only one of the four measurement types. Add at least one more view.",
            he="מפת המדידה משתמשת רק באחד מארבעת סוגי המדידה. הוסיפו לפחות זווית אחת נוספת.",
        ))
    goal_ids = {g.id for g in ctx.plan.goals}
    for index, metric in enumerate(ctx.plan.metrics):
        for ref in metric.goals:
            if ref not in goal_ids:
                yield ctx.finding(spec, "warning", f"metrics[{index}].goals", Text(
                    en="The metric “{id}” refers to the goal “{ref}”, which the plan does not have.",
                    he="המדד „{id}” מפנה למטרה „{ref}”, שאינה קיימת בתוכנית.",
                ), id=metric.id, ref=ref)
