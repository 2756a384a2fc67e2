"""Step 6, the fuel: time, fresh content, a dedicated team, creativity, design and tool skills."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.advise.sizing import MIN_FRESH_POSTS_PER_WEEK
from socialplan.i18n import Text
from socialplan.plan.model import Person

MIN_TOOL_SKILLS = 10  # the method: whoever works on social networks should know 10 to 30 tools
MIN_OWNER_HOURS = 10  # fewer hours than this a week is a side job, not ownership

_IT_TICKET = re.compile(
    r"\bIT\b|information technology|help ?desk|ticket|sys ?admin|system administrator|"
    r"מחשוב|מערכות מידע|תמיכה טכנית|טיקט|קריאת שירות|קריאות שירות",
    re.IGNORECASE,
)

# Business functions a title can name; an owner spread over three or more is not dedicated.
_FUNCTIONS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "sales": r"sales|selling|business development|מכיר|פיתוח עסקי",
        "marketing": r"marketing|שיווק",
        "social": r"social|community|digital|מדיה|סושיאל|קהיל|דיגיטל",
        "hr": r"\bHR\b|human resources|people|recruit|personnel|משאבי אנוש|גיוס",
        "pr": r"\bPR\b|public relations|communications?|spokes|יחסי ציבור|דובר|תקשורת",
        "service": r"customer (service|support|success)|support|שירות לקוחות|תמיכה",
        "operations": r"operations|logistics|procurement|תפעול|לוגיסטיקה|רכש",
        "finance": r"finance|accounting|bookkeep|controller|כספים|הנהלת חשבונות",
        "office": r"office|admin|secretary|reception|מזכיר|אדמיניסטר|משרד",
    }.items()
}

_CREATIVE_TITLES = re.compile(
    r"design|graphic|creative|art director|video|photo|illustrat|copywrit|content|editor|animat|"
    r"עיצוב|מעצב|גרפי|קריאייטיב|וידאו|צלם|צילום|איור|קופירייט|תוכן|עורכ|אנימצי",
    re.IGNORECASE,
)
_CREATIVE_SKILLS = re.compile(
    r"canva|figma|photoshop|illustrator|indesign|lightroom|premiere|after ?effects|final ?cut|davinci|capcut|"
    r"procreate|sketch|affinity|blender|inshot|vn editor|express|קנבה|פוטושופ|פרמייר",
    re.IGNORECASE,
)


def owner_functions(person: Person) -> set[str]:
    titles = " ; ".join(person.titles)
    return {name for name, pattern in _FUNCTIONS.items() if pattern.search(titles)}


def is_creative(person: Person) -> bool:
    return (
        person.role in ("design", "video", "content")
        or any(_CREATIVE_TITLES.search(t) for t in person.titles)
        or any(_CREATIVE_SKILLS.search(s) for s in person.skills)
    )


@rule(
    "fuel.time",
    "fuel",
    why_en="Social media runs on time: learning tools, creating and filtering content, joining conversations.",
    why_he="מדיה חברתית פועלת על זמן: ללמוד כלים, ליצור ולסנן תוכן, להצטרף לשיחות.",
)
def fuel_time(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.resources.people or ctx.plan.weekly_hours_available <= 0:
        yield ctx.finding(spec, "error", "resources.people", Text(
            en="No one has hours for the plan. List the people and the weekly hours each gives it.",
            he="לאף אחד אין שעות לתוכנית. פרטו את האנשים ואת השעות השבועיות שכל אחד מקדיש לה.",
        ))


@rule(
    "fuel.dedicated-team",
    "fuel",
    why_en="Social media is not a side job of the HR, PR, sales or marketing manager. When one business card "
    "carries sales, marketing and social media, the fuel is about to run out.",
    why_he="מדיה חברתית אינה עבודה צדדית של מנהל משאבי האנוש, יחסי הציבור, המכירות או השיווק. כשכרטיס ביקור אחד "
    "נושא מכירות, שיווק ומדיה חברתית, הדלק עומד להיגמר.",
)
def fuel_dedicated_team(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    resources = ctx.plan.resources
    if not resources.people:
        return  # fuel.time already reports it
    if not resources.owner:
        yield ctx.finding(spec, "error", "resources.owner", Text(
            en="Nobody owns social media. Name the person responsible for it.",
            he="אף אחד אינו אחראי על המדיה החברתית. ציינו מי האחראי.",
        ))
        return
    owner = ctx.plan.person(resources.owner)
    if owner is None:
        if _IT_TICKET.search(resources.owner):
            return  # fuel.it-ticket reports it
        yield ctx.finding(spec, "error", "resources.owner", Text(
            en="The owner “{owner}” is not one of the plan's people.",
            he="האחראי „{owner}” אינו אחד מאנשי הצוות בתוכנית.",
        ), owner=resources.owner)
        return
    index = resources.people.index(owner)
    functions = owner_functions(owner)
    if len(functions) >= 3:
        yield ctx.finding(spec, "warning", f"resources.people[{index}].titles", Text(
            en="{name} holds {count} jobs at once ({titles}). Social media needs an owner for whom it is the job, "
            "not one more title.",
            he="{name} ממלא/ת {count} תפקידים בו-זמנית ({titles}). מדיה חברתית צריכה אחראי שזו עבודתו, לא עוד "
            "תואר בכרטיס.",
        ), name=owner.name, count=len(functions), titles=", ".join(owner.titles))
    if owner.weekly_hours < MIN_OWNER_HOURS:
        yield ctx.finding(spec, "warning", f"resources.people[{index}].weekly_hours", Text(
            en="The owner, {name}, gives social media {hours:g} hours a week; below {minimum} hours it is a part-time "
            "extra, not ownership.",
            he="האחראי/ת, {name}, מקדיש/ה למדיה החברתית {hours:g} שעות בשבוע; מתחת ל-{minimum} שעות זו תוספת חלקית "
            "ולא אחריות של ממש.",
        ), name=owner.name, hours=owner.weekly_hours, minimum=MIN_OWNER_HOURS)


@rule(
    "fuel.it-ticket",
    "fuel",
    why_en="Sending IT a memo and waiting in its queue does not work: the owner must be involved and active.",
    why_he="לשלוח מזכר למחלקת המחשוב ולחכות בתור לא עובד: האחראי חייב להיות מעורב ופעיל.",
)
def fuel_it_ticket(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    resources = ctx.plan.resources
    if not resources.owner:
        return
    owner = ctx.plan.person(resources.owner)
    texts = [resources.owner, *(owner.titles if owner else [])]
    if any(_IT_TICKET.search(t) for t in texts):
        yield ctx.finding(spec, "error", "resources.owner", Text(
            en="Social media is owned by IT through tickets (“{owner}”). Give it an owner who takes part every day.",
            he="המדיה החברתית מנוהלת דרך המחשוב בקריאות שירות („{owner}”). מנו לה אחראי שמשתתף בה כל יום.",
        ), owner=resources.owner)


@rule(
    "fuel.fresh-content",
    "fuel",
    why_en="Fresh content, cooked regularly, keeps a channel alive; a page with one old article is a dead end.",
    why_he="תוכן טרי שמבושל באופן קבוע שומר על ערוץ חי; דף עם מאמר ישן אחד הוא מבוי סתום.",
)
def fuel_fresh_content(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, channel in enumerate(ctx.plan.channels):
        if channel.cadence.posts_per_week < MIN_FRESH_POSTS_PER_WEEK - 1e-9:
            yield ctx.finding(spec, "warning", f"channels[{index}].cadence", Text(
                en="{name} gets fewer than two new posts a month; it will look abandoned.",
                he="{name} מקבל פחות משני פרסומים חדשים בחודש; הוא ייראה נטוש.",
            ), name=channel.name or channel.id)
    if ctx.plan.channels and not ctx.plan.resources.content_sources:
        yield ctx.finding(spec, "info", "resources.content_sources", Text(
            en="Say where the content comes from: your own, curated, from users or from partners.",
            he="ציינו מאיפה יגיע התוכן: תוכן עצמי, תוכן נבחר ממקורות אחרים, תוכן גולשים או שותפים.",
        ))


@rule(
    "fuel.creative",
    "fuel",
    why_en="Creative juices and good design keep people coming back; nobody stays on a dated page.",
    why_he="יצירתיות ועיצוב טוב גורמים לאנשים לחזור; אף אחד לא נשאר בדף מיושן.",
)
def fuel_creative(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    people = ctx.plan.resources.people
    if people and not any(is_creative(p) for p in people):
        yield ctx.finding(spec, "warning", "resources.people", Text(
            en="No one on the team brings design or creative skills. Add a person, a freelancer or at least a "
            "design tool someone knows.",
            he="לאף אחד בצוות אין כישורי עיצוב או יצירה. הוסיפו אדם, פרילנסר או לפחות כלי עיצוב שמישהו מכיר.",
        ))


@rule(
    "fuel.tool-skills",
    "fuel",
    why_en="Whoever works on social networks should know ten to thirty tools and apps and how they work together.",
    why_he="מי שעובד ברשתות החברתיות צריך להכיר בין עשרה לשלושים כלים ויישומונים ואת הדרך שבה הם עובדים יחד.",
)
def fuel_tool_skills(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    people = ctx.plan.resources.people
    if not people:
        return
    skills = {s.strip().casefold() for p in people for s in p.skills if s.strip()}
    if len(skills) < MIN_TOOL_SKILLS:
        yield ctx.finding(spec, "warning", "resources.people", Text(
            en="The team knows {count} tools; aim for at least {minimum} (scheduling, design, analytics, listening, "
            "video editing).",
            he="הצוות מכיר {count} כלים; שאפו לפחות ל-{minimum} (תזמון, עיצוב, ניתוח נתונים, ניטור שיח, עריכת "
            "וידאו).",
        ), count=len(skills), minimum=MIN_TOOL_SKILLS)
