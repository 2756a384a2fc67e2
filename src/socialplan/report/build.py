"""From a plan to the format-neutral document: one section per step of the method."""

from __future__ import annotations

import datetime as dt

from socialplan.advise.findings import SEVERITY_ORDER, Finding
from socialplan.i18n import Lang
from socialplan.method.types import EQUITY_COMPONENT_IDS, MEASUREMENT_TYPE_IDS, STEP_IDS, TRAIT_IDS
from socialplan.plan.model import Plan
from socialplan.report import charts
from socialplan.report import labels as L
from socialplan.report.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Heading,
    KeyValues,
    Notice,
    Paragraph,
    Section,
    Table,
)

TOP_FINDINGS = 5


def plan_document(
    plan: Plan, lang: Lang, findings: list[Finding] | None = None, *, today: dt.date | None = None
) -> Document:
    """The whole plan as a document in ``lang``; ``findings`` (from the review) fill the appendix."""
    found = sorted(findings or [], key=lambda f: (STEP_IDS.index(f.step), SEVERITY_ORDER[f.severity]))
    business = plan.business.name
    sections = (
        _summary(plan, lang, found),
        _goals(plan, lang),
        _landscape(plan, lang),
        _strategies(plan, lang),
        _channels(plan, lang),
        _measurement(plan, lang),
        _fuel(plan, lang),
        _return(plan, lang),
        _findings(lang, found),
        Section("notice", L.SECTION_TITLES["notice"](lang), (Notice(L.NOTICE(lang)),)),
    )
    prepared = L.date(today or dt.date.today(), lang)
    return Document(
        lang=lang,
        title=L.DOCUMENT_TITLE(lang),
        subtitle=L.DOCUMENT_SUBTITLE.format(business=business, date=prepared)(lang),
        sections=sections,
        footer=L.FOOTER.format(business=business)(lang),
        meta={"author": business, "date": prepared},
    )


def _section(section_id: str, lang: Lang, blocks: list[Block]) -> Section:
    return Section(section_id, L.SECTION_TITLES[section_id](lang), tuple(blocks))


def _hours(value: float) -> str:
    return L.number(value)


def _goal_titles(plan: Plan, goal_ids: list[str]) -> str:
    titles = [goal.title if (goal := plan.goal(gid)) else gid for gid in goal_ids]
    if len(titles) < 2:
        return "".join(titles)
    # Drafted goals are whole sentences; a full stop before each semicolon reads as a typo.
    return "; ".join(title.rstrip(".") for title in titles)


def _ordered_findings(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])


# ── executive summary ──────────────────────────────────────────────────────────────────


def _summary(plan: Plan, lang: Lang, found: list[Finding]) -> Section:
    business = plan.business
    currency = plan.resources.currency
    investment = plan.return_.investment
    index_target = plan.equity.index_target
    items: list[tuple[str, str]] = [(L.BUSINESS(lang), business.name)]
    if business.industry:
        items.append((L.INDUSTRY(lang), business.industry))
    items += [
        (L.EMPLOYEES(lang), L.number(business.employees)),
        (L.CHOSEN_ES(lang), L.joined([L.strategy_name(s.id, lang) for s in plan.strategies], lang)),
        (L.CHANNELS(lang), L.joined([L.channel_name(c, lang) for c in plan.channels], lang)),
        (
            L.WEEKLY_HOURS(lang),
            L.WEEKLY_HOURS_VALUE.format(
                planned=_hours(plan.weekly_hours_planned), available=_hours(plan.weekly_hours_available)
            )(lang),
        ),
        (
            L.EQUITY_TARGET(lang),
            L.EQUITY_TARGET_VALUE.format(value=L.number(index_target))(lang)
            if index_target is not None
            else L.NOT_SET(lang),
        ),
        (
            L.MONTHLY_INVESTMENT(lang),
            L.money(investment.monthly_total, currency) if investment else L.NOT_SET(lang),
        ),
    ]
    intro = L.SUMMARY_INTRO.format(
        business=business.name,
        channels=len(plan.channels),
        hours=_hours(plan.weekly_hours_planned),
        goals=len(plan.goals),
    )(lang)
    blocks: list[Block] = [Paragraph(intro)]
    if business.description:
        blocks.append(Paragraph(business.description))
    blocks.append(KeyValues(tuple(items)))
    blocks.append(Heading(L.DESTINATION(lang)))
    blocks.append(
        BulletList(tuple(_goal_line(plan, g.id, lang) for g in plan.goals))
        if plan.goals
        else Paragraph(L.NO_GOALS(lang))
    )
    blocks.append(Heading(L.TOP_FINDINGS(lang)))
    top = _ordered_findings(found)[:TOP_FINDINGS]
    blocks.append(BulletList(tuple(f.message(lang) for f in top)) if top else Paragraph(L.NO_FINDINGS(lang)))
    return _section("summary", lang, blocks)


