"""Draft a complete plan from a business profile, step by step, deterministically.

Every recommendation carries a ``why`` that names the step of the method it comes from, so
an owner can see the reasoning and change what does not fit. Numbers the owner has to
confirm (targets, expected value) are marked as proposals.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from socialplan.advise.classify import classify_objective
from socialplan.advise.sizing import (
    MIN_FRESH_POSTS_PER_WEEK,
    channel_hours_available,
    channels_supported,
    strategies_supported,
)
from socialplan.i18n import Lang, Text, detect_lang
from socialplan.method import load_method
from socialplan.method.formats import format_date, format_name
from socialplan.method.types import (
    EQUITY_COMPONENT_IDS,
    STRATEGY_IDS,
    Channel,
    Method,
    MetricDefinition,
    StrategyId,
)
from socialplan.plan.model import (
    Audience,
    Cadence,
    ChannelPlan,
    Equity,
    EquityComponentPlan,
    ExpectedValue,
    Goal,
    Indicator,
    Investment,
    Landscape,
    Metric,
    Objective,
    Person,
    Plan,
    Resources,
    Return,
    Risk,
    StrategyChoice,
    Tactic,
    Target,
)
from socialplan.plan.profile import Profile, ProfilePerson

__all__ = ["plan_draft"]

WEEKS_PER_MONTH = 52 / 12
# Default cost of an hour of work when the profile gives none, per currency (a modest
# in-house rate; the owner should replace it with their own).
_DEFAULT_HOURLY_RATE = {"ILS": 120.0, "USD": 40.0, "EUR": 38.0, "GBP": 32.0}
_REGION_CURRENCY = {"IL": "ILS", "US": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "ES": "EUR", "IT": "EUR",
                    "NL": "EUR", "IE": "EUR"}
_STRENGTH = {"strong": 1.0, "medium": 0.6, "weak": 0.2}
_UNKNOWN_STRENGTH = 0.4
# Expected value a draft proposes: enough to pay the investment back with this margin.
_PROPOSED_RETURN_MULTIPLE = 1.3
_MAX_POSTS_PER_WEEK = 7.0
# Heavier formats stop adding value long before seven a week: nobody wants a daily webinar.
_FORMAT_MAX_POSTS_PER_WEEK = {"carousel": 5.0, "thread": 5.0, "article": 3.0, "long_video": 2.0, "live": 2.0,
                              "audio": 1.0, "newsletter": 1.0, "event": 0.5}
# Hours a week for replies and conversation on a two-way channel, on top of making posts.
_COMMUNITY_HOURS = 1.0
_PROPOSED_OWNER_HOURS = 5.0
_SIDE_FORMATS = frozenset({"story", "poll"})
# A small team keeps to five posts a week on a channel: it has conversations to hold too.
_SMALL_TEAM_HOURS = 20.0
_SMALL_TEAM_MAX_POSTS_PER_WEEK = 5.0


def _say(lang: Lang, en: str, he: str, **values: object) -> str:
    return Text(en=en, he=he).format(**values)(lang)


# ── step 1: objectives and goals ───────────────────────────────────────────────────────


# Proposed targets per catalogue metric: (value for a small team, value for a large one).
# Counts scale between the two with the team's hours; rates do not.
_TARGETS: dict[str, tuple[float, float]] = {
    "share_of_voice": (15, 30),
    "conversions": (20, 400),
    "engagement_rate_reach": (4, 5),
    "ideas_submitted": (15, 120),
    "ugc_posts": (20, 300),
    "employee_advocates": (5, 60),
    "conversation_rate": (1.5, 2.5),
    "net_sentiment": (30, 40),
}
_DEADLINE_MONTHS = {"marketing": 6, "market_engagement": 6, "public_relations": 9, "innovation": 9,
                    "crowdsourcing": 9, "brand_building": 12, "organisational_culture": 12}


def _team_scale(hours: float) -> float:
    """0 for a one-person shop (a few hours a week), 1 for a large team (200+ hours)."""
    return max(0.0, min(1.0, math.log10(max(hours, 1) / 5) / math.log10(40)))


def _proposed_target(metric: MetricDefinition, hours: float) -> float:
    low, high = _TARGETS.get(metric.id, (10, 100) if metric.unit == "count" else (5, 5))
    if metric.unit == "count":
        # Geometric, not linear: a team twice the size does not bring twice the results.
        return float(round(low * (high / low) ** _team_scale(hours)))
    return low if hours < 25 else high


def _month_end(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    first_of_next = dt.date(start.year + year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _objectives(profile: Profile, lang: Lang) -> list[Objective]:
    out = []
    for index, text in enumerate(profile.objectives, start=1):
        verdict = classify_objective(text)
        out.append(Objective(id=f"o{index}", text=text, purpose=verdict.purpose, reason=verdict.reason(lang)))
    if all(o.purpose is None for o in out):
        # Nothing the owner listed is served by social media; a plan still needs a destination,
        # so propose the one nearly every business has, and say that it is a proposal.
        out.append(Objective(
            id="o-proposed",
            text=_say(lang, "Make {name} known and trusted by the people it serves.",
                      "ש{name} יהיה מוכר ואמין בעיני האנשים שהוא משרת.", name=profile.business.name),
            purpose="brand_building",
            reason=_say(lang, "Proposed by socialplan: none of the listed objectives is one social media serves, and "
                        "every plan needs a destination. Replace it with your own.",
                        "הצעה של socialplan: אף אחד מהיעדים שפורטו אינו יעד שמדיה חברתית משרתת, וכל תוכנית צריכה "
                        "יעד. החליפו אותו ביעד משלכם."),
        ))
    return out


def _goal_title_for_objective(objective: str, title: str, lang: Lang) -> str:
    """“Take more orders for cakes: reach 20 conversions a month …” (the template's sentence,
    its first letter lowered in English, after the owner's own words)."""
    objective = objective.strip().rstrip(".:;")
    if lang == "en":
        return f"{objective}: {title[:1].lower()}{title[1:]}"
    return f"{objective}: {title}"


def _goals(objectives: list[Objective], method: Method, hours: float, today: dt.date, lang: Lang) -> list[Goal]:
    goals: list[Goal] = []
    # Two objectives with one purpose would get the same template sentence; such goals name
    # their objective first so the plan never lists two identical goals.
    purpose_counts = Counter(objective.purpose for objective in objectives if objective.purpose is not None)
    for objective in objectives:
        if objective.purpose is None:
            continue
        purpose = method.purpose(objective.purpose)
        metric = method.metric(purpose.target_metric)
        value = _proposed_target(metric, hours)
        deadline = _month_end(today, _DEADLINE_MONTHS[purpose.id])
        number = f"{value:g}"
        title = purpose.goal_template(lang).format(target=number, deadline=format_date(deadline, lang))
        if purpose_counts[purpose.id] > 1:
            title = _goal_title_for_objective(objective.text, title, lang)
        metrics = list(dict.fromkeys([purpose.target_metric, *purpose.metrics[:3]]))
        goals.append(Goal(
            id=f"g{len(goals) + 1}",
            title=title,
            objective=objective.id,
            purpose=purpose.id,
            target=Target(metric=purpose.target_metric, value=value, deadline=deadline),
            metrics=metrics,
            proposed=True,
            why=_say(
                lang,
                "Step 1 (the destination): serves the objective “{objective}” (purpose: {purpose}). "
                "The target and date are proposals: confirm them against your own numbers.",
                "שלב 1 (היעד): משרתת את היעד „{objective}”, יעד של {purpose_he}. היעד המספרי והתאריך הם הצעות: "
                "אשרו אותם מול הנתונים שלכם.",
                objective=objective.text, purpose=purpose.name.en.lower(), purpose_he=purpose.name.he,
            ),
        ))
    return goals


# ── step 2: landscape ──────────────────────────────────────────────────────────────────

_HEBREW_PREFIXES = re.compile(r"^(?:וכש|שב|שה|של|כש|מה|וה|וב|ול|ומ|וש|ה|ו|ב|ל|מ|ש|כ)(?=[\u05d0-\u05ea]{2,})")
_WORD = re.compile(r"[\w\u0590-\u05ff'’-]+")


def _words(text: str) -> list[str]:
    out = []
    for raw in _WORD.findall(text.casefold()):
        out.append(raw)
        stripped = _HEBREW_PREFIXES.sub("", raw)
        if stripped != raw:
            out.append(stripped)
    return out


def _audience_tags(text: str, method: Method) -> list[str]:
    words = _words(text)
    tags = []
    for tag in method.audiences:
        if any(w.startswith(k) for k in tag.keywords for w in words if len(k) >= 3 or w == k):
            tags.append(tag.id)
    return tags


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:40] or fallback


