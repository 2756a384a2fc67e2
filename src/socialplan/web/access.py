"""The one place that decides who may see or change what.

Every view gets its workspace, plan or version through these functions. Someone who is
not a member gets 404 (the object's existence is not revealed); a member whose role is
too low for the action gets 403.
"""

from __future__ import annotations

from typing import Literal

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from socialplan.web.models import ROLE_RANK, Membership, Plan, PlanVersion, Role, Workspace

Need = Literal["view", "edit", "own"]
_NEEDED_ROLE: dict[Need, str] = {"view": Role.VIEWER, "edit": Role.EDITOR, "own": Role.OWNER}


def role_in(user: AbstractBaseUser | AnonymousUser, workspace_id: int) -> str | None:
    """The user's role in the workspace, or None for non-members and anonymous users."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(workspace_id=workspace_id, user_id=user.pk).only("role").first()
    return membership.role if membership else None


def role_allows(role: str | None, need: Need) -> bool:
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[_NEEDED_ROLE[need]]


def workspace_for(user: AbstractBaseUser | AnonymousUser, workspace_id: int, need: Need = "view") -> Workspace:
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        raise Http404("no such workspace")
    _check(role_in(user, workspace.pk), need)
    return workspace


def plan_for(user: AbstractBaseUser | AnonymousUser, plan_id: int, need: Need = "view") -> Plan:
    plan = Plan.objects.select_related("workspace").filter(pk=plan_id).first()
    if plan is None:
        raise Http404("no such plan")
    _check(role_in(user, plan.workspace_id), need)
    return plan


def version_for(user: AbstractBaseUser | AnonymousUser, plan_id: int, number: int, need: Need = "view") -> PlanVersion:
    plan = plan_for(user, plan_id, need)
    version = PlanVersion.objects.filter(plan=plan, number=number).select_related("plan", "author").first()
    if version is None:
        raise Http404("no such version")
    return version


def _check(role: str | None, need: Need) -> None:
    if role is None:
        # Same answer as for an id that does not exist: guessing ids reveals nothing.
        raise Http404("no such object")
    if not role_allows(role, need):
        raise PermissionDenied("your role in this workspace does not allow this")