def _goal_line(plan: Plan, goal_id: str, lang: Lang) -> str:
    goal = plan.goal(goal_id)
    assert goal is not None
    title = L.PROPOSED.format(title=goal.title)(lang) if goal.proposed else goal.title
    target = _target_text(plan, goal_id, lang)
    return f"{title} — {target}" if target else title


def _target_text(plan: Plan, goal_id: str, lang: Lang) -> str:
    goal = plan.goal(goal_id)
    if goal is None or goal.target is None:
        return ""
    target = goal.target
    metric = L.metric_name(plan, target.metric, lang)
    if target.baseline is not None:
        return L.TARGET_FROM.format(metric=metric, baseline=L.number(target.baseline), value=L.number(target.value))(
            lang
        )
    return L.TARGET_VALUE.format(metric=metric, value=L.number(target.value))(lang)


# ── 1. goals ───────────────────────────────────────────────────────────────────────────


def _goals(plan: Plan, lang: Lang) -> Section:
    blocks: list[Block] = [Paragraph(L.GOALS_INTRO(lang))]
    objectives = {o.id: o for o in plan.objectives}
    if plan.goals:
        rows: list[tuple[str, ...]] = []
        for goal in plan.goals:
            deadline = goal.target.deadline if goal.target else None
            objective = objectives.get(goal.objective or "")
            rows.append(
                (
                    L.PROPOSED.format(title=goal.title)(lang) if goal.proposed else goal.title,
                    L.purpose_name(goal.purpose, lang) if goal.purpose else L.NOT_SET(lang),
                    _target_text(plan, goal.id, lang) or L.NOT_SET(lang),
                    L.date(deadline, lang) if deadline else L.NOT_SET(lang),
                    objective.text if objective else (goal.objective or L.NOT_SET(lang)),
                )
            )
        header = (L.GOAL(lang), L.PURPOSE(lang), L.TARGET(lang), L.DEADLINE(lang), L.ALIGNMENT(lang))
        blocks.append(Table(header, tuple(rows)))
    else:
        blocks.append(Paragraph(L.NO_GOALS(lang)))
    if plan.objectives:
        blocks.append(Heading(L.OBJECTIVES(lang)))
        rows = [
            (
                o.text,
                L.purpose_name(o.purpose, lang) if o.purpose else L.NOT_SERVED(lang),
                o.reason or "—",
            )
            for o in plan.objectives
        ]
        blocks.append(Table((L.OBJECTIVE(lang), L.SERVED_AS(lang), L.REASON(lang)), tuple(rows)))
    return _section("goal", lang, blocks)


# ── 2. landscape ───────────────────────────────────────────────────────────────────────


def _landscape(plan: Plan, lang: Lang) -> Section:
    land = plan.landscape
    languages = land.languages or plan.business.languages
    regions = land.regions or plan.business.regions
    blocks: list[Block] = [
        KeyValues(
            (
                (L.LANGUAGES(lang), L.joined([L.language_name(c, lang) for c in languages], lang)),
                (L.REGIONS(lang), L.joined([L.region_name(c, lang) for c in regions], lang)),
                (L.COMPETITORS(lang), L.joined(land.competitors, lang)),
            )
        ),
        Heading(L.AUDIENCES(lang)),
    ]
    if land.audiences:
        rows: list[tuple[str, ...]] = [
            (a.name, a.description or "—", L.joined([L.platform_name(p, lang) for p in a.platforms], lang))
            for a in land.audiences
        ]
        blocks.append(Table((L.AUDIENCE(lang), L.DESCRIPTION(lang), L.WHERE_THEY_ARE(lang)), tuple(rows)))
    else:
        blocks.append(Paragraph(L.NO_AUDIENCES(lang)))
    blocks.append(Heading(L.TRAITS(lang)))
    trait_rows = tuple((L.trait_name(t, lang), land.traits.get(t) or L.NOT_ADDRESSED(lang)) for t in TRAIT_IDS)
    blocks.append(Table((L.TRAIT(lang), L.HOW_HONOURED(lang)), trait_rows))
    if land.tactics:
        blocks.append(Heading(L.TACTICS(lang)))
        channels = {c.id: L.channel_name(c, lang) for c in plan.channels}
        rows = [
            (
                t.text,
                channels.get(t.channel, t.channel) if t.channel else "—",
                L.value_name(t.outreach, lang),
                L.value_name(t.direction, lang),
                L.value_name(t.production, lang),
            )
            for t in land.tactics
        ]
        header = (L.TACTIC(lang), L.CHANNEL(lang), L.OUTREACH(lang), L.DIRECTION(lang), L.PRODUCTION(lang))
        blocks.append(Table(header, tuple(rows)))
    return _section("landscape", lang, blocks)


