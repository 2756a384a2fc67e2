"""The content calendar: planned posts on a cadence, checked against the plan, exported to
calendar apps and bulk schedulers, and compared with what was really published."""

from __future__ import annotations

from .checks import CHECKS, calendar_check
from .generate import calendar_generate
from .io import calendar_to_json, calendar_to_yaml, load_calendar, parse_calendar, write_calendar
from .model import STATUSES, Calendar, Entry, Holiday, Status, utm_url
from .workflow import TransitionError, allowed_transitions, entry_transition

__all__ = [
    "CHECKS",
    "STATUSES",
    "Calendar",
    "Entry",
    "Holiday",
    "Status",
    "TransitionError",
    "allowed_transitions",
    "calendar_check",
    "calendar_generate",
    "calendar_to_json",
    "calendar_to_yaml",
    "entry_transition",
    "load_calendar",
    "parse_calendar",
    "utm_url",
    "write_calendar",
]
