"""Step 2, the terrain: who the audience is, and tactics that respect the five landscape traits."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialplan.advise.findings import Finding
from socialplan.advise.review.registry import ReviewContext, RuleSpec, rule
from socialplan.i18n import Text

# Words that betray unsolicited outreach even when a tactic is not flagged as such.
_UNSOLICITED = re.compile(
    r"\b(cold[ -]?(dm|message|messag\w*|outreach|email\w*)|mass[ -]?(dm|message\w*|messaging|mail\w*)|"
    r"bulk[ -]?(dm|message\w*|messaging|sms)|spam\w*|bought (list|email)|purchased (list|email)|"
    r"scrap\w* (emails|contacts|numbers)|dm every\w*|message every\w*|unsolicited)\b"
    r"|הודעות המוניות|הודעה המונית|רשימות? קנוי|רשימת תפוצה קנויה|ספאם|דיוור המוני|הודעות יזומות לכל",
    re.IGNORECASE,
)


@rule(
    "landscape.audience",
    "landscape",
    why_en="Knowing who you talk to, where they spend time and in which language comes before choosing roads "
    "and wheels.",
    why_he="לפני שבוחרים דרך וכלים צריך לדעת עם מי מדברים, איפה הם נמצאים ובאיזו שפה.",
)
def landscape_audience(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.landscape.audiences:
        yield ctx.finding(spec, "error", "landscape.audiences", Text(
            en="The plan names no audience. Describe at least one group of people you want to reach.",
            he="התוכנית לא מגדירה קהל. תארו לפחות קבוצה אחת של אנשים שאתם רוצים להגיע אליה.",
        ))


@rule(
    "landscape.personal-spaces",
    "landscape",
    why_en="Social spaces are personal: entering them without permission (cold messages, bulk DMs, bought lists) "
    "reads as spam and damages the brand.",
    why_he="המרחבים ברשתות הם אישיים: כניסה אליהם בלי רשות (הודעות יזומות, הודעות המוניות, רשימות קנויות) "
    "נתפסת כדואר זבל ופוגעת במותג.",
)
def landscape_personal_spaces(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for index, tactic in enumerate(ctx.plan.landscape.tactics):
        path = f"landscape.tactics[{index}]"
        if tactic.outreach == "unsolicited":
            yield ctx.finding(spec, "error", f"{path}.outreach", Text(
                en="The tactic “{text}” reaches people without their permission. Replace it with an opt-in "
                "approach: invite, don't intrude.",
                he="הטקטיקה „{text}” פונה לאנשים בלי רשותם. החליפו אותה בגישה שמבוססת על הסכמה: להזמין, לא לפלוש.",
            ), text=tactic.text)
        elif _UNSOLICITED.search(tactic.text):
            yield ctx.finding(spec, "warning", f"{path}.text", Text(
                en="The tactic “{text}” sounds like unsolicited messaging. Make sure people asked to hear from you.",
                he="הטקטיקה „{text}” נשמעת כמו פנייה בלי רשות. ודאו שהאנשים ביקשו לשמוע מכם.",
            ), text=tactic.text)


@rule(
    "landscape.conversation",
    "landscape",
    why_en="Conversation is the main content of social media; a plan that only broadcasts misses the point "
    "of the medium.",
    why_he="השיחה היא התוכן המרכזי ברשתות החברתיות; תוכנית שרק משדרת מחמיצה את עיקר המדיום.",
)
def landscape_conversation(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    channels = ctx.plan.channels
    tactics = ctx.plan.landscape.tactics
    if channels and all(c.mode == "broadcast" for c in channels):
        yield ctx.finding(spec, "warning", "channels", Text(
            en="Every channel is used to broadcast only. Plan time to answer, ask and join conversations on at "
            "least one channel.",
            he="כל הערוצים משמשים רק לשידור. הקצו זמן לענות, לשאול ולהצטרף לשיחות לפחות בערוץ אחד.",
        ))
    if tactics and all(t.direction == "broadcast" for t in tactics):
        yield ctx.finding(spec, "warning", "landscape.tactics", Text(
            en="All tactics talk at people and none talks with them. Add a tactic that invites replies or "
            "contributions.",
            he="כל הטקטיקות מדברות אל האנשים ואף אחת לא מדברת איתם. הוסיפו טקטיקה שמזמינה תגובות או השתתפות.",
        ))


@rule(
    "landscape.authenticity",
    "landscape",
    why_en="Authenticity makes social media human; real and timely beats expensive polish.",
    why_he="אותנטיות היא מה שהופך את המדיה החברתית לאנושית; אמיתי ועדכני עדיף על הפקה יקרה ומלוטשת.",
)
def landscape_authenticity(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    channels = ctx.plan.channels
    if channels and all(c.production == "polished" for c in channels):
        yield ctx.finding(spec, "warning", "channels", Text(
            en="Every channel relies on polished production only. Add real, behind-the-scenes content made by "
            "the people of the business.",
            he="כל הערוצים נשענים רק על הפקה מלוטשת. הוסיפו תוכן אמיתי מאחורי הקלעים, שאנשי העסק עצמם יוצרים.",
        ))
    for index, tactic in enumerate(ctx.plan.landscape.tactics):
        if tactic.production == "polished" and tactic.direction == "broadcast":
            yield ctx.finding(spec, "info", f"landscape.tactics[{index}]", Text(
                en="The tactic “{text}” is polished one-way advertising; it will read as an ad, not as a voice.",
                he="הטקטיקה „{text}” היא פרסום מלוטש חד-כיווני; היא תיקרא כמודעה ולא כקול אנושי.",
            ), text=tactic.text)


@rule(
    "landscape.traits",
    "landscape",
    why_en="The five traits (community-driven, conversation, viral, personal spaces, authenticity) should each "
    "shape how the plan behaves.",
    why_he="חמש התכונות (מונחה קהילה, שיחה, ויראליות, מרחבים אישיים, אותנטיות) צריכות לעצב את אופן הפעולה של "
    "התוכנית.",
)
def landscape_traits(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    for trait in ctx.method.traits:
        if not ctx.plan.landscape.traits.get(trait.id, "").strip():
            yield ctx.finding(spec, "info", f"landscape.traits.{trait.id}", Text(
                en="The plan does not say how it honours the trait “{name}”.",
                he="התוכנית לא מפרטת כיצד היא מתחשבת בתכונה „{name_he}”.",
            ), name=trait.name.en, name_he=trait.name.he)


@rule(
    "landscape.competitors",
    "landscape",
    why_en="Share of voice and brand sentiment are measured against competitors; without them there is no "
    "yardstick.",
    why_he="נתח השיח והסנטימנט כלפי המותג נמדדים מול מתחרים; בלעדיהם אין קנה מידה.",
)
def landscape_competitors(spec: RuleSpec, ctx: ReviewContext) -> Iterator[Finding]:
    if not ctx.plan.landscape.competitors:
        yield ctx.finding(spec, "info", "landscape.competitors", Text(
            en="No competitors are named. Name two or three so share of voice can be measured.",
            he="לא צוינו מתחרים. ציינו שניים או שלושה כדי שאפשר יהיה למדוד נתח שיח.",
        ))