# ── 3. the four Es ─────────────────────────────────────────────────────────────────────


def _strategies(plan: Plan, lang: Lang) -> Section:
    blocks: list[Block] = []
    if plan.strategies:
        rows: list[tuple[str, ...]] = [
            (
                L.strategy_name(s.id, lang),
                f"{L.number(100 * s.share)}%" if s.share is not None else "—",
                _goal_titles(plan, s.serves) or "—",
                s.why or "—",
            )
            for s in plan.strategies
        ]
        header = (L.STRATEGY(lang), L.SHARE(lang), L.SERVES_GOALS(lang), L.WHY(lang))
        blocks.append(Table(header, tuple(rows), numeric=frozenset({1})))
    else:
        blocks.append(Paragraph(L.NO_STRATEGIES(lang)))
    if all(s.share is None for s in plan.strategies) and plan.channels:
        blocks.append(Paragraph(L.SHARE_SOURCE_COUNT(lang)))
    mix = charts.strategy_mix_rows(plan, lang)
    data = Table(
        (L.STRATEGY(lang), L.SHARE(lang)),
        tuple((row["strategy"], f"{L.number(row['share'])}%") for row in mix),
        numeric=frozenset({1}),
    )
    blocks.append(Chart(L.STRATEGY_CHART(lang), charts.chart_strategy_mix(plan, lang), data))
    return _section("strategy", lang, blocks)


# ── 4. channels ────────────────────────────────────────────────────────────────────────


def _channels(plan: Plan, lang: Lang) -> Section:
    blocks: list[Block] = []
    if not plan.channels:
        blocks.append(Paragraph(L.NO_CHANNELS(lang)))
        return _section("tools", lang, blocks)
    rows: list[tuple[str, ...]] = [
        (
            L.channel_name(c, lang),
            L.category_name(c.category, lang),
            L.joined([L.strategy_name(s, lang) for s in c.strategies], lang),
            L.CADENCE_VALUE[c.cadence.per].format(posts=L.number(c.cadence.posts))(lang),
            _hours(c.weekly_hours),
            c.owner or "—",
            c.why or "—",
        )
        for c in plan.channels
    ]
    header = (
        L.CHANNEL(lang),
        L.CATEGORY(lang),
        L.ES(lang),
        L.CADENCE(lang),
        L.HOURS_PER_WEEK(lang),
        L.OWNER(lang),
        L.WHY(lang),
    )
    blocks.append(Table(header, tuple(rows), numeric=frozenset({4})))
    blocks.append(
        KeyValues(
            (
                (L.HOURS_PLANNED(lang), _hours(plan.weekly_hours_planned)),
                (L.HOURS_AVAILABLE(lang), _hours(plan.weekly_hours_available)),
            )
        )
    )
    data = Table(
        (L.CHANNEL(lang), L.HOURS_PER_WEEK(lang)),
        tuple((row["channel"], _hours(row["hours"])) for row in charts.hours_by_channel_rows(plan, lang)),
        numeric=frozenset({1}),
    )
    blocks.append(Chart(L.HOURS_CHART(lang), charts.chart_hours_by_channel(plan, lang), data))
    return _section("tools", lang, blocks)


# ── 5. measurement map and equity ──────────────────────────────────────────────────────


