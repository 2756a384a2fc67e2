"""The metrics table of the demo's measurement-type pages in a real browser (Debian's Chromium
through Playwright): right to left in Hebrew, numbers kept whole, no axe-core violations in the
table, full-page screenshots in ``artifacts/screenshots/`` to look at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="session")
def sync_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread while the session's browser lives:
    the ORM calls here, and pytest-django's database flush after each test, stay synchronous.
    Session-wide because that flush comes after every function-scoped fixture is gone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def demo_plan(sync_orm_beside_playwright: None, db: None, tmp_path: Path, settings: Settings) -> Any:
    """The first demo business's plan, its generated exports imported through the normal path."""
    from django.contrib.auth.models import User

    from socialplan.web.demo import DEMO_USERNAME, demo_analytics_ensure, demo_ensure
    from socialplan.web.models import Plan

    settings.SOCIALPLAN_DATA_DIR = tmp_path
    found = demo_ensure(tmp_path)[0]
    user = User.objects.get(username=DEMO_USERNAME)
    assert demo_analytics_ensure(workspace=found.workspace, brand=found.brand, user=user, today=TODAY) is not None
    return user, Plan.objects.filter(workspace=found.workspace).first()


@pytest.mark.parametrize("lang", ["en", "he"])
def test_the_metrics_table_reads_well_in_both_directions(
    demo_plan: Any, live_server: Any, browser: Any, lang: str
) -> None:
    from django.test import Client

    user, record = demo_plan
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, bypass_csp=True)
    context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": "django_language", "value": lang, "url": live_server.url},
    ])  # fmt: skip
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page = context.new_page()
        for type_id in ("word_of_mouth", "web_analytics"):
            page.goto(f"{live_server.url}/p/{record.pk}/dashboard/{type_id}/")
            page.wait_for_selector(".chart-view svg, .chart-view canvas")
            table = page.locator(".dash-metrics table")
            assert table.locator("caption").is_visible()
            rows = table.locator("tbody tr[id^=metric-]")
            assert rows.count() >= 3, type_id  # the demo fills every type
            name, value = rows.first.locator("th"), rows.first.locator("td").first
            box_name, box_value = name.bounding_box(), value.bounding_box()
            assert box_name is not None
            assert box_value is not None
            # The metric's name opens the row: on the left in English, on the right in Hebrew.
            assert (box_name["x"] > box_value["x"]) == (lang == "he"), type_id
            # A change keeps its sign before the digits in both directions (no change has none).
            for change in table.locator("tbody td:last-child bdi").all_inner_texts():
                assert change[0] in "+-" or change == "0%", change
            assert _axe_violations(page) == [], type_id
            page.screenshot(path=str(SCREENSHOTS / f"dashboard-metrics-{type_id}-{lang}.png"), full_page=True)
    finally:
        context.close()


def _axe_violations(page: Any) -> list[Any]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    script = "async () => (await axe.run('.dash-metrics')).violations.map(v => [v.id, v.nodes.length])"
    return list(page.evaluate(script))
