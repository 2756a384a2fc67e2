"""The demo workspace in a real browser: every dashboard page filled, and chart text that reads the
right way in Hebrew. Screenshots go to artifacts/screenshots (demo-<lang>-<plan>-<page>.png)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from socialplan.web.demo import DEMO_USERNAME, demo_analytics_ensure, demo_ensure, demo_password
from socialplan.web.models import Plan

from .test_dashboard_flow import PAGES, Browser

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Every label of every chart on the page: its text, whether it holds Hebrew, whether its first letter
# is drawn to the right of its last (read in the label's own, possibly rotated, frame), and whether
# it can be seen inside the chart's box (a label anchored for the wrong direction, or a chart
# wider than its box, would be cut off).
LABELS_JS = """() => {
  const hebrew = /[\\u0590-\\u05FF]/;
  const found = [];
  document.querySelectorAll(".chart-view svg").forEach(function (svg) {
    const box = svg.closest(".chart-view").getBoundingClientRect();
    svg.querySelectorAll("text").forEach(function (text) {
      const count = text.getNumberOfChars();
      if (!count) return;
      const r = text.getBoundingClientRect();
      found.push({
        text: text.textContent,
        hebrew: hebrew.test(text.textContent),
        rightToLeft: text.getStartPositionOfChar(0).x > text.getStartPositionOfChar(count - 1).x,
        rotated: (text.getAttribute("transform") || "").includes("rotate"),
        inside: r.left >= box.left - 1 && r.right <= box.right + 1
          && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      });
    });
  });
  return found;
}"""


def test_demo_dashboards_draw_hebrew_chart_text_right_to_left(
    browser: Any, live_server: Any, axe_source: str, screenshots: Path
) -> None:
    data_dir = Path(settings.SOCIALPLAN_DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    found = demo_ensure(data_dir)
    user = User.objects.get(username=DEMO_USERNAME)
    plans: dict[str, Plan] = {}
    for demo in found:
        demo_analytics_ensure(workspace=demo.workspace, brand=demo.brand, user=user, today=dt.date.today())
        plans.update({record.plan().language: record for record in Plan.objects.filter(workspace=demo.workspace)})
    assert sorted(plans) == ["en", "he"]
    context = browser.new_context(locale="he-IL", viewport={"width": 1280, "height": 900})
    tab = Browser(context.new_page(), live_server.url, axe_source, screenshots)
    tab.page.goto(live_server.url + "/accounts/login/")
    tab.page.fill("#id_username", DEMO_USERNAME)
    tab.page.fill("#id_password", demo_password(data_dir) or "")
    tab.page.click("button.primary")
    tab.page.wait_for_load_state()
    rotated_hebrew = []
    for lang, record in sorted(plans.items()):
        for path in PAGES:
            tab.goto(f"/p/{record.pk}/dashboard/{path}")
            name = path.strip("/") or "overview"
            assert tab.page.locator(".empty-state").count() == 0, name
            views = tab.page.locator("figure.dash-chart .chart-view").all()
            assert views, name
            for view in views:
                view.locator("svg").wait_for(timeout=15_000)
            assert tab.page.locator(".chart-view canvas").count() == 0
            labels = tab.page.evaluate(LABELS_JS)
            assert [label["text"] for label in labels if not label["inside"]] == [], name
            backwards = [la["text"] for la in labels if la["hebrew"] and len(la["text"]) > 1 and not la["rightToLeft"]]
            assert backwards == [], name
            rotated_hebrew += [label["text"] for label in labels if label["hebrew"] and label["rotated"]]
            tab.audit()
            tab.shot(f"demo-he-{lang}-{name}")
    # The axis titles this test is about: rotated, Hebrew, some ending in "(%)" (which a
    # left-to-right layout would move to the wrong end).
    assert any(text.endswith("(%)") for text in rotated_hebrew), rotated_hebrew
    context.close()
