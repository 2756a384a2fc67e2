"""The dashboard pages in English and Hebrew: charts with tables and takeaways, filters, downloads, empty states."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.web import services
from socialplan.web.dashboard.analytics import StoreBusy, workspace_store, workspace_store_path
from socialplan.web.dashboard.views import PAGES

from ..report.measure_sample import sample_plan, sample_rows
from .dashboard_helpers import fill_store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings: Settings, tmp_path: Path) -> None:
    # Database ids are reused between tests: each test gets its own data directory for the stores.
    settings.SOCIALPLAN_DATA_DIR = tmp_path


@pytest.fixture
def filled(two_workspaces: dict[str, Any]) -> dict[str, Any]:
    ws = two_workspaces["ws_a"]
    record = services.plan_create(workspace=ws, plan=sample_plan(), author=two_workspaces["owner_a"])
    fill_store(ws.pk, sample_rows())
    client = Client()
    client.force_login(two_workspaces["viewer_a"])
    return {**two_workspaces, "record": record, "client": client}


def _get(client: Client, url: str, lang: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_page_renders_charts_tables_and_takeaways(filled: dict[str, Any], lang: str) -> None:
    record, client = filled["record"], filled["client"]
    for page in PAGES:
        url = (
            reverse("dashboard", args=[record.pk])
            if page == "overview"
            else reverse("dashboard_page", args=[record.pk, page])
        )
        html = _get(client, url, lang)
        assert f'dir="{"rtl" if lang == "he" else "ltr"}"' in html
        assert "<script>" not in html  # no inline script: the CSP forbids it
        specs = re.findall(r'<script id="(spec-[^"]+)" type="application/json">(.*?)</script>', html, re.S)
        for _id, body in specs:
            assert "$schema" in json.loads(body)
        if page != "web_analytics":
            assert specs, page
        # every chart says what it shows, or what to upload to fill it
        assert html.count('class="takeaway"') + html.count("empty-state") >= 1, page
        assert "<table>" in html, page


def test_overview_has_goal_cards_and_what_to_upload(filled: dict[str, Any]) -> None:
    html = _get(filled["client"], reverse("dashboard", args=[filled["record"].pk]), "en")
    assert "Grow the audience" in html
    assert "status-achieved" in html
    assert "status-off_track" in html
    assert "Traffic acquisition" in html  # the sample's web sessions stop before the period
    hebrew = _get(filled["client"], reverse("dashboard", args=[filled["record"].pk]), "he")
    assert "לא בדרך ליעד" in hebrew
    assert "מאז פברואר" in hebrew


def test_channel_filter_narrows_the_channels_page(filled: dict[str, Any]) -> None:
    url = reverse("dashboard_page", args=[filled["record"].pk, "channels"])
    everything = _get(filled["client"], url, "en")
    assert "Instagram" in everything
    only = _get(filled["client"], url + "?channel=linkedin&days=28", "en")
    table = only.split("Channel comparison", 1)[1]
    assert "LinkedIn" in table
    assert "Instagram</td>" not in table


def test_opinion_page_shows_the_focus_group_with_quotes(filled: dict[str, Any]) -> None:
    html = _get(filled["client"], reverse("dashboard_page", args=[filled["record"].pk, "opinion_research"]), "en")
    assert "The focus group" in html
    assert "<blockquote" in html


@pytest.mark.parametrize(("fmt", "starts"), [("md", b"# "), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html")])
def test_report_download(filled: dict[str, Any], fmt: str, starts: bytes) -> None:
    response = filled["client"].get(reverse("dashboard_report", args=[filled["record"].pk, fmt]) + "?days=28")
    assert response.status_code == 200
    assert response.content.startswith(starts)
    assert "attachment" in response["Content-Disposition"]


def test_empty_workspace_says_what_to_upload(two_workspaces: dict[str, Any]) -> None:
    client = Client()
    client.force_login(two_workspaces["owner_b"])
    html = _get(client, reverse("dashboard", args=[two_workspaces["plan_b"].pk]), "en")
    assert "No data yet" in html
    assert reverse("dashboard_imports", args=[two_workspaces["ws_b"].pk]) in html


def test_other_workspaces_cannot_see_the_dashboard(filled: dict[str, Any]) -> None:
    outsider = Client()
    outsider.force_login(filled["owner_b"])
    assert outsider.get(reverse("dashboard", args=[filled["record"].pk])).status_code == 404
    assert outsider.get(reverse("dashboard_report", args=[filled["record"].pk, "md"])).status_code == 404
    assert outsider.get(reverse("dashboard_page", args=[filled["record"].pk, "nonsense"])).status_code == 404


def test_a_running_import_makes_the_dashboard_wait_not_fail(filled: dict[str, Any]) -> None:
    """Another process holding the store (the worker importing) gives a 'come back' page, not an error."""
    path = workspace_store_path(filled["ws_a"].pk)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreBusy), workspace_store(filled["ws_a"].pk):
            pass
        response = filled["client"].get(reverse("dashboard", args=[filled["record"].pk]) + "?days=7")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert response.status_code == 503
    assert "An import is running" in response.content.decode()


HOLD_STORE = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('holding', flush=True); time.sleep(60)"
