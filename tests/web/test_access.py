"""The access module alone; tests/web/test_isolation.py checks the same through every URL."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from socialplan.web import access


@pytest.mark.parametrize("need", ["view", "edit", "own"])
def test_a_non_member_gets_404_for_any_need(two_workspaces: dict[str, Any], need: access.Need) -> None:
    with pytest.raises(Http404):
        access.plan_for(two_workspaces["owner_b"], two_workspaces["plan_a"].pk, need)
    with pytest.raises(Http404):
        access.workspace_for(two_workspaces["owner_b"], two_workspaces["ws_a"].pk, need)
    with pytest.raises(Http404):
        access.version_for(two_workspaces["owner_b"], two_workspaces["plan_a"].pk, 1, need)


def test_anonymous_users_get_404(two_workspaces: dict[str, Any]) -> None:
    with pytest.raises(Http404):
        access.plan_for(AnonymousUser(), two_workspaces["plan_a"].pk)


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("owner_a", {"view", "edit", "own"}),
        ("editor_a", {"view", "edit"}),
        ("viewer_a", {"view"}),
    ],
)
def test_roles_allow_exactly_their_level(two_workspaces: dict[str, Any], user: str, allowed: set[str]) -> None:
    for need in ("view", "edit", "own"):
        if need in allowed:
            assert access.plan_for(two_workspaces[user], two_workspaces["plan_a"].pk, need).name == "Bakery A"
        else:
            with pytest.raises(PermissionDenied):
                access.plan_for(two_workspaces[user], two_workspaces["plan_a"].pk, need)


def test_a_missing_id_and_a_foreign_id_look_the_same(two_workspaces: dict[str, Any]) -> None:
    with pytest.raises(Http404) as foreign:
        access.plan_for(two_workspaces["owner_a"], two_workspaces["plan_b"].pk)
    with pytest.raises(Http404) as missing:
        access.plan_for(two_workspaces["owner_a"], 999_999)
    assert foreign.type is missing.type
    with pytest.raises(Http404):
        access.version_for(two_workspaces["owner_a"], two_workspaces["plan_a"].pk, 99)
