"""Server time per page of the web app with 50 plans in one workspace: median and p95, with the
sign-in page (no database work) in the same process as the baseline ratio.

    python benchmarks/web_pages.py [--plans 50] [--repeat 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python benchmarks/web_pages.py

Runs in a throw-away test database (``test_<name>`` on PostgreSQL, a temporary SQLite file
otherwise), through Django's test client: the time is the server's (URL routing, access check,
queries, review, charts, templates), without network or browser.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings.test")
os.environ.setdefault("SOCIALPLAN_DATA_DIR", tempfile.mkdtemp(prefix="socialplan-bench-"))

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

from socialplan.advise.draft import plan_draft  # noqa: E402
from socialplan.method.types import STEP_IDS  # noqa: E402
from socialplan.plan.io import load_profile  # noqa: E402
from socialplan.web import services  # noqa: E402
from socialplan.web.models import Plan  # noqa: E402
from socialplan.web.wizard_form import step_form_data  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "src" / "socialplan" / "web" / "demo"


def workspace_with_plans(count: int) -> tuple[User, int, int]:
    user = User.objects.create_user("bench", password="benchmark pass phrase")
    workspace = services.workspace_create(name="Benchmark", owner=user)
    drafts = [plan_draft(load_profile(path)) for path in sorted(DEMO.glob("*.profile.yaml"))]
    first = None
    for number in range(count):
        plan = drafts[number % len(drafts)].model_copy(deep=True)
        record = services.plan_create(workspace=workspace, plan=plan, author=user, name=f"Plan {number + 1}")
        # A few saved versions each, as a plan that has been worked on has.
        for _ in range(3):
            services.plan_save(record=record, plan=plan, author=user)
        first = first or record
    assert first is not None
    return user, workspace.pk, first.pk


def timed(request: Callable[[], object], repeat: int) -> list[float]:
    request()  # warm caches (templates, method data) so the numbers describe steady state
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = request()
        times.append(time.perf_counter() - start)
        status = getattr(response, "status_code", 200)
        if status >= 400:
            raise SystemExit(f"the page answered {status}")
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.perf_counter()
        user, workspace_id, plan_id = workspace_with_plans(args.plans)
        print(f"database: {connection.vendor}; {args.plans} plans made in {time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(user)
        anonymous = Client()
        # The goal step's form as the browser sends it, so the review sees the whole plan.
        record = Plan.objects.get(pk=plan_id)
        wizard_post = step_form_data(record.data, "goal", "en")
        pages: list[tuple[str, Callable[[], object]]] = [
            ("sign-in page (baseline)", lambda: anonymous.get(reverse("login"))),
            ("workspace list", lambda: client.get(reverse("workspace_list"))),
            ("workspace (50 plans)", lambda: client.get(reverse("workspace_detail", args=[workspace_id]))),
            ("plan page", lambda: client.get(reverse("plan_detail", args=[plan_id]))),
            ("versions", lambda: client.get(reverse("version_list", args=[plan_id]))),
            ("version diff", lambda: client.get(reverse("version_detail", args=[plan_id, 2]))),
            ("live review (htmx)", lambda: client.post(reverse("wizard_review", args=[plan_id, "goal"]), wizard_post)),
            ("plan YAML export", lambda: client.get(reverse("plan_export_yaml", args=[plan_id]))),
        ]
        pages += [
            (
                f"wizard step {STEP_IDS.index(s) + 1} ({s})",
                lambda s=s: client.get(reverse("wizard_step", args=[plan_id, s])),
            )
            for s in STEP_IDS
        ]
        baseline = None
        print(f"{'page':34} {'median ms':>10} {'p95 ms':>10} {'× baseline':>11}")
        for name, request in pages:
            times = timed(request, args.repeat)
            median = statistics.median(times)
            baseline = baseline or median
            print(f"{name:34} {median * 1000:10.1f} {p95(times) * 1000:10.1f} {median / baseline:11.1f}")
        print(f"plans in the database: {Plan.objects.count()}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
