from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "socialplan.web"
    label = "web"
    verbose_name = "socialplan"
    default_auto_field = "django.db.models.BigAutoField"
