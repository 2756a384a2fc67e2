"""Workspaces, their members, plans and every saved version of a plan.

The plan itself is stored as the JSON of :class:`socialplan.plan.model.Plan` (the public
contract); :mod:`socialplan.web.services` validates it before every write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Plan as PlanModel


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


# What each role may do, in increasing order: a role may do everything below it too.
ROLE_RANK: dict[str, int] = {Role.VIEWER: 0, Role.EDITOR: 1, Role.OWNER: 2}


class Workspace(models.Model):
    """A business, or one client of an agency: every plan belongs to exactly one."""

    name: models.CharField[str, str] = models.CharField(_("name"), max_length=120)
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    workspace: models.ForeignKey[Workspace, Workspace] = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace_id: int
    user: models.ForeignKey[User, User] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    user_id: int
    role: models.CharField[str, str] = models.CharField(
        _("role"), max_length=10, choices=Role.choices, default=Role.VIEWER
    )
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("workspace", "user"), name="membership_once_per_workspace"),)

    def __str__(self) -> str:
        return f"{self.user_id}@{self.workspace_id}:{self.role}"


class Plan(models.Model):
    workspace: models.ForeignKey[Workspace, Workspace] = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="plans"
    )
    workspace_id: int
    name: models.CharField[str, str] = models.CharField(_("name"), max_length=200)
    data: models.JSONField = models.JSONField()
    # The wizard step the user last saved, so "resume" opens where they left off.
    step: models.CharField[str, str] = models.CharField(
        max_length=20, choices=[(s, s) for s in STEP_IDS], default=STEP_IDS[0]
    )
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)
    updated_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "id")

    def __str__(self) -> str:
        return str(self.name)

    def plan(self) -> PlanModel:
        return PlanModel.model_validate(self.data)


class PlanVersion(models.Model):
    """One save of a plan: the whole plan as it was, who saved it, when and why."""

    plan: models.ForeignKey[Plan, Plan] = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    plan_id: int
    number: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    data: models.JSONField = models.JSONField()
    author: models.ForeignKey[User | None, User | None] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)
    note: models.CharField[str, str] = models.CharField(_("note"), max_length=300, blank=True)
    restored_from: models.PositiveIntegerField[int | None, int | None] = models.PositiveIntegerField(
        null=True, blank=True
    )

    class Meta:
        ordering = ("-number",)
        constraints = (models.UniqueConstraint(fields=("plan", "number"), name="version_number_per_plan"),)

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"

    def plan_model(self) -> PlanModel:
        return PlanModel.model_validate(self.data)


def plan_json(plan: PlanModel) -> dict[str, Any]:
    """The stored form of a plan: its public JSON (``return`` under its alias)."""
    return plan.model_dump(mode="json", by_alias=True)
