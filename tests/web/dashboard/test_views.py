"""The measurement-type pages' "Metrics of this period" table, against the engine's own report."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.i18n import Lang
from socialplan.measure.metrics import METRIC_BY_ID, Period, Tables, metrics_compute
from socialplan.measure.report import MeasurementReport, MetricResult, format_number, measurement_report
from socialplan.web.dashboard.analytics import workspace_store
from socialplan.web.dashboard.models import ImportStatus, MetricsImport

from ..dashboard_helpers import IMMEDIATE_TASKS, upload

pytestmark = pytest.mark.django_db(transaction=True)
# Seven days ending the day after the fixture's second post: one post in the period, one in the
# period before, so every column (this period, before, change) has something to show.
END = dt.date(2024, 5, 17)
QUERY = f"?days=7&end={END.isoformat()}"


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Settings, tmp_path: Path) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    settings.SOCIALPLAN_DATA_DIR = tmp_path


@pytest.fixture
def imported(two_workspaces: dict[str, Any]) -> dict[str, Any]:
    """Workspace A with the Instagram fixture imported through the upload pages, as a person would."""
    ws, record = two_workspaces["ws_a"], two_workspaces["plan_a"]
    client = Client()
    client.force_login(two_workspaces["editor_a"])
    staged = client.post(reverse("dashboard_imports", args=[ws.pk]), {"exports": [upload("instagram_posts.csv")]})
    assert staged.status_code == 302, staged.content[:500]
    metrics_import = MetricsImport.objects.get(pk=int(staged["Location"].rstrip("/").split("/")[-1]))
    confirmed = client.post(reverse("dashboard_import_detail", args=[ws.pk, metrics_import.pk]), {"action": "confirm"})
    assert confirmed.status_code == 302
    metrics_import.refresh_from_db()
    assert metrics_import.status == ImportStatus.DONE
    return {"client": client, "record": record, "workspace": ws}


def _engine_report(imported: dict[str, Any]) -> MeasurementReport:
    """The engine's own report of the page's period, computed apart from the dashboard."""
    with workspace_store(imported["workspace"].pk) as store:
        tables = Tables.from_backend(store.con)
        return measurement_report(imported["record"].plan(), tables, Period(END - dt.timedelta(days=6), END))


def _page(imported: dict[str, Any], page: str, lang: Lang) -> str:
    url = reverse("dashboard_page", args=[imported["record"].pk, page]) + QUERY
    response = imported["client"].get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def _metrics_table(page: str) -> str:
    found = re.search(r'<section class="dash-metrics".*?</section>', page, re.S)
    assert found, "the page has no metrics table"
    return found.group(0)


def _cells(table: str, metric_id: str) -> list[str]:
    """The row of one metric as text: name, this period, the period before, change."""
    row = re.search(rf'<tr id="metric-{metric_id}">(.*?)</tr>', table, re.S)
    assert row, metric_id
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1), re.S)
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c))).strip() for c in cells]


def _shown(m: MetricResult, value: float | None, lang: Lang, currency: str, *, lower_bound: bool = False) -> str:
    return format_number(value, m.unit, lang, lower_bound=lower_bound, currency=currency)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_word_of_mouth_page_lists_every_metric_the_engine_computed(imported: dict[str, Any], lang: Lang) -> None:
    report = _engine_report(imported)
    section = next(s for s in report.sections if s.id == "word_of_mouth")
    expected = [m for m in section.metrics if m.value is not None or m.previous is not None]
    # The fixture feeds the post-based rates in both periods: the table must have them to show.
    assert {"engagement_rate_impressions", "amplification_rate", "applause_rate"} <= {m.id for m in expected}
    table = _metrics_table(_page(imported, "word_of_mouth", lang))
    assert "<caption " in table
    assert re.findall(r'<tr id="metric-([a-z0-9_]+)">', table) == [m.id for m in expected]
    assert all(METRIC_BY_ID[m].measurement_type == "word_of_mouth" for m in re.findall(r'id="metric-(\w+)"', table))
    no_data = "no data" if lang == "en" else "אין נתונים"
    for m in expected:
        name, now, before, change = _cells(table, m.id)
        assert name == m.name(lang)
        if m.value is None:
            assert now == no_data
        else:
            assert now.startswith(_shown(m, m.value, lang, report.currency, lower_bound=m.lower_bound)), (m.id, now)
        assert before == (no_data if m.previous is None else _shown(m, m.previous, lang, report.currency))
        if m.value is None or m.previous is None:
            assert change == "— " + ("cannot be compared" if lang == "en" else "אי אפשר להשוות")
        elif m.unit == "percent":
            points = "pp" if lang == "en" else "נק' אחוז"
            number = f"{m.value - m.previous:+,.1f}" if m.value != m.previous else "0.0"
            assert change == f"{number} {points}", m.id
        elif m.unit != "score" and m.previous:
            assert float(change.rstrip("%")) == pytest.approx(100 * (m.value - m.previous) / abs(m.previous), abs=0.5)
    # A rate shows what it was computed from: the engine's own numerator and denominator.
    rate = next(m for m in expected if m.id == "engagement_rate_impressions")
    assert rate.numerator is not None
    assert rate.denominator is not None
    row = re.search(r'<tr id="metric-engagement_rate_impressions">.*?</tr>', table, re.S)
    assert row
    assert f"{rate.numerator:,.0f} / {rate.denominator:,.0f}" in row.group(0)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_a_type_without_data_says_so_in_one_row(imported: dict[str, Any], lang: Lang) -> None:
    table = _metrics_table(_page(imported, "web_analytics", lang))  # the fixture has no web sessions
    assert 'id="metric-' not in table
    empty = re.search(r'<td colspan="4" class="empty-row">(.*?)</td>', table, re.S)
    assert empty
    expected = (
        "Nothing to show yet: there is no data of this kind in this period."
        if lang == "en"
        else "אין עדיין מה להציג: אין נתונים מהסוג הזה בתקופה."
    )
    assert empty.group(1).strip() == expected


def test_only_measurement_type_pages_have_the_table(imported: dict[str, Any]) -> None:
    for page in ("overview", "channels"):
        url = reverse("dashboard", args=[imported["record"].pk])
        if page != "overview":
            url = reverse("dashboard_page", args=[imported["record"].pk, page])
        assert "dash-metrics" not in imported["client"].get(url + QUERY).content.decode()


def test_the_weekly_chart_has_its_own_weekly_numbers_beside_it(imported: dict[str, Any]) -> None:
    """The chart's table holds the weeks it draws (every metric is in the table below it)."""
    period = Period(END - dt.timedelta(days=6), END)
    with workspace_store(imported["workspace"].pk) as store:
        weeks = metrics_compute(Tables.from_backend(store.con), period.weeks(), metrics=["engagement_rate_impressions"])
    figure = re.search(
        r'<figure class="dash-chart dash-chart-word_of_mouth".*?</figure>', _page(imported, "word_of_mouth", "en"), re.S
    )
    assert figure
    shown = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td dir="auto" class="num">(.*?)</td>', figure.group(0))]
    values = [w["engagement_rate_impressions"].value for w in weeks]
    assert shown == [format_number(v, "percent", "en") for v in values if v is not None]
    assert shown
