"""Step 1, the destination: goals aligned to business objectives, measurable, with a deadline,
and only for purposes social media can serve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from socialplan.advise.classify import classify_objective
from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.i18n import Text

_FAR_DEADLINE_DAYS = 3 * 366


@rule(
    "goal.missing",
    "goal",
    why_en="A plan without a goal is a trip without a destination: nothing can be chosen or measured.",
    why_he="תוכנית בלי מטרה היא נסיעה בלי יעד: אי אפשר לבחור כלים או למדוד הצלחה.",
)
def goal_missing(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.goals:
        yield ctx.finding(spec, "error", "goals", Text(
            en="The plan has no goals. Add at least one goal tied to a business objective.",
            he="בתוכנית אין מטרות. הוסיפו לפחות מטרה אחת שקשורה ליעד עסקי.",
        ))


@rule(
    "goal.not-served",
    "goal",
    why_en="Social media serves public relations, marketing, brand building, innovation, crowdsourcing, "
    "organisational culture and market engagement. Other objectives need other tools, and a plan that "
    "promises them will disappoint.",
    why_he="מדיה חברתית משרתת יחסי ציבור, שיווק, בניית מותג, חדשנות, מיקור המונים, תרבות ארגונית ומעורבות "
    "בשוק. יעדים אחרים דורשים כלים אחרים, ותוכנית שמבטיחה אותם תאכזב.",
)
def goal_not_served(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    objectives = {o.id: o for o in ctx.plan.objectives}
    for index, objective in enumerate(ctx.plan.objectives):
        if objective.purpose is None:
            yield ctx.finding(spec, "info", f"objectives[{index}]", Text(
                en="The objective “{text}” is not one social media serves, so the plan sets no goal for it.",
                he="היעד „{text}” אינו יעד שמדיה חברתית משרתת, ולכן התוכנית לא מציבה לו מטרה.",
            ), text=objective.text)
    for index, goal in enumerate(ctx.plan.goals):
        path = f"goals[{index}]"
        aligned_to = objectives.get(goal.objective or "")
        if goal.purpose is None:
            yield ctx.finding(spec, "error", f"{path}.purpose", Text(
                en="The goal “{title}” has no social media purpose. Choose one of the seven purposes, or move "
                "the goal out of the social media plan.",
                he="למטרה „{title}” אין ייעוד של מדיה חברתית. בחרו אחד משבעת הייעודים, או הוציאו את המטרה "
                "מתוכנית המדיה החברתית.",
            ), title=goal.title)
            continue
        if aligned_to is not None and aligned_to.purpose is None:
            yield ctx.finding(spec, "error", f"{path}.objective", Text(
                en="The goal “{title}” serves the objective “{objective}”, which social media does not serve.",
                he="המטרה „{title}” משרתת את היעד „{objective}”, שמדיה חברתית אינה משרתת.",
            ), title=goal.title, objective=aligned_to.text)
            continue
        verdict = classify_objective(goal.title)
        # Only when the title names something social media does not serve (costs, logistics…),
        # not when the classifier merely found no known words.
        if verdict.purpose is None and verdict.matched:
            yield ctx.finding(spec, "error", f"{path}.title", Text(
                en="The goal “{title}” reads like an objective social media does not serve ({reason}).",
                he="המטרה „{title}” נראית כמו יעד שמדיה חברתית אינה משרתת ({reason_he}).",
            ), title=goal.title, reason=verdict.reason.en, reason_he=verdict.reason.he)


@rule(
    "goal.aligned",
    "goal",
    why_en="Each social media goal should serve one of the organisation's own objectives, so the plan pulls in "
    "the same direction as the business.",
    why_he="כל מטרה במדיה החברתית צריכה לשרת יעד של הארגון עצמו, כדי שהתוכנית תמשוך לאותו כיוון כמו העסק.",
)
def goal_aligned(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    objective_ids = {o.id for o in ctx.plan.objectives}
    for index, goal in enumerate(ctx.plan.goals):
        path = f"goals[{index}].objective"
        if not goal.objective:
            yield ctx.finding(spec, "warning", path, Text(
                en="The goal “{title}” is not tied to a business objective. Name the objective it serves.",
                he="המטרה „{title}” אינה קשורה ליעד עסקי. ציינו איזה יעד היא משרתת.",
            ), title=goal.title)
        elif goal.objective not in objective_ids:
            yield ctx.finding(spec, "error", path, Text(
                en="The goal “{title}” points to the objective “{ref}”, which the plan does not list.",
                he="המטרה „{title}” מפנה ליעד „{ref}”, שאינו מופיע בתוכנית.",
            ), title=goal.title, ref=goal.objective)


@rule(
    "goal.measurable",
    "goal",
    why_en="A goal without a measurable target cannot tell you whether the plan works.",
    why_he="מטרה בלי יעד מדיד לא תגיד לכם אם התוכנית עובדת.",
)
def goal_measurable(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, goal in enumerate(ctx.plan.goals):
        path = f"goals[{index}].target"
        if goal.target is None:
            yield ctx.finding(spec, "error", path, Text(
                en="The goal “{title}” has no target. Give it a metric and a number to reach.",
                he="למטרה „{title}” אין יעד. קבעו לה מדד ומספר שצריך להגיע אליו.",
            ), title=goal.title)
        elif ctx.plan.metric(goal.target.metric) is None:
            yield ctx.finding(spec, "error", f"{path}.metric", Text(
                en="The target of “{title}” uses the metric “{metric}”, which is not in the measurement map.",
                he="היעד של „{title}” משתמש במדד „{metric}”, שאינו מופיע במפת המדידה.",
            ), title=goal.title, metric=goal.target.metric)
        elif goal.target.metric not in goal.metrics:
            yield ctx.finding(spec, "warning", f"goals[{index}].metrics", Text(
                en="The goal “{title}” targets “{metric}” but does not track it. Add it to the goal's metrics.",
                he="המטרה „{title}” מכוונת ל„{metric}” אך אינה עוקבת אחריו. הוסיפו אותו למדדי המטרה.",
            ), title=goal.title, metric=goal.target.metric)


@rule(
    "goal.deadline",
    "goal",
    why_en="A target without a date never becomes late, so nobody acts on it.",
    why_he="ליעד בלי תאריך אין איחור, ולכן אף אחד לא פועל לפיו.",
)
def goal_deadline(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, goal in enumerate(ctx.plan.goals):
        if goal.target is None:
            continue  # goal.measurable already reports it
        path = f"goals[{index}].target.deadline"
        deadline = goal.target.deadline
        if deadline is None:
            yield ctx.finding(spec, "error", path, Text(
                en="The goal “{title}” has no deadline. Set the date by which the target should be reached.",
                he="למטרה „{title}” אין תאריך יעד. קבעו עד מתי צריך להגיע ליעד.",
            ), title=goal.title)
        elif deadline < ctx.today:
            yield ctx.finding(spec, "warning", path, Text(
                en="The deadline of “{title}” ({deadline}) has passed. Record the result and set a new target.",
                he="תאריך היעד של „{title}” ({deadline}) כבר עבר. תעדו את התוצאה וקבעו יעד חדש.",
            ), title=goal.title, deadline=deadline.isoformat())
        elif deadline - ctx.today > dt.timedelta(days=_FAR_DEADLINE_DAYS):
            yield ctx.finding(spec, "info", path, Text(
                en="The deadline of “{title}” is more than three years away. Add a nearer milestone to steer by.",
                he="תאריך היעד של „{title}” רחוק ביותר משלוש שנים. הוסיפו אבן דרך קרובה יותר.",
            ), title=goal.title)
