from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "socialplan.web.dashboard"
    label = "dashboard"
    verbose_name = "socialplan dashboards"
    default_auto_field = "django.db.models.BigAutoField"
