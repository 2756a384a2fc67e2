"""Everything a measurement dashboard or report shows, computed once from the analytics store.

``measurement_dashboard`` wraps the measurement engine's :class:`MeasurementReport` (metrics of
the period and the one before, equity, goal progress) with the breakdowns the report does not
carry: the equity index over several periods, a weekly series per measurement type, posts per
channel and per E × channel, the top posts and the opinion "focus group". Charts
(:mod:`socialplan.report.measure_charts`), takeaways (:mod:`socialplan.report.takeaways`),
the document (:mod:`socialplan.report.measure_document`) and the web dashboard all read this
one object, so a number shown twice is computed once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Final

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from socialplan.i18n import Text
from socialplan.measure.equity import IndicatorSpec, equity_compute
from socialplan.measure.metrics import (
    METRIC_BY_ID,
    Filters,
    MetricValue,
    Period,
    Tables,
    metrics_compute,
)
from socialplan.measure.report import MeasurementReport, MetricRuns, report_build
from socialplan.measure.rollup import PostReads, post_rollup
from socialplan.method.types import EQUITY_COMPONENT_IDS, MeasurementTypeId
from socialplan.opinion.report import FocusGroupReport, focus_group_report
from socialplan.plan.model import Plan

INDEX: Final = "index"
# The weekly line of each measurement type: the metric a marketer reads first for that type.
HEADLINE_METRICS: Final[dict[MeasurementTypeId, str]] = {
    "pr_media": "impressions",
    "word_of_mouth": "engagement_rate_impressions",
    "web_analytics": "sessions_from_social",
    "opinion_research": "net_sentiment",
}
# Which canonical table feeds each measurement type: an empty table means "upload this next".
SOURCE_OF_TYPE: Final[dict[MeasurementTypeId, str]] = {
    "pr_media": "posts",
    "word_of_mouth": "posts",
    "web_analytics": "web_sessions",
    "opinion_research": "mentions",
}
SOURCES: Final = ("posts", "account_daily", "web_sessions", "mentions")
TOP_POSTS: Final = 10
# What ``focus_group_report`` reads of each mention (scores and labels are filled where missing).
FOCUS_GROUP_COLUMNS: Final = (
    "subject", "is_competitor", "text", "lang", "sentiment_score", "sentiment_label", "published_at", "reach",
)  # fmt: skip


@dataclass(frozen=True)
class EquityPoint:
    """One score of the index (``component == "index"``) or of a component in one period."""

    start: dt.date
    end: dt.date
    component: str
    name: Text
    score: float | None


@dataclass(frozen=True)
class WeeklyPoint:
    start: dt.date
    end: dt.date
    metric: str
    value: float | None


def engagement_rate(engagements: float, impressions: float) -> float | None:
    """Engagements per 100 impressions (the engine's ``engagement_rate_impressions``), None without impressions."""
    return 100 * engagements / impressions if impressions else None


@dataclass(frozen=True)
class _Engaging:
    impressions: float
    engagements: float

    @property
    def engagement_rate(self) -> float | None:
        return engagement_rate(self.engagements, self.impressions)


@dataclass(frozen=True)
class ChannelRow(_Engaging):
    """Posts of one channel published in the period (and the period before), lifetime values."""

    platform: str
    posts: int
    clicks: float
    shares: float
    previous_posts: int
    previous_impressions: float
    previous_engagements: float

    @property
    def previous_engagement_rate(self) -> float | None:
        return engagement_rate(self.previous_engagements, self.previous_impressions)


@dataclass(frozen=True)
class StrategyChannelCell(_Engaging):
    """How posts of one E performed on one channel in the period."""

    strategy: str
    platform: str
    posts: int


@dataclass(frozen=True)
class TopPost(_Engaging):
    platform: str
    post_id: str
    published: dt.date
    text: str
    url: str
    strategy: str


@dataclass(frozen=True)
class MeasurementDashboard:
    plan: Plan
    report: MeasurementReport
    equity_history: tuple[EquityPoint, ...]  # oldest period first
    weekly: tuple[WeeklyPoint, ...]
    channels: tuple[ChannelRow, ...]  # most engagements first
    strategy_channel: tuple[StrategyChannelCell, ...]
    top_posts: tuple[TopPost, ...]
    focus_group: FocusGroupReport | None
    sources: frozenset[str]  # canonical tables that hold rows in the period

    @property
    def period(self) -> Period:
        return Period(*self.report.period)

    def weekly_of(self, metric: str) -> list[WeeklyPoint]:
        return [p for p in self.weekly if p.metric == metric]

    def has_type(self, type_id: MeasurementTypeId) -> bool:
        return SOURCE_OF_TYPE[type_id] in self.sources


def measurement_dashboard(
    plan: Plan,
    tables: Tables,
    period: Period,
    *,
    filters: Filters | None = None,
    history: int = 6,
    as_of: dt.date | None = None,
    conversion_value: float = 0.0,
) -> MeasurementDashboard:
    """Compute the dashboard of ``period``: the report plus ``history`` periods of equity."""
    filters = filters or Filters()
    windows = periods_back(period, max(history, 1) + 2)  # the periods shown and two baselines
    # Every number below counts posts published in these days: their values and cascades are
    # read once (from the store's rollup when it has one), and the engine runs once for the
    # periods and once for the weeks; the report's own questions are answered from those runs.
    runs = MetricRuns(tables, filters, conversion_value, (windows[0].start, period.end), post_rollup(tables))
    try:
        runs.run(windows)
        # The weekly lines join the goals' weekly series in one query.
        runs.announce(period.weeks(), (), sorted(set(HEADLINE_METRICS.values())))
        report = report_build(plan, tables, period, filters, as_of, runs)
        sources = _sources(tables, period, filters)
        posts = _post_rows(runs.reads(filters, (), windows), period) if "posts" in sources else None
        return MeasurementDashboard(
            plan=plan,
            report=report,
            equity_history=tuple(equity_history(plan, tables, period, filters, history, conversion_value, runs)),
            weekly=tuple(_weekly(tables, period, filters, conversion_value, runs)),
            channels=tuple(_channels(posts, period)) if posts is not None else (),
            strategy_channel=tuple(_strategy_channel(posts, period)) if posts is not None else (),
            top_posts=tuple(_top_posts(posts, period)) if posts is not None else (),
            focus_group=_focus_group(plan, tables, period, filters) if "mentions" in sources else None,
            sources=sources,
        )
    finally:
        runs.release()


def _day(column: ir.Value) -> ir.DateValue:
    return column.date()


def _sources(tables: Tables, period: Period, filters: Filters) -> frozenset[str]:
    """The tables with at least one row in the period (filtered by channel like the metrics), in one query."""
    found: list[ir.Table] = []
    for name in SOURCES:
        table: ir.Table = getattr(tables, name)
        day = table.date if "date" in table.columns else _day(table.published_at)
        predicate = day.between(period.start, period.end)
        if filters.platforms and "platform" in table.columns:
            predicate &= table.platform.isin(list(filters.platforms))
        found.append(table.filter(predicate).select(source=ibis.literal(name)).limit(1))
    return frozenset(ibis.union(*found).to_pyarrow().column("source").to_pylist())


def periods_back(period: Period, count: int) -> list[Period]:
    """``count`` periods of the same length ending with ``period``, oldest first."""
    out = [period]
    while len(out) < count:
        out.append(out[-1].previous())
    return out[::-1]


def equity_history(
    plan: Plan,
    tables: Tables,
    period: Period,
    filters: Filters,
    history: int,
    conversion_value: float = 0.0,
    runs: MetricRuns | None = None,
) -> list[EquityPoint]:
    """The index and its four components scored in each of ``history`` periods, oldest first.

    Each period is scored exactly as the report scores its own (same indicators, references
    and weights), so the newest point equals the report's equity. One engine query per
    channel set covers every period and the two earlier ones that serve as trailing baselines.
    """
    from socialplan.measure.equity import equity_indicators
    from socialplan.method import load_method

    shown = periods_back(period, max(history, 1))
    windows = periods_back(period, len(shown) + 2)  # oldest first; two more for baselines
    specs = [spec for specs in equity_indicators(plan).values() for spec in specs]
    wanted: dict[tuple[str, ...], set[str]] = {}
    for spec in specs:
        if spec.metric in METRIC_BY_ID:
            wanted.setdefault(_channels_of(plan, spec), set()).add(spec.metric)
    values: dict[tuple[str, ...], list[dict[str, MetricValue]]] = {}
    for channels, metric_ids in wanted.items():
        narrowed, chosen = filters, tuple[str, ...]()
        if channels:
            chosen = tuple(c for c in channels if not filters.platforms or c in filters.platforms)
            narrowed = replace(filters, platforms=chosen or ("\x00none",))
        if runs is not None and (not channels or chosen):
            # Every metric of the channel set: the report's equity then reads these runs too.
            values[channels] = runs.run(windows, channels)
            continue
        values[channels] = metrics_compute(
            tables, windows, narrowed, metrics=sorted(metric_ids), conversion_value=conversion_value
        )
    method = load_method()
    names = {c: method.equity_component(c).name for c in EQUITY_COMPONENT_IDS}
    index_name = Text(en="Equity index", he="מדד ההון העצמי")
    points: list[EquityPoint] = []
    for offset, shown_period in enumerate(shown):
        at = offset + 2  # the window of this period in ``windows``

        def resolve(spec: IndicatorSpec, at: int = at) -> list[MetricValue | None] | None:
            if spec.metric not in METRIC_BY_ID:
                return None
            series = values[_channels_of(plan, spec)]
            return [series[at][spec.metric], series[at - 1][spec.metric], series[at - 2][spec.metric]]

        result = equity_compute(plan, resolve)
        points.append(EquityPoint(shown_period.start, shown_period.end, INDEX, index_name, result.index))
        points += [
            EquityPoint(shown_period.start, shown_period.end, c.id, names[c.id], c.score) for c in result.components
        ]
    return points


def _channels_of(plan: Plan, spec: IndicatorSpec) -> tuple[str, ...]:
    metric = plan.metric(spec.plan_metric) if spec.plan_metric else None
    return tuple(sorted(metric.channels)) if metric else ()


def _weekly(
    tables: Tables, period: Period, filters: Filters, conversion_value: float, runs: MetricRuns | None = None
) -> list[WeeklyPoint]:
    weeks = period.weeks()
    ids = sorted(set(HEADLINE_METRICS.values()))
    if runs is not None:
        rows = runs.run(weeks, (), tuple(ids))
    else:
        rows = metrics_compute(tables, weeks, filters, metrics=ids, conversion_value=conversion_value)
    return [
        WeeklyPoint(week.start, week.end, metric, row[metric].value)
        for week, row in zip(weeks, rows, strict=True)
        for metric in ids
    ]


def _post_rows(reads: PostReads, period: Period) -> pa.Table:
    """Posts published in the period or the one before, with lifetime values and ``w`` (0 now, 1 before).

    ``reads`` holds the posts of the dashboard's days with their values (from the rollup, or
    from their own observations only), so a year of history is not aggregated to show two
    periods. One query: the channel, E x channel and top-post breakdowns group these few
    thousand rows in memory.
    """
    previous = period.previous()
    posts = reads.posts
    day = _day(posts.published_at)
    posts = posts.filter(day.between(previous.start, period.end)).mutate(
        w=ibis.ifelse(day >= period.start, 0, 1), day=day
    )
    values = reads.values().select("account_id", "post_id", "impressions", "engagements", "shares", "clicks")
    joined = posts.left_join(values, ["account_id", "post_id"])
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    return joined.select(
        "platform",
        "post_id",
        "day",
        "w",
        "text",
        "url",
        # post_values already falls back to likes + comments + shares + saves for a platform
        # that counts no engagements; unknown counts as none here.
        engagements=joined.engagements.fill_null(0),
        impressions=joined.impressions.fill_null(0),
        clicks=joined.clicks.fill_null(0),
        shares=joined.shares.fill_null(0),
        strategy=joined.strategy.fill_null(""),
    ).to_pyarrow()


def _float(value: object) -> float:
    return float(value) if value is not None else 0.0  # type: ignore[arg-type]


def _grouped(rows: pa.Table, keys: list[str], sums: list[str]) -> list[dict[str, object]]:
    """Posts counted and ``sums`` added up per ``keys`` (column names as given)."""
    aggregations = [("post_id", "count"), *((column, "sum") for column in sums)]
    grouped = rows.group_by(keys, use_threads=False).aggregate(aggregations)
    names = {"post_id_count": "posts", **{f"{column}_sum": column for column in sums}}
    return [{names.get(k, k): v for k, v in r.items()} for r in grouped.to_pylist()]


def _channels(posts: pa.Table, period: Period) -> list[ChannelRow]:
    grouped = _grouped(posts, ["platform", "w"], ["impressions", "engagements", "clicks", "shares"])
    by_key = {(r["platform"], r["w"]): r for r in grouped}
    rows = []
    for platform in sorted({str(p) for p, _ in by_key}):
        now, before = by_key.get((platform, 0), {}), by_key.get((platform, 1), {})
        rows.append(
            ChannelRow(
                platform=platform,
                posts=int(now.get("posts") or 0),  # type: ignore[call-overload]
                impressions=_float(now.get("impressions")),
                engagements=_float(now.get("engagements")),
                clicks=_float(now.get("clicks")),
                shares=_float(now.get("shares")),
                previous_posts=int(before.get("posts") or 0),  # type: ignore[call-overload]
                previous_impressions=_float(before.get("impressions")),
                previous_engagements=_float(before.get("engagements")),
            )
        )
    return sorted(rows, key=lambda r: (-r.engagements, -r.previous_engagements, r.platform))


def _strategy_channel(posts: pa.Table, period: Period) -> list[StrategyChannelCell]:
    now = posts.filter(pc.and_(pc.equal(posts["w"], 0), pc.not_equal(posts["strategy"], "")))
    grouped = _grouped(now, ["strategy", "platform"], ["impressions", "engagements"])
    return [
        StrategyChannelCell(
            strategy=str(r["strategy"]),
            platform=str(r["platform"]),
            posts=int(r["posts"]),  # type: ignore[call-overload]
            impressions=_float(r["impressions"]),
            engagements=_float(r["engagements"]),
        )
        for r in sorted(grouped, key=lambda r: (str(r["strategy"]), str(r["platform"])))
    ]


def _top_posts(posts: pa.Table, period: Period, count: int = TOP_POSTS) -> list[TopPost]:
    now = posts.filter(pc.equal(posts["w"], 0))
    best = now.sort_by([("engagements", "descending"), ("impressions", "descending"), ("post_id", "ascending")])
    return [
        TopPost(
            platform=r["platform"],
            post_id=r["post_id"],
            published=r["day"],
            text=r["text"] or "",
            url=r["url"] or "",
            strategy=r["strategy"] or "",
            impressions=_float(r["impressions"]),
            engagements=_float(r["engagements"]),
        )
        for r in best.slice(0, count).to_pylist()
    ]


def _focus_group(plan: Plan, tables: Tables, period: Period, filters: Filters) -> FocusGroupReport | None:
    mentions = tables.mentions
    day = _day(mentions.published_at)
    mentions = mentions.filter(day.between(period.start, period.end))
    if filters.platforms:
        mentions = mentions.filter(mentions.platform.isin(list(filters.platforms)))
    brand = _brand_subject(plan, mentions)
    if brand is None:
        return None
    # Only the columns the focus group reads: every mention of the period is loaded into memory.
    mentions = mentions.select(*FOCUS_GROUP_COLUMNS)
    return focus_group_report(mentions, brand=brand, competitors=plan.landscape.competitors, default_lang=plan.language)


def _brand_subject(plan: Plan, mentions: ir.Table) -> str | None:
    """The subject the store uses for the brand: the business name, else its non-competitor subject."""
    subjects = mentions.filter(~mentions.is_competitor.fill_null(False)).select("subject").distinct()
    names = [s for s in subjects.to_pyarrow().column("subject").to_pylist() if s]
    for name in names:
        if name.casefold() == plan.business.name.casefold():
            return str(name)
    return str(names[0]) if len(names) == 1 else (plan.business.name if names else None)
