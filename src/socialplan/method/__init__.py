"""The method as data: steps, purposes, landscape traits, the four Es, tool categories,
measurement types and metrics, equity components, fuel, and the channel catalogue."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from socialplan.method.types import (
    AudienceTag,
    Channel,
    EquityComponent,
    FuelItem,
    MeasurementType,
    MetricDefinition,
    Method,
    Purpose,
    Step,
    Strategy,
    ToolCategory,
    Trait,
)

__all__ = ["Method", "load_method"]

_Model = TypeVar("_Model", bound=BaseModel)


def _read(name: str) -> Any:
    text = resources.files("socialplan.method").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _items(name: str, model: type[_Model]) -> tuple[_Model, ...]:
    return tuple(model.model_validate(raw) for raw in _read(name))


@cache
def load_method() -> Method:
    """Read and validate the knowledge base once per process."""
    method = Method(
        steps=_items("steps.yaml", Step),
        purposes=_items("purposes.yaml", Purpose),
        traits=_items("traits.yaml", Trait),
        strategies=_items("strategies.yaml", Strategy),
        categories=_items("categories.yaml", ToolCategory),
        metrics=_items("metrics.yaml", MetricDefinition),
        measurement_types=_items("measurement_types.yaml", MeasurementType),
        equity_components=_items("equity.yaml", EquityComponent),
        fuel=_items("fuel.yaml", FuelItem),
        channels=_items("channels.yaml", Channel),
        audiences=_items("audiences.yaml", AudienceTag),
    )
    return method
