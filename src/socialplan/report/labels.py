"""Every fixed text of the plan documents and charts, in English and Hebrew, and the method's names.

The method's own terms (purposes, Es, categories, measurement types, equity components,
channels) come from the knowledge base, so the documents use the same words as the wizard.
"""

from __future__ import annotations

import datetime as dt

from socialplan.i18n import Lang, Text
from socialplan.method import load_method
from socialplan.plan.model import ChannelPlan, Plan

SECTION_TITLES: dict[str, Text] = {
    "summary": Text(en="Executive summary", he="תקציר מנהלים"),
    "goal": Text(en="1. Goals: the destination", he="1. מטרות: היעד"),
    "landscape": Text(en="2. The landscape and the audience", he="2. נוף המדיה החברתית והקהל"),
    "strategy": Text(en="3. The road: the four Es", he="3. הדרך: ארבע האסטרטגיות"),
    "tools": Text(en="4. The wheels: channels and tools", he="4. הגלגלים: ערוצים וכלים"),
    "measurement": Text(en="5. The map: measurement and equity", he="5. המפה: מדידה והון עצמי במדיה חברתית"),
    "fuel": Text(en="6. The fuel: team and resources", he="6. הדלק: צוות ומשאבים"),
    "return": Text(en="7. The return", he="7. ההחזר"),
    "findings": Text(en="Appendix: review findings", he="נספח: ממצאי הבדיקה"),
    "notice": Text(en="Notice", he="הבהרה"),
}

DOCUMENT_TITLE = Text(en="Strategic social media plan", he="תוכנית מדיה חברתית אסטרטגית")
DOCUMENT_SUBTITLE = Text(en="{business} · prepared on {date}", he="{business} · הוכנה בתאריך {date}")
FOOTER = Text(en="{business}: strategic social media plan", he="{business}: תוכנית מדיה חברתית אסטרטגית")
PAGE = Text(en="Page", he="עמוד")

NOTICE = Text(
    en=(
        "This document offers general information to help plan social media work. It is not "
        "professional, legal or financial advice: check the figures and choices against your own "
        "circumstances, and consult a qualified adviser before decisions that carry real risk."
    ),
    he=(
        "מסמך זה מציע מידע כללי שנועד לעזור בתכנון העבודה במדיה החברתית. אין בו ייעוץ מקצועי, "
        "משפטי או פיננסי: בדקו את המספרים ואת הבחירות מול הנסיבות שלכם, והתייעצו עם יועץ מוסמך "
        "לפני החלטות שכרוכות בסיכון ממשי."
    ),
)

# ── executive summary ──────────────────────────────────────────────────────────────────
BUSINESS = Text(en="Business", he="העסק")
INDUSTRY = Text(en="Industry", he="תחום")
EMPLOYEES = Text(en="Employees", he="עובדים")
DESTINATION = Text(en="Destination goals", he="מטרות היעד")
CHOSEN_ES = Text(en="Chosen Es", he="האסטרטגיות שנבחרו")
CHANNELS = Text(en="Channels", he="ערוצים")
WEEKLY_HOURS = Text(en="Weekly hours", he="שעות בשבוע")
WEEKLY_HOURS_VALUE = Text(
    en="{planned} planned of {available} available", he="{planned} מתוכננות מתוך {available} זמינות"
)
EQUITY_TARGET = Text(en="Equity index target", he="יעד מדד ההון העצמי")
EQUITY_TARGET_VALUE = Text(en="{value} of 100", he="{value} מתוך 100")
MONTHLY_INVESTMENT = Text(en="Monthly investment", he="השקעה חודשית")
TOP_FINDINGS = Text(en="Top findings", he="הממצאים העיקריים")
NO_FINDINGS = Text(
    en="The review found nothing to point out in this plan.",
    he="הבדיקה לא מצאה בתוכנית דבר שדורש תשומת לב.",
)
NOT_SET = Text(en="not set", he="לא נקבע")
NONE_YET = Text(en="none yet", he="עדיין אין")
SUMMARY_INTRO = Text(
    en="{business} plans to work on {channels} channels for {hours} hours a week to reach {goals} goals.",
    he="{business} מתכננת לפעול ב-{channels} ערוצים, {hours} שעות בשבוע, כדי להשיג {goals} מטרות.",
)