def _measurement(plan: Plan, lang: Lang) -> Section:
    blocks: list[Block] = [Paragraph(L.MEASUREMENT_INTRO(lang))]
    for type_id in MEASUREMENT_TYPE_IDS:
        blocks.append(Heading(L.measurement_type_name(type_id, lang), level=3))
        metrics = [m for m in plan.metrics if m.measurement_type == type_id]
        if not metrics:
            blocks.append(Paragraph(L.NO_METRIC_OF_TYPE(lang)))
            continue
        rows: list[tuple[str, ...]] = [
            (
                L.metric_name(plan, m.id, lang),
                m.formula or "—",
                _goal_titles(plan, _metric_goals(plan, m.id)) or "—",
                L.number(m.baseline) if m.baseline is not None else "—",
                L.number(m.target) if m.target is not None else "—",
            )
            for m in metrics
        ]
        header = (L.METRIC(lang), L.FORMULA(lang), L.GOALS(lang), L.BASELINE(lang), L.TARGET(lang))
        blocks.append(Table(header, tuple(rows), numeric=frozenset({3, 4})))
    # The chart's numbers as a goal × measurement type grid, one row per goal.
    types = [L.MEASUREMENT_TYPE_SHORT[t](lang) for t in MEASUREMENT_TYPE_IDS]
    grid: dict[str, dict[str, int]] = {}
    for row in charts.measurement_coverage_rows(plan, lang):
        grid.setdefault(row["goal"], {})[row["type"]] = row["metrics"]
    data = Table(
        (L.GOAL(lang), *types),
        tuple((goal, *(str(counts[t]) for t in types)) for goal, counts in grid.items()),
        numeric=frozenset(range(1, len(types) + 1)),
    )
    blocks.append(Chart(L.COVERAGE_CHART(lang), charts.chart_measurement_coverage(plan, lang), data))
    blocks.append(Heading(L.EQUITY(lang)))
    equity_rows = []
    for component_id in EQUITY_COMPONENT_IDS:
        component = getattr(plan.equity, component_id)
        parts = []
        for indicator in component.indicators:
            details = []
            if indicator.weight != 1:
                details.append(L.WEIGHT.format(weight=L.number(indicator.weight))(lang))
            if indicator.target is not None:
                details.append(L.INDICATOR_TARGET.format(target=L.number(indicator.target))(lang))
            name = L.metric_name(plan, indicator.metric, lang)
            parts.append(f"{name} ({', '.join(details)})" if details else name)
        equity_rows.append((L.equity_component_name(component_id, lang), L.joined(parts, lang)))
    blocks.append(Table((L.COMPONENT(lang), L.INDICATORS(lang)), tuple(equity_rows)))
    target = plan.equity.index_target
    blocks.append(
        KeyValues(
            (
                (
                    L.EQUITY_TARGET(lang),
                    L.EQUITY_TARGET_VALUE.format(value=L.number(target))(lang)
                    if target is not None
                    else L.NOT_SET(lang),
                ),
            )
        )
    )
    return _section("measurement", lang, blocks)


def _metric_goals(plan: Plan, metric_id: str) -> list[str]:
    metric = plan.metric(metric_id)
    linked = list(metric.goals) if metric else []
    linked += [g.id for g in plan.goals if metric_id in g.metrics and g.id not in linked]
    return linked


# ── 6. fuel ────────────────────────────────────────────────────────────────────────────


def _fuel(plan: Plan, lang: Lang) -> Section:
    res = plan.resources
    blocks: list[Block] = [Heading(L.TEAM(lang))]
    if res.people:
        rows: list[tuple[str, ...]] = [
            (
                p.name,
                L.joined(p.titles, lang),
                L.ROLE_NAMES[p.role](lang),
                _hours(p.weekly_hours),
                L.joined(p.skills, lang),
            )
            for p in res.people
        ]
        header = (L.PERSON(lang), L.TITLES(lang), L.ROLE(lang), L.HOURS_PER_WEEK(lang), L.SKILLS(lang))
        blocks.append(Table(header, tuple(rows), numeric=frozenset({3})))
    else:
        blocks.append(Paragraph(L.NO_PEOPLE(lang)))
    balance = plan.weekly_hours_available - plan.weekly_hours_planned
    if abs(balance) < 0.05:
        capacity = L.CAPACITY_EXACT(lang)
    elif balance > 0:
        capacity = L.CAPACITY_SPARE.format(hours=_hours(balance))(lang)
    else:
        capacity = L.CAPACITY_SHORT.format(hours=_hours(-balance))(lang)
    skills = {skill.casefold() for p in res.people for skill in p.skills}
    items = [
        (L.SOCIAL_OWNER(lang), res.owner or L.NOT_SET(lang)),
        (L.HOURS_AVAILABLE(lang), _hours(plan.weekly_hours_available)),
        (L.HOURS_PLANNED(lang), _hours(plan.weekly_hours_planned)),
        (L.CAPACITY(lang), capacity),
        (L.SKILL_COUNT(lang), L.number(len(skills))),
        (
            L.MONTHLY_BUDGET(lang),
            L.money(res.monthly_budget, res.currency) if res.monthly_budget is not None else L.NOT_SET(lang),
        ),
        (
            L.HOURLY_RATE(lang),
            L.money(res.hourly_rate, res.currency) if res.hourly_rate is not None else L.NOT_SET(lang),
        ),
        (L.CONTENT_SOURCES(lang), L.joined([L.value_name(s, lang) for s in res.content_sources], lang)),
    ]
    blocks.append(KeyValues(tuple(items)))
    if res.tools:
        blocks.append(Heading(L.TOOLS(lang)))
        rows = [(t.name, L.money(t.monthly_cost, res.currency)) for t in res.tools]
        blocks.append(Table((L.TOOL(lang), L.MONTHLY_COST(lang)), tuple(rows), numeric=frozenset({1})))
    return _section("fuel", lang, blocks)


