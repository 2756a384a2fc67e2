"""The measurement metrics, each defined once as an Ibis expression over the canonical tables.

How it is computed (the full story with sources is in ``docs/metrics-engine.md``):

1. ``aggregates`` reduces each canonical table to one row per *window* (a report period, a
   previous period, a week of a goal's progress) with additive building blocks: sums, counts,
   distinct counts, and the lower-bound maxima for unique counts. All windows are computed in
   one pass, so period-over-period and progress series cost one query, not one per window.
2. Every ``MetricDef`` turns that wide row into a :class:`Count` or a :class:`Rate` (numerator
   and denominator kept apart, so a rate over several windows or channels is recomputed from
   its parts, never averaged).
3. ``metrics_compute`` runs the single query and adds the word-of-mouth cascade measures,
   which need a tree walk (:mod:`socialplan.measure.wom`).

Unique counts (reach, engaged users, distinct authors) are never summed across posts, days or
paid/organic: a post's reach is its lifetime value (or, without one, the largest daily value,
a lower bound); an account's period reach is the platform's own value for exactly that period
when it exported one (``reach_7d``, ``reach_28d`` on the period's last day), else the largest
daily value, flagged as a lower bound.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final, Literal

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir

from socialplan.i18n import Text
from socialplan.method.types import MeasurementTypeId

if TYPE_CHECKING:
    from socialplan.measure.wom import CascadeStats

Unit = Literal["count", "percent", "ratio", "currency", "score"]
# How a metric behaves over time, which decides how goal progress projects it: a flow adds up
# over time (conversions), a level is read at a point or over a window (followers, a rate).
Kind = Literal["flow", "level"]

SOCIAL_CHANNEL_GROUPS: Final = ("Organic Social", "Paid Social")
# Post metrics the engine reads; anything else a platform exports stays in the store untouched.
_POST_ADDITIVE: Final = ("impressions", "engagements", "likes", "comments", "shares", "saves", "clicks")
_POST_UNIQUE: Final = ("reach", "engaged_users")


# ── inputs ─────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Period:
    """A closed range of calendar days, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def weeks(self) -> list[Period]:
        """Consecutive 7-day windows from the start; the last one is cut at the end."""
        out: list[Period] = []
        start = self.start
        while start <= self.end:
            out.append(Period(start, min(start + dt.timedelta(days=6), self.end)))
            start += dt.timedelta(days=7)
        return out

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@dataclass(frozen=True)
class Filters:
    """Which data a report covers. Empty tuples mean "all".

    ``platforms`` and ``accounts`` narrow every table that has them; ``strategies`` (the E tag),
    ``goals`` and ``campaigns`` exist only on posts, so they narrow the post-based metrics and
    leave audience, mentions and web metrics whole (the report says so).
    """

    platforms: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()

    @property
    def narrows_posts_only(self) -> bool:
        return bool(self.strategies or self.goals or self.campaigns)


@dataclass(frozen=True)
class Tables:
    """The canonical tables (see :mod:`socialplan.measure.schema`) as Ibis tables."""

    posts: ir.Table
    post_metrics: ir.Table
    account_daily: ir.Table
    web_sessions: ir.Table
    mentions: ir.Table
    interaction_edges: ir.Table

    @classmethod
    def from_backend(cls, con: Any) -> Tables:
        """The tables of a store opened as an Ibis backend (DuckDB, Spark, …)."""
        return cls(**{name: con.table(name) for name in cls.__dataclass_fields__})


# ── results ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Count:
    """A metric that is one number; ``lower_bound`` marks a unique count that may be short."""

    value: ir.NumericValue
    lower_bound: ir.BooleanValue | bool = False


@dataclass(frozen=True)
class Rate:
    """numerator / denominator x scale, both parts kept so rates recombine correctly."""

    numerator: ir.NumericValue
    denominator: ir.NumericValue
    scale: float = 1.0


