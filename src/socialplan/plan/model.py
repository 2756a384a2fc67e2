"""The plan: one typed model that covers all seven steps of the method.

The names in the JSON/YAML form are a public contract (tools, tests and the web app rely
on them); change them only with a new ``schema_version`` and a migration in
:mod:`socialplan.plan.migrate`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from socialplan.i18n import Lang
from socialplan.method.types import CategoryId, MeasurementTypeId, PurposeId, StrategyId, TraitId

SCHEMA_VERSION: Literal[1] = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", min_length=1, max_length=80)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Level = Literal["low", "medium", "high"]


class Part(BaseModel):
    """Base of every plan part: unknown keys are errors, so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)


# ── business and objectives (step 1) ───────────────────────────────────────────────────


class Business(Part):
    name: NonEmpty
    industry: str = ""
    description: str = ""
    employees: int = Field(default=1, ge=1)
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]] = Field(default_factory=lambda: ["en"])
    regions: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] = Field(default_factory=list)
    b2b: bool = False
    website: str = ""


class Objective(Part):
    """A business objective as the owner wrote it, and what social media can do for it."""

    id: Id
    text: NonEmpty
    purpose: PurposeId | None  # None: social media does not serve this objective
    reason: str = ""  # why it was classified so, in the plan's language


class Target(Part):
    metric: str  # id of a plan metric (``metrics[].id``)
    value: float
    baseline: float | None = None
    deadline: dt.date | None = None


class Goal(Part):
    id: Id
    title: NonEmpty
    objective: str | None = None  # id of the business objective it serves (alignment)
    purpose: PurposeId | None = None
    target: Target | None = None
    metrics: list[str] = Field(default_factory=list)  # ids of plan metrics that track it
    proposed: bool = False  # drafted by socialplan: the owner still has to confirm it
    why: str = ""


# ── landscape (step 2) ─────────────────────────────────────────────────────────────────


class Audience(Part):
    id: Id
    name: NonEmpty
    description: str = ""
    platforms: list[str] = Field(default_factory=list)  # catalogue channel ids or names
    tags: list[str] = Field(default_factory=list)  # catalogue audience tags


class Tactic(Part):
    """Something the plan will do on social media, checked against the landscape traits."""

    id: Id
    text: NonEmpty
    channel: str | None = None
    outreach: Literal["permission", "unsolicited"] = "permission"
    direction: Literal["two_way", "broadcast"] = "two_way"
    production: Literal["authentic", "mixed", "polished"] = "mixed"


class Landscape(Part):
    audiences: list[Audience] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    traits: dict[TraitId, str] = Field(default_factory=dict)  # how the plan honours each trait
    tactics: list[Tactic] = Field(default_factory=list)


# ── the four Es (step 3) ───────────────────────────────────────────────────────────────


class StrategyChoice(Part):
    id: StrategyId
    serves: list[str] = Field(default_factory=list)  # goal ids
    why: str = ""
    share: float | None = Field(default=None, ge=0, le=1)  # planned share of content, 0-1


# ── tools and channels (step 4) ────────────────────────────────────────────────────────


class Cadence(Part):
    posts: float = Field(gt=0)
    per: Literal["day", "week", "month"] = "week"

    @property
    def posts_per_week(self) -> float:
        return {"day": self.posts * 7, "week": self.posts, "month": self.posts * 12 / 52}[self.per]


class ChannelPlan(Part):
    id: str  # catalogue channel id, or an own id for a tool the catalogue lacks
    name: str = ""
    category: CategoryId
    formats: list[str] = Field(default_factory=list)
    strategies: list[StrategyId] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)  # audience ids
    cadence: Cadence
    weekly_hours: float = Field(ge=0)
    owner: str | None = None  # person name
    mode: Literal["two_way", "broadcast"] = "two_way"
    production: Literal["authentic", "mixed", "polished"] = "mixed"
    why: str = ""


# ── measurement map and equity (step 5) ────────────────────────────────────────────────


class Metric(Part):
    id: Id
    name: str = ""
    definition: str | None = None  # id of a catalogue metric, when it is one
    measurement_type: MeasurementTypeId
    formula: str = ""
    goals: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)  # empty: all channels
    baseline: float | None = None
    target: float | None = None
    unit: str = ""


