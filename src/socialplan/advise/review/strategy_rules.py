"""Step 3, the road: the four Es, each tied to a goal and sized to the company."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.advise.sizing import strategies_supported
from socialplan.i18n import Text


@rule(
    "strategy.missing",
    "strategy",
    why_en="The Es (education, entertainment, engagement, empowerment) are the road from the goal to the "
    "audience; without one the plan is a list of channels.",
    why_he="ארבע האסטרטגיות (חינוך, בידור, מעורבות, העצמה) הן הדרך מהמטרה אל הקהל; בלעדיהן התוכנית היא רק "
    "רשימת ערוצים.",
)
def strategy_missing(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.strategies:
        yield ctx.finding(spec, "error", "strategies", Text(
            en="The plan chooses none of the four Es. Pick the one or two that best serve the goals.",
            he="התוכנית לא בוחרת באף אחת מארבע האסטרטגיות. בחרו אחת או שתיים שמשרתות את המטרות בצורה הטובה ביותר.",
        ))


@rule(
    "strategy.serves-goal",
    "strategy",
    why_en="Every E costs effort; one that serves no goal spends fuel without moving toward the destination.",
    why_he="כל אסטרטגיה עולה מאמץ; אסטרטגיה שלא משרתת אף מטרה שורפת דלק בלי להתקרב ליעד.",
)
def strategy_serves_goal(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    goal_ids = {g.id for g in ctx.plan.goals}
    for index, choice in enumerate(ctx.plan.strategies):
        name = ctx.method.strategy(choice.id).name
        path = f"strategies[{index}].serves"
        if not choice.serves:
            yield ctx.finding(spec, "error", path, Text(
                en="The {name} strategy serves no goal. Link it to a goal or drop it.",
                he="אסטרטגיית ה{name_he} אינה משרתת אף מטרה. קשרו אותה למטרה או וותרו עליה.",
            ), name=name.en.lower(), name_he=name.he)
        for ref in choice.serves:
            if ref not in goal_ids:
                yield ctx.finding(spec, "error", path, Text(
                    en="The {name} strategy serves the goal “{ref}”, which the plan does not have.",
                    he="אסטרטגיית ה{name_he} משרתת את המטרה „{ref}”, שאינה קיימת בתוכנית.",
                ), name=name.en.lower(), name_he=name.he, ref=ref)


@rule(
    "strategy.goal-uncovered",
    "strategy",
    why_en="A goal that no E serves has no road leading to it.",
    why_he="למטרה שאף אסטרטגיה לא משרתת אין דרך שמובילה אליה.",
)
def strategy_goal_uncovered(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    served = {ref for choice in ctx.plan.strategies for ref in choice.serves}
    if not ctx.plan.strategies:
        return  # strategy.missing already says it
    for index, goal in enumerate(ctx.plan.goals):
        if goal.id not in served:
            yield ctx.finding(spec, "warning", f"goals[{index}]", Text(
                en="No strategy serves the goal “{title}”. Link it to one of the chosen Es.",
                he="אף אסטרטגיה לא משרתת את המטרה „{title}”. קשרו אותה לאחת האסטרטגיות שנבחרו.",
            ), title=goal.title)


@rule(
    "strategy.fit-to-size",
    "strategy",
    why_en="A large company may run all four Es at once; a small team does better with the one or two most "
    "relevant, keeping its resources focused.",
    why_he="חברה גדולה יכולה להפעיל את כל ארבע האסטרטגיות במקביל; צוות קטן יצליח יותר עם אחת או שתיים "
    "הרלוונטיות ביותר, וישמור על מיקוד המשאבים.",
)
def strategy_fit_to_size(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    hours = ctx.plan.weekly_hours_available
    supported = strategies_supported(hours)
    chosen = len(ctx.plan.strategies)
    if chosen > supported:
        yield ctx.finding(spec, "warning", "strategies", Text(
            en="The plan runs {chosen} Es with {hours:g} team hours a week; a team this size can carry about "
            "{supported}. Keep the most relevant and drop the rest.",
            he="התוכנית מפעילה {chosen} אסטרטגיות עם {hours:g} שעות צוות בשבוע; צוות בגודל כזה יכול לשאת כ-"
            "{supported}. השאירו את הרלוונטיות ביותר ווותרו על השאר.",
        ), chosen=chosen, hours=hours, supported=supported)


@rule(
    "strategy.why",
    "strategy",
    why_en="Writing down why an E was chosen keeps the plan honest when it is revisited.",
    why_he="תיעוד הסיבה לבחירה באסטרטגיה שומר על התוכנית כנה כשחוזרים אליה.",
)
def strategy_why(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, choice in enumerate(ctx.plan.strategies):
        if not choice.why.strip():
            name = ctx.method.strategy(choice.id).name
            yield ctx.finding(spec, "info", f"strategies[{index}].why", Text(
                en="Say why the {name} strategy was chosen.",
                he="כתבו מדוע נבחרה אסטרטגיית ה{name_he}.",
            ), name=name.en.lower(), name_he=name.he)


@rule(
    "strategy.content-mix",
    "strategy",
    why_en="The planned shares of content per E should add up to the whole plan.",
    why_he="חלקי התוכן המתוכננים לכל אסטרטגיה צריכים להסתכם לתוכנית כולה.",
)
def strategy_content_mix(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    shares = [c.share for c in ctx.plan.strategies if c.share is not None]
    if shares and len(shares) == len(ctx.plan.strategies) and abs(sum(shares) - 1) > 0.05:
        yield ctx.finding(spec, "warning", "strategies", Text(
            en="The content shares of the Es add up to {total:.0%}, not 100%.",
            he="חלקי התוכן של האסטרטגיות מסתכמים ב-{total:.0%} ולא ב-100%.",
        ), total=sum(shares))
