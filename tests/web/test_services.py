from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from socialplan.plan.model import Business, Goal, Plan
from socialplan.web import selectors, services
from socialplan.web.models import PlanVersion


def test_every_save_keeps_a_numbered_version_with_author_and_note(two_workspaces: dict[str, Any]) -> None:
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.goals.append(Goal(id="g1", title="More bakery visits"))
    version = services.plan_save(
        record=record, plan=plan, author=two_workspaces["editor_a"], note="first goal", step="goal"
    )
    assert version.number == 2
    assert version.author == two_workspaces["editor_a"]
    record.refresh_from_db()
    assert record.plan().goals[0].title == "More bakery visits"
    assert [v.number for v in selectors.versions_of(plan=record)] == [2, 1]


def test_restore_brings_back_the_old_plan_as_a_new_version(two_workspaces: dict[str, Any]) -> None:
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.business.name = "Renamed bakery"
    services.plan_save(record=record, plan=plan, author=two_workspaces["owner_a"])
    first = PlanVersion.objects.get(plan=record, number=1)
    restored = services.plan_version_restore(version=first, author=two_workspaces["owner_a"])
    record.refresh_from_db()
    assert restored.number == 3
    assert restored.restored_from == 1
    assert record.plan().business.name == "Bakery A"
    assert PlanVersion.objects.filter(plan=record).count() == 3  # history is never rewritten


def test_an_invalid_plan_is_not_saved(two_workspaces: dict[str, Any]) -> None:
    record = two_workspaces["plan_a"]
    broken = Plan.model_construct(business=Business(name="x"), goals=[Goal(id="g", title="a"), Goal(id="g", title="b")])
    with pytest.raises(ValidationError, match="used twice"):
        services.plan_save(record=record, plan=broken, author=None)
    record.refresh_from_db()
    assert record.plan().goals == []
    assert PlanVersion.objects.filter(plan=record).count() == 1


def test_version_diff_names_each_changed_leaf_by_its_plan_path(two_workspaces: dict[str, Any]) -> None:
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.goals.append(Goal(id="g1", title="Visits"))
    plan.business.employees = 4
    services.plan_save(record=record, plan=plan, author=None)
    old, new = PlanVersion.objects.get(plan=record, number=1), PlanVersion.objects.get(plan=record, number=2)
    changes = {c.path: (c.before, c.after) for c in selectors.version_diff(old=old, new=new)}
    assert changes["business.employees"] == (1, 4)
    assert changes["goals[0].title"] == (None, "Visits")
    assert "business.name" not in changes


def test_membership_add_changes_an_existing_role_and_refuses_unknown_roles(
    two_workspaces: dict[str, Any],
) -> None:
    ws = two_workspaces["ws_a"]
    membership = services.membership_add(workspace=ws, user=two_workspaces["viewer_a"], role="editor")
    assert membership.role == "editor"
    assert selectors.memberships_of(workspace=ws).count() == 3
    with pytest.raises(ValueError, match="unknown role"):
        services.membership_add(workspace=ws, user=two_workspaces["viewer_a"], role="admin")
