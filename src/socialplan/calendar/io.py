"""Reading and writing calendars as YAML or JSON, with the plan's file/line/field errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

# The plan reader's YAML parsing (duplicate keys, line map) and validation messages are reused
# as they are, so a calendar file reports problems exactly like a plan file does.
from socialplan.plan.io import (
    MAX_INPUT_BYTES,
    PlanInputError,
    YamlDumper,
    parse_document,
    validate_document,
    write_text_atomic,
)

from .model import Calendar

__all__ = ["PlanInputError", "calendar_to_json", "calendar_to_yaml", "load_calendar", "parse_calendar",
           "write_calendar"]


def load_calendar(path: str | Path) -> Calendar:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise PlanInputError(str(path), f"the file is {size:,} bytes; a calendar is at most {MAX_INPUT_BYTES:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanInputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise PlanInputError(str(path), "this is a folder, not a file") from None
    except PermissionError:
        raise PlanInputError(str(path), "permission denied: the file cannot be read") from None
    return parse_calendar(raw, str(path))


def parse_calendar(text: str | bytes, source: str = "<calendar>") -> Calendar:
    data, lines = parse_document(text, source)
    return validate_document(Calendar, data, lines, source)


def _calendar_data(calendar: Calendar) -> dict[str, Any]:
    body = calendar.model_dump(mode="json", exclude_defaults=True)
    head = {"schema_version": calendar.schema_version, "timezone": calendar.timezone}
    return head | {k: v for k, v in body.items() if k not in head}


def calendar_to_yaml(calendar: Calendar) -> str:
    return yaml.dump(_calendar_data(calendar), Dumper=YamlDumper, allow_unicode=True, sort_keys=False, width=100)


def calendar_to_json(calendar: Calendar) -> str:
    return json.dumps(_calendar_data(calendar), ensure_ascii=False, indent=2) + "\n"


def write_calendar(path: str | Path, calendar: Calendar) -> None:
    """YAML, or JSON when the name ends in .json; written atomically."""
    text = calendar_to_json(calendar) if Path(path).suffix == ".json" else calendar_to_yaml(calendar)
    write_text_atomic(path, text)
