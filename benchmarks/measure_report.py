"""Measurement report benchmark: the full report next to a pandas baseline and a raw DuckDB scan.

    python benchmarks/measure_report.py [--posts 100000] [--mentions 1000000] [--edges 2000000]

One run, one process, on synthetic data (``benchmarks/synthetic.py``: 12 channels, a year,
heavy-tailed engagement; by default 10 M daily post-metric rows, 1 M mentions, 2 M edges):

1. import: the rows go through ``AnalyticsStore.write`` (one batch per 1 M rows, as one export
   file each) into a DuckDB file; rows per second of the store's write path (parsing files is
   the importers' benchmark). Then the refresh of the store's per-post rollup
   (``socialplan.measure.rollup``), which ``measure import`` and the web app's import task run
   once after the files are stored; the import rate is printed with and without it;
2. report: ``measurement_report`` for the whole year (all four measurement types for the year,
   the previous year and the one before, cascades, equity, weekly goal series), reading the
   fresh rollup as after an import; that time is compared with the targets. The same report
   from the canonical tables alone (a store whose rollup is stale: written by other tools)
   and the rollup's build are timed beside it;
3. pandas: the same numbers computed by a straightforward pandas implementation, frames
   already in memory (loading them is timed apart and not counted);
4. floor: one raw DuckDB SQL scan that reads every column the report reads, once.

Prints seconds, the ratios (targets: report >= 3x faster than pandas, <= 5x the raw scan,
import >= 1 M rows/s) and peak resident memory of each phase (target < 2 GB), measured by
resetting the kernel's high-water mark between phases (Linux ``/proc/self/clear_refs``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from socialplan.measure.importers.base import ImportBatch
from socialplan.measure.metrics import Period, Tables
from socialplan.measure.report import MeasurementReport, measurement_report
from socialplan.measure.rollup import SCHEMA as ROLLUP_SCHEMA
from socialplan.measure.rollup import post_rollup
from socialplan.measure.store import AnalyticsStore, stored_name
from socialplan.plan.model import Plan
from synthetic import Synthetic, SyntheticSpec

T = TypeVar("T")
GB = 1024**3


def _reset_peak() -> None:
    # Not Linux: the peak then covers the run so far.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _phase(label: str, work: Callable[[], T]) -> tuple[T, float, int]:
    _reset_peak()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    peak = _peak_bytes()
    print(f"  {label:<34} {seconds:8.2f} s   peak {peak / GB:5.2f} GB", flush=True)
    return result, seconds, peak


def _batch(name: str, table: pa.Table, label: str) -> ImportBatch:
    """The table as an importer hands a parsed file to the store: text columns Arrow-backed (as
    every importer's are), dates and times as pandas datetimes."""
    frame = table.drop(["import_id"]).to_pandas(types_mapper={pa.string(): pd.ArrowDtype(pa.string())}.get)
    for column, dtype in zip(table.schema.names, table.schema.types, strict=True):
        if column == "import_id":
            continue
        if pa.types.is_date(dtype):
            frame[column] = pd.to_datetime(frame[column])
        elif pa.types.is_timestamp(dtype):
            frame[column] = pd.to_datetime(frame[column]).dt.tz_localize("UTC")
        elif pa.types.is_integer(dtype):
            frame[column] = frame[column].astype("Int64")
        elif pa.types.is_boolean(dtype):
            frame[column] = frame[column].astype("boolean")
    digest = hashlib.sha256(label.encode()).hexdigest()
    return ImportBatch(format="synthetic", source=label, sha256=digest, tables={name: frame}, rows_read=len(frame))


def import_all(store: AnalyticsStore, synthetic: Synthetic) -> tuple[int, float]:
    """Write every table through the store; the seconds count the store's writes only."""
    rows, seconds = 0, 0.0
    chunks: list[tuple[str, pa.Table]] = [("posts", synthetic.posts())]
    chunks += [("account_daily", synthetic.account_daily()), ("web_sessions", synthetic.web_sessions())]
    tables = iter(chunks)
    generators = (
        ("post_metrics", synthetic.post_metrics()),
        ("mentions", iter([synthetic.mentions()])),
        ("interaction_edges", iter([synthetic.interaction_edges()])),
    )
    for i, (name, table) in enumerate(_all_chunks(tables, generators)):
        batch = _batch(name, table, f"synthetic-{name}-{i}")
        started = time.perf_counter()
        result = store.write(batch)
        seconds += time.perf_counter() - started
        if result.status != "imported":
            raise RuntimeError(f"{batch.source}: {result.status} {result.error}")
        rows += table.num_rows
    return rows, seconds


def _all_chunks(first: Any, generators: Any) -> Any:
    yield from first
    for name, chunks in generators:
        for chunk in chunks:
            for start in range(0, chunk.num_rows, 1_000_000):
                yield name, chunk.slice(start, 1_000_000)


def benchmark_plan() -> Plan:
    """A plan with goals on three measurement types and a default equity map."""
    return Plan.model_validate(
        {
            "business": {"name": "Synthetic brand"},
            "metrics": [
                {"id": "audience", "definition": "audience_size", "measurement_type": "pr_media"},
                {"id": "amplification", "definition": "amplification_rate", "measurement_type": "word_of_mouth",
                 "target": 5},
                {"id": "sales", "definition": "conversions", "measurement_type": "web_analytics"},
                {"id": "sov", "definition": "share_of_voice", "measurement_type": "pr_media", "target": 75},
            ],
            "goals": [
                {"id": "grow", "title": "Grow the audience",
                 "target": {"metric": "audience", "value": 900_000, "deadline": "2026-06-30"}},
                {"id": "spread", "title": "Be shared",
                 "target": {"metric": "amplification", "value": 5, "deadline": "2026-06-30"}},
                {"id": "sell", "title": "Sell", "target": {"metric": "sales", "value": 500_000,
                                                            "deadline": "2026-06-30"}},
            ],
        }
    )  # fmt: skip


# ── the pandas baseline ────────────────────────────────────────────────────────────────


def load_frames(con: Any) -> dict[str, pd.DataFrame]:
    names = ("posts", "post_metrics", "account_daily", "web_sessions", "mentions", "interaction_edges")
    return {name: con.table(name).to_pyarrow().to_pandas() for name in names}


def _window_index(days: pd.Series, windows: list[Period]) -> pd.Series:
    out = pd.Series(np.nan, index=days.index)
    for i, w in enumerate(windows):
        out[(days >= pd.Timestamp(w.start)) & (days <= pd.Timestamp(w.end))] = i
    return out


def pandas_metrics(frames: dict[str, pd.DataFrame], windows: list[Period]) -> pd.DataFrame:
    """The report's building blocks per window, the way an analyst would write them in pandas."""
    posts = frames["posts"].copy()
    posts["w"] = _window_index(posts.published_at.dt.normalize(), windows)
    posts = posts.dropna(subset=["w"])
    pm = frames["post_metrics"]
    pm = pm[pm.metric.isin(["impressions", "reach", "engagements", "likes", "comments", "shares", "clicks"])]
    # The rules the synthetic data exercises: daily rows, summed per post, reach maxed (unique).
    per_post = pm.groupby(["account_id", "post_id", "metric"]).value.agg(["sum", "max"]).reset_index()
    per_post["v"] = np.where(per_post.metric == "reach", per_post["max"], per_post["sum"])
    wide = per_post.pivot(index=["account_id", "post_id"], columns="metric", values="v").reset_index()
    joined = posts.merge(wide, on=["account_id", "post_id"], how="left")
    agg = joined.groupby("w").agg(
        posts=("post_id", "count"),
        post_impressions=("impressions", "sum"),
        post_likes=("likes", "sum"),
        post_comments=("comments", "sum"),
        post_shares=("shares", "sum"),
        post_reach_mean=("reach", "mean"),
    )
    ad = frames["account_daily"]
    ad = ad[(ad.paid.fillna("total") == "total")].copy()
    ad["w"] = _window_index(pd.to_datetime(ad.date), windows)
    ad = ad.dropna(subset=["w"])
    followers = ad[ad.metric == "followers"].sort_values("date")
    per_account = followers.groupby(["w", "account_id"]).value.agg(["first", "last"])
    per_account["reach"] = ad[ad.metric == "reach"].groupby(["w", "account_id"]).value.max()
    accounts = per_account.groupby("w").agg(
        followers_start=("first", "sum"), followers_end=("last", "sum"), account_reach=("reach", "max")
    )
    mn = frames["mentions"].copy()
    mn["w"] = _window_index(mn.published_at.dt.normalize(), windows)
    mn = mn.dropna(subset=["w"])
    mn["brand"] = ~mn.is_competitor.fillna(False).astype(bool)
    brand = mn[mn.brand]
    mentions = pd.DataFrame(
        {
            "mentions_all": mn.groupby("w").size(),
            "mentions_brand": brand.groupby("w").size(),
            "authors_brand": brand.groupby("w").author.nunique(),
            "positive_brand": brand[brand.sentiment_label == "positive"].groupby("w").size(),
            "negative_brand": brand[brand.sentiment_label == "negative"].groupby("w").size(),
            "positive_all": mn[mn.sentiment_label == "positive"].groupby("w").size(),
        }
    )
    web = frames["web_sessions"]
    web = web[web.channel_group.isin(["Organic Social", "Paid Social"]) | web.social_platform.notna()].copy()
    web["w"] = _window_index(pd.to_datetime(web.date), windows)
    web = web.dropna(subset=["w"])
    sessions = web.groupby("w")[["sessions", "engaged_sessions", "conversions", "revenue"]].sum()
    out = agg.join([accounts, mentions, sessions], how="outer")
    cascades = pandas_cascades(frames, posts)
    return out.join(cascades, how="left")


def pandas_cascades(frames: dict[str, pd.DataFrame], posts: pd.DataFrame) -> pd.DataFrame:
    """Cascade size, depth and structural virality per window by repeated merges (no NumPy tricks)."""
    edges = frames["interaction_edges"]
    edges = edges[edges.kind.isin(["reply", "share", "quote"])]
    edges = edges.sort_values("created_at").drop_duplicates(["platform", "source_id"], keep="first")
    codes, _ = pd.factorize(
        pd.concat([posts.platform + ":" + posts.post_id, edges.platform + ":" + edges.source_id,
                   edges.platform + ":" + edges.target_id], ignore_index=True)
    )  # fmt: skip
    n_posts, n_edges = len(posts), len(edges)
    parent = pd.DataFrame({"node": codes[n_posts : n_posts + n_edges], "ancestor": codes[n_posts + n_edges :]})
    parent["dist"] = 1
    # ancestor closure: every (node, ancestor, distance) pair, one level more per merge
    closure, frontier = [parent], parent
    while not frontier.empty:
        step = frontier.merge(parent, left_on="ancestor", right_on="node", suffixes=("", "_up"))
        frontier = pd.DataFrame({"node": step.node, "ancestor": step.ancestor_up, "dist": step.dist + step.dist_up})
        closure.append(frontier)
    pairs = pd.concat(closure, ignore_index=True)
    below = pairs.groupby("ancestor").size().rename("below")  # descendants of each node
    depth = pairs.groupby("ancestor").dist.max().rename("depth")
    post_frame = pd.DataFrame({"node": codes[:n_posts], "w": posts.w.values})
    post_frame["size"] = post_frame.node.map(below).fillna(0) + 1
    post_frame["depth"] = post_frame.node.map(depth).fillna(0)
    # Wiener index of each post's tree: every node v under the root adds s(v) x (n - s(v))
    under_root = pairs[pairs.ancestor.isin(post_frame.node)][["node", "ancestor"]]
    under_root = under_root.assign(s=under_root.node.map(below).fillna(0) + 1)
    under_root = under_root.merge(post_frame[["node", "size"]].rename(columns={"node": "ancestor"}), on="ancestor")
    under_root["term"] = under_root.s * (under_root["size"] - under_root.s)
    wiener = under_root.groupby("ancestor").term.sum()
    post_frame["wiener"] = post_frame.node.map(wiener).fillna(0)
    multi = post_frame[post_frame["size"] >= 2]
    virality = (multi.wiener / (multi["size"] * (multi["size"] - 1) / 2)).groupby(multi.w).mean()
    return pd.DataFrame(
        {
            "cascade_size": post_frame.groupby("w")["size"].mean(),
            "cascade_depth": post_frame.groupby("w").depth.max(),
            "structural_virality": virality,
        }
    )


def pandas_report(frames: dict[str, pd.DataFrame], period: Period) -> pd.DataFrame:
    previous = period.previous()
    main = pandas_metrics(frames, [period, previous, previous.previous()])
    pandas_metrics(frames, period.weeks())  # the goals' weekly series (the baseline computes everything)
    return main


# ── the floor ──────────────────────────────────────────────────────────────────────────


def raw_scan(con: Any) -> list[Any]:
    """Read every column the report reads, once, with the cheapest aggregate DuckDB offers.

    The long tables are read as stored, their repeated text as integer codes (cheaper than the
    canonical views the report reads), so the floor is the lowest a reader could pay."""
    queries = (
        "SELECT count(DISTINCT post_id), min(published_at), max(strategy), max(goal), max(platform) FROM posts",
        "SELECT metric, max(post_id), max(account_id), max(paid), max(grain), sum(value) "
        f"FROM {stored_name('post_metrics')} GROUP BY metric",
        f"SELECT max(account_id), max(date), sum(value) FROM {stored_name('account_daily')}",
        "SELECT count(DISTINCT author), max(published_at), sum(CASE WHEN is_competitor THEN 1 END), "
        "max(sentiment_label) FROM mentions",
        "SELECT max(channel_group), max(social_platform), sum(sessions), sum(conversions) FROM web_sessions",
        "SELECT max(source_id), max(target_id), max(created_at), max(kind) FROM interaction_edges",
    )  # fmt: skip
    return [con.raw_sql(q).fetchall() for q in queries]


def check_agreement(report: MeasurementReport, baseline: pd.DataFrame) -> None:
    """The baseline must compute the same numbers, or the timing comparison means nothing."""
    metrics = {m.id: m for s in report.sections for m in s.metrics}
    row = baseline.loc[0]
    pairs = {
        "impressions": row.post_impressions,
        "amplification_rate": row.post_shares / row.posts,
        "audience_size": row.followers_end,
        "unique_authors": row.authors_brand,
        "sessions_from_social": row.sessions,
        "cascade_size": row.cascade_size,
        "cascade_depth": row.cascade_depth,
        "structural_virality": row.structural_virality,
        "post_reach": row.post_reach_mean,
        "reach": row.account_reach,
    }
    for metric_id, expected in pairs.items():
        got = metrics[metric_id].value
        if got is None or not np.isclose(got, float(expected), rtol=1e-9):
            raise AssertionError(f"{metric_id}: report {got} but pandas {expected}")
    print("  report and pandas agree on", ", ".join(pairs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--days-per-post", type=int, default=20)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of report and scan (the best is kept)")
    parser.add_argument(
        "--store",
        type=Path,
        help="DuckDB file to keep the imported data in; when it exists, it is reused and the import skipped",
    )
    args = parser.parse_args(argv)
    spec = SyntheticSpec(posts=args.posts, days_per_post=args.days_per_post, mentions=args.mentions, edges=args.edges)
    synthetic = Synthetic(spec)
    period = Period(spec.start, spec.end)
    plan = benchmark_plan()
    print(f"synthetic data: {spec.posts:,} posts, {spec.post_metric_rows:,} daily metric rows, "
          f"{spec.mentions:,} mentions, {spec.edges:,} edges; report period {period}")  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        path = args.store or Path(directory) / "analytics.duckdb"
        reuse = path.exists()
        store = AnalyticsStore.open(f"duckdb:///{path.resolve()}")
        import_rate, import_peak = None, 0
        if reuse:
            print(f"  reusing {path}: import not measured")
        else:
            (rows, write_seconds), _, import_peak = _phase("generate + import", lambda: import_all(store, synthetic))
            import_rate = rows / write_seconds
            print(
                f"  import: {rows:,} rows written in {write_seconds:.2f} s of store writes = {import_rate:,.0f} rows/s"
            )
            _, refresh_seconds, refresh_peak = _phase("rollup refresh after the import", lambda: post_rollup(
                Tables.from_backend(store.con)))  # fmt: skip
            import_peak = max(import_peak, refresh_peak)
            print(f"  import with the rollup refresh: {rows / (write_seconds + refresh_seconds):,.0f} rows/s")
        con = store.con
        tables = Tables.from_backend(con)
        report_seconds, build_seconds, read_seconds, scan_seconds, report_peak = [], [], [], [], 0
        report: MeasurementReport | None = None
        for _ in range(args.repeat):
            # As after an import: no rollup yet, the report reads the canonical tables.
            con.raw_sql(f"DROP SCHEMA IF EXISTS {ROLLUP_SCHEMA} CASCADE")
            report, seconds, peak = _phase(
                "measurement report (ibis + duckdb)",
                lambda: measurement_report(plan, tables, period, as_of=dt.date(2026, 1, 1)),
            )
            report_seconds.append(seconds)
            report_peak = max(report_peak, peak)
            # What the dashboards do once per import, and every later report then reads.
            _, seconds, peak = _phase("per-post rollup build", lambda: post_rollup(tables))
            build_seconds.append(seconds)
            report_peak = max(report_peak, peak)
            _, seconds, peak = _phase(
                "measurement report, rollup read",
                lambda: measurement_report(plan, tables, period, as_of=dt.date(2026, 1, 1)),
            )
            read_seconds.append(seconds)
            report_peak = max(report_peak, peak)
            _, seconds, _ = _phase("raw duckdb scan", lambda: raw_scan(con))
            scan_seconds.append(seconds)
        assert report is not None
        frames, _, _ = _phase("pandas: load frames (not counted)", lambda: load_frames(con))
        baseline, pandas_seconds, pandas_peak = _phase("pandas baseline report", lambda: pandas_report(frames, period))
        check_agreement(report, baseline)
        store.close()
    best_report, best_scan, best_direct = min(read_seconds), min(scan_seconds), min(report_seconds)
    print()
    print(
        f"report after an import (rollup read) {best_report:.2f} s; from the canonical tables alone "
        f"{best_direct:.2f} s; rollup build {min(build_seconds):.2f} s; raw scan {best_scan:.2f} s (best of each)"
    )
    if import_rate is not None:
        print(f"import                   {import_rate / 1e6:11.2f} M rows/s target >= 1 M/s   "
              f"{'ok' if import_rate >= 1e6 else 'MISSED'}")  # fmt: skip
    speedup = pandas_seconds / best_report
    print(f"report vs pandas         {speedup:13.1f}x   target >= 3x          {'ok' if speedup >= 3 else 'MISSED'}")
    floor = best_report / best_scan
    print(f"report / raw scan        {floor:13.1f}x   target <= 5x          {'ok' if floor <= 5 else 'MISSED'}")
    print(f"  (from the canonical tables alone: {pandas_seconds / best_direct:.1f}x faster than pandas, "
          f"{best_direct / best_scan:.1f}x the raw scan)")  # fmt: skip
    peak = max(report_peak, import_peak)
    print(
        f"peak memory (import, report) {peak / GB:9.2f} GB   target < 2 GB        {'ok' if peak < 2 * GB else 'MISSED'}"
    )
    print(f"peak memory of the pandas baseline {pandas_peak / GB:.2f} GB (frames included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
