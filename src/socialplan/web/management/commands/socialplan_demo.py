"""Create the demo account and workspace (``socialplan serve --demo`` runs this)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from socialplan.web.demo import DEMO_USERNAME, demo_ensure, demo_password


class Command(BaseCommand):
    help = "Create the demo account and a workspace with example plans (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        workspace = demo_ensure(Path(settings.SOCIALPLAN_DATA_DIR))
        password = demo_password(Path(settings.SOCIALPLAN_DATA_DIR))
        self.stdout.write(f"Demo workspace: {workspace.name}; sign in as {DEMO_USERNAME} / {password}")