@dataclass(frozen=True)
class MetricValue:
    """A computed metric in one window."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    lower_bound: bool = False


@dataclass(frozen=True)
class MetricDef:
    id: str
    measurement_type: MeasurementTypeId
    name: Text
    unit: Unit
    kind: Kind
    formula: str
    source: str
    compute: Callable[[ir.Table], Count | Rate] | None = field(default=None, repr=False)
    higher_is_better: bool = True


# ── step 1: per-window aggregates ───────────────────────────────────────────────────────


def _window_of(day: ir.DateValue, windows: Sequence[Period]) -> ir.IntegerValue:
    """The index of the window a day falls in, null outside every window.

    Consecutive windows of one length (the weeks of a goal series; the last may be cut short)
    get arithmetic, which stays small and fast for many windows; others a CASE per window.
    """
    if _is_series(windows):
        first, length = windows[0].start, windows[0].days
        index = (day.delta(ibis.literal(first), unit="day") // length).cast("int64")
        return ibis.ifelse(day.between(first, windows[-1].end), index, ibis.null("int64"))
    branches = [(day.between(w.start, w.end), i) for i, w in enumerate(windows)]
    return ibis.cases(*branches, else_=ibis.null("int64"))


def _window_ends(w: ir.IntegerValue, windows: Sequence[Period]) -> tuple[ir.DateValue, ir.StringValue]:
    """The last day of window ``w`` and the name of a reach exported for exactly that window.

    A series (a goal's weeks) by arithmetic, as ``_window_of``, so a year of weeks stays small.
    """
    if _is_series(windows):
        first, length, last = windows[0].start, windows[0].days, windows[-1]
        end = ibis.literal(first) + (w * length + (length - 1)).as_interval("D")
        end = ibis.ifelse(w == len(windows) - 1, ibis.literal(last.end), end)
        metric = ibis.ifelse(w == len(windows) - 1, f"reach_{last.days}d", f"reach_{length}d")
        return end, metric
    ends = ibis.cases(*((w == i, ibis.literal(p.end)) for i, p in enumerate(windows)), else_=ibis.null("date"))
    names = ibis.cases(*((w == i, f"reach_{p.days}d") for i, p in enumerate(windows)), else_=ibis.null("string"))
    return ends, names


def _is_series(windows: Sequence[Period]) -> bool:
    if len(windows) < 4:
        return False
    length = windows[0].days
    follow = all(b.start == a.end + dt.timedelta(days=1) for a, b in itertools.pairwise(windows))
    return follow and all(w.days == length for w in windows[:-1]) and windows[-1].days <= length


def _span(windows: Sequence[Period]) -> tuple[dt.date, dt.date]:
    """The first and last day of any window: rows outside it fall in none (a filter the
    engine pushes into the scan, skipping whole blocks of other dates)."""
    return min(w.start for w in windows), max(w.end for w in windows)


def _in(column: ir.Value, values: tuple[str, ...]) -> ir.BooleanValue:
    return column.isin(list(values))


def posts_in_scope(tables: Tables, windows: Sequence[Period], filters: Filters) -> ir.Table:
    """The filtered posts published in one of the windows, with the window's index ``w``."""
    posts = posts_filtered(tables, filters)
    posts = posts.mutate(w=_window_of(posts.published_at.date(), windows))
    return posts.filter(posts.w.notnull()).select("platform", "account_id", "post_id", "w")


def posts_filtered(tables: Tables, filters: Filters) -> ir.Table:
    posts = tables.posts
    preds = []
    if filters.platforms:
        preds.append(_in(posts.platform, filters.platforms))
    if filters.accounts:
        preds.append(_in(posts.account_id, filters.accounts))
    if filters.strategies:
        preds.append(_in(posts.strategy, filters.strategies))
    if filters.goals:
        preds.append(_in(posts.goal, filters.goals))
    if filters.campaigns:
        preds.append(_in(posts.campaign, filters.campaigns))
    return posts.filter(*preds) if preds else posts


def post_values(tables: Tables, filters: Filters) -> ir.Table:
    """One row per post, one column per metric: the post's lifetime value of each metric.

    Rules, in order: a lifetime observation wins over daily ones (the largest lifetime
    snapshot, since lifetime counters only grow); without one, daily values are summed for
    additive metrics and maxed for unique ones (a lower bound: the same person can be reached
    on several days). A ``total`` row wins over organic and paid parts; without one, additive
    parts are summed and unique parts maxed (organic and paid audiences overlap).
    """
    return _post_values(tables, filters)


def _post_values(tables: Tables, filters: Filters, *, by_platform: bool = False) -> ir.Table:
    """:func:`post_values`; with ``by_platform``, one row per platform of a post's observations
    (what the rollup keeps: a platform filter then picks rows, as this function's filter picks
    observations, and one row per post shows that no post spans platforms)."""
    pm = tables.post_metrics
    wanted = _POST_ADDITIVE + _POST_UNIQUE
    pm = pm.filter(_in(pm.metric, wanted))
    if filters.platforms:
        pm = pm.filter(_in(pm.platform, filters.platforms))
    if filters.accounts:
        pm = pm.filter(_in(pm.account_id, filters.accounts))
    pm = pm.mutate(paid=pm.paid.fill_null("total"))
    # The one pass over every observation: keep its keys few (uniqueness follows the metric).
    post = ["platform", "account_id", "post_id"] if by_platform else ["account_id", "post_id"]
    by_grain = pm.group_by([*post, "metric", "paid", "grain"]).aggregate(total=pm.value.sum(), largest=pm.value.max())
    by_grain = by_grain.mutate(is_unique=_in(by_grain.metric, _POST_UNIQUE))
    keys = [*post, "metric", "is_unique"]
    lifetime_or_daily = by_grain.mutate(
        v=ibis.cases(
            (by_grain.grain == "lifetime", by_grain.largest),
            (by_grain.is_unique, by_grain.largest),
            else_=by_grain.total,
        ),
        life=by_grain.grain == "lifetime",
    )
    by_paid = lifetime_or_daily.group_by([*keys, "paid"]).aggregate(
        v=ibis.coalesce(
            lifetime_or_daily.v.max(where=lifetime_or_daily.life),
            lifetime_or_daily.v.max(),
        ),
        life=lifetime_or_daily.life.any(),
    )
    not_total = by_paid.paid != "total"
    by_metric = by_paid.group_by(keys).aggregate(
        v=ibis.coalesce(
            by_paid.v.max(where=~not_total),
            ibis.cases(
                (by_paid.is_unique.any(), by_paid.v.max(where=not_total)),
                else_=by_paid.v.sum(where=not_total),
            ),
        ),
        # Lower bound: a unique value derived from daily rows or from organic + paid parts.
        lb=by_paid.is_unique.any() & ~(by_paid.life.all() & (~not_total).any()),
    )
    columns: dict[str, Any] = {m: by_metric.v.max(where=by_metric.metric == m) for m in wanted}
    columns.update({f"{m}_lb": by_metric.lb.any(where=by_metric.metric == m) for m in _POST_UNIQUE})
    values = by_metric.group_by(post).aggregate(**columns)
    return values.mutate(engagements=_engagements_or_their_parts(values))


def _engagements_or_their_parts(values: ir.Table) -> ir.FloatingValue:
    """A post's engagements as its platform counts them; for an export that counts none (an
    Instagram or Pinterest export without an "Engagements" column), the sum of the
    interactions it does count: likes, comments, shares and saves. Unknown when none is known,
    so a post without any interaction column does not read as a post nobody engaged with."""
    parts = [values.likes, values.comments, values.shares, values.saves]
    any_known = ibis.or_(*(part.notnull() for part in parts))
    summed = sum((part.fill_null(0) for part in parts[1:]), parts[0].fill_null(0))
    derived = ibis.ifelse(any_known, summed, ibis.null("float64"))
    return ibis.coalesce(values.engagements, derived).cast("float64")


POST_VALUE_COLUMNS: Final = (*_POST_ADDITIVE, *_POST_UNIQUE, *(f"{m}_lb" for m in _POST_UNIQUE))


def post_cohort(tables: Tables, filters: Filters, days: tuple[dt.date, dt.date] | None = None) -> ir.Table:
    """Every filtered post with its publishing ``day`` and lifetime values (:func:`post_values`).

    ``days`` (first, last) keeps the posts published between them, and reads only their
    observations: a window counts the posts published in it, so windows inside ``days`` get
    the same values as from every post. Worth caching (``.cache()``) when several calls share
    the filters; windows then only group these rows by ``day``.
    """
    posts = posts_published(tables, filters, days)
    if days is not None:
        keys = posts.select("account_id", "post_id")
        pm = tables.post_metrics
        tables = replace(tables, post_metrics=pm.semi_join(keys, ["account_id", "post_id"]))
    return cohort_join(posts, post_values(tables, filters))


def posts_published(tables: Tables, filters: Filters, days: tuple[dt.date, dt.date] | None = None) -> ir.Table:
    """The filtered posts, published between ``days`` (first, last) when given."""
    posts = posts_filtered(tables, filters)
    if days is not None:
        posts = posts.filter(posts.published_at.date().between(*days))
    return posts


def cohort_join(posts: ir.Table, values: ir.Table) -> ir.Table:
    """Posts (with their ``day``) beside their lifetime values; a post without values keeps nulls."""
    posts = posts.select("platform", "account_id", "post_id", day=posts.published_at.date())
    joined = posts.left_join(values.select("account_id", "post_id", *POST_VALUE_COLUMNS), ["account_id", "post_id"])
    return joined.drop(*(c for c in joined.columns if c.endswith("_right")))


def _post_aggregates(
    tables: Tables, windows: Sequence[Period], filters: Filters, cohort: ir.Table | None = None
) -> ir.Table:
    joined = cohort if cohort is not None else post_cohort(tables, filters)
    joined = joined.mutate(w=_window_of(joined.day, windows))
    joined = joined.filter(joined.w.notnull())
    sums = {f"post_{m}": joined[m].sum() for m in _POST_ADDITIVE}
    return joined.group_by("w").aggregate(
        posts=joined.post_id.count(),
        post_reach_mean=joined.reach.mean(),
        post_reach_max=joined.reach.max(),
        post_reach_lb=joined.reach_lb.any(),
        **sums,
    )


def _account_aggregates(tables: Tables, windows: Sequence[Period], filters: Filters) -> ir.Table:
    ad = tables.account_daily
    period_reach = {f"reach_{w.days}d" for w in windows}
    names = ["followers", "followers_gained", "followers_lost", "reach", *sorted(period_reach)]
    ad = ad.filter(_in(ad.metric, tuple(names)))
    if filters.platforms:
        ad = ad.filter(_in(ad.platform, filters.platforms))
    if filters.accounts:
        ad = ad.filter(_in(ad.account_id, filters.accounts))
    # Account rows must be whole-account values: a paid/organic split of followers or reach
    # would double count, so only ``total`` (or unlabelled) rows are read.
    ad = ad.filter(ad.paid.fill_null("total") == "total", ad.date.between(*_span(windows)))
    ad = ad.mutate(w=_window_of(ad.date, windows))
    ad = ad.filter(ad.w.notnull())
    # The platform's own reach for exactly the window: ``reach_<days>d`` on its last day.
    # (Computed from ``w`` rather than joined from an in-memory table: the query's text then
    # holds every date, which lets compiled queries be reused, see ``_QueryTemplates``.)
    window_end, period_metric = _window_ends(ad.w, windows)
    ad = ad.mutate(is_period_reach=(ad.date == window_end) & (ad.metric == period_metric))
    followers = ad.metric == "followers"
    per_account = ad.group_by(["account_id", "w"]).aggregate(
        followers_end=ad.value.argmax(ad.date, where=followers),
        followers_start=ad.value.argmin(ad.date, where=followers),
        followers_gained=ad.value.sum(where=ad.metric == "followers_gained"),
        followers_lost=ad.value.sum(where=ad.metric == "followers_lost"),
        reach_exact=ad.value.max(where=ad.is_period_reach),
        reach_daily_max=ad.value.max(where=ad.metric == "reach"),
    )
    per_account = per_account.mutate(
        reach=ibis.coalesce(per_account.reach_exact, per_account.reach_daily_max),
        reach_is_lb=per_account.reach_exact.isnull() & per_account.reach_daily_max.notnull(),
    )
    return per_account.group_by("w").aggregate(
        followers_end=per_account.followers_end.sum(),
        followers_start=per_account.followers_start.sum(),
        followers_gained=per_account.followers_gained.sum(),
        followers_lost=per_account.followers_lost.sum(),
        # Distinct people across accounts are unknown: the largest account is the safe floor.
        account_reach=per_account.reach.max(),
        account_reach_lb=per_account.reach_is_lb.any() | (per_account.reach.count() > 1),
    )


@dataclass(frozen=True)
class MentionDays:
    """Mentions counted per day and platform, as the store's rollup keeps them.

    ``counts``: day, platform and the counts of :func:`mention_day_counts` (counts add up over
    days and platforms). ``authors``: day, platform and ``author_id`` (an integer per author)
    once for each author of a brand mention that day on that platform: distinct authors of a
    window are counted over these rows, never added up across days or platforms.
    """

    counts: ir.Table
    authors: ir.Table


MENTION_COUNTS: Final = (
    "mentions_all", "mentions_brand", "labelled_brand", "positive_brand", "negative_brand", "positive_all",
)  # fmt: skip


def _mention_counts(mn: ir.Table) -> dict[str, ir.Value]:
    brand = ~mn.is_competitor.fill_null(False)
    # Null-safe conditions: Spark counts ``where=`` as SUM(CAST(cond AS BIGINT)), which is
    # null rather than 0 when every condition in a window is null (all mentions unlabelled).
    label = mn.sentiment_label.fill_null("")
    positive = label == "positive"
    negative = label == "negative"
    return {
        "mentions_all": mn.count(),
        "mentions_brand": mn.count(where=brand),
        "labelled_brand": mn.count(where=brand & mn.sentiment_label.notnull()),
        "positive_brand": mn.count(where=brand & positive),
        "negative_brand": mn.count(where=brand & negative),
        "positive_all": mn.count(where=positive),
    }


def mention_day_counts(mentions: ir.Table) -> ir.Table:
    """The mention counts per publishing day and platform (``MentionDays.counts``)."""
    mn = mentions.mutate(day=mentions.published_at.date())
    return mn.group_by(["day", "platform"]).aggregate(**_mention_counts(mn))


def mention_day_authors(mentions: ir.Table) -> ir.Table:
    """Each author of a brand mention once per day and platform, as an integer (``MentionDays.authors``)."""
    mn = mentions.filter(~mentions.is_competitor.fill_null(False), mentions.author.notnull())
    days = mn.select("platform", "author", day=mn.published_at.date()).distinct()
    days = days.mutate(author_id=ibis.dense_rank().over(order_by=days.author))
    return days.select("day", "platform", "author_id")


def _mention_aggregates(
    tables: Tables, windows: Sequence[Period], filters: Filters, mention_days: MentionDays | None = None
) -> ir.Table:
    if mention_days is not None:
        return _mention_day_aggregates(mention_days, windows, filters)
    mn = tables.mentions
    if filters.platforms:
        mn = mn.filter(_in(mn.platform, filters.platforms))
    first, last = _span(windows)
    since, until = dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    mn = mn.filter(mn.published_at >= since, mn.published_at < until)
    mn = mn.mutate(w=_window_of(mn.published_at.date(), windows))
    mn = mn.filter(mn.w.notnull())
    brand = ~mn.is_competitor.fill_null(False)
    return mn.group_by("w").aggregate(**_mention_counts(mn), authors_brand=mn.author.nunique(where=brand))


def _mention_day_aggregates(mention_days: MentionDays, windows: Sequence[Period], filters: Filters) -> ir.Table:
    """What ``_mention_aggregates`` gives, from the per-day counts and authors."""

    def in_windows(table: ir.Table) -> ir.Table:
        if filters.platforms:
            table = table.filter(_in(table.platform, filters.platforms))
        table = table.filter(table.day.between(*_span(windows)))
        table = table.mutate(w=_window_of(table.day, windows))
        return table.filter(table.w.notnull())

    counts = in_windows(mention_days.counts)
    authors = in_windows(mention_days.authors)
    per_window = counts.group_by("w").aggregate(**{c: counts[c].sum() for c in MENTION_COUNTS})
    distinct = authors.group_by("w").aggregate(authors_brand=authors.author_id.nunique())
    joined = per_window.left_join(distinct, "w").drop("w_right")
    # A window with mentions but none of the brand by a known author has no author rows: 0, as
    # counting them directly gives; a window without mentions stays without a row ("no data").
    return joined.mutate(authors_brand=joined.authors_brand.fill_null(0))


def _web_aggregates(tables: Tables, windows: Sequence[Period], filters: Filters) -> ir.Table:
    web = web_in_windows(social_sessions(tables.web_sessions, filters), windows)
    return web.group_by("w").aggregate(
        sessions=web.sessions.sum(),
        engaged_sessions=web.engaged_sessions.sum(),
        conversions=web.conversions.sum(),
        revenue=web.revenue.sum(),
    )


def web_in_windows(web: ir.Table, windows: Sequence[Period]) -> ir.Table:
    """Web rows with the index ``w`` of the window they fall in; rows in no window dropped.

    A row that totals several days (``days`` > 1) counts only in a window that holds all of
    its days: splitting it evenly would invent a daily pattern the export does not have.
    """
    web = web.filter(web.date.between(*_span(windows)))
    web = web.mutate(w=_window_of(web.date, windows))
    if "days" in web.columns:
        last_day = web.date + (web.days.fill_null(1) - 1).as_interval("D")
        web = web.filter(_window_of(last_day, windows) == web.w)
    return web.filter(web.w.notnull())


def social_sessions(web: ir.Table, filters: Filters) -> ir.Table:
    """Web sessions that came from social media: a social channel group or a known network."""
    web = web.filter(_in(web.channel_group, SOCIAL_CHANNEL_GROUPS) | web.social_platform.notnull())
    if filters.platforms:
        web = web.filter(_in(web.social_platform, filters.platforms))
    return web


_AGGREGATE_GROUPS: Final[dict[str, Callable[[Tables, Sequence[Period], Filters], ir.Table]]] = {
    "posts": _post_aggregates,  # called with the cohort in ``aggregates``
    "accounts": _account_aggregates,
    "mentions": _mention_aggregates,
    "web": _web_aggregates,
}


def aggregates(
    tables: Tables,
    windows: Sequence[Period],
    filters: Filters,
    groups: Collection[str] | None = None,
    *,
    cohort: ir.Table | None = None,
    mention_days: MentionDays | None = None,
) -> ir.Table:
    """One row per window (column ``w`` is the window's index) with the building blocks of the
    named groups (all of them by default), so a query reads only the tables it needs."""
    # Every window gets a row, with data or not (the rows 0..n-1 made by the query itself).
    # (Typed by its bounds: Spark refuses a cast around the generator.)
    first, stop = ibis.literal(0, type="int64"), ibis.literal(len(windows), type="int64")
    frame = ibis.range(first, stop).unnest().name("w").as_table()
    for name, build in _AGGREGATE_GROUPS.items():
        if groups is None or name in groups:
            if name == "posts":
                part = _post_aggregates(tables, windows, filters, cohort)
            elif name == "mentions":
                part = _mention_aggregates(tables, windows, filters, mention_days)
            else:
                part = build(tables, windows, filters)
            frame = frame.left_join(part, "w").drop("w_right")
    return frame


class _ColumnRecorder:
    """Stands in for the aggregate table to learn which columns a metric reads."""

    def __init__(self, table: ir.Table):
        self._table = table
        self.used: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.used.add(name)
        return getattr(self._table, name)


@functools.cache
def _column_owners() -> tuple[dict[str, str], ir.Table]:
    """Which aggregate group makes each column, and an unbound table with all of them.

    Built once on unbound canonical tables: the columns do not depend on data or windows.
    """
    from socialplan.measure.schema import TABLES

    unbound = Tables(**{name: ibis.table(TABLES[name], name=name) for name in Tables.__dataclass_fields__})
    windows = [Period(dt.date(2000, 1, 1), dt.date(2000, 1, 7))]
    owner: dict[str, str] = {}
    schema: dict[str, Any] = {}
    for name, build in _AGGREGATE_GROUPS.items():
        for column, dtype in build(unbound, windows, Filters()).schema().items():
            if column != "w":
                owner[column] = name
                schema[column] = dtype
    return owner, ibis.table(schema, name="aggregates")


def _groups_needed(metric_ids: Collection[str]) -> set[str]:
    """The aggregate groups the given metrics read (found by recording, never by hand)."""
    owner, probe = _column_owners()
    needed: set[str] = set()
    for m in METRICS:
        if m.id in metric_ids and m.compute is not None:
            recorder = _ColumnRecorder(probe)
            m.compute(recorder)
            needed |= {owner[c] for c in recorder.used}
    return needed


# ── step 2: the metrics ────────────────────────────────────────────────────────────────

KAUSHIK = "Kaushik, A. (2011) 'Best social media metrics', Occam's Razor"
GILLIATT = "Gilliatt, N. (2007) the four types of social media measurement, Social Target"
GOEL = "Goel, Anderson, Hofman, Watts (2016) 'The structural virality of online diffusion', Management Science"
GA4 = "Google Analytics 4 default channel groups and engagement definitions"
IAB = "IAB / MRC measurement guidelines (impressions, reach)"


def _z(value: ir.NumericValue) -> ir.NumericValue:
    """Zero for a missing part of a rate whose other part exists (posts but no shares recorded).

    Counts are left null instead: a window with no rows at all is "no data", not zero, since
    nothing tells a quiet week from a week whose export was never imported.
    """
    return value.fill_null(0)


def _per_1000_followers(numerator: ir.NumericValue, t: ir.Table) -> Rate:
    return Rate(_z(numerator), _z(t.posts) * t.followers_end / 1000)


def _def(
    id: str,
    measurement_type: MeasurementTypeId,
    en: str,
    he: str,
    unit: Unit,
    kind: Kind,
    formula: str,
    source: str,
    compute: Callable[[ir.Table], Count | Rate] | None,
    higher_is_better: bool = True,
) -> MetricDef:
    return MetricDef(id, measurement_type, Text(en=en, he=he), unit, kind, formula, source, compute, higher_is_better)


METRICS: Final[tuple[MetricDef, ...]] = (
    # PR / media: social media as media, for its reach to an audience.
    _def("impressions", "pr_media", "Impressions", "חשיפות", "count", "flow",
         "sum of lifetime impressions of the posts published in the period", IAB,
         lambda t: Count(t.post_impressions)),
    _def("reach", "pr_media", "Reach", "טווח הגעה", "count", "level",
         "distinct people reached in the period: the platform's own period value, else the largest "
         "daily value (lower bound); across accounts the largest account (lower bound)", IAB,
         lambda t: Count(t.account_reach, t.account_reach_lb.fill_null(False))),
    _def("post_reach", "pr_media", "Average reach per post", "טווח הגעה ממוצע לפוסט", "count", "level",
         "mean over posts of each post's lifetime reach (never summed)", IAB,
         lambda t: Count(t.post_reach_mean, t.post_reach_lb.fill_null(False))),
    _def("followers", "pr_media", "Followers", "עוקבים", "count", "level",
         "followers at the last observed day of the period (give the plan metric its channel)", KAUSHIK,
         lambda t: Count(t.followers_end)),
    _def("audience_size", "pr_media", "Audience size", "גודל הקהל", "count", "level",
         "followers at the last observed day of the period, added over accounts (follow relations, "
         "not distinct people)", KAUSHIK,
         lambda t: Count(t.followers_end)),
    _def("audience_growth_rate", "pr_media", "Audience growth rate", "קצב גידול הקהל", "percent", "level",
         "(followers at the end − followers at the start) / followers at the start × 100", KAUSHIK,
         lambda t: Rate(t.followers_end - t.followers_start, t.followers_start, 100)),
    _def("share_of_voice", "pr_media", "Share of voice", "נתח קול", "percent", "level",
         "mentions of the brand / mentions of the brand and its competitors × 100", GILLIATT,
         lambda t: Rate(_z(t.mentions_brand), t.mentions_all, 100)),
    _def("earned_media_share", "pr_media", "Earned media share", "נתח המדיה שהורווחה", "percent",
         "level", "mentions of the brand by others / (those mentions + posts the brand published) × 100",
         GILLIATT, lambda t: Rate(_z(t.mentions_brand), _z(t.mentions_brand) + _z(t.posts), 100)),
    # Word of mouth: social media as interactions between people.
    _def("engagement_rate_impressions", "word_of_mouth", "Engagement rate by impressions",
         "שיעור מעורבות לפי חשיפות", "percent", "level",
         "engagements / impressions × 100, over the posts published in the period", KAUSHIK,
         lambda t: Rate(_z(t.post_engagements), t.post_impressions, 100)),
    _def("engagement_rate_reach", "word_of_mouth", "Engagement rate by reach", "שיעור מעורבות לפי טווח הגעה",
         "percent", "level", "engagements of the period's posts / the period's reach (as in reach) × 100; "
         "post reach is never added up to make the denominator", KAUSHIK,
         lambda t: Rate(_z(t.post_engagements), t.account_reach, 100)),
    _def("engagement_rate_followers", "word_of_mouth", "Engagement rate by followers",
         "שיעור מעורבות לפי עוקבים", "percent", "level",
         "engagements of the period's posts / followers at the end of the period × 100", KAUSHIK,
         lambda t: Rate(_z(t.post_engagements), t.followers_end, 100)),
    _def("ctr", "web_analytics", "Click-through rate", "שיעור הקלקה", "percent", "level",
         "link clicks / impressions × 100, over the posts published in the period", IAB,
         lambda t: Rate(_z(t.post_clicks), t.post_impressions, 100)),
    _def("amplification_rate", "word_of_mouth", "Amplification rate", "שיעור הגברה", "ratio", "level",
         "shares / posts", KAUSHIK, lambda t: Rate(_z(t.post_shares), t.posts)),
    _def("conversation_rate", "word_of_mouth", "Conversation rate", "שיעור שיחה", "ratio", "level",
         "comments / posts", KAUSHIK, lambda t: Rate(_z(t.post_comments), t.posts)),
    _def("applause_rate", "word_of_mouth", "Applause rate", "שיעור מחיאות כפיים", "ratio", "level",
         "likes / posts", KAUSHIK, lambda t: Rate(_z(t.post_likes), t.posts)),
    _def("amplification_rate_per_1000", "word_of_mouth", "Amplification per 1,000 followers",
         "הגברה לכל 1,000 עוקבים", "ratio", "level", "shares / (posts × followers / 1,000)", KAUSHIK,
         lambda t: _per_1000_followers(t.post_shares, t)),
    _def("conversation_rate_per_1000", "word_of_mouth", "Conversation per 1,000 followers",
         "שיחה לכל 1,000 עוקבים", "ratio", "level", "comments / (posts × followers / 1,000)", KAUSHIK,
         lambda t: _per_1000_followers(t.post_comments, t)),
    _def("applause_rate_per_1000", "word_of_mouth", "Applause per 1,000 followers",
         "מחיאות כפיים לכל 1,000 עוקבים", "ratio", "level", "likes / (posts × followers / 1,000)", KAUSHIK,
         lambda t: _per_1000_followers(t.post_likes, t)),
    _def("mentions", "word_of_mouth", "Mentions", "אזכורים", "count", "flow",
         "mentions of the brand (not of competitors) published in the period", GILLIATT,
         lambda t: Count(t.mentions_brand)),
    _def("unique_authors", "word_of_mouth", "Unique authors", "כותבים ייחודיים", "count", "level",
         "distinct authors of the brand's mentions in the period", GILLIATT,
         lambda t: Count(t.authors_brand)),
    _def("cascade_size", "word_of_mouth", "Average cascade size", "גודל מפל ממוצע", "count", "level",
         "mean number of nodes (the post and every reply, share and quote that descends from it) "
         "over the posts published in the period", GOEL, None),
    _def("cascade_depth", "word_of_mouth", "Largest cascade depth", "עומק מפל מרבי", "count", "level",
         "the longest chain of replies and shares under a post published in the period", GOEL, None),
    _def("structural_virality", "word_of_mouth", "Structural virality", "ויראליות מבנית", "score", "level",
         "mean over cascades of two nodes or more of the mean distance between all pairs of nodes in "
         "the cascade tree", GOEL, None),
    # Web analytics: people's usage as audience and as customers.
    _def("sessions_from_social", "web_analytics", "Sessions from social", "ביקורים ממדיה חברתית", "count",
         "flow",
         "sessions whose channel group is Organic or Paid Social, or whose source is a known network", GA4,
         lambda t: Count(t.sessions)),
    _def("engaged_session_rate", "web_analytics", "Engaged-session rate", "שיעור ביקורים מעורבים", "percent",
         "level", "engaged sessions / sessions × 100, sessions from social", GA4,
         lambda t: Rate(_z(t.engaged_sessions), t.sessions, 100)),
    _def("conversions", "web_analytics", "Conversions from social", "המרות ממדיה חברתית", "count", "flow",
         "conversions in sessions from social", GA4, lambda t: Count(t.conversions)),
    _def("social_conversion_rate", "web_analytics", "Conversion rate from social", "שיעור המרה",
         "percent", "level",
         "conversions / sessions × 100, sessions from social", KAUSHIK,
         lambda t: Rate(_z(t.conversions), t.sessions, 100)),
    _def("revenue_from_social", "web_analytics", "Revenue from social", "הכנסות ממדיה חברתית", "currency",
         "flow",
         "revenue recorded in sessions from social", GA4, lambda t: Count(t.revenue)),
    _def("economic_value", "web_analytics", "Economic value", "ערך כלכלי", "currency", "flow",
         "revenue + conversions × the value the plan gives one conversion", KAUSHIK, None),
    # Opinion research: online opinion as a focus group (scores filled by the opinion package).
    _def("net_sentiment", "opinion_research", "Net sentiment", "סנטימנט נטו", "score", "level",
         "(positive − negative mentions of the brand) / (positive + negative) × 100", GILLIATT,
         lambda t: Rate(_z(t.positive_brand) - _z(t.negative_brand),
                        _z(t.positive_brand) + _z(t.negative_brand), 100)),
    _def("share_of_positive_voice", "opinion_research", "Share of positive voice", "נתח הקול החיובי",
         "percent", "level", "positive mentions of the brand / positive mentions of the brand and its "
         "competitors × 100", GILLIATT,
         lambda t: Rate(_z(t.positive_brand), t.positive_all, 100)),
    _def("positive_mention_rate", "opinion_research", "Positive mention rate", "שיעור אזכורים חיוביים",
         "percent", "level",
         "positive mentions of the brand / mentions of the brand with a sentiment label × 100",
         GILLIATT, lambda t: Rate(_z(t.positive_brand), t.labelled_brand, 100)),
    _def("negative_mention_rate", "opinion_research", "Negative mention rate", "שיעור אזכורים שליליים",
         "percent", "level",
         "negative mentions of the brand / mentions of the brand with a sentiment label × 100",
         GILLIATT, lambda t: Rate(_z(t.negative_brand), t.labelled_brand, 100), higher_is_better=False),
)  # fmt: skip

METRIC_BY_ID: Final[dict[str, MetricDef]] = {m.id: m for m in METRICS}


def metric_def(metric_id: str) -> MetricDef:
    try:
        return METRIC_BY_ID[metric_id]
    except KeyError:
        known = ", ".join(sorted(METRIC_BY_ID))
        raise KeyError(f"unknown metric {metric_id!r}; known metrics: {known}") from None


def metric_expressions(table: ir.Table, metric_ids: Collection[str] | None = None) -> tuple[ir.Table, dict[str, float]]:
    """The wide aggregate table turned into one column per metric part.

    Columns: ``<id>`` (counts), ``<id>__lb`` (lower-bound flag), ``<id>__num`` and ``<id>__den``
    (rates). The value of a rate is computed in Python from its parts, so a zero denominator
    gives "no value" on every backend alike instead of a backend-specific inf or null.
    """
    columns: dict[str, Any] = {"w": table.w}
    scales: dict[str, float] = {}
    for m in _ibis_metrics(metric_ids):
        result = m.compute(table)  # type: ignore[misc]
        if isinstance(result, Rate):
            columns[f"{m.id}__num"] = result.numerator.cast("float64")
            columns[f"{m.id}__den"] = result.denominator.cast("float64")
            scales[m.id] = result.scale
        else:
            columns[m.id] = result.value.cast("float64")
            lb = result.lower_bound
            columns[f"{m.id}__lb"] = lb if not isinstance(lb, bool) else ibis.literal(lb)
    return table.select(**columns).order_by("w"), scales


def _ibis_metrics(metric_ids: Collection[str] | None) -> list[MetricDef]:
    return [m for m in METRICS if m.compute is not None and (metric_ids is None or m.id in metric_ids)]


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if number != number else number  # NaN is how pandas spells a SQL null


def _row_values(
    row: dict[str, Any], scales: dict[str, float], metric_ids: Collection[str] | None
) -> dict[str, MetricValue]:
    out: dict[str, MetricValue] = {}
    for m in _ibis_metrics(metric_ids):
        if m.id in scales:
            num, den = _number(row[f"{m.id}__num"]), _number(row[f"{m.id}__den"])
            value = None if num is None or not den else num / den * scales[m.id]
            out[m.id] = MetricValue(value, num, den)
        else:
            lb = row[f"{m.id}__lb"]
            out[m.id] = MetricValue(_number(row[m.id]), lower_bound=bool(lb) if lb is not None else False)
    return out


CASCADE_METRICS: Final = frozenset({"cascade_size", "cascade_depth", "structural_virality"})


def metrics_compute(
    tables: Tables,
    windows: Sequence[Period],
    filters: Filters | None = None,
    *,
    metrics: Collection[str] | None = None,
    conversion_value: float = 0.0,
    cascades: CascadeStats | None = None,
    cohort: ir.Table | None = None,
    cohort_shape: CohortShape | None = None,
    mention_days: MentionDays | None = None,
) -> list[dict[str, MetricValue]]:
    """The metrics (all by default) for every window: one query, plus one for cascades.

    Asking for fewer metrics reads fewer tables: a goal on followers never scans posts.
    ``cascades`` (from :func:`socialplan.measure.wom.cascade_stats` with the same filters)
    lets several calls share one walk of the cascade trees, and ``cohort`` (from
    :func:`post_cohort` with the same filters, cached) one read of the post observations.
    ``cohort_shape`` says how ``cohort`` was made, so the compiled query can be reused for
    other periods (see :class:`_QueryTemplates`); without it a given cohort is compiled anew.
    ``mention_days`` (the store rollup's, fresh) answers the mention metrics from per-day rows.
    """
    from socialplan.measure.wom import cascade_stats, cascade_window_metrics  # wom imports this module

    filters = filters or Filters()
    if not windows:
        return []
    wanted = set(metrics) if metrics is not None else set(METRIC_BY_ID)
    unknown = wanted - set(METRIC_BY_ID)
    if unknown:
        metric_def(sorted(unknown)[0])  # raises with the list of known metrics
    if "economic_value" in wanted:
        wanted |= {"conversions", "revenue_from_social"}
    groups = _groups_needed(wanted)
    results: list[dict[str, MetricValue]] = [{} for _ in windows]
    if groups:

        def build() -> tuple[ir.Table, dict[str, float]]:
            frame = aggregates(tables, windows, filters, groups, cohort=cohort, mention_days=mention_days)
            return metric_expressions(frame, wanted)

        rows, scales = _QUERIES.run(tables, windows, filters, wanted, cohort, cohort_shape, mention_days, build)
        for i, row in enumerate(rows):
            results[i] = _row_values(row, scales, wanted)
    if "economic_value" in wanted:
        for values in results:
            conversions, revenue = values["conversions"].value, values["revenue_from_social"].value
            economic = None
            if conversions is not None or revenue is not None:
                economic = (revenue or 0.0) + (conversions or 0.0) * conversion_value
            values["economic_value"] = MetricValue(economic)
    if wanted & CASCADE_METRICS:
        stats = cascades if cascades is not None else cascade_stats(tables, filters)
        for i, values in enumerate(cascade_window_metrics(stats, windows)):
            results[i].update({k: v for k, v in values.items() if k in wanted})
    return results


# ── compiled queries, reused for other periods ─────────────────────────────────────────


@dataclass(frozen=True)
class CohortShape:
    """How a cohort table given to :func:`metrics_compute` was made, up to its dates.

    ``source`` names the way it was built (the same source with the same filters gives the
    same expression); ``days`` are the first and last publishing days it holds (None: all).
    """

    source: str
    days: tuple[dt.date, dt.date] | None


# Date literals as Ibis writes them for DuckDB; a timestamp only at midnight (the engine's
# only timestamps are day bounds). Quoted text (string literals, identifiers) is never touched.
_DATE_LITERAL: Final = re.compile(r"MAKE_DATE\((\d+), (\d+), (\d+)\)")
_MIDNIGHT_LITERAL: Final = re.compile(r"MAKE_TIMESTAMP\((\d+), (\d+), (\d+), 0, 0, 0\.0\)")
_QUOTED: Final = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")
_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
# The schema of the store's per-post rollup (``socialplan.measure.rollup``): its tables, like the
# canonical ones, are named the same in every store file.
ROLLUP_SCHEMA: Final = "socialplan_rollup"


def _unquoted_parts(sql: str) -> list[tuple[str, bool]]:
    """The SQL cut into (text, quoted) pieces."""
    pieces = _QUOTED.split(sql)
    return [(piece, i % 2 == 1) for i, piece in enumerate(pieces)]


def sql_dates(sql: str) -> set[dt.date] | None:
    """Every date literal of a DuckDB query outside quotes; None when the query holds a date
    in another form (a string, a timestamp that is not midnight) that shifting would miss."""
    found: set[dt.date] = set()
    for text, quoted in _unquoted_parts(sql):
        if quoted:
            if _ISO_DAY.search(text):
                return None
            continue
        dates = _DATE_LITERAL.findall(text)
        midnights = _MIDNIGHT_LITERAL.findall(text)
        if len(dates) != text.count("MAKE_DATE(") or len(midnights) != text.count("MAKE_TIMESTAMP("):
            return None
        found.update(dt.date(int(y), int(m), int(d)) for y, m, d in (*dates, *midnights))
    return found


def sql_shift(sql: str, days: int) -> str:
    """The query with every date literal (outside quotes) moved by ``days`` days."""
    step = dt.timedelta(days=days)

    def moved(match: re.Match[str]) -> str:
        day = dt.date(int(match[1]), int(match[2]), int(match[3])) + step
        return match[0].replace(f"({match[1]}, {match[2]}, {match[3]}", f"({day.year}, {day.month}, {day.day}", 1)

    out = []
    for text, quoted in _unquoted_parts(sql):
        if not quoted:
            text = _MIDNIGHT_LITERAL.sub(moved, _DATE_LITERAL.sub(moved, text))
        out.append(text)
    return "".join(out)


@dataclass(frozen=True)
class _Template:
    sql: str
    anchor: dt.date
    scales: dict[str, float]


class _QueryTemplates:
    """The compiled SQL of each shape of question, reused for the same question about other days.

    Why: Ibis builds and compiles the engine's query (tens of joins and aggregates) in about as
    long as DuckDB runs it, and a dashboard asks the same question for every period a person
    picks. Two questions differ only in their dates when every date comes from the windows or
    the cohort's days and these stand in the same relation to the first window's start (the
    key holds them relative to it, with the filters, metrics and the schemas read). The SQL of
    one is then the SQL of the other with each date literal moved by the same number of days.

    Kept safe by refusing what the key cannot describe: backends other than DuckDB, tables that
    are not plain store tables (a narrowed table, an in-memory or cached one: its content is not
    in the key), and a query holding a date that is not one of the question's own.
    """

    def __init__(self, size: int = 128):
        self._size = size
        self._templates: OrderedDict[Hashable, _Template] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._templates)

    def run(
        self,
        tables: Tables,
        windows: Sequence[Period],
        filters: Filters,
        wanted: Collection[str],
        cohort: ir.Table | None,
        cohort_shape: CohortShape | None,
        mention_days: MentionDays | None,
        build: Callable[[], tuple[ir.Table, dict[str, float]]],
    ) -> tuple[list[dict[str, Any]], dict[str, float]]:
        """The rows of the question's query (one per window, in order) and the rates' scales."""
        key = self._key(tables, windows, filters, wanted, cohort, cohort_shape, mention_days)
        if key is None:
            expression, scales = build()
            return expression.to_pyarrow().to_pylist(), scales
        anchor = min(w.start for w in windows)
        backend = ibis.get_backend(tables.posts)
        with self._lock:
            template = self._templates.get(key)
            if template is not None:
                self._templates.move_to_end(key)
        if template is not None:
            sql = sql_shift(template.sql, (anchor - template.anchor).days)
            return backend.con.execute(sql).to_arrow_table().to_pylist(), template.scales
        expression, scales = build()
        if not _store_tables_only(expression.op().find(ops.PhysicalTable)):
            return expression.to_pyarrow().to_pylist(), scales
        sql = backend.compile(expression)
        if self._own_dates(sql, windows, cohort_shape):
            with self._lock:
                self._templates[key] = _Template(sql, anchor, scales)
                while len(self._templates) > self._size:
                    self._templates.popitem(last=False)
        # Run as a reused template will be (it reads store tables only: nothing to register).
        return backend.con.execute(sql).to_arrow_table().to_pylist(), scales

    @staticmethod
    def _key(
        tables: Tables,
        windows: Sequence[Period],
        filters: Filters,
        wanted: Collection[str],
        cohort: ir.Table | None,
        cohort_shape: CohortShape | None,
        mention_days: MentionDays | None,
    ) -> Hashable | None:
        if cohort is not None and cohort_shape is None:
            return None
        read: list[Hashable] = []
        for name in Tables.__dataclass_fields__:
            op = getattr(tables, name).op()
            if not isinstance(op, ops.DatabaseTable) or op.name != name or op.namespace.database is not None:
                return None
            read.append((name, op.schema))
        if ibis.get_backend(tables.posts).name != "duckdb":
            return None
        given = [cohort] if cohort is not None else []
        if mention_days is not None:
            given += [mention_days.counts, mention_days.authors]
        physical = [table for expression in given for table in expression.op().find(ops.PhysicalTable)]
        if not _store_tables_only(physical):
            return None
        sources = tuple(sorted({(t.namespace.database or "", t.name, t.schema) for t in physical}, key=str))
        anchor = min(w.start for w in windows)
        shape = tuple(((w.start - anchor).days, w.days) for w in windows)
        cohort_key: Hashable = None
        if cohort_shape is not None:
            days = cohort_shape.days
            relative = None if days is None else ((days[0] - anchor).days, (days[1] - anchor).days)
            cohort_key = (cohort_shape.source, relative)
        return (tuple(read), shape, filters, tuple(sorted(wanted)), cohort_key, mention_days is not None, sources)

    @staticmethod
    def _own_dates(sql: str, windows: Sequence[Period], cohort_shape: CohortShape | None) -> bool:
        """Whether every date of the query is one of the question's (a window's or the cohort's)."""
        own = {day for w in windows for day in (w.start, w.end)}
        if cohort_shape is not None and cohort_shape.days is not None:
            own |= set(cohort_shape.days)
        own |= {day + dt.timedelta(days=1) for day in own}  # a day's end, as the next midnight
        dates = sql_dates(sql)
        return dates is not None and dates <= own


def _store_tables_only(tables: Sequence[ops.Node]) -> bool:
    """Whether these are tables of the store itself, named the same in every store file (not an
    in-memory table, a query, or a table cached for one process: their content is no name)."""
    for table in tables:
        if not isinstance(table, ops.DatabaseTable) or table.name.startswith("ibis_"):
            return False
        if table.namespace.database not in (None, ROLLUP_SCHEMA) or table.namespace.catalog is not None:
            return False
    return True


_QUERIES: Final = _QueryTemplates()
