"""Typed, read-only objects for the method's knowledge base.

The data itself lives in YAML files beside this package (``data/``), in English and
Hebrew; :func:`socialplan.method.load_method` reads and validates it once.
"""

from __future__ import annotations

from typing import Any, Literal, NoReturn, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from socialplan.i18n import Text

StepId = Literal["goal", "landscape", "strategy", "tools", "measurement", "fuel", "return"]
STEP_IDS: tuple[StepId, ...] = ("goal", "landscape", "strategy", "tools", "measurement", "fuel", "return")

PurposeId = Literal[
    "public_relations",
    "marketing",
    "brand_building",
    "innovation",
    "crowdsourcing",
    "organisational_culture",
    "market_engagement",
]
PURPOSE_IDS: tuple[PurposeId, ...] = (
    "public_relations",
    "marketing",
    "brand_building",
    "innovation",
    "crowdsourcing",
    "organisational_culture",
    "market_engagement",
)

TraitId = Literal["community_driven", "conversation", "viral", "personal_spaces", "authenticity"]
TRAIT_IDS: tuple[TraitId, ...] = (
    "community_driven",
    "conversation",
    "viral",
    "personal_spaces",
    "authenticity",
)

StrategyId = Literal["education", "entertainment", "engagement", "empowerment"]
STRATEGY_IDS: tuple[StrategyId, ...] = ("education", "entertainment", "engagement", "empowerment")

CategoryId = Literal["networking", "collaboration", "multimedia", "entertainment"]
CATEGORY_IDS: tuple[CategoryId, ...] = ("networking", "collaboration", "multimedia", "entertainment")

MeasurementTypeId = Literal["pr_media", "word_of_mouth", "web_analytics", "opinion_research"]
MEASUREMENT_TYPE_IDS: tuple[MeasurementTypeId, ...] = (
    "pr_media",
    "word_of_mouth",
    "web_analytics",
    "opinion_research",
)

EquityComponentId = Literal["relationship_strength", "familiarity", "efficiency", "value_creation"]
EQUITY_COMPONENT_IDS: tuple[EquityComponentId, ...] = (
    "relationship_strength",
    "familiarity",
    "efficiency",
    "value_creation",
)

FuelId = Literal["time", "fresh_content", "dedicated_team", "creativity", "good_design", "knowing_tools"]
FUEL_IDS: tuple[FuelId, ...] = (
    "time",
    "fresh_content",
    "dedicated_team",
    "creativity",
    "good_design",
    "knowing_tools",
)

Strength = Literal["strong", "medium", "weak"]