# ── goals ──────────────────────────────────────────────────────────────────────────────
GOAL = Text(en="Goal", he="מטרה")
PURPOSE = Text(en="Purpose", he="ייעוד")
TARGET = Text(en="Target", he="יעד")
DEADLINE = Text(en="Deadline", he="מועד")
ALIGNMENT = Text(en="Serves the objective", he="משרתת את היעד העסקי")
PROPOSED = Text(en="{title} (proposed)", he="{title} (הצעה)")
TARGET_VALUE = Text(en="{metric}: {value}", he="{metric}: {value}")
TARGET_FROM = Text(en="{metric}: from {baseline} to {value}", he="{metric}: מ-{baseline} ל-{value}")
OBJECTIVES = Text(en="Business objectives", he="יעדים עסקיים")
OBJECTIVE = Text(en="Objective", he="יעד עסקי")
SERVED_AS = Text(en="Social media serves it as", he="המדיה החברתית משרתת אותו כ")
REASON = Text(en="Reason", he="נימוק")
NOT_SERVED = Text(en="Not served by social media", he="המדיה החברתית לא משרתת אותו")
GOALS_INTRO = Text(
    en="Each goal names what social media does for the business, a measurable target and a deadline.",
    he="לכל מטרה יש ייעוד עסקי, יעד מדיד ומועד.",
)
NO_GOALS = Text(en="The plan has no goals yet.", he="בתוכנית עדיין אין מטרות.")

# ── landscape ──────────────────────────────────────────────────────────────────────────
LANGUAGES = Text(en="Languages", he="שפות")
REGIONS = Text(en="Regions", he="אזורים")
COMPETITORS = Text(en="Competitors", he="מתחרים")
AUDIENCES = Text(en="Audiences", he="קהלים")
AUDIENCE = Text(en="Audience", he="קהל")
DESCRIPTION = Text(en="Description", he="תיאור")
WHERE_THEY_ARE = Text(en="Where they are", he="היכן הם נמצאים")
TRAITS = Text(en="The five traits of the landscape", he="חמשת המאפיינים של נוף המדיה החברתית")
TRAIT = Text(en="Trait", he="מאפיין")
HOW_HONOURED = Text(en="How the plan respects it", he="איך התוכנית מתחשבת בו")
NOT_ADDRESSED = Text(en="Not addressed yet", he="עדיין לא טופל")
TACTICS = Text(en="Tactics", he="טקטיקות")
TACTIC = Text(en="Tactic", he="טקטיקה")
CHANNEL = Text(en="Channel", he="ערוץ")
OUTREACH = Text(en="Outreach", he="פנייה")
DIRECTION = Text(en="Direction", he="כיוון")
PRODUCTION = Text(en="Production", he="הפקה")
NO_AUDIENCES = Text(en="No audience is described yet.", he="עדיין לא תואר קהל.")

VALUE_NAMES: dict[str, Text] = {
    "permission": Text(en="with permission", he="ברשות"),
    "unsolicited": Text(en="unsolicited", he="ללא הזמנה"),
    "two_way": Text(en="two-way", he="דו-כיווני"),
    "broadcast": Text(en="broadcast", he="שידור בלבד"),
    "authentic": Text(en="authentic", he="אותנטית"),
    "mixed": Text(en="mixed", he="מעורבת"),
    "polished": Text(en="polished", he="מלוטשת"),
    "low": Text(en="low", he="נמוכה"),
    "medium": Text(en="medium", he="בינונית"),
    "high": Text(en="high", he="גבוהה"),
    "error": Text(en="error", he="שגיאה"),
    "warning": Text(en="warning", he="אזהרה"),
    "info": Text(en="note", he="הערה"),
    "own": Text(en="own content", he="תוכן מקורי"),
    "curated": Text(en="curated content", he="תוכן שנאסף"),
    "user_generated": Text(en="user-generated content", he="תוכן גולשים"),
    "partners": Text(en="partners' content", he="תוכן שותפים"),
}

