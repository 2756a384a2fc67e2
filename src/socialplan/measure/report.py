"""The measurement report: the four measurement types, equity and goal progress for a period.

``measurement_report`` computes it (library API), ``report_render`` writes it as JSON, Markdown
or HTML in English or Hebrew. The CLI ``socialplan measure report`` calls both.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang, Text
from socialplan.measure.equity import EquityResult, IndicatorSpec, equity_compute
from socialplan.measure.metrics import (
    CASCADE_METRICS,
    METRIC_BY_ID,
    METRICS,
    Filters,
    MetricValue,
    Period,
    Tables,
    Unit,
    metrics_compute,
    social_sessions,
    web_in_windows,
)
from socialplan.measure.progress import STATUS_LABELS, GoalProgress, engine_metric_of, goal_progress
from socialplan.measure.rollup import PostReads, PostRollup, post_rollup
from socialplan.method import load_method
from socialplan.method.types import MEASUREMENT_TYPE_IDS, MeasurementTypeId
from socialplan.plan.model import Plan

Format = Literal["json", "md", "html"]
FORMATS: Final[tuple[Format, ...]] = ("json", "md", "html")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MetricResult(Frozen):
    id: str
    name: Text
    unit: Unit
    value: float | None
    previous: float | None
    change: float | None  # value - previous, in the metric's own unit
    numerator: float | None
    denominator: float | None
    lower_bound: bool
    formula: str
    source: str


class MeasurementSection(Frozen):
    id: MeasurementTypeId
    name: Text
    metrics: list[MetricResult]


class WebChannelRow(Frozen):
    channel_group: str
    social_platform: str | None
    sessions: float
    engaged_sessions: float
    conversions: float
    revenue: float


class MeasurementReport(Frozen):
    plan: str  # the business name
    currency: str
    period: tuple[dt.date, dt.date]
    previous_period: tuple[dt.date, dt.date]
    filters: dict[str, list[str]]
    sections: list[MeasurementSection]
    web_by_channel: list[WebChannelRow]
    equity: EquityResult
    goals: list[GoalProgress]
    notes: list[Text]


def _filters_dict(filters: Filters) -> dict[str, list[str]]:
    fields = ("platforms", "accounts", "strategies", "goals", "campaigns")
    return {name: list(getattr(filters, name)) for name in fields if getattr(filters, name)}


def _web_by_channel(tables: Tables, period: Period, filters: Filters) -> list[WebChannelRow]:
    web = web_in_windows(social_sessions(tables.web_sessions, filters), [period])
    grouped = web.group_by(["channel_group", "social_platform"]).aggregate(
        sessions=web.sessions.sum().cast("float64"),
        engaged_sessions=web.engaged_sessions.sum().cast("float64"),
        conversions=web.conversions.sum(),
        revenue=web.revenue.sum(),
    )
    rows = grouped.order_by([grouped.sessions.desc(), "channel_group", "social_platform"]).to_pyarrow().to_pylist()
    return [
        WebChannelRow(
            channel_group=row["channel_group"] or "",
            social_platform=row["social_platform"],
            sessions=row["sessions"] or 0.0,
            engaged_sessions=row["engaged_sessions"] or 0.0,
            conversions=row["conversions"] or 0.0,
            revenue=row["revenue"] or 0.0,
        )
        for row in rows
    ]


class MetricRuns:
    """Runs the engine once per distinct channel set that plan metrics ask for, and caches it.

    A question whose windows and metrics an earlier run already holds is answered from it, so
    a caller that asks for more windows first (the dashboard's six periods) pays one query.

    The posts of each channel set (lifetime values and cascades) are read once, for the days
    of ``span`` (every window the report asks about), from the store's rollup when it has one.
    """

    def __init__(
        self,
        tables: Tables,
        filters: Filters,
        conversion_value: float,
        span: tuple[dt.date, dt.date] | None = None,
        rollup: PostRollup | None = None,
    ):
        self.tables = tables
        self.filters = filters
        self.conversion_value = conversion_value
        self.span = span
        self.rollup = rollup
        self._cache: dict[
            tuple[tuple[Period, ...], tuple[str, ...], tuple[str, ...] | None], list[dict[str, MetricValue]]
        ] = {}
        self._reads: dict[tuple[tuple[str, ...], tuple[dt.date, dt.date] | None], PostReads] = {}
        self.planned: dict[tuple[tuple[Period, ...], tuple[str, ...]], tuple[str, ...]] = {}

    def reads(self, filters: Filters, key: tuple[str, ...], windows: Sequence[Period]) -> PostReads:
        """The posts of one channel set, for the report's days (or every day, for windows outside them)."""
        span = self.span
        if span is not None and not all(span[0] <= w.start and w.end <= span[1] for w in windows):
            span = None
        if (key, span) not in self._reads:
            self._reads[key, span] = PostReads(self.tables, filters, span, self.rollup)
        return self._reads[key, span]

    def run(
        self,
        windows: Sequence[Period],
        channels: tuple[str, ...] = (),
        metrics: tuple[str, ...] | None = None,
    ) -> list[dict[str, MetricValue]]:
        key = (tuple(windows), channels, metrics)
        if key not in self._cache:
            held = self._held(windows, channels, metrics)
            if held is not None:
                return held
            filters = self.filters
            if channels:
                wanted = tuple(c for c in channels if not filters.platforms or c in filters.platforms)
                if not wanted:  # the metric's channels are all outside the report's: no data
                    return [{} for _ in windows]
                filters = replace(filters, platforms=wanted)
            reads = self.reads(filters, channels, windows)
            wanted_ids = set(metrics) if metrics is not None else set(METRIC_BY_ID)
            self._cache[key] = metrics_compute(
                self.tables,
                windows,
                filters,
                metrics=metrics,
                conversion_value=self.conversion_value,
                cascades=reads.cascades() if wanted_ids & CASCADE_METRICS else None,
                cohort=reads.cohort(),
                cohort_shape=reads.shape(),
                mention_days=self.rollup.mention_days if self.rollup is not None else None,
            )
        return self._cache[key]

    def _held(
        self, windows: Sequence[Period], channels: tuple[str, ...], metrics: tuple[str, ...] | None
    ) -> list[dict[str, MetricValue]] | None:
        """The values of an earlier run covering these windows and metrics (each window's
        values depend on that window alone), or None."""
        for (ran, ran_channels, ran_metrics), values in self._cache.items():
            if ran_channels != channels:
                continue
            if ran_metrics is not None and (metrics is None or not set(metrics) <= set(ran_metrics)):
                continue
            index = {w: i for i, w in enumerate(ran)}
            if all(w in index for w in windows):
                return [values[index[w]] for w in windows]
        return None

    def release(self) -> None:
        """Drop the cached post rows from the backend (they live as temporary tables)."""
        for reads in self._reads.values():
            reads.release()
        self._reads.clear()

    def series(
        self, plan: Plan, plan_metric: str | None, engine_id: str, windows: Sequence[Period]
    ) -> list[MetricValue | None] | None:
        """One metric over the windows; channel-bound plan metrics get a pass of their own."""
        if engine_id not in METRIC_BY_ID:
            return None
        metric = plan.metric(plan_metric) if plan_metric else None
        channels = tuple(sorted(metric.channels)) if metric else ()
        planned = self.planned.get((tuple(windows), channels))
        if (tuple(windows), channels, None) in self._cache:
            values = self.run(windows, channels)
        elif planned and engine_id in planned:
            values = self.run(windows, channels, planned)
        else:
            values = self.run(windows, channels, (engine_id,))
        return [window.get(engine_id) for window in values]

    def plan_pass(self, plan: Plan, items: Sequence[tuple[str | None, str]], windows: Sequence[Period]) -> None:
        """Announce the (plan metric, engine metric) pairs that will be asked over ``windows``,
        so metrics on the same channels share one query."""
        for plan_metric, engine_id in items:
            metric = plan.metric(plan_metric) if plan_metric else None
            self.announce(windows, tuple(sorted(metric.channels)) if metric else (), [engine_id])

    def announce(self, windows: Sequence[Period], channels: tuple[str, ...], metric_ids: Sequence[str]) -> None:
        """Metrics that will be asked over ``windows`` on ``channels``: the first ask runs them all."""
        key = (tuple(windows), channels)
        self.planned[key] = tuple(sorted({*self.planned.get(key, ()), *metric_ids}))


def measurement_report(
    plan: Plan,
    tables: Tables,
    period: Period,
    *,
    filters: Filters | None = None,
    as_of: dt.date | None = None,
    conversion_value: float = 0.0,
) -> MeasurementReport:
    """Compute the report: metrics now and in the previous period, equity, goal progress."""
    filters = filters or Filters()
    # Every window of the report (the period, the two before it, its weeks) lies in these days.
    span = (period.previous().previous().start, period.end)
    # A fresh rollup (the dashboards keep one) is read; a stale one is not rebuilt for one report.
    runs = MetricRuns(tables, filters, conversion_value, span, post_rollup(tables, build=False))
    try:
        return report_build(plan, tables, period, filters, as_of, runs)
    finally:
        runs.release()


def report_build(
    plan: Plan, tables: Tables, period: Period, filters: Filters, as_of: dt.date | None, evaluator: MetricRuns
) -> MeasurementReport:
    """The report from ``evaluator``'s runs (which may already hold the windows it needs)."""
    previous = period.previous()
    windows = [period, previous, previous.previous()]
    now, before, _ = evaluator.run(windows)
    method = load_method()

    sections = []
    for type_id in MEASUREMENT_TYPE_IDS:
        results = []
        for m in METRICS:
            if m.measurement_type != type_id:
                continue
            value, prior = now[m.id], before[m.id]
            change = None if value.value is None or prior.value is None else value.value - prior.value
            results.append(
                MetricResult(
                    id=m.id,
                    name=m.name,
                    unit=m.unit,
                    value=value.value,
                    previous=prior.value,
                    change=change,
                    numerator=value.numerator,
                    denominator=value.denominator,
                    lower_bound=value.lower_bound,
                    formula=m.formula,
                    source=m.source,
                )
            )
        sections.append(MeasurementSection(id=type_id, name=method.measurement_type(type_id).name, metrics=results))

    def indicator_values(spec: IndicatorSpec) -> list[MetricValue | None] | None:
        return evaluator.series(plan, spec.plan_metric, spec.metric, windows)

    equity = equity_compute(plan, indicator_values)

    weeks = period.weeks()
    targets = []
    for goal in plan.goals:
        plan_metric = goal.target.metric if goal.target else (goal.metrics[0] if goal.metrics else None)
        engine_id = engine_metric_of(plan, plan_metric) if plan_metric else None
        targets.append((goal, plan_metric, engine_id if goal.target else None))
    evaluator.plan_pass(plan, [(pm, e) for _, pm, e in targets if e], weeks)
    goals = []
    for goal, plan_metric, engine_id in targets:
        weekly = evaluator.series(plan, plan_metric, engine_id, weeks) if engine_id else None
        goals.append(goal_progress(plan, goal, weeks, weekly, as_of=as_of or period.end))

    notes = [_NOTE_COHORT]
    if filters.narrows_posts_only:
        notes.append(_NOTE_POST_FILTERS)
    return MeasurementReport(
        plan=plan.business.name,
        currency=plan.resources.currency,
        period=(period.start, period.end),
        previous_period=(previous.start, previous.end),
        filters=_filters_dict(filters),
        sections=sections,
        web_by_channel=_web_by_channel(tables, period, filters),
        equity=equity,
        goals=goals,
        notes=notes,
    )


_NOTE_COHORT = Text(
    en="Post metrics count every post published in the period with its whole lifetime performance. "
    "Reach is never added up: a value marked ≥ is a lower bound.",
    he="מדדי הפוסטים סופרים כל פוסט שפורסם בתקופה עם כל הביצועים שלו לאורך חייו. "
    "טווח הגעה לעולם אינו מחובר: ערך המסומן ≥ הוא חסם תחתון.",
)
_NOTE_POST_FILTERS = Text(
    en="The strategy, goal and campaign filters apply to post metrics only; audience, mentions and web "
    "metrics cover the whole account.",
    he="מסנני האסטרטגיה, המטרה והקמפיין חלים על מדדי הפוסטים בלבד; מדדי הקהל, האזכורים והאתר מכסים את החשבון כולו.",
)


# ── rendering ──────────────────────────────────────────────────────────────────────────

LABELS: Final[dict[str, Text]] = {
    "title": Text(en="Measurement report: {plan}", he="דוח מדידה: {plan}"),
    "period": Text(en="Period {start} to {end}, compared with {pstart} to {pend}.",
                   he="התקופה {start} עד {end}, בהשוואה ל-{pstart} עד {pend}."),
    "filters": Text(en="Filters: {filters}.", he="מסננים: {filters}."),
    "metric": Text(en="Metric", he="מדד"),
    "value": Text(en="Value", he="ערך"),
    "previous": Text(en="Previous period", he="התקופה הקודמת"),
    "change": Text(en="Change", he="שינוי"),
    "parts": Text(en="Numerator / denominator", he="מונה / מכנה"),
    "web_by_channel": Text(en="Sessions from social by channel group",
                           he="ביקורים ממדיה חברתית לפי קבוצת ערוצים"),
    "channel_group": Text(en="Channel group", he="קבוצת ערוצים"),
    "network": Text(en="Network", he="רשת"),
    "sessions": Text(en="Sessions", he="ביקורים"),
    "engaged": Text(en="Engaged sessions", he="ביקורים מעורבים"),
    "conversions": Text(en="Conversions", he="המרות"),
    "revenue": Text(en="Revenue", he="הכנסות"),
    "equity": Text(en="Social media equity", he="הון עצמי במדיה חברתית"),
    "index": Text(en="Equity index", he="מדד ההון העצמי"),
    "coverage": Text(en="Share of the index's weight with data: {coverage}.",
                     he="חלק המשקל של המדד שיש לו נתונים: {coverage}."),
    "index_target": Text(en="Target for the index: {target}.", he="יעד למדד: {target}."),
    "component": Text(en="Component", he="רכיב"),
    "score": Text(en="Score (0-100)", he="ציון (0-100)"),
    "weight": Text(en="Weight", he="משקל"),
    "indicator": Text(en="Indicator", he="מחוון"),
    "indicators": Text(en="Equity indicators", he="מחווני ההון העצמי"),
    "reference": Text(en="Reference", he="נקודת ייחוס"),
    "goals": Text(en="Goal progress", he="התקדמות המטרות"),
    "goal": Text(en="Goal", he="מטרה"),
    "target": Text(en="Target", he="יעד"),
    "deadline": Text(en="Deadline", he="מועד יעד"),
    "current": Text(en="Current", he="נוכחי"),
    "projected": Text(en="Projected", he="צפי"),
    "status": Text(en="Status", he="מצב"),
    "no_goals": Text(en="The plan has no goals yet.", he="בתוכנית אין עדיין מטרות."),
    "none": Text(en="no data", he="אין נתונים"),
    "notes": Text(en="Notes", he="הערות"),
}  # fmt: skip
REFERENCE_LABELS: Final[dict[str, Text]] = {
    "target": Text(en="target", he="יעד"),
    "plan_baseline": Text(en="plan baseline", he="נקודת מוצא בתוכנית"),
    "trailing_baseline": Text(en="previous period", he="התקופה הקודמת"),
    "none": Text(en="none", he="אין"),
}


def format_number(value: float | None, unit: Unit | str, lang: Lang, *, lower_bound: bool = False,
                  currency: str = "", signed: bool = False) -> str:  # fmt: skip
    """A value as people read it: thousands separators, % for percents, ≥ for lower bounds."""
    if value is None:
        return LABELS["none"](lang)
    sign = "+" if signed else ""
    if unit == "percent" and signed:
        # a change between two percentages is in percentage points, not a percent change
        text = f"{value:+,.1f} " + ("נק' אחוז" if lang == "he" else "pp")
    elif unit == "percent":
        text = f"{value:,.1f}%"
    elif unit == "currency":
        text = f"{value:{sign},.2f} {currency}".strip()
    elif unit in ("ratio", "score"):
        text = f"{value:{sign},.2f}"
    else:
        # Counts and averages of counts: as many decimals as a reader can use (an average reach
        # of 1,585.50 reads as noise; 2.25 replies per post does not).
        places = 0 if float(value).is_integer() or abs(value) >= 100 else 1 if abs(value) >= 10 else 2
        text = f"{value:{sign},.{places}f}"
    return f"≥ {text}" if lower_bound else text


def _metric_rows(report: MeasurementReport, section: MeasurementSection, lang: Lang) -> list[list[str]]:
    rows = []
    for m in section.metrics:
        parts = ""
        if m.denominator is not None:
            parts = f"{format_number(m.numerator, 'ratio', lang)} / {format_number(m.denominator, 'ratio', lang)}"
        rows.append(
            [
                m.name(lang),
                format_number(m.value, m.unit, lang, lower_bound=m.lower_bound, currency=report.currency),
                format_number(m.previous, m.unit, lang, currency=report.currency),
                format_number(m.change, m.unit, lang, currency=report.currency, signed=True),
                parts,
            ]
        )
    return rows


def _tables(report: MeasurementReport, lang: Lang) -> list[tuple[str, list[str], list[list[str]]]]:
    """Every table of the report as (heading, header row, rows), shared by Markdown and HTML."""
    label = {key: text(lang) for key, text in LABELS.items()}

    def num(value: float | None, unit: Unit | str, *, signed: bool = False) -> str:
        return format_number(value, unit, lang, currency=report.currency, signed=signed)

    def unit_of(metric_id: str | None) -> Unit:
        return METRIC_BY_ID[metric_id].unit if metric_id in METRIC_BY_ID else "ratio"

    out = []
    for section in report.sections:
        header = [label["metric"], label["value"], label["previous"], label["change"], label["parts"]]
        out.append((section.name(lang), header, _metric_rows(report, section, lang)))
    web_header = ["channel_group", "network", "sessions", "engaged", "conversions", "revenue"]
    web_rows = [
        [
            r.channel_group,
            r.social_platform or "",
            num(r.sessions, "count"),
            num(r.engaged_sessions, "count"),
            num(r.conversions, "count"),
            num(r.revenue, "currency"),
        ]
        for r in report.web_by_channel
    ]
    out.append((label["web_by_channel"], [label[k] for k in web_header], web_rows))
    equity = report.equity
    equity_rows = [
        [c.name(lang), num(c.score, "score"), num(c.previous_score, "score"),
         num(c.change, "score", signed=True), f"{c.weight:.2f}"]
        for c in equity.components
    ]  # fmt: skip
    equity_rows.append(
        [label["index"], num(equity.index, "score"), num(equity.previous_index, "score"),
         num(equity.change, "score", signed=True), "1.00"]
    )  # fmt: skip
    equity_header = ["component", "score", "previous", "change", "weight"]
    out.append((label["equity"], [label[k] for k in equity_header], equity_rows))
    indicator_rows = []
    for c in equity.components:
        for i in c.indicators:
            reference = REFERENCE_LABELS[i.reference_kind](lang)
            if i.reference is not None:
                reference += " " + num(i.reference, unit_of(i.metric))
            indicator_rows.append(
                [c.name(lang), i.name(lang), num(i.value, unit_of(i.metric)), reference,
                 num(i.score, "score"), f"{i.weight:g}"]
            )  # fmt: skip
    indicator_header = ["component", "indicator", "value", "reference", "score", "weight"]
    out.append((label["indicators"], [label[k] for k in indicator_header], indicator_rows))
    goal_rows = []
    for g in report.goals:
        unit = unit_of(g.engine_metric)
        status = f"{STATUS_LABELS[g.status](lang)}: {g.reason(lang)}"
        deadline = g.deadline.isoformat() if g.deadline else ""
        goal_rows.append([g.title, num(g.target, unit), deadline, num(g.current, unit), num(g.projected, unit), status])
    goal_header = ["goal", "target", "deadline", "current", "projected", "status"]
    out.append((label["goals"], [label[k] for k in goal_header], goal_rows))
    return out


def _intro(report: MeasurementReport, lang: Lang) -> list[str]:
    start, end = report.period
    pstart, pend = report.previous_period
    lines = [LABELS["period"].format(start=start, end=end, pstart=pstart, pend=pend)(lang)]
    if report.filters:
        described = "; ".join(f"{name}: {', '.join(values)}" for name, values in report.filters.items())
        lines.append(LABELS["filters"].format(filters=described)(lang))
    coverage = f"{report.equity.coverage * 100:.0f}%"
    lines.append(LABELS["coverage"].format(coverage=coverage)(lang))
    if report.equity.index_target is not None:
        lines.append(LABELS["index_target"].format(target=f"{report.equity.index_target:g}")(lang))
    return lines


def _markdown(report: MeasurementReport, lang: Lang) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out = [f"# {LABELS['title'].format(plan=report.plan)(lang)}", "", *_intro(report, lang), ""]
    for heading, header, rows in _tables(report, lang):
        out += [f"## {heading}", "", "| " + " | ".join(cell(h) for h in header) + " |",
                "|" + "---|" * len(header)]  # fmt: skip
        out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        out.append("")
    out += [f"## {LABELS['notes'](lang)}", "", *(f"- {note(lang)}" for note in report.notes), ""]
    return "\n".join(out)


def _html(report: MeasurementReport, lang: Lang) -> str:
    esc = html.escape
    direction = "rtl" if lang == "he" else "ltr"
    title = esc(LABELS["title"].format(plan=report.plan)(lang))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{title}</title>',
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-inline-size:70rem}"
        "table{border-collapse:collapse;margin-block-end:1.5rem}"
        "th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:start}"
        "td{font-variant-numeric:tabular-nums}</style></head><body>",
        f"<h1>{title}</h1>",
        *(f"<p>{esc(line)}</p>" for line in _intro(report, lang)),
    ]
    for heading, header, rows in _tables(report, lang):
        parts.append(f"<h2>{esc(heading)}</h2><table><thead><tr>")
        parts += [f"<th>{esc(h)}</th>" for h in header]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            # Numbers stay left-to-right inside a right-to-left page.
            parts.append("<tr>" + "".join(f"<td><bdi>{esc(c)}</bdi></td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append(f"<h2>{esc(LABELS['notes'](lang))}</h2><ul>")
    parts += [f"<li>{esc(note(lang))}</li>" for note in report.notes]
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def report_to_json(report: MeasurementReport) -> str:
    data: dict[str, Any] = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2)


def report_render(report: MeasurementReport, fmt: Format, lang: Lang = "en") -> str:
    """The report as JSON (both languages, every number), Markdown or HTML (one language)."""
    if fmt == "json":
        return report_to_json(report)
    if fmt == "md":
        return _markdown(report, lang)
    if fmt == "html":
        return _html(report, lang)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
