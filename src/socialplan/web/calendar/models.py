"""One calendar per plan (the core calendar's JSON) and one secret feed token per workspace."""

from __future__ import annotations

import datetime as dt

from django.db import models

from socialplan.calendar import Calendar
from socialplan.web.models import Plan, Workspace


class ContentCalendar(models.Model):
    plan: models.OneToOneField[Plan, Plan] = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="content_calendar"
    )
    plan_id: int
    data: models.JSONField = models.JSONField()
    updated_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar of plan {self.plan_id}"

    def calendar(self) -> Calendar:
        return Calendar.model_validate(self.data)


class CalendarFeed(models.Model):
    """The secret that makes a workspace's ICS feed subscribable without signing in."""

    workspace: models.OneToOneField[Workspace, Workspace] = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    workspace_id: int
    token: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"feed of workspace {self.workspace_id}"