_TRAIT_COMMITMENTS: dict[str, Text] = {
    "community_driven": Text(
        en="We invite the audience to take part: questions, votes, their own stories, not only ads.",
        he="נזמין את הקהל להשתתף: שאלות, הצבעות וסיפורים משלהם, לא רק מודעות.",
    ),
    "conversation": Text(
        en="We answer comments and messages within a working day and start conversations, not only posts.",
        he="נענה לתגובות ולהודעות תוך יום עבודה ונפתח שיחות, לא רק פרסומים.",
    ),
    "viral": Text(
        en="We make content easy to pass on: short, useful, with a clear reason to share it.",
        he="ניצור תוכן שקל להעביר הלאה: קצר, שימושי ועם סיבה ברורה לשתף אותו.",
    ),
    "personal_spaces": Text(
        en="We enter private spaces only by invitation: no unsolicited messages, no bought lists.",
        he="ניכנס למרחבים פרטיים רק בהזמנה: בלי הודעות שלא התבקשו ובלי רשימות קנויות.",
    ),
    "authenticity": Text(
        en="Real people and real work first; simple, honest production over costly polish.",
        he="קודם כול אנשים אמיתיים ועבודה אמיתית; הפקה פשוטה וכנה עדיפה על ליטוש יקר.",
    ),
}

