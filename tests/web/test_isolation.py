"""Workspace isolation and roles, checked through every URL that takes an id."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from socialplan.web.models import Membership, Plan, PlanVersion, Workspace

from .web_helpers import client_for as _client


def _plan_urls(plan_id: int) -> list[tuple[str, str]]:
    """(method, url) for every page of one plan."""
    return [
        ("get", reverse("plan_detail", args=[plan_id])),
        ("get", reverse("plan_export_yaml", args=[plan_id])),
        ("get", reverse("plan_download", args=[plan_id, "md"])),
        ("get", reverse("version_list", args=[plan_id])),
        ("get", reverse("version_detail", args=[plan_id, 1])),
        ("get", reverse("wizard_step", args=[plan_id, "goal"])),
        ("post", reverse("wizard_step", args=[plan_id, "goal"])),
        ("post", reverse("wizard_review", args=[plan_id, "goal"])),
        ("post", reverse("version_restore", args=[plan_id, 1])),
        ("post", reverse("plan_replace_yaml", args=[plan_id])),
        ("post", reverse("plan_rename", args=[plan_id])),
        ("post", reverse("plan_delete", args=[plan_id])),
        ("get", reverse("plan_delete", args=[plan_id])),
    ]


def _workspace_urls(workspace_id: int) -> list[tuple[str, str]]:
    return [
        ("get", reverse("workspace_detail", args=[workspace_id])),
        ("get", reverse("workspace_members", args=[workspace_id])),
        ("post", reverse("workspace_members", args=[workspace_id])),
        ("get", reverse("plan_new", args=[workspace_id])),
        ("post", reverse("plan_new", args=[workspace_id])),
        ("post", reverse("plan_import", args=[workspace_id])),
    ]


def _snapshot() -> tuple[Any, ...]:
    return (
        list(Plan.objects.order_by("pk").values_list("pk", "name", "data", "step")),
        PlanVersion.objects.count(),
        list(Membership.objects.order_by("pk").values_list("workspace_id", "user_id", "role")),
        Workspace.objects.count(),
    )


def test_a_member_of_b_can_neither_read_nor_change_anything_of_a(two_workspaces: dict[str, Any]) -> None:
    outsider = _client(two_workspaces["owner_b"])
    before = _snapshot()
    urls = _plan_urls(two_workspaces["plan_a"].pk) + _workspace_urls(two_workspaces["ws_a"].pk)
    for method, url in urls:
        response = getattr(outsider, method)(
            url, {"business.name": "hijacked", "username": "owner_b", "role": "owner", "name": "hijacked"}
        )
        assert response.status_code == 404, (method, url, response.status_code)
        assert b"Bakery A" not in response.content
    assert _snapshot() == before


def test_guessing_ids_that_do_not_exist_answers_the_same_404(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"])
    for method, url in _plan_urls(987_654) + _workspace_urls(987_654):
        assert getattr(client, method)(url).status_code == 404, url


def test_a_viewer_reads_everything_but_every_write_is_forbidden(two_workspaces: dict[str, Any]) -> None:
    viewer = _client(two_workspaces["viewer_a"])
    before = _snapshot()
    for method, url in _plan_urls(two_workspaces["plan_a"].pk) + _workspace_urls(two_workspaces["ws_a"].pk):
        response = getattr(viewer, method)(url, {"business.name": "changed", "username": "viewer_a", "role": "owner"})
        if method == "get" and "/new/" not in url and "/delete/" not in url:  # forms only editors/owners see
            assert response.status_code == 200, url
        elif "review" in url:
            assert response.status_code == 200  # computing findings changes nothing
        else:
            assert response.status_code == 403, (url, response.status_code)
    assert _snapshot() == before


def test_an_editor_cannot_change_membership(two_workspaces: dict[str, Any]) -> None:
    editor = _client(two_workspaces["editor_a"])
    url = reverse("workspace_members", args=[two_workspaces["ws_a"].pk])
    response = editor.post(url, {"username": "editor_a", "role": "owner"})
    assert response.status_code == 403
    assert Membership.objects.get(user=two_workspaces["editor_a"]).role == "editor"


def test_the_workspace_list_shows_only_own_workspaces(two_workspaces: dict[str, Any]) -> None:
    page = _client(two_workspaces["viewer_a"]).get(reverse("workspace_list")).content.decode()
    assert "Bakery A" in page
    assert "Clinic B" not in page


@pytest.mark.parametrize("url_name", ["workspace_list", "home"])
def test_anonymous_visitors_are_sent_to_sign_in(db: None, url_name: str) -> None:
    response = Client().get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
