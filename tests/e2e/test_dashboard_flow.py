"""The dashboards in a real browser: upload several exports, watch the import finish, read every page
in English and Hebrew, download the report, undo the import. Screenshots go to artifacts/screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from socialplan.web import services
from socialplan.web.dashboard.models import ImportStatus, MetricsImport

from ..report.measure_sample import sample_plan

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SHARED_EXPORTS = ROOT / ".." / "shared" / "data" / "exports"
OWN_FIXTURES = ROOT / "tests" / "measure" / "fixtures"
PASSWORD = "a very sturdy pass phrase"
PAGES = ("", "pr_media/", "word_of_mouth/", "web_analytics/", "opinion_research/", "channels/")


def _export_files() -> list[Path]:
    """The real exports when the shared data is beside the clone, else our own fixtures of the same formats."""
    if SHARED_EXPORTS.is_dir():
        wanted = ("x_twitter__", "facebook__Facebook_Insights", "youtube_studio__", "tiktok__htupycollabs__Content")
        found = [p for p in sorted(SHARED_EXPORTS.iterdir()) if p.name.startswith(wanted)]
        if found:
            return found
    return [OWN_FIXTURES / name for name in ("instagram_posts.csv", "ga4_traffic_daily.csv", "meta_facebook_posts.csv")]


class Browser:
    """One tab that fails the test on a script error, a CSP violation or a serious axe finding."""

    def __init__(self, page: Any, base: str, axe_source: str, screenshots: Path) -> None:
        self.page, self.base, self.axe_source, self.screenshots = page, base, axe_source, screenshots
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.audit()

    def audit(self) -> None:
        self.page.evaluate(self.axe_source)
        found = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
        )
        assert found == [], f"{self.page.url}: {found}"
        assert self.errors == []

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.screenshots / f"dashboard-{name}.png"), full_page=True)


def _sign_in(browser: Any, live_server: Any, locale: str, axe_source: str, screenshots: Path) -> Browser:
    context = browser.new_context(locale=locale, accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = Browser(context.new_page(), live_server.url, axe_source, screenshots)
    tab.page.goto(live_server.url + "/accounts/login/")
    tab.page.fill("#id_username", "dana")
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("button.primary")
    tab.page.wait_for_url(re.compile(r"/workspaces/$|/$"))
    return tab


def test_upload_watch_import_read_dashboards_in_both_languages_and_undo(
    browser: Any, live_server: Any, axe_source: str, screenshots: Path
) -> None:
    user = User.objects.create_user("dana", password=PASSWORD)
    workspace = services.workspace_create(name="Acme", owner=user)
    record = services.plan_create(workspace=workspace, plan=sample_plan(), author=user)
    files = _export_files()

    tab = _sign_in(browser, live_server, "en-US", axe_source, screenshots)
    page = tab.page
    tab.goto(f"/w/{workspace.pk}/imports/")
    # Dropping a file on the zone puts it in the form's file input and lists it.
    dropped = page.evaluate_handle(
        "() => { const data = new DataTransfer();"
        " data.items.add(new File(['text,author,date\\nHi,ann,2026-03-01'], 'dropped.csv', {type: 'text/csv'}));"
        " return data; }"
    )
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": dropped})
    assert page.locator("[data-drop-list] li").inner_text().startswith("dropped.csv")
    assert page.evaluate("document.querySelector('input[type=file]').files.length") == 1
    page.set_input_files("input[type=file]", [str(p) for p in files])
    assert page.locator("[data-drop-list] li").count() == len(files)  # the drop zone lists what it got
    tab.shot("en-upload")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    tab.audit()
    assert page.locator("section.import-file").count() == len(files)
    assert page.locator("table.preview").count() == len(files)
    tab.shot("en-review")
    page.click("button[value=confirm]")
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.locator("progress#import-progress").count() == 1
    tab.shot("en-progress-queued")

    # The database backend queues the task; a worker (as `manage.py db_worker` would) runs it while the page polls.
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1")
    page.wait_for_selector("[data-status]:has-text('Imported')", timeout=30_000)
    tab.audit()
    metrics_import = MetricsImport.objects.get(workspace=workspace)
    assert metrics_import.status == ImportStatus.DONE
    assert any(f.rows_imported > 0 for f in metrics_import.files.all())
    tab.shot("en-progress-done")

    for path in PAGES:
        tab.goto(f"/p/{record.pk}/dashboard/{path}")
        page.wait_for_timeout(300)
        for figure in page.locator("figure.dash-chart").all():
            if figure.locator(".chart-view").count():
                figure.locator(".chart-view svg").wait_for(timeout=15_000)
            assert figure.locator(".takeaway, .empty-state").first.inner_text().strip()
        tab.shot("en-" + (path.strip("/") or "overview"))

    with page.expect_download() as download:
        page.click("a[href*='/dashboard/report/md/']")
    assert download.value.suggested_filename.endswith(".md")

    hebrew = _sign_in(browser, live_server, "he-IL", axe_source, screenshots)
    for path in PAGES:
        hebrew.goto(f"/p/{record.pk}/dashboard/{path}")
        assert hebrew.page.get_attribute("html", "dir") == "rtl"
        hebrew.page.wait_for_timeout(300)
        for figure in hebrew.page.locator("figure.dash-chart .chart-view").all():
            figure.locator("svg").wait_for(timeout=15_000)
        hebrew.shot("he-" + (path.strip("/") or "overview"))
    hebrew.goto(f"/w/{workspace.pk}/imports/")
    hebrew.shot("he-history")

    tab.goto(f"/w/{workspace.pk}/imports/")
    page.click("form[action$='/undo/'] button")
    page.wait_for_url(re.compile(r"/imports/$"))
    tab.audit()
    assert "Undone" in page.inner_text("table.imports")
    metrics_import.refresh_from_db()
    assert metrics_import.status == ImportStatus.UNDONE
    tab.shot("en-history-undone")
    tab.goto(f"/p/{record.pk}/dashboard/")
    assert page.locator("text=No data yet").count() == 1
    # Closed before the live server stops, so no connection is left open when it shuts down.
    hebrew.page.context.close()
    page.context.close()