_STRATEGY_TACTICS: dict[str, Text] = {
    "education": Text(
        en="Publish practical how-to tips and answers to the questions customers ask most.",
        he="לפרסם טיפים מעשיים ותשובות לשאלות שהלקוחות שואלים הכי הרבה.",
    ),
    "entertainment": Text(
        en="Share light, memorable moments from behind the scenes that carry the brand's character.",
        he="לשתף רגעים קלילים ובלתי נשכחים מאחורי הקלעים שמבטאים את אופי המותג.",
    ),
    "engagement": Text(
        en="Reply to every comment, thank contributors by name and feature customers' posts with permission.",
        he="להגיב לכל תגובה, להודות למשתתפים בשמם ולהציג פרסומים של לקוחות ברשותם.",
    ),
    "empowerment": Text(
        en="Give the community a real role: ideas challenges, votes on what comes next, ambassador roles.",
        he="לתת לקהילה תפקיד אמיתי: אתגרי רעיונות, הצבעות על הצעד הבא ותפקידי שגרירים.",
    ),
}


def _landscape(profile: Profile, method: Method, strategies: Iterable[StrategyId], lang: Lang) -> Landscape:
    audiences: list[Audience] = []
    for index, item in enumerate(profile.audience, start=1):
        audience_id = _slug(item.name, f"a{index}")
        if any(a.id == audience_id for a in audiences):
            audience_id = f"{audience_id}-{index}"
        audiences.append(Audience(
            id=audience_id,
            name=item.name,
            description=item.description,
            platforms=item.platforms,
            tags=_audience_tags(f"{item.name} {item.description}", method),
        ))
    if not audiences:
        # A plan needs someone to talk to: start from the business's own customers.
        name = _say(lang, "Customers of {name}", "הלקוחות של {name}", name=profile.business.name)
        description = " ".join(filter(None, [profile.business.industry, profile.business.description]))
        audiences.append(Audience(id="customers", name=name, description=description,
                                  tags=_audience_tags(f"{name} {description}", method)))
    tactics = [
        Tactic(id=f"t{i}", text=_STRATEGY_TACTICS[e](lang), direction="two_way" if e != "education" else "broadcast",
               production="authentic")
        for i, e in enumerate(strategies, start=1)
    ]
    if tactics and all(t.direction == "broadcast" for t in tactics):
        tactics.append(Tactic(id=f"t{len(tactics) + 1}", text=_STRATEGY_TACTICS["engagement"](lang),
                              direction="two_way", production="authentic"))
    return Landscape(
        audiences=audiences,
        languages=list(profile.business.languages),
        regions=list(profile.business.regions),
        competitors=list(profile.competitors),
        traits={trait.id: _TRAIT_COMMITMENTS[trait.id](lang) for trait in method.traits},
        tactics=tactics,
    )


# ── step 3: the Es ─────────────────────────────────────────────────────────────────────


def _strategy_scores(goals: list[Goal], method: Method) -> dict[StrategyId, float]:
    scores: dict[StrategyId, float] = dict.fromkeys(STRATEGY_IDS, 0.0)
    for goal in goals:
        assert goal.purpose is not None  # drafted goals always have one
        for rank, e in enumerate(method.purpose(goal.purpose).strategies):
            scores[e] += 3 - rank if rank < 3 else 0.5
    return scores


