"""Reading and writing plans and profiles as YAML or JSON, with errors a person can act on.

Every problem with an input file becomes one :class:`PlanInputError` that names the file,
the line and the field; nothing is written when reading fails. JSON is read by the YAML
parser too (JSON is, for these files, a subset of YAML), so both get line numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from socialplan.plan.model import SCHEMA_VERSION, Plan
from socialplan.plan.profile import Profile

__all__ = [
    "MAX_INPUT_BYTES",
    "PlanInputError",
    "YamlDumper",
    "load_plan",
    "load_profile",
    "parse_document",
    "parse_plan",
    "parse_profile",
    "plan_to_json",
    "plan_to_yaml",
    "validate_document",
    "write_text_atomic",
]

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a plan is a few dozen kilobytes; anything this big is a mistake

_Model = TypeVar("_Model", bound=BaseModel)
PathKey = tuple[str | int, ...]


class PlanInputError(Exception):
    """A plan or profile file that cannot be used, and why."""

    def __init__(self, source: str, message: str, *, line: int | None = None, field: str | None = None,
                 details: tuple[str, ...] = ()) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.message = message
        self.details = details
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        text = f"{where}: {what}"
        if self.details:
            text += "\n" + "\n".join(f"  {d}" for d in self.details)
        return text


# ── reading ────────────────────────────────────────────────────────────────────────────


def load_plan(path: str | Path) -> Plan:
    path = Path(path)
    return parse_plan(_read_bytes(path), str(path))


def load_profile(path: str | Path) -> Profile:
    path = Path(path)
    return parse_profile(_read_bytes(path), str(path))


def parse_plan(text: str | bytes, source: str = "<plan>") -> Plan:
    data, lines = parse_document(text, source)
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise PlanInputError(
            source,
            f"this plan uses schema version {version}, but this socialplan reads up to version "
            f"{SCHEMA_VERSION}; upgrade socialplan to open it",
            line=lines.get(("schema_version",)),
            field="schema_version",
        )
    return validate_document(Plan, data, lines, source)


def parse_profile(text: str | bytes, source: str = "<profile>") -> Profile:
    data, lines = parse_document(text, source)
    return validate_document(Profile, data, lines, source)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise PlanInputError(
                str(path), f"the file is {size:,} bytes; a plan or profile is at most {MAX_INPUT_BYTES:,} bytes"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise PlanInputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise PlanInputError(str(path), "this is a folder, not a file") from None
    except PermissionError:
        raise PlanInputError(str(path), "permission denied: the file cannot be read") from None


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise PlanInputError(source, "the file is empty")
    if b"\x00" in raw[:8192]:
        raise PlanInputError(source, "this is a binary file, not YAML or JSON text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = ""
        if any(0xE0 <= b <= 0xFA for b in raw[error.start : error.start + 1]):
            hint = " (it looks like Windows-1255 Hebrew; save it as UTF-8 and try again)"
        raise PlanInputError(source, f"the file is not UTF-8 text{hint}", line=line) from None


def parse_document(text: str | bytes, source: str) -> tuple[dict[str, Any], dict[PathKey, int]]:
    """Decode and parse a YAML or JSON document, with the line of every key and list item.

    Shared by every file format built on these rules (plans, profiles, calendars)."""
    if isinstance(text, bytes):
        if len(text) > MAX_INPUT_BYTES:
            raise PlanInputError(source, f"the input is larger than {MAX_INPUT_BYTES:,} bytes")
        text = _decode(text, source)
    elif not text.strip():
        raise PlanInputError(source, "the file is empty")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or "it is not valid YAML or JSON"
        raise PlanInputError(source, f"not valid YAML or JSON: {problem}", line=line) from None
    except yaml.YAMLError as error:
        raise PlanInputError(source, f"not valid YAML or JSON: {error}") from None
    if node is None:
        raise PlanInputError(source, "the file is empty")
    if not isinstance(node, yaml.MappingNode):
        raise PlanInputError(source, "the top level must be a mapping of keys to values", line=node.start_mark.line + 1)
    lines: dict[PathKey, int] = {}
    _check_duplicates_and_map_lines(node, (), lines, source)
    try:
        data = yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as error:  # pragma: no cover - compose already accepted the text
        raise PlanInputError(source, f"not valid YAML or JSON: {error}") from None
    return data, lines


def _check_duplicates_and_map_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise PlanInputError(
                    source,
                    f"the key {key!r} appears twice (first on line {seen[key]}); keep one of them",
                    line=line,
                    field=_dotted((*path, key)),
                )
            seen[key] = line
            lines[(*path, key)] = line
            _check_duplicates_and_map_lines(value_node, (*path, key), lines, source)
            lines[(*path, key)] = line  # the key's own line beats its value's first line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_duplicates_and_map_lines(item, (*path, index), lines, source)


def validate_document(model: type[_Model], data: dict[str, Any], lines: dict[PathKey, int], source: str) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = list(_describe(error, lines))
        first_line, first_field, first_message = problems[0]
        details = tuple(
            f"line {line}: {field}: {message}" if line else f"{field}: {message}"
            for line, field, message in problems[1:10]
        )
        if len(problems) > 10:
            details += (f"… and {len(problems) - 10} more problems",)
        raise PlanInputError(source, first_message, line=first_line, field=first_field, details=details) from None


def _describe(error: ValidationError, lines: dict[PathKey, int]) -> Iterator[tuple[int | None, str, str]]:
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and part.startswith("function-")))
        field = _dotted(loc) or "(top level)"
        line = _nearest_line(loc, lines)
        kind = item["type"]
        if kind == "extra_forbidden":
            message = "unknown field (check the spelling; `socialplan schema` lists every field)"
        elif kind == "missing":
            message = "this field is required"
        else:
            message = item["msg"]
            if "input" in item and kind not in ("model_type",) and not isinstance(item["input"], dict | list):
                message += f" (got {item['input']!r})"
        yield line, field, message


def _nearest_line(loc: tuple[Any, ...], lines: dict[PathKey, int]) -> int | None:
    for cut in range(len(loc), -1, -1):
        key = tuple(loc[:cut])
        if key in lines:
            return lines[key]
    return None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# ── writing ────────────────────────────────────────────────────────────────────────────


class YamlDumper(yaml.SafeDumper):
    """Block style, Unicode kept as is (Hebrew stays readable), multi-line strings as blocks."""


# Characters YAML reads as line breaks (or folds away) unless escaped: in a plain, single-quoted
# or block scalar they come back as a space or a plain newline, so such text is double-quoted,
# where PyYAML escapes them (\r, \N, \L, \P).
_ESCAPED_BREAKS = frozenset("\r\x85\u2028\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if not _ESCAPED_BREAKS.isdisjoint(value):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


YamlDumper.add_representer(str, _str_representer)


def _plan_data(plan: Plan) -> dict[str, Any]:
    # Defaults are left out so the file stays short; required fields are always written,
    # and schema_version and language lead so a reader knows what it holds.
    body = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    head = {"schema_version": plan.schema_version, "language": plan.language}
    return head | {k: v for k, v in body.items() if k not in head}


def plan_to_yaml(plan: Plan) -> str:
    return yaml.dump(_plan_data(plan), Dumper=YamlDumper, allow_unicode=True, sort_keys=False, width=100)


_YAML_UNREADABLE = re.compile("[\x7f-\x9f]")


def plan_to_json(plan: Plan) -> str:
    text = json.dumps(_plan_data(plan), ensure_ascii=False, indent=2) + "\n"
    # JSON allows raw DEL and C1 control characters in strings, YAML (our reader) does not:
    # escape them so every file we write reads back.
    return _YAML_UNREADABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside the target and rename: never a half-written file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
