"""The engine's compiled queries reused for other days: the SQL of a fresh compile, the same numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from socialplan.measure import metrics
from socialplan.measure.metrics import (
    METRIC_BY_ID,
    Filters,
    MetricValue,
    Period,
    Tables,
    _groups_needed,
    _QueryTemplates,
    aggregates,
    metric_expressions,
    metrics_compute,
    sql_dates,
    sql_shift,
)
from socialplan.measure.rollup import PostReads, post_rollup

CURRENT = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))


def _report(period: Period) -> list[Period]:
    return [period, period.previous(), period.previous().previous()]


def _periods(period: Period) -> list[Period]:  # the dashboard's: eight periods of one length
    out = [period]
    while len(out) < 8:
        out.append(out[-1].previous())
    return out[::-1]


def _weeks(period: Period) -> list[Period]:  # a goal's weeks, the last one cut short
    return Period(period.start - dt.timedelta(days=7), period.end + dt.timedelta(days=3)).weeks()


SHAPES = {"report": _report, "periods": _periods, "weeks": _weeks}
FILTERS = (Filters(), Filters(platforms=("instagram",)), Filters(strategies=("education",), goals=("g1",)))
SHIFTS = (-7, -3, 30, 366)


def _moved(period: Period, days: int) -> Period:
    step = dt.timedelta(days=days)
    return Period(period.start + step, period.end + step)


def _flat(results: list[dict[str, MetricValue]]) -> list[dict[str, tuple[Any, ...]]]:
    return [{k: (v.value, v.numerator, v.denominator, v.lower_bound) for k, v in w.items()} for w in results]


def _ask(tables: Tables, windows: Sequence[Period], filters: Filters, rollup: Any) -> list[dict[str, MetricValue]]:
    span = (min(w.start for w in windows), max(w.end for w in windows))
    reads = PostReads(tables, filters, span, rollup)
    return metrics_compute(
        tables, windows, filters, cohort=reads.cohort(), cohort_shape=reads.shape(), mention_days=rollup.mention_days
    )


def _sql(tables: Tables, windows: Sequence[Period], filters: Filters, rollup: Any) -> str:
    span = (min(w.start for w in windows), max(w.end for w in windows))
    cohort = PostReads(tables, filters, span, rollup).cohort()
    groups = _groups_needed(set(METRIC_BY_ID))
    frame = aggregates(tables, windows, filters, groups, cohort=cohort, mention_days=rollup.mention_days)
    expression, _ = metric_expressions(frame, set(METRIC_BY_ID))
    return str(tables.posts.get_backend().compile(expression))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_shifted_sql_is_the_sql_of_the_shifted_question(backend_factory: Any, shape: str, filters: Filters) -> None:
    tables = Tables.from_backend(backend_factory("duckdb"))
    rollup = post_rollup(tables)
    windows = SHAPES[shape](CURRENT)
    sql = _sql(tables, windows, filters, rollup)
    assert sql_dates(sql), "the query holds its dates as literals"
    for days in SHIFTS:
        moved = [_moved(w, days) for w in windows]
        assert sql_shift(sql, days) == _sql(tables, moved, filters, rollup)


@pytest.mark.parametrize("shape", SHAPES)
def test_reused_queries_give_the_numbers_of_fresh_ones(
    backend_factory: Any, monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    tables = Tables.from_backend(backend_factory("duckdb"))
    rollup = post_rollup(tables)
    reused, fresh = _QueryTemplates(), _QueryTemplates(size=0)
    for filters in FILTERS:
        for days in (0, *SHIFTS):
            windows = [_moved(w, days) for w in SHAPES[shape](CURRENT)]
            monkeypatch.setattr(metrics, "_QUERIES", reused)
            answer = _ask(tables, windows, filters, rollup)
            monkeypatch.setattr(metrics, "_QUERIES", fresh)
            assert _flat(answer) == _flat(_ask(tables, windows, filters, rollup)), (filters, days)
    assert len(reused) == len(FILTERS), "one compiled query per filter set, reused for every shift"
    assert len(fresh) == 0


def test_a_query_is_reused_across_store_files(backend_factory: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = _QueryTemplates()
    monkeypatch.setattr(metrics, "_QUERIES", templates)
    first = Tables.from_backend(backend_factory("duckdb"))
    second = Tables.from_backend(backend_factory("duckdb"))
    windows = _report(CURRENT)
    _ask(first, windows, Filters(), post_rollup(first))
    answer = _ask(second, windows, Filters(), post_rollup(second))
    assert len(templates) == 1
    monkeypatch.setattr(metrics, "_QUERIES", _QueryTemplates(size=0))
    assert _flat(answer) == _flat(metrics_compute(second, windows))


def test_tables_that_are_not_the_store_s_are_never_reused(
    backend_factory: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = _QueryTemplates()
    monkeypatch.setattr(metrics, "_QUERIES", templates)
    tables = Tables.from_backend(backend_factory("duckdb"))
    # A narrowed table: its filter is not in the question's key.
    narrowed = Tables(**{**tables.__dict__, "posts": tables.posts.filter(tables.posts.platform == "x")})
    metrics_compute(narrowed, _report(CURRENT))
    # A cohort cached for this process (the canonical path of PostReads).
    reads = PostReads(tables, Filters(), (dt.date(2026, 2, 1), dt.date(2026, 3, 31)), None)
    metrics_compute(tables, _report(CURRENT), cohort=reads.cohort(), cohort_shape=reads.shape())
    # A cohort without its shape.
    metrics_compute(tables, _report(CURRENT), cohort=reads.cohort())
    reads.release()
    assert len(templates) == 0
    # The store's own tables are.
    metrics_compute(tables, _report(CURRENT))
    assert len(templates) == 1


def test_shifting_leaves_quoted_text_alone() -> None:
    sql = (
        "SELECT MAKE_DATE(2026, 2, 28) AS d, 'MAKE_DATE(2026, 2, 28)' AS s, "
        'MAKE_TIMESTAMP(2026, 3, 1, 0, 0, 0.0) AS t, "MAKE_DATE(2026, 2, 28)" AS x'
    )
    assert sql_shift(sql, 1) == (
        "SELECT MAKE_DATE(2026, 3, 1) AS d, 'MAKE_DATE(2026, 2, 28)' AS s, "
        'MAKE_TIMESTAMP(2026, 3, 2, 0, 0, 0.0) AS t, "MAKE_DATE(2026, 2, 28)" AS x'
    )
    assert sql_dates(sql) == {dt.date(2026, 2, 28), dt.date(2026, 3, 1)}


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM t WHERE d > '2026-03-01'",  # a date as text would not move
        "SELECT MAKE_TIMESTAMP(2026, 3, 1, 12, 0, 0.0)",  # neither would a time of day
        "SELECT MAKE_DATE(2026, 3, x)",  # nor a date made from columns
    ],
)
def test_a_query_with_dates_it_cannot_move_is_not_a_template(sql: str) -> None:
    assert sql_dates(sql) is None


@pytest.mark.parametrize("start", [dt.date(2026, 2, 15), dt.date(2026, 2, 22), dt.date(2026, 2, 17)])
def test_each_week_of_a_series_equals_the_week_asked_alone(backend_factory: Any, start: dt.date) -> None:
    # A series (four weeks or more, the last cut short) places rows and period reach by arithmetic,
    # a lone window by its dates: the platform's own weekly reach (reach_7d on 2026-03-07) must be
    # found the same way in both.
    tables = Tables.from_backend(backend_factory("duckdb"))
    weeks = Period(start, dt.date(2026, 3, 19)).weeks()
    assert len(weeks) >= 4
    series = metrics_compute(tables, weeks, metrics=["reach", "followers", "impressions", "mentions"])
    alone = [metrics_compute(tables, [week], metrics=["reach", "followers", "impressions", "mentions"])[0]
             for week in weeks]  # fmt: skip
    assert _flat(series) == _flat(alone)
    exact = [w for w, values in zip(weeks, series, strict=True) if values["reach"].value == 1500]
    aligned = (dt.date(2026, 3, 1) - start).days % 7 == 0  # 2026-03-01..07 is one of the weeks
    assert exact == ([Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))] if aligned else [])