def _strategies(goals: list[Goal], method: Method, hours: float, lang: Lang) -> list[StrategyChoice]:
    if not goals:
        return []
    scores = _strategy_scores(goals, method)
    limit = strategies_supported(hours)
    # Greedy: each next E is the one that gives a road to the most goals still without one
    # (an E "fits" a goal when it is among its purpose's two best), then the highest score.
    fits = {g.id: set(method.purpose(g.purpose).strategies[:2]) for g in goals if g.purpose}
    chosen: list[StrategyId] = []
    candidates = [e for e in STRATEGY_IDS if scores[e] > 0]
    while candidates and len(chosen) < limit:
        uncovered = [gid for gid, es in fits.items() if not es.intersection(chosen)]
        best = max(candidates, key=lambda e: (sum(e in fits[g] for g in uncovered), scores[e],
                                              -STRATEGY_IDS.index(e)))
        chosen.append(best)
        candidates.remove(best)
    serves: dict[StrategyId, list[str]] = {e: [] for e in chosen}
    for goal in goals:
        assert goal.purpose is not None
        fitting = [e for e in method.purpose(goal.purpose).strategies if e in serves]
        for e in fitting or [chosen[0]]:
            serves[e].append(goal.id)
    total = sum(scores[e] for e in chosen)
    choices = []
    for e in chosen:
        served = [g for g in goals if g.id in serves[e]]
        purposes = list(dict.fromkeys(g.purpose for g in served if g.purpose))
        aims_en = ", ".join(method.purpose(p).name.en.lower() for p in purposes)
        aims_he = ", ".join(method.purpose(p).name.he for p in purposes)
        ids = ", ".join(g.id for g in served)
        strategy = method.strategy(e)
        if limit >= len(STRATEGY_IDS):
            size = Text(en="With {hours:g} team hours a week the plan can run all four Es.",
                        he="עם {hours:g} שעות צוות בשבוע התוכנית יכולה להפעיל את כל ארבע האסטרטגיות.")
        else:
            size = Text(en="With {hours:g} team hours a week the plan keeps to at most {limit} of the four Es, to keep "
                           "its resources focused.",
                        he="עם {hours:g} שעות צוות בשבוע התוכנית מסתפקת לכל היותר ב-{limit} מתוך ארבע האסטרטגיות, "
                           "כדי לשמור על מיקוד המשאבים.")
        road = Text(en="Step 3 (the road): {name} is the road to the {aims} goals ({ids}).",
                    he="שלב 3 (הדרך): {name_he} היא הדרך אל המטרות של {aims_he} ({ids}).")
        values = {"name": strategy.name.en, "name_he": strategy.name.he, "aims": aims_en, "aims_he": aims_he,
                  "ids": ids, "hours": hours, "limit": limit}
        choices.append(StrategyChoice(
            id=e,
            serves=serves[e],
            share=round(scores[e] / total, 2),
            why=f"{road.format(**values)(lang)} {size.format(**values)(lang)}",
        ))
    # Rounded shares must still add up to the whole.
    drift = round(1 - sum(c.share or 0 for c in choices), 2)
    if choices and drift:
        choices[0].share = round((choices[0].share or 0) + drift, 2)
    return choices


# ── step 4: channels ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Candidate:
    channel: Channel
    score: float
    named: bool
    reasons: tuple[str, ...]


def _channel_candidates(profile: Profile, landscape: Landscape, chosen: list[StrategyId],
                        method: Method) -> list[_Candidate]:
    named: set[str] = set()
    for audience in profile.audience:
        for platform in audience.platforms:
            channel = method.find_channel(platform)
            if channel is not None:
                named.add(channel.id)
    audience_tags = {t for a in landscape.audiences for t in a.tags}
    languages = profile.business.languages or ["en"]
    regions = profile.business.regions
    b2b = profile.business.b2b
    candidates = []
    for channel in method.channels:
        fit_e = sum(1.0 / (1 + channel.strategies.index(e)) for e in chosen if e in channel.strategies)
        if fit_e == 0 and channel.id not in named:
            continue
        market = channel.b2b if b2b else channel.b2c
        language = sum(_STRENGTH.get(channel.languages.get(lang, ""), _UNKNOWN_STRENGTH) for lang in languages)
        language /= len(languages)
        region = (sum(_STRENGTH.get(channel.regions.get(r, ""), _UNKNOWN_STRENGTH) for r in regions) / len(regions)
                  if regions else _UNKNOWN_STRENGTH)
        audience_fit = len(audience_tags.intersection(channel.audiences))
        score = 2.0 * fit_e + 3.0 * market + 1.5 * language + 1.0 * region + 1.2 * audience_fit
        score += 0.5 if channel.two_way else 0.0
        if channel.id in named:
            score += 6.0
        reasons = []
        if channel.id in named:
            reasons.append("named")
        if audience_fit:
            reasons.append("audience")
        candidates.append(_Candidate(channel, score, channel.id in named, tuple(reasons)))
    return sorted(candidates, key=lambda c: (-c.score, c.channel.id))