# The languages and regions plans name most; any other ISO code is shown as it is.
LANGUAGE_NAMES: dict[str, Text] = {
    "en": Text(en="English", he="אנגלית"),
    "he": Text(en="Hebrew", he="עברית"),
    "ar": Text(en="Arabic", he="ערבית"),
    "ru": Text(en="Russian", he="רוסית"),
    "fr": Text(en="French", he="צרפתית"),
    "es": Text(en="Spanish", he="ספרדית"),
    "de": Text(en="German", he="גרמנית"),
    "am": Text(en="Amharic", he="אמהרית"),
}
REGION_NAMES: dict[str, Text] = {
    "IL": Text(en="Israel", he="ישראל"),
    "US": Text(en="United States", he="ארצות הברית"),
    "GB": Text(en="United Kingdom", he="בריטניה"),
    "CA": Text(en="Canada", he="קנדה"),
    "DE": Text(en="Germany", he="גרמניה"),
    "FR": Text(en="France", he="צרפת"),
    "AU": Text(en="Australia", he="אוסטרליה"),
    "IN": Text(en="India", he="הודו"),
}

ROLE_NAMES: dict[str, Text] = {
    "owner": Text(en="social media owner", he="אחראי/ת מדיה חברתית"),
    "strategist": Text(en="strategist", he="אסטרטג/ית"),
    "content": Text(en="content", he="תוכן"),
    "community": Text(en="community", he="קהילה"),
    "design": Text(en="design", he="עיצוב"),
    "video": Text(en="video", he="וידאו"),
    "analyst": Text(en="analyst", he="אנליסט/ית"),
    "ads": Text(en="advertising", he="פרסום ממומן"),
    "support": Text(en="support", he="שירות"),
    "other": Text(en="other", he="אחר"),
}

# ── the four Es ───────────────────────────────────────────────────────────────────────
STRATEGY = Text(en="E", he="אסטרטגיה")
SHARE = Text(en="Share of content", he="חלק מהתוכן")
SERVES_GOALS = Text(en="Serves goals", he="משרתת את המטרות")
WHY = Text(en="Why", he="למה")
NO_STRATEGIES = Text(en="No E has been chosen yet.", he="עדיין לא נבחרה אסטרטגיה.")
STRATEGY_CHART = Text(en="The mix of the four Es", he="התמהיל של ארבע האסטרטגיות")
SHARE_SOURCE_COUNT = Text(
    en="The plan gives no shares, so each E is weighted by the channels that carry it.",
    he="בתוכנית לא נקבעו חלקים, לכן כל אסטרטגיה נשקלת לפי מספר הערוצים שנושאים אותה.",
)

# ── channels ──────────────────────────────────────────────────────────────────────────
CATEGORY = Text(en="Category", he="קטגוריה")
ES = Text(en="Es", he="אסטרטגיות")
CADENCE = Text(en="Cadence", he="תדירות")
HOURS_PER_WEEK = Text(en="Hours a week", he="שעות בשבוע")
OWNER = Text(en="Owner", he="אחראי/ת")
CADENCE_VALUE: dict[str, Text] = {
    "day": Text(en="{posts} a day", he="{posts} ביום"),
    "week": Text(en="{posts} a week", he="{posts} בשבוע"),
    "month": Text(en="{posts} a month", he="{posts} בחודש"),
}
HOURS_PLANNED = Text(en="Hours planned", he="שעות מתוכננות")
HOURS_AVAILABLE = Text(en="Hours available", he="שעות זמינות")
HOURS_CHART = Text(
    en="Weekly hours per channel against the hours available", he="שעות שבועיות לכל ערוץ מול השעות הזמינות"
)
NO_CHANNELS = Text(en="No channel has been chosen yet.", he="עדיין לא נבחרו ערוצים.")
TOTAL_PLANNED = Text(en="All channels", he="כל הערוצים")
AVAILABLE = Text(en="Team available", he="זמינות הצוות")

