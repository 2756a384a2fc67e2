"""The demo that ``socialplan serve --demo`` opens with: a demo account owning one workspace per
built-in business (an English bakery, a Hebrew yoga studio), each named after its business and
holding the plan drafted from that business's profile and the analytics its marketer would have
imported (generated exports, see :mod:`socialplan.measure.demo_data`), so every dashboard page
opens filled and shows only that business's posts, visits and mentions."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from socialplan.measure.demo_data import BRANDS, DemoBrand
from socialplan.plan.model import Plan as PlanModel
from socialplan.web import services
from socialplan.web.calendar import services as calendar_services
from socialplan.web.dashboard.models import ImportStatus, MetricsImport
from socialplan.web.models import Role, Workspace

DEMO_USERNAME = "demo"
# Earlier versions put both businesses in one workspace of this name, with one analytics store.
# An install seeded that way is left as the user knows it (see ``demo_ensure``).
OLD_DEMO_WORKSPACE = "Demo workspace"
_PASSWORD_FILE = "demo_password"
DEMO_CALENDAR_WEEKS = 8
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


@dataclass(frozen=True)
class DemoWorkspace:
    """One demo business's workspace and the brand whose exports fill it."""

    workspace: Workspace
    brand: DemoBrand


def demo_plans() -> list[tuple[DemoBrand, PlanModel]]:
    """One plan per built-in profile, drafted by the plan core as a new user's would be, with the
    demo brand of the same business name (the focus group finds the brand by that name)."""
    from socialplan.advise.draft import plan_draft
    from socialplan.plan.io import load_profile

    by_name = {brand.name: brand for brand in BRANDS}
    plans: list[tuple[DemoBrand, PlanModel]] = []
    for path in sorted(_PROFILES.glob("*.profile.yaml")):
        plan = plan_draft(load_profile(path))
        brand = by_name.get(plan.business.name)
        if brand is None:
            raise ValueError(f"{path.name}: no demo brand is named {plan.business.name!r}")
        plans.append((brand, plan))
    return sorted(plans, key=lambda pair: BRANDS.index(pair[0]))


@transaction.atomic
def demo_ensure(data_dir: Path) -> list[DemoWorkspace]:
    """Create the demo account and its workspaces once; later starts leave the user's edits alone.

    The workspaces are made with the account, so a workspace or plan the user deleted stays
    deleted, and an account from the one-workspace layout keeps that workspace as it is (its
    analytics mix both businesses; a fresh data directory gives the new layout). Returns the
    demo workspaces the account still owns under their business's name.
    """
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(DEMO_USERNAME, password=password)
        path = data_dir / _PASSWORD_FILE
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
        for brand, plan in demo_plans():
            made = services.workspace_create(name=brand.name, owner=user)
            record = services.plan_create(workspace=made, plan=plan, author=user)
            # A content calendar drafted from the plan, so the calendar page opens filled too
            # (from next Monday; the Hebrew studio's keeps Shabbat free, as its plan's language says).
            calendar_services.calendar_create(record=record, weeks=DEMO_CALENDAR_WEEKS)
    found: list[DemoWorkspace] = []
    for brand in BRANDS:
        owned = Workspace.objects.filter(
            memberships__user=user, memberships__role=Role.OWNER, name=brand.name
        ).order_by("pk")
        workspace = owned.first()
        if workspace is not None:
            found.append(DemoWorkspace(workspace, brand))
    return found


def demo_analytics_ensure(
    *, workspace: Workspace, brand: DemoBrand, user: User, today: dt.date | None = None
) -> MetricsImport | None:
    """Import the brand's generated exports into its workspace once, through the normal import path.

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
    exports = demo_exports(brand=brand, today=today or timezone.localdate())
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