def _post_cap(channel: Channel, fmt: str, team_hours: float) -> float:
    """The most posts a week worth making: per format, per channel, and fewer for a small team."""
    caps = [_FORMAT_MAX_POSTS_PER_WEEK.get(fmt, _MAX_POSTS_PER_WEEK),
            _MAX_POSTS_PER_WEEK if team_hours >= _SMALL_TEAM_HOURS else _SMALL_TEAM_MAX_POSTS_PER_WEEK]
    if channel.max_posts_per_week is not None:
        caps.append(channel.max_posts_per_week)
    return min(caps)


def _choose_format(channel: Channel, chosen: list[StrategyId], method: Method, hours: float,
                   team_hours: float) -> tuple[str, float]:
    """The format a channel is planned around: its main format (the catalogue lists it first)
    when that carries a chosen E and the hours keep it fresh; else the first other fitting
    format that can come out weekly; else the one that gives the most posts. Stories and polls
    keep a channel warm but cannot carry a plan on their own."""
    wanted = {f for e in chosen for f in method.strategy(e).formats}
    feed = [f for f in channel.formats if f.format not in _SIDE_FORMATS] or list(channel.formats)
    fitting = [f for f in feed if f.format in wanted] or feed
    main = fitting[0]
    if hours / main.hours_per_post >= MIN_FRESH_POSTS_PER_WEEK:
        return main.format, main.hours_per_post
    for option in fitting[1:]:
        if hours / option.hours_per_post >= min(_post_cap(channel, option.format, team_hours), 1.0):
            return option.format, option.hours_per_post
    best = max(fitting, key=lambda f: (min(_post_cap(channel, f.format, team_hours), hours / f.hours_per_post),
                                      -f.hours_per_post))
    return best.format, best.hours_per_post


def _cadence(posts_per_week: float) -> Cadence:
    """Whole posts a week from three a week up; below that, whole posts a month, which loses
    less of what the hours allow (1.9 a week is 8 a month, not 1 a week)."""
    if posts_per_week >= 3:
        return Cadence(posts=float(math.floor(posts_per_week)), per="week")
    monthly = math.floor(posts_per_week * 52 / 12)
    return Cadence(posts=float(max(2, monthly)), per="month")


def _channels(profile: Profile, landscape: Landscape, strategies: list[StrategyChoice], people: list[Person],
              owner: str | None, method: Method, lang: Lang) -> list[ChannelPlan]:
    hours = sum(p.weekly_hours for p in people)
    chosen = [s.id for s in strategies]
    if hours <= 0 or not chosen:
        return []
    budget = channel_hours_available(hours)
    limit = channels_supported(hours)
    candidates = _channel_candidates(profile, landscape, chosen, method)
    # The best few channels that can all be kept fresh within the hours; failing that, the
    # best single channel that can (kept even below its usual minimum hours, since a plan
    # needs at least one road).
    picked: list[_Candidate] = []
    plans = None
    for size in range(min(limit, len(candidates)), 1, -1):
        plans = _allocate(candidates[:size], chosen, budget, method, team_hours=hours)
        if plans is not None:
            picked = candidates[:size]
            break
    else:
        for candidate in candidates:
            plans = _allocate([candidate], chosen, budget, method, team_hours=hours, strict=False)
            if plans is not None:
                picked = [candidate]
                break
    if plans is None:
        return []
    out = []
    for candidate, (fmt, per_post, posts, weekly) in zip(picked, plans, strict=True):
        channel = candidate.channel
        suits = [e for e in chosen if e in channel.strategies]
        out.append(ChannelPlan(
            id=channel.id,
            name=channel.name(lang),
            category=channel.category,
            formats=[fmt],
            strategies=suits,
            audiences=[a.id for a in landscape.audiences if set(a.tags) & set(channel.audiences)
                       or channel.id in {c.id for p in a.platforms if (c := method.find_channel(p))}],
            cadence=_cadence(posts),
            weekly_hours=weekly,
            owner=owner,
            mode="two_way" if channel.two_way else "broadcast",
            production="authentic" if hours < 40 else "mixed",
            why=_channel_why(candidate, suits, fmt, per_post, round(_cadence(posts).posts_per_week, 1), method, lang),
        ))
    return out