# ── measurement ───────────────────────────────────────────────────────────────────────
METRIC = Text(en="Metric", he="מדד")
FORMULA = Text(en="Formula", he="נוסחה")
GOALS = Text(en="Goals", he="מטרות")
BASELINE = Text(en="Baseline", he="נקודת מוצא")
MEASUREMENT_INTRO = Text(
    en="The measurement map groups every metric by the kind of measurement it belongs to.",
    he="מפת המדידה מקבצת כל מדד לפי סוג המדידה שאליו הוא שייך.",
)
NO_METRIC_OF_TYPE = Text(en="No metric of this type yet.", he="עדיין אין מדד מהסוג הזה.")
COVERAGE_CHART = Text(
    en="Measurement map coverage: metrics per goal and type", he="כיסוי מפת המדידה: מדדים לכל מטרה ולכל סוג"
)
MEASUREMENT_TYPE = Text(en="Measurement type", he="סוג מדידה")
# Short names for the chart's narrow columns; the tables use the method's full names.
MEASUREMENT_TYPE_SHORT: dict[str, Text] = {
    "pr_media": Text(en="PR / media", he="יחסי ציבור/מדיה"),
    "word_of_mouth": Text(en="Word of mouth", he="מפה לאוזן"),
    "web_analytics": Text(en="Web analytics", he="ניתוח אתרים"),
    "opinion_research": Text(en="Opinion research", he="מחקר דעות"),
}
METRICS_COUNT = Text(en="Metrics", he="מדדים")
EQUITY = Text(en="Social media equity", he="הון עצמי במדיה חברתית")
COMPONENT = Text(en="Component", he="רכיב")
INDICATORS = Text(en="Indicators", he="מדדים מובילים")
WEIGHT = Text(en="weight {weight}", he="משקל {weight}")
INDICATOR_TARGET = Text(en="target {target}", he="יעד {target}")
ALL_CHANNELS = Text(en="all channels", he="כל הערוצים")
NO_GOAL = Text(en="(no goal)", he="(ללא מטרה)")

# ── fuel ──────────────────────────────────────────────────────────────────────────────
TEAM = Text(en="The team", he="הצוות")
PERSON = Text(en="Person", he="איש/אשת צוות")
TITLES = Text(en="Titles", he="תפקידים בכרטיס")
ROLE = Text(en="Role", he="תפקיד")
SKILLS = Text(en="Tools they know", he="כלים שהם מכירים")
SOCIAL_OWNER = Text(en="Social media owner", he="האחראי/ת על המדיה החברתית")
CAPACITY = Text(en="Capacity", he="קיבולת")
CAPACITY_SPARE = Text(en="{hours} hours a week to spare", he="{hours} שעות פנויות בשבוע")
CAPACITY_SHORT = Text(en="{hours} hours a week short", he="חסרות {hours} שעות בשבוע")
CAPACITY_EXACT = Text(en="exactly at capacity", he="בדיוק במלוא הקיבולת")
SKILL_COUNT = Text(en="Distinct tools the team knows", he="מספר הכלים השונים שהצוות מכיר")
MONTHLY_BUDGET = Text(en="Monthly budget", he="תקציב חודשי")
HOURLY_RATE = Text(en="Cost of an hour of work", he="עלות שעת עבודה")
CONTENT_SOURCES = Text(en="Content sources", he="מקורות תוכן")
TOOLS = Text(en="Tools and subscriptions", he="כלים ומינויים")
TOOL = Text(en="Tool", he="כלי")
MONTHLY_COST = Text(en="Monthly cost", he="עלות חודשית")
NO_PEOPLE = Text(en="No one is assigned to social media yet.", he="עדיין אף אחד לא שובץ למדיה החברתית.")

# ── return ────────────────────────────────────────────────────────────────────────────
INVESTMENT = Text(en="Investment", he="השקעה")
MONTHLY_HOURS = Text(en="Hours a month", he="שעות בחודש")
LABOUR = Text(en="Labour a month", he="עבודה בחודש")
TOOLS_COST = Text(en="Tools a month", he="כלים בחודש")
ADS_COST = Text(en="Advertising a month", he="פרסום בחודש")
TOTAL = Text(en="Total a month", he="סך הכול בחודש")
HORIZON = Text(en="Horizon", he="טווח זמן")
HORIZON_VALUE = Text(en="{months} months", he="{months} חודשים")
EXPECTED_VALUE = Text(en="Expected value", he="ערך צפוי")
MONTHLY_VALUE = Text(en="Value a month", he="ערך בחודש")
VALUE_TOTAL = Text(en="Expected value a month", he="ערך צפוי בחודש")
RETURN_RATIO = Text(en="Value per unit invested", he="ערך לכל יחידת השקעה")
RISKS = Text(en="Risks to the brand", he="סיכונים למותג")
RISK = Text(en="Risk", he="סיכון")
LIKELIHOOD = Text(en="Likelihood", he="סבירות")
IMPACT = Text(en="Impact", he="השפעה")
MITIGATION = Text(en="Mitigation", he="צמצום הסיכון")
NO_INVESTMENT = Text(en="The investment is not estimated yet.", he="ההשקעה עדיין לא הוערכה.")
NO_RISKS = Text(en="No risk is recorded yet.", he="עדיין לא נרשמו סיכונים.")

