from __future__ import annotations

from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "socialplan.web.calendar"
    label = "content_calendar"  # "calendar" would read like Python's own module
    verbose_name = "socialplan content calendar"
    default_auto_field = "django.db.models.BigAutoField"