def _allocate(picked: list[_Candidate], chosen: list[StrategyId], budget: float, method: Method, *,
              team_hours: float, strict: bool = True) -> list[tuple[str, float, float, float]] | None:
    """Split the channel hours by score; None when some channel cannot stay fresh.

    Each channel gets (format, hours per post, posts a week, weekly hours). Hours left over
    once a channel reaches the highest cadence go to conversation on two-way channels.
    """
    total_score = sum(c.score for c in picked)
    plans = []
    for candidate in picked:
        share = budget * candidate.score / total_score
        if strict and share < candidate.channel.min_weekly_hours:
            return None
        community = min(_COMMUNITY_HOURS, share / 3) if candidate.channel.two_way else 0.0
        fmt, per_post = _choose_format(candidate.channel, chosen, method, share - community, team_hours)
        posts = min(_post_cap(candidate.channel, fmt, team_hours), (share - community) / per_post)
        if posts < MIN_FRESH_POSTS_PER_WEEK:
            return None
        cadence = _cadence(posts)
        making = cadence.posts_per_week * per_post
        if candidate.channel.two_way:
            community = max(community, share - making)
        weekly = math.floor((making + community) * 10) / 10
        plans.append((fmt, per_post, posts, weekly))
    return plans


def _channel_why(candidate: _Candidate, suits: list[StrategyId], fmt: str, per_post: float, posts: float,
                 method: Method, lang: Lang) -> str:
    channel = candidate.channel
    es_en = ", ".join(method.strategy(e).name.en.lower() for e in suits) or "the plan's strategies"
    es_he = ", ".join(method.strategy(e).name.he for e in suits) or "האסטרטגיות של התוכנית"
    text = _say(
        lang,
        "Step 4 (the wheels): one of the {category}, it carries {es}. {cadence} a week (format: {fmt}, about "
        "{hours:g} h of work each) fit the team's hours.",
        "שלב 4 (הגלגלים): אחד מ{category_he}, והוא נושא את {es_he}. {cadence_he} בשבוע (פורמט: {fmt_he}, כ-{hours:g} "
        "שעות עבודה לכל אחד) מתאימים לשעות הצוות.",
        category=method.category(channel.category).name.en.lower(),
        category_he=method.category(channel.category).name.he, es=es_en, es_he=es_he,
        cadence=f"{posts:g} posts", cadence_he=f"{posts:g} פרסומים", fmt=format_name(fmt, "en"),
        fmt_he=format_name(fmt, "he"), hours=per_post,
    )
    if candidate.named:
        text += " " + _say(lang, "The audience already uses it.", "הקהל כבר משתמש בו.")
    elif "audience" in candidate.reasons:
        text += " " + _say(lang, "It reaches the audience described in the profile.",
                           "הוא מגיע לקהל שתואר בפרופיל.")
    return text


# ── step 5: measurement map and equity ─────────────────────────────────────────────────


def _metrics(goals: list[Goal], method: Method, hours: float, lang: Lang) -> tuple[list[Metric], Equity]:
    metrics: dict[str, Metric] = {}
    # A small team tracks one indicator per equity component; a large one up to three.
    indicator_count = 1 if hours < 10 else 2 if hours < 40 else 3

    def add(metric_id: str, goal_id: str | None = None) -> None:
        if metric_id not in metrics:
            definition = method.metric(metric_id)
            metrics[metric_id] = Metric(
                id=metric_id,
                name=definition.name(lang),
                definition=metric_id,
                measurement_type=definition.measurement_type,
                formula=definition.formula,
                unit=definition.unit,
            )
        if goal_id and goal_id not in metrics[metric_id].goals:
            metrics[metric_id].goals = [*metrics[metric_id].goals, goal_id]

    for goal in goals:
        for metric_id in goal.metrics:
            add(metric_id, goal.id)
        if goal.target is not None:
            metrics[goal.target.metric].target = goal.target.value
    components = {}
    for component_id in EQUITY_COMPONENT_IDS:
        indicators = method.equity_component(component_id).indicators[:indicator_count]
        for metric_id in indicators:
            add(metric_id)
        components[component_id] = EquityComponentPlan(indicators=[Indicator(metric=m) for m in indicators])
    equity = Equity(**components, index_target=60.0)
    return list(metrics.values()), equity


# ── step 6: fuel ───────────────────────────────────────────────────────────────────────

_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("design", re.compile(r"design|graphic|art|מעצב|עיצוב|גרפ", re.IGNORECASE)),
    ("video", re.compile(r"video|film|photo|וידאו|צלם|צילום|עורך וידאו", re.IGNORECASE)),
    ("community", re.compile(r"community|social|קהיל|סושיאל|מדיה חברתית|רשתות", re.IGNORECASE)),
    ("content", re.compile(r"content|writer|copy|editor|blog|תוכן|כותב|קופי|עורכ", re.IGNORECASE)),
    ("analyst", re.compile(r"analy|data|insight|אנליסט|נתונים", re.IGNORECASE)),
    ("ads", re.compile(r"ads|media buy|ppc|performance|קמפיינר|מדיה ממומנת", re.IGNORECASE)),
    ("strategist", re.compile(r"marketing|brand|שיווק|מותג", re.IGNORECASE)),
    ("owner", re.compile(r"owner|founder|ceo|director|manager|בעלים|מייסד|מנכ\"?ל|מנהל", re.IGNORECASE)),
)
_SOCIAL_TITLE = re.compile(r"social|community|digital|סושיאל|מדיה|קהיל|דיגיטל|רשתות", re.IGNORECASE)