class Indicator(Part):
    metric: str  # id of a plan metric
    weight: float = Field(default=1.0, gt=0)
    target: float | None = None


class EquityComponentPlan(Part):
    indicators: list[Indicator] = Field(default_factory=list)


class Equity(Part):
    relationship_strength: EquityComponentPlan = Field(default_factory=EquityComponentPlan)
    familiarity: EquityComponentPlan = Field(default_factory=EquityComponentPlan)
    efficiency: EquityComponentPlan = Field(default_factory=EquityComponentPlan)
    value_creation: EquityComponentPlan = Field(default_factory=EquityComponentPlan)
    index_target: float | None = Field(default=None, ge=0, le=100)


# ── fuel (step 6) ──────────────────────────────────────────────────────────────────────


class Person(Part):
    name: NonEmpty
    titles: list[str] = Field(default_factory=list)  # as printed on the business card
    role: Literal[
        "owner", "strategist", "content", "community", "design", "video", "analyst", "ads", "support", "other"
    ] = "other"
    weekly_hours: float = Field(ge=0, le=80)
    skills: list[str] = Field(default_factory=list)  # tools and apps the person knows
    hourly_rate: float | None = Field(default=None, ge=0)


class ToolCost(Part):
    name: NonEmpty
    monthly_cost: float = Field(default=0, ge=0)


class Resources(Part):
    people: list[Person] = Field(default_factory=list)
    owner: str | None = None  # name of the person who owns social media
    monthly_budget: float | None = Field(default=None, ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "USD"
    hourly_rate: float | None = Field(default=None, ge=0)  # default cost of an hour of work
    tools: list[ToolCost] = Field(default_factory=list)
    content_sources: list[Literal["own", "curated", "user_generated", "partners"]] = Field(default_factory=list)


# ── the return (step 7) ────────────────────────────────────────────────────────────────


class Investment(Part):
    monthly_hours: float = Field(default=0, ge=0)
    monthly_labour_cost: float = Field(default=0, ge=0)
    monthly_tools_cost: float = Field(default=0, ge=0)
    monthly_ads_cost: float = Field(default=0, ge=0)

    @property
    def monthly_total(self) -> float:
        return self.monthly_labour_cost + self.monthly_tools_cost + self.monthly_ads_cost


class ExpectedValue(Part):
    description: NonEmpty
    metric: str | None = None  # plan metric that will show it
    monthly_value: float = Field(ge=0)


class Risk(Part):
    id: Id
    description: NonEmpty
    likelihood: Level = "medium"
    impact: Level = "medium"
    mitigation: str = ""


class Return(Part):
    investment: Investment | None = None
    expected_value: list[ExpectedValue] = Field(default_factory=list)
    horizon_months: int = Field(default=12, ge=1, le=120)
    risks: list[Risk] = Field(default_factory=list)


# ── the plan ───────────────────────────────────────────────────────────────────────────


class Plan(Part):
    schema_version: Literal[1] = SCHEMA_VERSION
    language: Lang = "en"
    business: Business
    objectives: list[Objective] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    landscape: Landscape = Field(default_factory=Landscape)
    strategies: list[StrategyChoice] = Field(default_factory=list)
    channels: list[ChannelPlan] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    equity: Equity = Field(default_factory=Equity)
    resources: Resources = Field(default_factory=Resources)
    return_: Return = Field(default_factory=Return, alias="return")

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Plan:
        for field, items in (
            ("objectives", self.objectives),
            ("goals", self.goals),
            ("strategies", self.strategies),
            ("channels", self.channels),
            ("metrics", self.metrics),
            ("landscape.audiences", self.landscape.audiences),
            ("return.risks", self.return_.risks),
        ):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{field}: the id {item.id!r} is used twice")
                seen.add(item.id)
        return self

    # Look-ups used by review, documents and the web app.
    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)

    def person(self, name: str) -> Person | None:
        return next((p for p in self.resources.people if p.name == name), None)

    @property
    def weekly_hours_available(self) -> float:
        return sum(p.weekly_hours for p in self.resources.people)

    @property
    def weekly_hours_planned(self) -> float:
        return sum(c.weekly_hours for c in self.channels)