# ── findings ──────────────────────────────────────────────────────────────────────────
STEP = Text(en="Step", he="שלב")
SEVERITY = Text(en="Severity", he="חומרה")
FINDING = Text(en="Finding", he="ממצא")
WHERE = Text(en="Where in the plan", he="היכן בתוכנית")
FINDINGS_INTRO = Text(
    en="The automatic review checks the plan against the method, step by step.",
    he="הבדיקה האוטומטית משווה את התוכנית לשיטה, שלב אחר שלב.",
)

MONTHS = Text(
    en="January February March April May June July August September October November December",
    he="ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
)


# ── formatting ────────────────────────────────────────────────────────────────────────
def number(value: float) -> str:
    """Whole numbers without decimals, others with one; thousands grouped (same in both languages)."""
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def money(value: float, currency: str) -> str:
    return f"{number(value)} {currency}"


def date(value: dt.date, lang: Lang) -> str:
    if lang == "he":
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {MONTHS.en.split()[value.month - 1]} {value.year}"


def joined(items: list[str], lang: Lang) -> str:
    return ", ".join(items) if items else NONE_YET(lang)


def value_name(value: str, lang: Lang) -> str:
    found = VALUE_NAMES.get(value)
    return found(lang) if found else value


# ── names from the method's knowledge base ──────────────────────────────────────────────
def purpose_name(purpose_id: str, lang: Lang) -> str:
    return load_method().purpose(purpose_id).name(lang)


def strategy_name(strategy_id: str, lang: Lang) -> str:
    return load_method().strategy(strategy_id).name(lang)


def category_name(category_id: str, lang: Lang) -> str:
    return load_method().category(category_id).name(lang)


def measurement_type_name(type_id: str, lang: Lang) -> str:
    return load_method().measurement_type(type_id).name(lang)


def equity_component_name(component_id: str, lang: Lang) -> str:
    return load_method().equity_component(component_id).name(lang)


def trait_name(trait_id: str, lang: Lang) -> str:
    return load_method().trait(trait_id).name(lang)


def step_name(step_id: str, lang: Lang) -> str:
    return load_method().step(step_id).title(lang)


def step_heading(step_id: str, lang: Lang) -> str:
    step = load_method().step(step_id)
    return f"{step.number}. {step.title(lang)}"


def language_name(code: str, lang: Lang) -> str:
    known = LANGUAGE_NAMES.get(code)
    return known(lang) if known else code


def region_name(code: str, lang: Lang) -> str:
    known = REGION_NAMES.get(code)
    return known(lang) if known else code


def channel_name(channel: ChannelPlan, lang: Lang) -> str:
    """The owner's own name for the channel wins; otherwise the catalogue's, in the document's language."""
    if channel.name:
        return channel.name
    known = load_method().find_channel(channel.id)
    return known.name(lang) if known else channel.id


def platform_name(name_or_id: str, lang: Lang) -> str:
    known = load_method().find_channel(name_or_id)
    return known.name(lang) if known else name_or_id


def metric_name(plan: Plan, metric_id: str, lang: Lang) -> str:
    """A plan metric's own name, else its catalogue definition's name, else its id."""
    metric = plan.metric(metric_id)
    if metric is None:
        return metric_id
    if metric.name:
        return metric.name
    if metric.definition:
        try:
            return load_method().metric(metric.definition).name(lang)
        except KeyError:
            pass
    return metric.id
