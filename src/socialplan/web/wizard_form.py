"""Binding the wizard's path-named inputs to the plan's JSON, and the plan's errors back to inputs."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import ValidationError

from socialplan.i18n import Lang
from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Plan as PlanModel
from socialplan.web.wizard_spec import (
    FieldSpec,
    SectionSpec,
    field_id,
    path_join,
    step_sections,
    value_at,
    value_set,
)

_ACTION = re.compile(r"^(save|next|add|remove):?(.*)$")


@dataclass(frozen=True)
class BoundField:
    name: str  # the plan path, used as the input's name
    id: str
    label: str
    kind: str
    value: str
    values: tuple[str, ...]  # for "multi"
    choices: tuple[tuple[str, str], ...]
    error: str
    optional: bool
    suggestions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemView:
    path: str
    id: str
    index: int
    title: str
    fields: tuple[BoundField, ...]
    origin: str = ""  # index of this item in the stored plan ("" for an item added since)


@dataclass(frozen=True)
class SectionView:
    path: str
    id: str
    title: str
    repeat: bool
    items: tuple[ItemView, ...]
    add_label: str


# ── from the request to the plan ───────────────────────────────────────────────────────


def form_action(post: QueryDict) -> tuple[str, str]:
    """What the pressed button asks: ``("save", "")``, ``("add", "goals")``, ``("remove", "goals[1]")``."""
    match = _ACTION.match(post.get("action", "save"))
    return (match.group(1), match.group(2)) if match else ("save", "")


@dataclass
class StepState:
    """A step's form applied to the plan: the new JSON, and for each list which stored item
    each row came from, so rows keep their unshown fields however often rows are added or
    removed before the save."""

    data: dict[str, Any]
    origins: dict[str, list[str]]


def step_apply(data: Mapping[str, Any], step: str, post: QueryDict) -> StepState:
    """A copy of the plan's JSON with this step's inputs from ``post`` written in (not validated)."""
    new = copy.deepcopy(dict(data))
    origins: dict[str, list[str]] = {}
    for section in step_sections(step):
        if section.repeat:
            old_items = value_at(new, section.path) or []
            items = []
            origins[section.path] = []
            for index in _posted_rows(post, section.path):
                origin = post.get(f"{section.path}[{index}]._from", "")
                known = origin.isdigit() and int(origin) < len(old_items)
                item = copy.deepcopy(old_items[int(origin)]) if known else {}
                origins[section.path].append(origin if known else "")
                for spec in section.fields:
                    value_set(item, spec.key, _input_value(post, f"{section.path}[{index}].{spec.key}", spec))
                for key in section.nullable:
                    if _all_empty(item.get(key)):
                        item[key] = None
                items.append(item)
            value_set(new, section.path, items)
        else:
            if value_at(new, section.path) is None:
                value_set(new, section.path, {})
            target = value_at(new, section.path)
            for spec in section.fields:
                value = _input_value(post, f"{section.path}.{spec.key}", spec)
                if section.drop_empty and _all_empty(value):
                    target.pop(spec.key, None)
                else:
                    value_set(new, f"{section.path}.{spec.key}", value)
            if section.optional_object and _all_empty(value_at(new, section.path)):
                value_set(new, section.path, None)
    return StepState(new, origins)


def item_add(state: StepState, step: str, list_path: str) -> StepState:
    for section in step_sections(step):
        if section.repeat and section.path == list_path:
            items = value_at(state.data, list_path) or []
            items.append(section.new_item(len(items) + 1))
            value_set(state.data, list_path, items)
            state.origins.setdefault(list_path, []).append("")
    return state


def item_remove(state: StepState, step: str, item_path: str) -> StepState:
    list_path, _sep, index = item_path.rpartition("[")
    if any(s.repeat and s.path == list_path for s in step_sections(step)) and index.rstrip("]").isdigit():
        items = value_at(state.data, list_path) or []
        position = int(index.rstrip("]"))
        if position < len(items):
            del items[position]
            origins = state.origins.get(list_path)
            if origins is not None and position < len(origins):
                del origins[position]
    return state


def plan_validate(data: Mapping[str, Any]) -> tuple[PlanModel | None, dict[str, str]]:
    """The plan, or the errors keyed by plan path with translated messages."""
    try:
        return PlanModel.model_validate(data), {}
    except ValidationError as error:
        errors: dict[str, str] = {}
        for problem in error.errors():
            loc = tuple(p for p in problem["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            path = path_join(list(loc)) if loc else ""
            errors.setdefault(path, _error_message(problem["type"], problem.get("msg", "")))
        return None, errors


def _error_message(kind: str, detail: str) -> str:
    if kind in {"missing", "string_too_short"}:
        return _("This field is required.")
    if kind.startswith(("float_", "int_")):
        return _("Enter a number.")
    if kind.startswith(("date_", "datetime_")):
        return _("Enter a date.")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return _("The number is out of the allowed range.")
    if kind == "string_pattern_mismatch":
        return _("The format is not valid here (use lower-case letters, digits and dashes for ids).")
    if kind in {"literal_error", "enum"}:
        return _("Choose one of the options.")
    if kind == "string_too_long":
        return _("The text is too long.")
    # Cross-field rules of the plan model (a repeated id): their text names the field.
    return _("This value is not valid: %(detail)s") % {"detail": detail.removeprefix("Value error, ")}


def _posted_rows(post: QueryDict, list_path: str) -> list[int]:
    pattern = re.compile(re.escape(list_path) + r"\[(\d+)\]\._from$")
    return sorted({int(m.group(1)) for key in post for m in [pattern.match(key)] if m})


def _input_value(post: QueryDict, name: str, spec: FieldSpec) -> Any:
    if spec.kind == "check":
        return name in post
    if spec.kind == "multi":
        return [v for v in post.getlist(name) if v]
    raw = post.get(name, "").strip()
    if spec.kind == "list":
        return [part.strip() for part in raw.replace("،", ",").split(",") if part.strip()]
    if raw == "":
        return None if spec.optional else ""
    if spec.kind == "number":
        try:
            number = float(raw)
        except ValueError:
            return raw  # the plan model reports it as "Enter a number"
        return int(number) if number.is_integer() else number
    return raw


def _all_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_all_empty(v) for v in value.values())
    return value is None or value == "" or value == []


# ── from the plan to the form ──────────────────────────────────────────────────────────


def step_view(
    data: Mapping[str, Any],
    step: str,
    lang: Lang,
    errors: Mapping[str, str],
    origins: Mapping[str, list[str]] | None = None,
) -> list[SectionView]:
    sections = []
    for section in step_sections(step):
        if section.repeat:
            items = value_at(data, section.path) or []
            rows = (origins or {}).get(section.path) or [str(i) for i in range(len(items))]
            views = tuple(
                replace(
                    _item_view(data, section, f"{section.path}[{i}]", i, str(section.item_title), lang, errors),
                    origin=rows[i] if i < len(rows) else "",
                )
                for i in range(len(items))
            )
            add_label = _("Add: %(item)s") % {"item": section.item_title}
        else:
            views = (_item_view(data, section, section.path, -1, "", lang, errors),)
            add_label = ""
        sections.append(
            SectionView(section.path, field_id(section.path), str(section.title), section.repeat, views, add_label)
        )
    return sections


def _item_view(
    data: Mapping[str, Any],
    section: SectionSpec,
    base: str,
    index: int,
    title: str,
    lang: Lang,
    errors: Mapping[str, str],
) -> ItemView:
    fields = []
    for spec in section.fields:
        path = f"{base}.{spec.key}"
        value = value_at(data, path)
        choices = tuple(spec.choices(data, lang)) if spec.choices else ()
        fields.append(
            BoundField(
                name=path,
                id=field_id(path),
                label=str(spec.label),
                kind=spec.kind,
                value=_display(value, spec),
                values=tuple(str(v) for v in value) if isinstance(value, list) else (),
                choices=choices,
                error=errors.get(path, ""),
                optional=spec.optional,
                suggestions=tuple(spec.suggest(data, lang)) if spec.suggest else (),
            )
        )
    heading = _item_heading(title, index) if index >= 0 else ""
    return ItemView(base, field_id(base), index, heading, tuple(fields))


def _item_heading(title: str, index: int) -> str:
    return _("%(item)s %(number)d") % {"item": title, "number": index + 1}


def _display(value: Any, spec: FieldSpec) -> str:
    if value is None:
        return ""
    if spec.kind == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def known_ids(sections: list[SectionView]) -> set[str]:
    ids = set()
    for section in sections:
        ids.add(section.id)
        for item in section.items:
            ids.add(item.id)
            ids.update(f.id for f in item.fields)
    return ids


def step_form_data(data: Mapping[str, Any], step: str, lang: Lang) -> dict[str, list[str]]:
    """What the browser submits for a step's form as rendered (benchmarks, scripted clients)."""
    posted: dict[str, list[str]] = {}
    for section in step_view(data, step, lang, {}):
        for item in section.items:
            if item.index >= 0:
                posted[f"{item.path}._from"] = [item.origin]
            for bound in item.fields:
                if bound.kind == "multi":
                    if bound.values:
                        posted[bound.name] = list(bound.values)
                elif bound.kind == "check":
                    if bound.value:
                        posted[bound.name] = ["on"]
                else:
                    posted[bound.name] = [bound.value]
    return posted


@dataclass(frozen=True)
class PathPlace:
    """Where a plan path is edited: the step, the input's id and a readable name."""

    step: str
    anchor: str
    label: str


def path_place(path: str) -> PathPlace | None:
    """The wizard input for a leaf path (``goals[0].target.deadline`` → step 1, "Goal 1: Deadline")."""
    for step in STEP_IDS:
        for section in step_sections(step):
            item = re.escape(section.path) + (r"\[(\d+)\]" if section.repeat else "()")
            for spec in section.fields:
                # A list input (comma-separated, or check boxes) holds the list's items too.
                suffix = r"(?:\[\d+\])?" if spec.kind in {"list", "multi"} else ""
                match = re.fullmatch(f"({item}\\.{re.escape(spec.key)}){suffix}", path)
                if match is None:
                    continue
                if section.repeat:
                    owner = _item_heading(str(section.item_title), int(match.group(2)))
                else:
                    owner = str(section.title)
                label = _("%(part)s: %(field)s") % {"part": owner, "field": spec.label}
                return PathPlace(step, field_id(match.group(1)), label)
    return None