# ── 7. the return ──────────────────────────────────────────────────────────────────────


def _return(plan: Plan, lang: Lang) -> Section:
    ret = plan.return_
    currency = plan.resources.currency
    blocks: list[Block] = [Heading(L.INVESTMENT(lang))]
    inv = ret.investment
    if inv is not None:
        blocks.append(
            KeyValues(
                (
                    (L.MONTHLY_HOURS(lang), _hours(inv.monthly_hours)),
                    (L.LABOUR(lang), L.money(inv.monthly_labour_cost, currency)),
                    (L.TOOLS_COST(lang), L.money(inv.monthly_tools_cost, currency)),
                    (L.ADS_COST(lang), L.money(inv.monthly_ads_cost, currency)),
                    (L.TOTAL(lang), L.money(inv.monthly_total, currency)),
                    (L.HORIZON(lang), L.HORIZON_VALUE.format(months=ret.horizon_months)(lang)),
                )
            )
        )
    else:
        blocks.append(Paragraph(L.NO_INVESTMENT(lang)))
    if ret.expected_value:
        blocks.append(Heading(L.EXPECTED_VALUE(lang)))
        rows: list[tuple[str, ...]] = [
            (
                v.description,
                L.metric_name(plan, v.metric, lang) if v.metric else "—",
                L.money(v.monthly_value, currency),
            )
            for v in ret.expected_value
        ]
        blocks.append(
            Table(
                (L.DESCRIPTION(lang), L.METRIC(lang), L.MONTHLY_VALUE(lang)),
                tuple(rows),
                numeric=frozenset({2}),
            )
        )
        value = sum(v.monthly_value for v in ret.expected_value)
        totals = [(L.VALUE_TOTAL(lang), L.money(value, currency))]
        if inv is not None and inv.monthly_total > 0:
            totals.append((L.RETURN_RATIO(lang), f"{value / inv.monthly_total:.2f}"))
        blocks.append(KeyValues(tuple(totals)))
    blocks.append(Heading(L.RISKS(lang)))
    if ret.risks:
        rows = [
            (
                r.description,
                L.value_name(r.likelihood, lang),
                L.value_name(r.impact, lang),
                r.mitigation or "—",
            )
            for r in ret.risks
        ]
        header = (L.RISK(lang), L.LIKELIHOOD(lang), L.IMPACT(lang), L.MITIGATION(lang))
        blocks.append(Table(header, tuple(rows)))
    else:
        blocks.append(Paragraph(L.NO_RISKS(lang)))
    return _section("return", lang, blocks)


# ── appendix ───────────────────────────────────────────────────────────────────────────


def _findings(lang: Lang, found: list[Finding]) -> Section:
    blocks: list[Block] = [Paragraph(L.FINDINGS_INTRO(lang))]
    header = (L.SEVERITY(lang), L.FINDING(lang), L.WHERE(lang))
    for step_id in STEP_IDS:  # one table per step: the step's long title would squeeze a column
        in_step = [f for f in found if f.step == step_id]
        if in_step:
            blocks.append(Heading(L.step_heading(step_id, lang)))
            rows = tuple((L.value_name(f.severity, lang), f.message(lang), f.path) for f in in_step)
            blocks.append(Table(header, rows))
    if not found:
        blocks.append(Paragraph(L.NO_FINDINGS(lang)))
    return _section("findings", lang, blocks)