def _role(person: ProfilePerson) -> str:
    titles = " ".join(person.titles)
    return next((role for role, pattern in _ROLE_PATTERNS if pattern.search(titles)), "other")


def _resources(profile: Profile, strategies: list[StrategyChoice], lang: Lang) -> Resources:
    people = [
        Person(name=p.name, titles=p.titles, role=_role(p), weekly_hours=p.weekly_hours,
               skills=p.skills, hourly_rate=p.hourly_rate)
        for p in profile.resources.people
        if p.weekly_hours > 0
    ]
    if not people:
        # Without anyone's hours nothing can run: propose the smallest real commitment.
        people = [Person(
            name=_say(lang, "Social media owner (to be named)", "אחראי/ת מדיה חברתית (למנות)"),
            titles=[_say(lang, "Social media owner", "אחראי/ת מדיה חברתית")],
            role="owner",
            weekly_hours=_PROPOSED_OWNER_HOURS,
        )]
    # The owner: someone whose job is social media, else whoever gives it the most hours.
    owner = None
    if people:
        social = [p for p in people if any(_SOCIAL_TITLE.search(t) for t in p.titles)]
        owner = max(social or people, key=lambda p: (p.weekly_hours, -people.index(p))).name
    currency = profile.resources.currency or next(
        (_REGION_CURRENCY[r] for r in profile.business.regions if r in _REGION_CURRENCY), "USD")
    sources: list[str] = ["own", "curated"]
    if any(s.id == "empowerment" for s in strategies):
        sources.append("user_generated")
    return Resources(
        people=people,
        owner=owner,
        monthly_budget=profile.resources.monthly_budget,
        currency=currency,
        hourly_rate=profile.resources.hourly_rate or _DEFAULT_HOURLY_RATE.get(currency, 40.0),
        content_sources=sources,
    )


# ── step 7: the return ─────────────────────────────────────────────────────────────────

_VALUE_LINES: dict[str, tuple[str, Text]] = {
    "marketing": ("conversions", Text(en="Sales and enquiries from people who came through social media",
                                      he="מכירות ופניות מאנשים שהגיעו דרך המדיה החברתית")),
    "public_relations": ("share_of_voice", Text(en="Earned media that would otherwise be bought as advertising",
                                                he="חשיפה תקשורתית שהושגה בלי לקנות אותה כפרסום")),
    "brand_building": ("engagement_rate_reach", Text(en="A stronger brand that lowers the cost of each new customer",
                                                     he="מותג חזק יותר שמוזיל את העלות של כל לקוח חדש")),
    "innovation": ("ideas_submitted", Text(en="Product ideas and feedback that replace paid research",
                                           he="רעיונות ומשוב למוצר שמחליפים מחקר בתשלום")),
    "crowdsourcing": ("ugc_posts", Text(en="Content and contributions made by the community",
                                        he="תוכן ותרומות שהקהילה יוצרת")),
    "organisational_culture": ("employee_advocates", Text(en="Easier hiring and staff who speak for the business",
                                                          he="גיוס קל יותר ועובדים שמדברים בשם העסק")),
    "market_engagement": ("conversation_rate", Text(en="Customers kept through conversation and quick answers",
                                                    he="לקוחות שנשמרים בזכות שיחה ומענה מהיר")),
}

