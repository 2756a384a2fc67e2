"""Imports of platform exports into a workspace's analytics store, and saved column mappings.

The rows themselves live in the workspace's analytics store; these records say who uploaded
what, how far the background import got, what each file gave (rows imported, rows rejected
with line and reason) and which store import to remove when the user undoes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.web.models import Workspace


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Waiting for confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    UNDONE = "undone", _("Undone")


class MetricsImport(models.Model):
    """One upload of one or more files, imported together by one background task."""

    workspace: models.ForeignKey[Workspace, Workspace] = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="metrics_imports"
    )
    workspace_id: int
    created_by: models.ForeignKey[User | None, User | None] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)
    status: models.CharField[str, str] = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.STAGED
    )
    files_done: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    task_id: models.CharField[str, str] = models.CharField(max_length=64, blank=True)
    undone_at: models.DateTimeField[dt.datetime | None, dt.datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"


class ImportFile(models.Model):
    """One uploaded file: where it waits on disk, what it was detected as, and what it gave."""

    metrics_import: models.ForeignKey[MetricsImport, MetricsImport] = models.ForeignKey(
        MetricsImport, on_delete=models.CASCADE, related_name="files"
    )
    metrics_import_id: int
    position: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    name: models.CharField[str, str] = models.CharField(max_length=255)
    stored_path: models.CharField[str, str] = models.CharField(max_length=1000)
    size: models.PositiveBigIntegerField[int, int] = models.PositiveBigIntegerField(default=0)
    detected_format: models.CharField[str, str] = models.CharField(max_length=40, blank=True)
    detected_reason: models.CharField[str, str] = models.CharField(max_length=500, blank=True)
    # The generic importer's mapping for this file (ColumnMapping fields), when the user gave one.
    mapping: models.JSONField[Any, Any] = models.JSONField(null=True, blank=True)
    account: models.CharField[str, str] = models.CharField(max_length=200, blank=True)
    status: models.CharField[str, str] = models.CharField(max_length=20, blank=True)
    store_import_id: models.CharField[str, str] = models.CharField(max_length=64, blank=True)
    rows_read: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    rows_imported: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    # [{"line": 12, "field": "date", "en": "…", "he": "…"}, …]
    rejected: models.JSONField[Any, Any] = models.JSONField(default=list, blank=True)
    error_en: models.TextField[str, str] = models.TextField(blank=True)
    error_he: models.TextField[str, str] = models.TextField(blank=True)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.name


class MappingPreset(models.Model):
    """A column mapping for the generic importer, saved under a name for the whole workspace."""

    workspace: models.ForeignKey[Workspace, Workspace] = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="mapping_presets"
    )
    workspace_id: int
    name: models.CharField[str, str] = models.CharField(_("name"), max_length=120)
    mapping: models.JSONField[Any, Any] = models.JSONField()
    created_at: models.DateTimeField[dt.datetime, dt.datetime] = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        constraints = (models.UniqueConstraint(fields=("workspace", "name"), name="mapping_name_per_workspace"),)

    def __str__(self) -> str:
        return self.name
