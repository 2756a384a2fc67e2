from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings

# Imports run in the background on django-tasks' database backend, so the embedded default
# needs no broker: `manage.py db_worker` (django-tasks-db) runs them. Settings that name
# their own TASKS keep them (tests use the immediate backend).
DEFAULT_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class DashboardConfig(AppConfig):
    name = "socialplan.web.dashboard"
    label = "dashboard"
    verbose_name = "socialplan dashboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        if not getattr(settings, "TASKS", None):
            settings.TASKS = DEFAULT_TASKS
