"""Every page a person needs is reachable by following links, from the workspace down."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from .web_helpers import client_for


@pytest.mark.parametrize("user", ["owner_a", "viewer_a"])
def test_the_workspace_and_the_plan_link_to_imports_dashboards_and_the_calendar(
    two_workspaces: dict[str, Any], user: str
) -> None:
    client = client_for(two_workspaces[user])
    ws, plan = two_workspaces["ws_a"], two_workspaces["plan_a"]
    workspace_page = client.get(reverse("workspace_detail", args=[ws.pk])).content.decode()
    plan_page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    for page in (workspace_page, plan_page):
        assert f'href="{reverse("dashboard", args=[plan.pk])}"' in page
        assert f'href="{reverse("calendar_page", args=[plan.pk])}"' in page
    assert f'href="{reverse("dashboard_imports", args=[ws.pk])}"' in workspace_page
    # and every link leads somewhere this user may go
    for url in (reverse("dashboard", args=[plan.pk]), reverse("calendar_page", args=[plan.pk])):
        assert client.get(url).status_code == 200
    assert client.get(reverse("dashboard_imports", args=[ws.pk])).status_code == 200


def test_the_links_are_translated(two_workspaces: dict[str, Any]) -> None:
    client = client_for(two_workspaces["owner_a"], "he")
    page = client.get(reverse("workspace_detail", args=[two_workspaces["ws_a"].pk])).content.decode()
    assert "לוח מחוונים" in page
    assert "העלאות וייבוא" in page
