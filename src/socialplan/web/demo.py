"""The demo workspace that ``socialplan serve --demo`` opens with: example plans drafted
from two built-in profiles (an English bakery, a Hebrew yoga studio) and a demo account."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from socialplan.plan.model import Plan as PlanModel
from socialplan.web import services
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
