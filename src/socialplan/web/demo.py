"""The demo workspace that ``socialplan serve --demo`` opens with: example plans drafted
from two built-in profiles (an English bakery, a Hebrew yoga studio), a demo account, and the
analytics a marketer of those businesses would have imported (generated exports, see
:mod:`socialplan.measure.demo_data`), so every dashboard page opens filled."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from socialplan.plan.model import Plan as PlanModel
from socialplan.web import services
from socialplan.web.dashboard.models import ImportStatus, MetricsImport
from socialplan.web.models import Workspace

DEMO_USERNAME = "demo"
DEMO_WORKSPACE = "Demo workspace"
_PASSWORD_FILE = "demo_password"
_PROFILES = Path(__file__).resolve().parent / "demo"


def demo_password(data_dir: Path) -> str | None:
    path = data_dir / _PASSWORD_FILE
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def demo_credentials() -> tuple[str, str] | None:
    """The demo account's name and password, shown on the sign-in page in demo mode only."""
    if not settings.SOCIALPLAN_DEMO:
        return None
    password = demo_password(Path(settings.SOCIALPLAN_DATA_DIR))
    return (DEMO_USERNAME, password) if password else None


def demo_plans() -> list[PlanModel]:
    """One plan per built-in profile, drafted by the plan core as a new user's would be."""
    from socialplan.advise.draft import plan_draft
    from socialplan.plan.io import load_profile

    return [plan_draft(load_profile(path)) for path in sorted(_PROFILES.glob("*.profile.yaml"))]


@transaction.atomic
def demo_ensure(data_dir: Path) -> Workspace:
    """Create the demo account and workspace once; later starts leave the user's edits alone."""
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(DEMO_USERNAME, password=password)
        path = data_dir / _PASSWORD_FILE
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
    workspace = Workspace.objects.filter(memberships__user=user, name=DEMO_WORKSPACE).first()
    if workspace is None:
        workspace = services.workspace_create(name=DEMO_WORKSPACE, owner=user)
        for plan in demo_plans():
            services.plan_create(workspace=workspace, plan=plan, author=user)
    return workspace


def demo_analytics_ensure(*, workspace: Workspace, user: User, today: dt.date | None = None) -> MetricsImport | None:
    """Import the generated demo exports into the workspace once, through the normal import path.

    A workspace that already has an import (the demo's own, or the user's) is left as it is, so a
    second start changes nothing and an undone demo import stays undone. The import runs here,
    not on the task worker: ``serve --demo`` seeds before the server and its worker start, and
    the first dashboard a newcomer opens should already be filled (the task computes it).
    """
    from socialplan.measure.demo_data import demo_exports
    from socialplan.web.dashboard import services as dashboard_services
    from socialplan.web.dashboard.tasks import metrics_import_task

    if MetricsImport.objects.filter(workspace=workspace).exists():
        return None
    exports = demo_exports(today=today or timezone.localdate())
    uploads = [SimpleUploadedFile(export.name, export.data, content_type="text/csv") for export in exports]
    with transaction.atomic():
        staged = dashboard_services.import_stage(workspace=workspace, user=user, uploads=uploads)
        for import_file, export in zip(staged.files.order_by("position"), exports, strict=True):
            if export.mapping is not None:
                dashboard_services.import_file_map(
                    import_file=import_file, mapping=export.mapping, account=export.account
                )
        staged.status = ImportStatus.QUEUED
        staged.save(update_fields=["status"])
    metrics_import_task.call(staged.pk)
    staged.refresh_from_db()
    return staged
