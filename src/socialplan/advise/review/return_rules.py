"""Step 7, the return: what the plan costs, what it should bring back, and what could hurt the brand."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.i18n import Text

WEEKS_PER_MONTH = 52 / 12
_HOURS_MISMATCH = 0.25  # investment hours may differ from channel hours by this share before it is noted


@rule(
    "return.investment",
    "return",
    why_en="For a business much is at stake: state what the plan costs in hours, tools and advertising.",
    why_he="בעסק יש הרבה על הכף: פרטו כמה התוכנית עולה בשעות, בכלים ובפרסום.",
)
def return_investment(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    investment = ctx.plan.return_.investment
    if investment is None or (investment.monthly_total <= 0 and investment.monthly_hours <= 0):
        yield ctx.finding(spec, "warning", "return.investment", Text(
            en="The plan does not state its investment. Add the monthly hours, their cost, tools and ads.",
            he="התוכנית לא מציינת את ההשקעה. הוסיפו את השעות החודשיות, העלות שלהן, הכלים והפרסום.",
        ))
        return
    planned = ctx.plan.weekly_hours_planned * WEEKS_PER_MONTH
    if planned > 0 and abs(investment.monthly_hours - planned) > _HOURS_MISMATCH * planned:
        yield ctx.finding(spec, "info", "return.investment.monthly_hours", Text(
            en="The investment counts {stated:g} hours a month, but the channels plan about {planned:.0f}.",
            he="ההשקעה מחשבת {stated:g} שעות בחודש, אך הערוצים מתכננים כ-{planned:.0f}.",
        ), stated=investment.monthly_hours, planned=planned)


@rule(
    "return.expected-value",
    "return",
    why_en="A plan must say what value it expects to create, or nobody can tell whether the trip paid off.",
    why_he="תוכנית חייבת לומר איזה ערך היא מצפה ליצור, אחרת אי אפשר לדעת אם הנסיעה השתלמה.",
)
def return_expected_value(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    ret = ctx.plan.return_
    if not ret.expected_value:
        yield ctx.finding(spec, "warning", "return.expected_value", Text(
            en="The plan states no expected value. Say what it should bring: sales, leads, ideas, savings.",
            he="התוכנית לא מציינת ערך צפוי. פרטו מה היא אמורה להביא: מכירות, לידים, רעיונות, חיסכון.",
        ))
        return
    if ret.investment is not None and ret.investment.monthly_total > 0:
        value = sum(v.monthly_value for v in ret.expected_value)
        if value < ret.investment.monthly_total:
            yield ctx.finding(spec, "warning", "return.expected_value", Text(
                en="The expected value ({value:,.0f} a month) is below the investment ({cost:,.0f} a month): as "
                "planned, the plan does not pay back.",
                he="הערך הצפוי ({value:,.0f} בחודש) נמוך מההשקעה ({cost:,.0f} בחודש): כפי שהיא מתוכננת, התוכנית "
                "אינה מחזירה את עצמה.",
            ), value=value, cost=ret.investment.monthly_total)


@rule(
    "return.risks",
    "return",
    why_en="The company, its brand or its initiative must not be harmed; name the risks and how to contain them.",
    why_he="אסור שהחברה, המותג או היוזמה ייפגעו; פרטו את הסיכונים ואת הדרך לבלום אותם.",
)
def return_risks(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    risks = ctx.plan.return_.risks
    if not risks:
        yield ctx.finding(spec, "warning", "return.risks", Text(
            en="The plan lists no brand risks. Add at least the likely ones, with a mitigation for each.",
            he="התוכנית לא מפרטת סיכונים למותג. הוסיפו לפחות את הסבירים שבהם, עם דרך התמודדות לכל אחד.",
        ))
    for index, risk in enumerate(risks):
        if not risk.mitigation.strip():
            yield ctx.finding(spec, "info", f"return.risks[{index}].mitigation", Text(
                en="The risk “{text}” has no mitigation.",
                he="לסיכון „{text}” אין דרך התמודדות.",
            ), text=risk.description)
