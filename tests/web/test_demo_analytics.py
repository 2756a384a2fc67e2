"""The demo workspaces' analytics: each business's generated exports imported once into its own
workspace, every dashboard page filled with that business's data only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.measure.demo_data import BRANDS, DemoBrand, demo_exports
from socialplan.web.dashboard import selectors
from socialplan.web.dashboard.analytics import workspace_store
from socialplan.web.dashboard.models import ImportStatus, MetricsImport
from socialplan.web.dashboard.views import PAGES
from socialplan.web.demo import DEMO_USERNAME, DemoWorkspace, demo_analytics_ensure, demo_ensure
from socialplan.web.models import Plan

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)
TABLES = ("posts", "post_metrics", "web_sessions", "mentions", "interaction_edges", "imports")


@pytest.fixture
def demo(tmp_path: Path, settings: Settings) -> dict[str, Any]:
    settings.SOCIALPLAN_DATA_DIR = tmp_path
    found = demo_ensure(tmp_path)
    user = User.objects.get(username=DEMO_USERNAME)
    seeded = {
        d.brand.slug: demo_analytics_ensure(workspace=d.workspace, brand=d.brand, user=user, today=TODAY) for d in found
    }
    client = Client()
    client.force_login(user)
    return {"found": found, "user": user, "seeded": seeded, "client": client, "data_dir": tmp_path}


def _counts(workspace_id: int) -> dict[str, int]:
    with workspace_store(workspace_id) as store:
        return {name: int(store.table(name).count().to_pyarrow().as_py()) for name in TABLES}


def _own_texts(brand: DemoBrand) -> tuple[str, ...]:
    return (*brand.posts, *(title for title, *_ in brand.tagged.posts))


def test_the_demo_exports_go_through_the_normal_import_path(demo: dict[str, Any]) -> None:
    found: list[DemoWorkspace] = demo["found"]
    assert [d.brand for d in found] == list(BRANDS)
    for d in found:
        seeded = demo["seeded"][d.brand.slug]
        assert seeded is not None
        assert seeded.status == ImportStatus.DONE
        files = list(seeded.files.all())
        assert [f.name for f in files] == [e.name for e in demo_exports(brand=d.brand, today=TODAY)]
        assert all(f.status == "imported" and f.rows_imported and not f.rejected for f in files), [
            (f.name, f.status, f.error_en, f.rejected[:1]) for f in files
        ]
        expected = {"meta_facebook_posts", "ga4_csv", "generic"}
        assert {f.detected_format for f in files} == expected
        history = demo["client"].get(reverse("dashboard_imports", args=[d.workspace.pk])).content.decode()
        assert f"{d.brand.slug}-brand-mentions-" in history
        assert f"{d.brand.slug}-ga4-traffic-acquisition-" in history


def test_a_second_seeding_changes_nothing(demo: dict[str, Any]) -> None:
    found: list[DemoWorkspace] = demo["found"]
    before = {d.workspace.pk: _counts(d.workspace.pk) for d in found}
    for d in found:
        assert demo_analytics_ensure(workspace=d.workspace, brand=d.brand, user=demo["user"], today=TODAY) is None
        # A later day's start neither: the demo's import is there, and so are the user's own.
        later = TODAY + dt.timedelta(days=3)
        assert demo_analytics_ensure(workspace=d.workspace, brand=d.brand, user=demo["user"], today=later) is None
        assert MetricsImport.objects.filter(workspace=d.workspace).count() == 1
    assert {d.workspace.pk: _counts(d.workspace.pk) for d in found} == before
    assert demo_ensure(demo["data_dir"]) == found


def test_each_plan_sees_only_its_own_business(demo: dict[str, Any]) -> None:
    for d in demo["found"]:
        (record,) = Plan.objects.filter(workspace=d.workspace)
        assert record.plan().business.name == d.brand.name
        dash = selectors.plan_dashboard(record=record, query=selectors.DashboardQuery()).dashboard
        assert dash is not None
        assert dash.top_posts
        # A post's text is its brand's own (a link post carries its link after the text).
        strangers = [p.text for p in dash.top_posts if not p.text.startswith(_own_texts(d.brand))]
        assert strangers == [], d.brand.name
        assert dash.focus_group is not None
        with workspace_store(d.workspace.pk) as store:
            subjects = set(store.table("mentions").subject.execute())
            sources = set(store.table("web_sessions").source.execute())
        assert subjects == {d.brand.name, d.brand.competitor}
        assert sources == {source.split(" / ")[0] for _, source, *_rest in d.brand.ga4_sources}


@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_dashboard_page_of_each_demo_plan_opens_filled(demo: dict[str, Any], lang: str) -> None:
    client: Client = demo["client"]
    records = [record for d in demo["found"] for record in Plan.objects.filter(workspace=d.workspace)]
    assert len(records) == len(BRANDS)
    for record in records:
        for page in PAGES:
            args = [record.pk] if page == "overview" else [record.pk, page]
            url = reverse("dashboard" if page == "overview" else "dashboard_page", args=args)
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "empty-state" not in html, (record.name, page, re.findall(r'empty-state">([^<]+)', html))
            # every chart of the page is drawn (a chart without data has no spec; the top posts are a table)
            figures = [
                f for f in re.findall(r'<figure class="dash-chart dash-chart-([\w-]+)"', html) if f != "top-posts"
            ]
            specs = re.findall(r'<script id="spec-([\w-]+)" type="application/json">', html)
            assert figures, (record.name, page)
            assert specs == figures, (record.name, page)
            assert 'class="takeaway"' in html, (record.name, page)
            assert 'id="missing-heading"' not in html, (record.name, page)  # nothing left to upload
            if page == "opinion_research":
                assert 'id="focus-heading"' in html
