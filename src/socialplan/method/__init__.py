"""The method as data: steps, purposes, landscape traits, the four Es, tool categories,
measurement types and metrics, equity components, fuel, and the channel catalogue.

The YAML files in ``data/`` are read, validated into frozen objects and checked for
consistency (every cross-reference resolves) once per process by :func:`load_method`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from socialplan.method.types import (
    CATEGORY_IDS,
    EQUITY_COMPONENT_IDS,
    FORMAT_IDS,
    FUEL_IDS,
    MEASUREMENT_TYPE_IDS,
    PURPOSE_IDS,
    STEP_IDS,
    STRATEGY_IDS,
    TRAIT_IDS,
    AudienceTag,
    Channel,
    EquityComponent,
    FuelItem,
    MeasurementType,
    Method,
    MetricDefinition,
    Purpose,
    Step,
    Strategy,
    ToolCategory,
    Trait,
)

__all__ = ["DATA_FILES", "Method", "MethodDataError", "load_method"]

_Model = TypeVar("_Model", bound=BaseModel)

# Each data file and the type of its items; all of them are read on load.
DATA_FILES: dict[str, type[BaseModel]] = {
    "steps.yaml": Step,
    "purposes.yaml": Purpose,
    "traits.yaml": Trait,
    "strategies.yaml": Strategy,
    "categories.yaml": ToolCategory,
    "metrics.yaml": MetricDefinition,
    "measurement_types.yaml": MeasurementType,
    "equity.yaml": EquityComponent,
    "fuel.yaml": FuelItem,
    "channels.yaml": Channel,
    "audiences.yaml": AudienceTag,
}

_Path = tuple[int | str, ...]
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # CSafeLoader is not a SafeLoader subclass


class MethodDataError(ValueError):
    """A knowledge-base file is malformed or refers to something that does not exist."""

    def __init__(self, source: str, message: str, *, line: int | None = None, field: str | None = None):
        self.source = source
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class _DataFile:
    """One YAML file: its parsed items and its node tree, kept to name lines in errors."""

    name: str
    raw: list[Any]
    root: yaml.Node | None

    def line(self, path: _Path) -> int | None:
        node = self.root
        line = None if node is None else node.start_mark.line + 1
        for step in path:
            child: yaml.Node | None = None
            if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                child = node.value[step]
            elif isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def error(self, message: str, path: _Path) -> MethodDataError:
        return MethodDataError(self.name, message, line=self.line(path), field=self._field(path))

    def _field(self, path: _Path) -> str | None:
        if not path:
            return None
        index, *rest = path
        item = self.raw[index] if isinstance(index, int) and index < len(self.raw) else None
        head = str(item["id"]) if isinstance(item, dict) and "id" in item else f"[{index}]"
        for step in rest:
            head += f"[{step}]" if isinstance(step, int) else f".{step}"
        return head


def _read(data_dir: Path | None, name: str) -> _DataFile:
    if data_dir is None:
        text = resources.files("socialplan.method").joinpath("data", name).read_text(encoding="utf-8")
    else:
        try:
            text = (data_dir / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise MethodDataError(name, f"file missing from {data_dir}") from None
    # One pass of the C parser when present (20 times faster than pure Python): the node tree
    # keeps line numbers for error messages and constructs the plain data.
    loader = _SafeLoader(text)
    try:
        root = loader.get_single_node()
        raw = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise MethodDataError(name, f"not valid YAML: {exc.problem}", line=line) from None
    finally:
        loader.dispose()
    if not isinstance(raw, list):
        raise MethodDataError(name, "expected a list of items at the top level", line=1)
    return _DataFile(name, raw, root)


def _items(source: _DataFile, model: type[_Model]) -> tuple[_Model, ...]:
    items = []
    for index, raw in enumerate(source.raw):
        try:
            items.append(model.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise source.error(first["msg"], (index, *first["loc"])) from None
    return tuple(items)


def _check_ids(source: _DataFile, ids: Sequence[str], expected: Sequence[str] | None = None) -> None:
    """Ids are unique; files whose ids the types fix hold each of them exactly once, in order."""
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise source.error(f"duplicate id {item_id!r}", (index, "id"))
        seen.add(item_id)
    if expected is not None and tuple(ids) != tuple(expected):
        missing = [i for i in expected if i not in seen]
        detail = f"missing {', '.join(missing)}" if missing else "wrong order"
        raise source.error(f"expected ids {', '.join(expected)} in that order ({detail})", ())


def _check_refs(
    source: _DataFile, index: int, field: str, values: Iterable[str], known: Iterable[str], kind: str
) -> None:
    known_set = set(known)
    for position, value in enumerate(values):
        if value not in known_set:
            raise source.error(f"unknown {kind} id {value!r}", (index, field, position))


def _check_consistency(method: Method, files: dict[str, _DataFile]) -> None:
    """Every cross-reference between the files resolves, so no consumer meets a dangling id."""
    metric_ids = [m.id for m in method.metrics]

    _check_ids(files["steps.yaml"], [s.id for s in method.steps], STEP_IDS)
    for index, step in enumerate(method.steps):
        if step.number != index + 1:
            raise files["steps.yaml"].error(f"expected number {index + 1}", (index, "number"))
        if not step.substeps:
            raise files["steps.yaml"].error("a step needs at least one sub-step", (index, "substeps"))
    _check_ids(files["steps.yaml"], [sub.id for s in method.steps for sub in s.substeps])
    _check_ids(files["purposes.yaml"], [p.id for p in method.purposes], PURPOSE_IDS)
    _check_ids(files["traits.yaml"], [t.id for t in method.traits], TRAIT_IDS)
    _check_ids(files["strategies.yaml"], [s.id for s in method.strategies], STRATEGY_IDS)
    _check_ids(files["categories.yaml"], [c.id for c in method.categories], CATEGORY_IDS)
    _check_ids(
        files["measurement_types.yaml"], [t.id for t in method.measurement_types], MEASUREMENT_TYPE_IDS
    )
    _check_ids(files["equity.yaml"], [e.id for e in method.equity_components], EQUITY_COMPONENT_IDS)
    _check_ids(files["fuel.yaml"], [f.id for f in method.fuel], FUEL_IDS)
    _check_ids(files["metrics.yaml"], metric_ids)
    _check_ids(files["channels.yaml"], [c.id for c in method.channels])
    _check_ids(files["audiences.yaml"], [a.id for a in method.audiences])

    purposes = files["purposes.yaml"]
    for index, purpose in enumerate(method.purposes):
        _check_refs(purposes, index, "metrics", purpose.metrics, metric_ids, "metric")
        if purpose.target_metric not in purpose.metrics:
            raise purposes.error(
                f"target metric {purpose.target_metric!r} is not among the purpose's metrics",
                (index, "target_metric"),
            )
        for lang, template in (("en", purpose.goal_template.en), ("he", purpose.goal_template.he)):
            if "{target}" not in template or "{deadline}" not in template:
                raise purposes.error("needs both {target} and {deadline}", (index, "goal_template", lang))

    strategies = files["strategies.yaml"]
    for index, strategy in enumerate(method.strategies):
        _check_refs(strategies, index, "formats", strategy.formats, FORMAT_IDS, "format")

    types = files["measurement_types.yaml"]
    listed_under: dict[str, str] = {}
    for index, mtype in enumerate(method.measurement_types):
        _check_refs(types, index, "metrics", mtype.metrics, metric_ids, "metric")
        for position, metric_id in enumerate(mtype.metrics):
            metric = method.metric(metric_id)
            if metric.measurement_type != mtype.id:
                raise types.error(
                    f"metric {metric_id!r} has measurement_type {metric.measurement_type!r}",
                    (index, "metrics", position),
                )
            if metric_id in listed_under:
                raise types.error(f"metric {metric_id!r} is listed twice", (index, "metrics", position))
            listed_under[metric_id] = mtype.id
    for index, metric in enumerate(method.metrics):
        if metric.id not in listed_under:
            raise files["metrics.yaml"].error(
                f"not listed under {metric.measurement_type!r} in measurement_types.yaml",
                (index, "measurement_type"),
            )

    equity = files["equity.yaml"]
    for index, component in enumerate(method.equity_components):
        _check_refs(equity, index, "indicators", component.indicators, metric_ids, "metric")

    channels = files["channels.yaml"]
    audience_ids = [a.id for a in method.audiences]
    spelled: dict[str, str] = {}
    for index, channel in enumerate(method.channels):
        _check_refs(channels, index, "audiences", channel.audiences, audience_ids, "audience tag")
        _check_refs(channels, index, "formats", [f.format for f in channel.formats], FORMAT_IDS, "format")
        # find_channel must never have to choose between two channels for one spelling.
        for spelling in {channel.id, channel.name.en, channel.name.he, *channel.aliases}:
            folded = _fold(spelling)
            owner = spelled.setdefault(folded, channel.id)
            if owner != channel.id:
                message = f"spelling {spelling!r} also names channel {owner!r}"
                raise channels.error(message, (index, "aliases"))

    audiences = files["audiences.yaml"]
    for index, tag in enumerate(method.audiences):
        for position, keyword in enumerate(tag.keywords):
            if keyword != keyword.lower() or not keyword.strip():
                message = "keywords must be non-empty and lower-case"
                raise audiences.error(message, (index, "keywords", position))


def _fold(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


@cache
def load_method(data_dir: Path | None = None) -> Method:
    """Read, validate and cross-check the knowledge base once per process.

    ``data_dir`` reads the files from another folder (a test's broken copy, a fork's own
    catalogue); by default they come from the package. Raises :class:`MethodDataError`.
    """
    files = {name: _read(data_dir, name) for name in DATA_FILES}
    method = Method(
        steps=_items(files["steps.yaml"], Step),
        purposes=_items(files["purposes.yaml"], Purpose),
        traits=_items(files["traits.yaml"], Trait),
        strategies=_items(files["strategies.yaml"], Strategy),
        categories=_items(files["categories.yaml"], ToolCategory),
        metrics=_items(files["metrics.yaml"], MetricDefinition),
        measurement_types=_items(files["measurement_types.yaml"], MeasurementType),
        equity_components=_items(files["equity.yaml"], EquityComponent),
        fuel=_items(files["fuel.yaml"], FuelItem),
        channels=_items(files["channels.yaml"], Channel),
        audiences=_items(files["audiences.yaml"], AudienceTag),
    )
    _check_consistency(method, files)
    return method