_RISKS: tuple[tuple[str, str, str, Text, Text], ...] = (
    ("negative-wave", "medium", "high",
     Text(en="A complaint or a mistake spreads and turns into a wave of negative comments.",
          he="תלונה או טעות מתפשטת והופכת לגל של תגובות שליליות."),
     Text(en="Keep a response guide, answer fast and in public, and move details to a private channel.",
          he="להחזיק מדריך תגובה, לענות מהר ובפומבי, ולהעביר פרטים לערוץ פרטי.")),
    ("fuel-runs-out", "high", "medium",
     Text(en="Posting stops when the team is busy, and channels look abandoned.",
          he="הפרסום נעצר כשהצוות עמוס, והערוצים נראים נטושים."),
     Text(en="Plan content two weeks ahead in the calendar and keep a bank of evergreen posts.",
          he="לתכנן תוכן שבועיים מראש בלוח התוכן ולהחזיק מאגר של פרסומים על-זמניים.")),
    ("account-access", "low", "high",
     Text(en="An account is hacked or access is lost when someone leaves.",
          he="חשבון נפרץ או שהגישה אובדת כשמישהו עוזב."),
     Text(en="Use two-factor authentication, business ownership of every account and a shared password manager.",
          he="להפעיל אימות דו-שלבי, לוודא שהעסק הוא הבעלים של כל חשבון ולהשתמש במנהל סיסמאות משותף.")),
    ("platform-change", "medium", "medium",
     Text(en="A platform changes its rules or reach, and results drop overnight.",
          he="פלטפורמה משנה את הכללים או את החשיפה, והתוצאות צונחות בן לילה."),
     Text(en="Keep more than one channel and build an owned list (newsletter, website) from the audience.",
          he="להחזיק יותר מערוץ אחד ולבנות רשימה בבעלות העסק (ניוזלטר, אתר) מתוך הקהל.")),
    ("rights-privacy", "low", "medium",
     Text(en="Curated or customer content is used without permission.",
          he="נעשה שימוש בתוכן נבחר או בתוכן של לקוחות בלי רשות."),
     Text(en="Ask before sharing, credit the creator and keep a record of permissions.",
          he="לבקש רשות לפני שיתוף, לתת קרדיט ליוצר ולתעד את ההרשאות.")),
)


def _return(plan_hours: float, resources: Resources, goals: list[Goal], lang: Lang) -> Return:
    monthly_hours = round(plan_hours * WEEKS_PER_MONTH, 1)
    labour = 0.0
    share = plan_hours / max(sum(p.weekly_hours for p in resources.people), 1e-9)
    for person in resources.people:
        rate = person.hourly_rate if person.hourly_rate is not None else resources.hourly_rate or 0.0
        labour += person.weekly_hours * share * WEEKS_PER_MONTH * rate
    tools = sum(t.monthly_cost for t in resources.tools)
    ads = max(0.0, (resources.monthly_budget or 0.0) - tools)
    investment = Investment(monthly_hours=monthly_hours, monthly_labour_cost=round(labour),
                            monthly_tools_cost=tools, monthly_ads_cost=ads)
    purposes = list(dict.fromkeys(g.purpose for g in goals if g.purpose))
    needed = investment.monthly_total * _PROPOSED_RETURN_MULTIPLE
    expected = [
        ExpectedValue(
            description=_VALUE_LINES[p][1](lang) + _say(lang, " (proposal: confirm with your own numbers)",
                                                        " (הצעה: אשרו מול הנתונים שלכם)"),
            metric=_VALUE_LINES[p][0],
            monthly_value=round(needed / len(purposes)),
        )
        for p in purposes
    ]
    risks = [Risk(id=rid, likelihood=likelihood, impact=impact, description=desc(lang),
                  mitigation=mitigation(lang))
             for rid, likelihood, impact, desc, mitigation in _RISKS]
    return Return(investment=investment, expected_value=expected, horizon_months=12, risks=risks)


# ── the whole draft ────────────────────────────────────────────────────────────────────


def _plan_language(profile: Profile) -> Lang:
    declared = profile.business.languages[0] if profile.business.languages else "en"
    default: Lang = "he" if declared == "he" else "en"
    return detect_lang(" ".join(profile.objectives), default=default)


def plan_draft(profile: Profile, *, today: dt.date | None = None, method: Method | None = None) -> Plan:
    """A complete plan for the profile; deterministic for the same profile and date."""
    method = method or load_method()
    today = today or profile.as_of or dt.date.today()
    lang = _plan_language(profile)
    hours = sum(p.weekly_hours for p in profile.resources.people) or _PROPOSED_OWNER_HOURS

    objectives = _objectives(profile, lang)
    goals = _goals(objectives, method, hours, today, lang)
    strategies = _strategies(goals, method, hours, lang)
    landscape = _landscape(profile, method, [s.id for s in strategies], lang)
    resources = _resources(profile, strategies, lang)
    channels = _channels(profile, landscape, strategies, resources.people, resources.owner, method, lang)
    metrics, equity = _metrics(goals, method, hours, lang)
    plan_hours = sum(c.weekly_hours for c in channels)
    return Plan(
        language=lang,
        business=profile.business,
        objectives=objectives,
        goals=goals,
        landscape=landscape,
        strategies=strategies,
        channels=channels,
        metrics=metrics,
        equity=equity,
        resources=resources,
        return_=_return(plan_hours, resources, goals, lang),
    )