# Content format ids used across the product (channel formats, strategy formats, plan content).
# FormatHours.format stays a plain str for compatibility; the loader checks it against this list.
FORMAT_IDS: tuple[str, ...] = (
    "text",
    "image",
    "carousel",
    "short_video",
    "long_video",
    "article",
    "live",
    "thread",
    "story",
    "audio",
    "poll",
    "link",
    "newsletter",
    "event",
)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReadOnlyDict(dict[str, Any]):
    """A dict that refuses changes: a frozen model's mapping fields stay read-only (and hashable)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("the method's knowledge base is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __hash__(self) -> int:  # type: ignore[override]  # dict is unhashable; this one never changes
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[ReadOnlyDict], tuple[dict[str, Any]]]:
        # copy and pickle rebuild through the constructor, never through the refused __setitem__
        return (ReadOnlyDict, (dict(self),))


class SubStep(Frozen):
    id: str
    title: Text
    guidance: Text


class Step(Frozen):
    number: int = Field(ge=1, le=7)
    id: StepId
    title: Text
    metaphor: Text  # the road-trip image: destination, terrain, road, wheels, map, fuel, return
    summary: Text
    software: Text  # what the product does for this step, shown in the wizard
    substeps: tuple[SubStep, ...]


class Purpose(Frozen):
    id: PurposeId
    name: Text
    description: Text
    strategies: tuple[StrategyId, ...]  # the Es that usually serve this purpose, best first
    metrics: tuple[str, ...]  # ids of catalogue metrics that measure it, best first
    target_metric: str  # the metric a drafted goal for this purpose targets
    goal_template: Text  # a SMART goal sentence with {target} and {deadline} placeholders


class Trait(Frozen):
    id: TraitId
    name: Text
    description: Text
    check: Text  # the question a planner asks of each tactic


class Strategy(Frozen):
    id: StrategyId
    name: Text
    description: Text
    examples: tuple[Text, ...]
    formats: tuple[str, ...]  # content formats that carry this E well


class ToolCategory(Frozen):
    id: CategoryId
    name: Text
    description: Text


class MetricDefinition(Frozen):
    id: str
    name: Text
    measurement_type: MeasurementTypeId
    formula: str  # plain-language formula, e.g. "engagements / impressions × 100"
    description: Text
    unit: Literal["count", "percent", "ratio", "currency", "score", "seconds"]
    higher_is_better: bool = True
    audience_size_only: bool = False  # counts eyeballs, not equity ("loyalty without equity")
    sources: tuple[str, ...] = ()  # short citations, expanded in docs/metrics.md
    formula_he: str | None = None  # the formula in Hebrew; without it the English one is shown

    @property
    def formula_text(self) -> Text:
        """The formula in both languages, for documents and the interface."""
        return Text(en=self.formula, he=self.formula_he or self.formula)


class MeasurementType(Frozen):
    id: MeasurementTypeId
    name: Text
    description: Text
    metrics: tuple[str, ...]  # ids of MetricDefinition


class EquityComponent(Frozen):
    id: EquityComponentId
    name: Text
    description: Text
    indicators: tuple[str, ...]  # default indicator metric ids


class FuelItem(Frozen):
    id: FuelId
    name: Text
    description: Text


class FormatHours(Frozen):
    format: str  # e.g. "text", "image", "carousel", "short_video", "long_video", "article", "live", "thread"
    hours_per_post: float = Field(gt=0)


class Channel(Frozen):
    """One real platform or tool of today, as the catalogue describes it."""

    id: str
    name: Text
    aliases: tuple[str, ...] = ()  # other spellings people type, in any language ("twitter", "פייסבוק")
    category: CategoryId
    formats: tuple[FormatHours, ...]
    audiences: tuple[str, ...]  # ids of AudienceTag
    b2b: float = Field(ge=0, le=1)  # how well it serves business-to-business marketing
    b2c: float = Field(ge=0, le=1)
    languages: dict[str, Strength] = Field(default_factory=dict)  # ISO 639-1 → strength
    regions: dict[str, Strength] = Field(default_factory=dict)  # ISO 3166-1 alpha-2 → strength
    strategies: tuple[StrategyId, ...]  # the Es it suits, best first
    two_way: bool = True  # built for conversation (comments, replies) rather than broadcast only
    min_weekly_hours: float = Field(default=1.0, ge=0)  # below this the channel looks abandoned
    max_posts_per_week: float | None = Field(default=None, gt=0)  # more than this tires the audience
    description: Text

    @field_validator("languages", "regions", mode="after")
    @classmethod
    def _read_only(cls, value: dict[str, Strength]) -> dict[str, Strength]:
        return ReadOnlyDict(value)


class AudienceTag(Frozen):
    """A kind of audience, with words that reveal it in a free-text audience description."""

    id: str
    name: Text
    keywords: tuple[str, ...]  # lower-case words and stems, English and Hebrew


class Method:
    """The whole knowledge base, with look-ups by id."""

    def __init__(
        self,
        *,
        steps: tuple[Step, ...],
        purposes: tuple[Purpose, ...],
        traits: tuple[Trait, ...],
        strategies: tuple[Strategy, ...],
        categories: tuple[ToolCategory, ...],
        metrics: tuple[MetricDefinition, ...],
        measurement_types: tuple[MeasurementType, ...],
        equity_components: tuple[EquityComponent, ...],
        fuel: tuple[FuelItem, ...],
        channels: tuple[Channel, ...],
        audiences: tuple[AudienceTag, ...],
    ) -> None:
        self.steps = steps
        self.purposes = purposes
        self.traits = traits
        self.strategies = strategies
        self.categories = categories
        self.metrics = metrics
        self.measurement_types = measurement_types
        self.equity_components = equity_components
        self.fuel = fuel
        self.channels = channels
        self.audiences = audiences
        # every spelling find_channel accepts, folded; the first channel wins (the loader refuses clashes)
        spellings: dict[str, Channel] = {}
        for channel in channels:
            for spelling in (channel.id, channel.name.en, channel.name.he, *channel.aliases):
                spellings.setdefault(_fold(spelling), channel)
        self._channel_spellings = spellings
        self._sealed = True

    def __setattr__(self, name: str, value: object) -> None:
        # load_method() hands the same instance to every caller: nobody may swap its parts
        if getattr(self, "_sealed", False):
            raise AttributeError(f"the method's knowledge base is read-only (tried to set {name!r})")
        super().__setattr__(name, value)

    def step(self, step_id: str) -> Step:
        return _by_id(self.steps, step_id, "step")

    def purpose(self, purpose_id: str) -> Purpose:
        return _by_id(self.purposes, purpose_id, "purpose")

    def trait(self, trait_id: str) -> Trait:
        return _by_id(self.traits, trait_id, "trait")

    def strategy(self, strategy_id: str) -> Strategy:
        return _by_id(self.strategies, strategy_id, "strategy")

    def category(self, category_id: str) -> ToolCategory:
        return _by_id(self.categories, category_id, "tool category")

    def metric(self, metric_id: str) -> MetricDefinition:
        return _by_id(self.metrics, metric_id, "metric")

    def measurement_type(self, type_id: str) -> MeasurementType:
        return _by_id(self.measurement_types, type_id, "measurement type")

    def equity_component(self, component_id: str) -> EquityComponent:
        return _by_id(self.equity_components, component_id, "equity component")

    def channel(self, channel_id: str) -> Channel:
        return _by_id(self.channels, channel_id, "channel")

    def find_channel(self, name: str) -> Channel | None:
        """The catalogue channel a user means by an id, a name in either language or an alias."""
        return self._channel_spellings.get(_fold(name))


def _fold(value: str) -> str:
    return "".join(ch for ch in value.casefold() if ch.isalnum())


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _by_id(items: tuple[_Item, ...], item_id: str, kind: str) -> _Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"unknown {kind} id: {item_id!r}")
