"""Server time of each dashboard page on the measurement benchmark's synthetic data (10 M daily
post-metric rows by default): median and p95, cold (first view after an import) and warm (later
views, served from the dashboard cache), with the engine's own measurement report of the same
period timed in the same process as the baseline ratio.

    python benchmarks/dashboard_pages.py [--posts 100000] [--repeat 20] [--cold 3] [--days 28] [--store FILE]

The synthetic tables (``benchmarks/synthetic.py``) are written straight into one workspace's
DuckDB store (the import path has its own benchmark); the store's per-post rollup is then
built once, as the import task does after an import, and its time printed. "Cold" is the first
view of a period and filters (the dashboard cache cleared), "warm" a later view. Pages are
requested through Django's test client: the time is the server's (routing, access check, the
dashboard's queries, charts, templates), without network or browser. ``--store FILE`` keeps a
copy of the written store there and, when the file exists, copies it in instead of writing
the tables again (minutes saved per run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings.test")
os.environ.setdefault("SOCIALPLAN_DATA_DIR", tempfile.mkdtemp(prefix="socialplan-dash-bench-"))

import django

django.setup()

import ibis  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

from measure_report import benchmark_plan  # noqa: E402
from socialplan.measure.metrics import Period, Tables  # noqa: E402
from socialplan.measure.report import measurement_report  # noqa: E402
from socialplan.measure.rollup import SCHEMA as ROLLUP_SCHEMA  # noqa: E402
from socialplan.measure.rollup import post_rollup  # noqa: E402
from socialplan.measure.store import AnalyticsStore  # noqa: E402
from socialplan.web import services  # noqa: E402
from socialplan.web.dashboard.analytics import workspace_store_path  # noqa: E402
from socialplan.web.dashboard.views import PAGES  # noqa: E402
from synthetic import Synthetic, SyntheticSpec  # noqa: E402


def fill_store(workspace_id: int, spec: SyntheticSpec) -> int:
    """The synthetic tables in the workspace's store; returns the number of rows written."""
    path = workspace_store_path(workspace_id)
    synthetic = Synthetic(spec)
    rows = 0
    chunks = [("posts", synthetic.posts()), ("account_daily", synthetic.account_daily()),
              ("web_sessions", synthetic.web_sessions())]  # fmt: skip
    chunks += [("post_metrics", chunk) for chunk in synthetic.post_metrics()]
    chunks += [("mentions", synthetic.mentions()), ("interaction_edges", synthetic.interaction_edges())]
    with AnalyticsStore.open(f"duckdb:///{path.resolve()}") as store:
        for name, table in chunks:
            store.load(name, table)
            rows += table.num_rows
    return rows


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def timed(request: Callable[[], object], repeat: int, *, cold: bool) -> list[float]:
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = request()
        times.append(time.perf_counter() - start)
        status = getattr(response, "status_code", 200)
        if status >= 400:
            raise SystemExit(f"the page answered {status}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=20, help="warm views per page")
    parser.add_argument("--cold", type=int, default=3, help="cold views (cache cleared) of each page")
    parser.add_argument("--days", type=int, default=28, choices=(7, 28, 90))
    parser.add_argument("--store", type=Path, help="a store written by an earlier run: copied in, or saved here")
    args = parser.parse_args()
    spec = SyntheticSpec(posts=args.posts, mentions=args.mentions, edges=args.edges)

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        user = User.objects.create_user("bench", password="benchmark pass phrase")
        workspace = services.workspace_create(name="Benchmark", owner=user)
        record = services.plan_create(workspace=workspace, plan=benchmark_plan(), author=user)
        print(f"load average at the start: {Path('/proc/loadavg').read_text().split()[:3]}")
        started = time.perf_counter()
        path = workspace_store_path(workspace.pk)
        if args.store is not None and args.store.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(args.store, path)
            con = ibis.duckdb.connect(str(path))
            con.raw_sql(f"DROP SCHEMA IF EXISTS {ROLLUP_SCHEMA} CASCADE")  # its build is timed below
            con.disconnect()
            print(f"store: copied from {args.store} (the synthetic data of those options)")
        else:
            rows = fill_store(workspace.pk, spec)
            seconds = time.perf_counter() - started
            print(f"store: {rows:,} rows ({spec.post_metric_rows:,} daily post metrics) in {seconds:.0f} s")
            if args.store is not None:
                shutil.copyfile(path, args.store)
        end = spec.end
        query = f"?days={args.days}&end={end.isoformat()}"
        period = Period(end - dt.timedelta(days=args.days - 1), end)

        with AnalyticsStore.open(f"duckdb:///{workspace_store_path(workspace.pk).resolve()}") as store:
            tables = Tables.from_backend(store.con)
            # What the import task does after an import (it computes the default dashboard): the
            # per-post rollup is built once per store state; every view after that reads it.
            started = time.perf_counter()
            post_rollup(tables)
            print(f"rollup: built in {time.perf_counter() - started:.1f} s (once per import or undo)")
            measurement_report(benchmark_plan(), tables, period)  # warm Ibis and the method data
            baseline_times = []
            for _ in range(args.cold):
                started = time.perf_counter()
                measurement_report(benchmark_plan(), tables, period)
                baseline_times.append(time.perf_counter() - started)
        baseline = statistics.median(baseline_times)
        print(f"baseline: measurement_report of the {args.days}-day period, median {baseline * 1000:,.0f} ms")

        client = Client()
        client.force_login(user)

        def page_url(page: str) -> str:
            name, extra = ("dashboard", []) if page == "overview" else ("dashboard_page", [page])
            return reverse(name, args=[record.pk, *extra]) + query

        # Templates, fonts and Vega specs loaded once; the engine's queries of this shape compiled.
        started = time.perf_counter()
        client.get(page_url("overview"))
        print(f"first view in the process (loads and compiles what later views reuse): "
              f"{(time.perf_counter() - started) * 1000:,.0f} ms")  # fmt: skip
        print(
            f"{'page':22} {'cold median':>12} {'cold p95':>9} {'warm median':>12} {'warm p95':>9} {'cold/report':>12}"
        )
        for page in PAGES:
            url = page_url(page)

            def view(url: str = url) -> object:
                return client.get(url)

            cold = timed(view, args.cold, cold=True)
            warm = timed(view, args.repeat, cold=False)
            print(
                f"{page:22} {statistics.median(cold) * 1000:10,.0f}ms {p95(cold) * 1000:7,.0f}ms "
                f"{statistics.median(warm) * 1000:10,.0f}ms {p95(warm) * 1000:7,.0f}ms "
                f"{statistics.median(cold) / baseline:11.1f}x"
            )
        print("target: under 1 s per page")
        print(f"load average at the end: {Path('/proc/loadavg').read_text().split()[:3]}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
