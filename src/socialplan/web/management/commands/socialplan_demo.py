"""Create the demo account and its workspaces, with their analytics (``socialplan serve --demo`` runs this)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from socialplan.web.demo import DEMO_USERNAME, OLD_DEMO_WORKSPACE, demo_analytics_ensure, demo_ensure, demo_password


class Command(BaseCommand):
    help = "Create the demo account and one workspace per example business, with its plan and analytics (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = Path(settings.SOCIALPLAN_DATA_DIR)
        found = demo_ensure(data_dir)
        user = User.objects.get(username=DEMO_USERNAME)
        for demo in found:
            seeded = demo_analytics_ensure(workspace=demo.workspace, brand=demo.brand, user=user)
            if seeded is not None:
                rows = sum(f.rows_imported for f in seeded.files.all())
                files = seeded.files.count()
                self.stdout.write(
                    f"Demo analytics of {demo.workspace.name}: {files} export files, {rows} rows imported"
                )
        names = ", ".join(demo.workspace.name for demo in found)
        if not found and user.memberships.filter(workspace__name=OLD_DEMO_WORKSPACE).exists():
            # Seeded by an earlier version: the user may have worked in it, so it is not rebuilt.
            names = (
                f"{OLD_DEMO_WORKSPACE} (one workspace for both businesses; a new data directory gives one per business)"
            )
        password = demo_password(data_dir)
        self.stdout.write(f"Demo workspaces: {names or '-'}; sign in as {DEMO_USERNAME} / {password}")
