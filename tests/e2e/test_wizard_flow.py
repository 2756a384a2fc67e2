"""The whole journey in a real browser, with axe-core on every page and screenshots of each step."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from socialplan.method.types import STEP_IDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a very sturdy pass phrase"


class Visit:
    """One browser tab that checks every page it lands on for accessibility and CSP errors."""

    def __init__(self, page: Any, base: str, axe_source: str, screenshots: Path) -> None:
        self.page = page
        self.base = base
        self.csp_errors: list[str] = []
        self.axe_source = axe_source
        self.screenshots = screenshots
        page.on("pageerror", lambda error: self.csp_errors.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: self.csp_errors.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.audit()

    def audit(self) -> None:
        # evaluate() runs through the DevTools protocol, which the page's CSP does not govern.
        self.page.evaluate(self.axe_source)
        result = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
        )
        assert result == [], f"{self.page.url}: {result}\n{self.page.content()[:800]}"
        assert self.csp_errors == []

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.screenshots / f"{name}.png"), full_page=True)


def test_sign_up_draft_edit_review_save_restore_download_switch(
    browser: Any, live_server: Any, settings: Settings, axe_source: str, screenshots: Path
) -> None:
    settings.SOCIALPLAN_SIGNUP = True
    context = browser.new_context(locale="he-IL", accept_downloads=True)
    visit = Visit(context.new_page(), live_server.url, axe_source, screenshots)
    page = visit.page

    # Sign up (the browser asks for Hebrew, so the app answers in Hebrew, right to left).
    visit.goto("/accounts/signup/")
    assert page.get_attribute("html", "dir") == "rtl"
    visit.shot("he-signup")
    page.fill("#id_username", "noa")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/workspaces/$"))
    visit.audit()

    # Create a workspace, then draft a plan from a Hebrew profile.
    page.fill("#id_name", "סטודיו נשימה")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/w/\d+/$"))
    visit.audit()
    workspace_path = re.search(r"(/w/\d+/)", page.url).group(1)  # type: ignore[union-attr]
    visit.goto(f"{workspace_path}members/")
    visit.goto(workspace_path)
    page.click("a.button.primary")
    page.wait_for_url(re.compile(r"/new/$"))
    visit.audit()
    visit.shot("he-profile")
    page.fill("#id_name", "סטודיו נשימה")
    page.fill("#id_industry", "כושר")
    page.fill("#id_employees", "4")
    page.select_option("#id_language", "he")
    page.fill("#id_region", "IL")
    page.fill("#id_objectives", "להגדיל את מספר המנויים החדשים\nלבנות קהילה של מתאמנים שממליצים עלינו")
    page.fill("#id_audiences", "תושבי השכונה: instagram, facebook")
    page.fill("#id_team", "נועה, 4")
    page.fill("#id_monthly_budget", "800")
    page.fill("#id_currency", "ILS")
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/step/goal/$"))
    visit.audit()
    plan_path = re.search(r"(/p/\d+/)", page.url).group(1)  # type: ignore[union-attr]

    # Edit a goal: clear its deadline, and the review on the side reports it without a reload.
    deadline = "#f-goals-0-target-deadline"
    finding = '#findings a[href="#f-goals-0-target-deadline"]'
    page.fill("#f-goals-0-title", "עוד 40 מנויים חדשים עד סוף השנה")
    page.fill(deadline, "")
    page.dispatch_event(deadline, "change")
    page.wait_for_selector(finding)
    visit.audit()
    page.click(finding)  # the finding takes the keyboard focus to its field
    assert page.evaluate("document.activeElement.id") == "f-goals-0-target-deadline"
    page.fill(deadline, "2027-12-31")
    page.dispatch_event(deadline, "change")
    page.wait_for_selector(finding, state="detached")
    page.fill("#version-note", "מטרה מעודכנת")
    with page.expect_navigation():
        page.click('button[value="save"]')
    visit.shot("he-after-save")
    assert page.is_visible(".message-success")
    assert page.input_value("#f-goals-0-title") == "עוד 40 מנויים חדשים עד סוף השנה"
    visit.audit()

    # Screenshots of every step in Hebrew.
    for number, step in enumerate(STEP_IDS, start=1):
        visit.goto(f"{plan_path}step/{step}/")
        visit.shot(f"he-step{number}-{step}")

    # Restore the drafted version: the goal's old title comes back.
    visit.goto(f"{plan_path}versions/")
    visit.shot("he-versions")
    page.click(f'form[action="{plan_path}versions/1/restore/"] button')
    page.wait_for_url(re.compile(r"/versions/$"))
    visit.goto(f"{plan_path}versions/2/")  # what the edit changed, field by field
    assert page.is_visible("table.diff")
    visit.shot("he-version-diff")
    visit.goto(f"{plan_path}step/goal/")
    assert page.input_value("#f-goals-0-title") != "עוד 40 מנויים חדשים עד סוף השנה"

    # A finding on the plan page opens its step with the keyboard focus in the field concerned.
    visit.goto(plan_path)
    link = page.locator('section[aria-labelledby="findings-heading"] a[href*="#f-"]').first
    target = link.get_attribute("href").split("#")[1]
    with page.expect_navigation():
        link.click()
    focused = page.evaluate("document.activeElement.closest('[id^=\"f-\"]')?.id || document.activeElement.id")
    assert target.startswith(focused), (target, focused)

    # The plan page: download the PDF.
    visit.goto(plan_path)
    # The charts are drawn in the browser from the same Vega-Lite specs the documents use.
    page.wait_for_selector(".chart-view svg", timeout=20000)
    visit.audit()
    visit.shot("he-plan")
    with page.expect_download() as download:
        page.click(f'a[href="{plan_path}download/pdf/?lang=he"]')
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Switch to English with the keyboard-reachable switcher.
    page.select_option("#language-select", "en")
    page.click(".language-switcher button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.get_attribute("html", "lang") == "en"
    page.wait_for_selector(".chart-view svg", timeout=20000)
    visit.audit()
    visit.shot("en-plan")
    for number, step in enumerate(STEP_IDS, start=1):
        visit.goto(f"{plan_path}step/{step}/")
        visit.shot(f"en-step{number}-{step}")
    context.close()


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(
    browser: Any, live_server: Any, django_user_model: Any
) -> None:
    django_user_model.objects.create_user("kim", password=PASSWORD)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    # The sign-in form starts in the user name field; typing and Enter sign in.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("kim")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
