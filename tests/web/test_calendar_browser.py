"""The calendar in a real browser (Debian's Chromium through Playwright): Hebrew right to left,
moving a post from the week view, approvals by role, no axe-core violations, screenshots in
``artifacts/screenshots/`` to look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture
def page_for(live_server: Any, browser: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    # Playwright's sync API runs an event loop in this thread; the ORM calls here stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.test import Client

    contexts: list[Any] = []

    def open_as(user: Any, lang: str) -> Any:
        client = Client()
        client.force_login(user)
        # axe is injected as a script, which the app's Content-Security-Policy rightly forbids.
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, bypass_csp=True)
        contexts.append(context)
        context.add_cookies([
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": "django_language", "value": lang, "url": live_server.url},
        ])
        return context.new_page()

    yield open_as
    # Closed before the live server stops, so no connection is left open when it shuts down.
    for context in contexts:
        context.close()


def _axe_violations(page: Any) -> list[Any]:
    if not AXE.exists():
        return []  # axe-core is optional locally (npm install --no-save axe-core@4); CI has it
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.nodes.length])"))


def test_hebrew_month_week_and_approval_in_the_browser(two_workspaces: dict[str, Any], page_for: Any,
                                                        live_server: Any) -> None:
    from socialplan.examples import example_plan
    from socialplan.web import services
    from socialplan.web.calendar import services as calendar_services
    from socialplan.web.calendar.models import ContentCalendar

    record = two_workspaces["plan_a"]
    services.plan_save(record=record, plan=example_plan(name="maafiat-hashchuna"), author=two_workspaces["owner_a"])
    calendar_services.calendar_create(record=record, weeks=4, start=dt.date(2026, 9, 6))
    entry = ContentCalendar.objects.get(plan=record).calendar().entries[0]
    url = f"{live_server.url}/p/{record.pk}/calendar/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    editor = page_for(two_workspaces["editor_a"], "he")
    editor.goto(f"{url}?view=month&date=2026-09-14")
    assert editor.locator("html").get_attribute("dir") == "rtl"
    assert editor.locator("h1").inner_text() == "לוח תוכן"
    # Sunday opens the week, so in right-to-left it is the rightmost column
    headers = editor.locator(".cal-month thead th")
    assert headers.first.bounding_box()["x"] > headers.last.bounding_box()["x"]
    assert _axe_violations(editor) == []
    editor.screenshot(path=str(SCREENSHOTS / "calendar-he-month.png"))

    editor.goto(f"{url}?view=week&date={entry.start.date().isoformat()}")
    card = editor.locator(".cal-entry").first
    card.locator("summary").click()
    card.locator("input[name=date]").first.fill("2026-09-29")
    card.locator("form").first.locator("button").click()
    editor.wait_for_load_state()
    moved = ContentCalendar.objects.get(plan=record).calendar().entry(entry.id)
    assert moved is not None
    assert moved.start.date() == dt.date(2026, 9, 29)
    assert _axe_violations(editor) == []
    editor.screenshot(path=str(SCREENSHOTS / "calendar-he-week.png"))

    # the editor can submit but has no approve button; the owner has one
    editor.goto(f"{url}?view=week&date=2026-09-29")
    card = editor.locator(f'[data-entry="{entry.id}"]')
    for label in ("העברה למצב „טיוטה”", "העברה למצב „בבדיקה”"):
        card.locator("summary").click()
        card.get_by_role("button", name=label).click()
        editor.wait_for_load_state()
    assert ContentCalendar.objects.get(plan=record).calendar().entry(entry.id).status == "in_review"
    card.locator("summary").click()
    assert card.get_by_role("button", name="העברה למצב „מאושר”").count() == 0

    owner = page_for(two_workspaces["owner_a"], "en")
    owner.goto(f"{url}?view=week&date=2026-09-29")
    card = owner.locator(f'[data-entry="{entry.id}"]')
    card.locator("summary").click()
    card.get_by_role("button", name="Set to “approved”").click()
    owner.wait_for_load_state()
    assert ContentCalendar.objects.get(plan=record).calendar().entry(entry.id).status == "approved"
    owner.screenshot(path=str(SCREENSHOTS / "calendar-en-week.png"))
