"""Create the demo account and workspace, with its analytics (``socialplan serve --demo`` runs this)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from socialplan.web.demo import DEMO_USERNAME, demo_analytics_ensure, demo_ensure, demo_password


class Command(BaseCommand):
    help = "Create the demo account and a workspace with example plans and analytics (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = demo_ensure(Path(settings.SOCIALPLAN_DATA_DIR))
        seeded = demo_analytics_ensure(workspace=workspace, user=User.objects.get(username=DEMO_USERNAME))
        if seeded is not None:
            rows = sum(f.rows_imported for f in seeded.files.all())
            self.stdout.write(f"Demo analytics: {seeded.files.count()} export files, {rows} rows imported")
        password = demo_password(Path(settings.SOCIALPLAN_DATA_DIR))
        self.stdout.write(f"Demo workspace: {workspace.name}; sign in as {DEMO_USERNAME} / {password}")
