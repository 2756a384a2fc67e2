"""The wizard's forms, described as data: which plan fields each of the seven steps edits.

Every input is named by its path in the plan's JSON (``goals[1].target.deadline``) and its
HTML id is derived from that path (:func:`field_id`), so a review finding, whose ``path`` is
in the same form, links straight to the field it concerns.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from socialplan.i18n import Lang
from socialplan.method import load_method
from socialplan.method.types import (
    CATEGORY_IDS,
    EQUITY_COMPONENT_IDS,
    MEASUREMENT_TYPE_IDS,
    PURPOSE_IDS,
    STEP_IDS,
    STRATEGY_IDS,
    TRAIT_IDS,
    StepId,
)

Kind = Literal["text", "textarea", "number", "date", "select", "multi", "list", "check"]
Choices = Callable[[Mapping[str, Any], Lang], list[tuple[str, str]]]


@dataclass(frozen=True)
class FieldSpec:
    key: str  # dotted, relative to the section (or to one item of a list section)
    label: str | Promise
    kind: Kind = "text"
    choices: Choices | None = None
    optional: bool = True  # an empty input becomes null (``None``) rather than ""
    help: str | Promise = ""
    suggest: Choices | None = None  # values offered while typing (a datalist), any value allowed


@dataclass(frozen=True)
class SectionSpec:
    path: str  # dotted path of an object or a list in the plan's JSON ("" is the plan itself)
    title: str | Promise
    fields: tuple[FieldSpec, ...]
    repeat: bool = False  # a list: one fieldset per item, with add and remove
    item_title: str | Promise = ""
    new_item: Callable[[int], dict[str, Any]] = field(default=lambda n: {})
    # Nested objects that are null when all their inputs are empty (a goal without a target).
    nullable: tuple[str, ...] = ()
    # A mapping whose empty inputs are left out rather than stored as null (the landscape traits).
    drop_empty: bool = False
    # An optional object (the investment): null when all its inputs are empty.
    optional_object: bool = False


# ── choices ────────────────────────────────────────────────────────────────────────────


def _method_choices(ids: tuple[str, ...], lookup: str) -> Choices:
    def choices(plan: Mapping[str, Any], lang: Lang) -> list[tuple[str, str]]:
        method = load_method()
        return [(i, getattr(method, lookup)(i).name(lang)) for i in ids]

    return choices


def _fixed(*pairs: tuple[str, str | Promise]) -> Choices:
    def choices(plan: Mapping[str, Any], lang: Lang) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in pairs]

    return choices


def _plan_items(list_path: str, label_key: str) -> Choices:
    def choices(plan: Mapping[str, Any], lang: Lang) -> list[tuple[str, str]]:
        items = value_at(plan, list_path) or []
        return [(str(item.get("id", "")), str(item.get(label_key) or item.get("id", ""))) for item in items]

    return choices


def _catalogue_channels(plan: Mapping[str, Any], lang: Lang) -> list[tuple[str, str]]:
    return [(channel.id, channel.name(lang)) for channel in load_method().channels]


PURPOSES = _method_choices(PURPOSE_IDS, "purpose")
STRATEGIES = _method_choices(STRATEGY_IDS, "strategy")
CATEGORIES = _method_choices(CATEGORY_IDS, "category")
MEASUREMENT_TYPES = _method_choices(MEASUREMENT_TYPE_IDS, "measurement_type")
OBJECTIVES = _plan_items("objectives", "text")
METRICS = _plan_items("metrics", "name")
LEVELS = _fixed(("low", _("Low")), ("medium", _("Medium")), ("high", _("High")))
PRODUCTION = _fixed(
    ("authentic", _("Authentic, made in-house")),
    ("mixed", _("Mixed")),
    ("polished", _("Polished production")),
)
DIRECTION = _fixed(("two_way", _("Two-way conversation")), ("broadcast", _("Broadcast only")))
OUTREACH = _fixed(("permission", _("With permission")), ("unsolicited", _("Unsolicited")))
PER = _fixed(("day", _("per day")), ("week", _("per week")), ("month", _("per month")))
ROLES = _fixed(
    ("owner", _("Owner")),
    ("strategist", _("Strategist")),
    ("content", _("Content")),
    ("community", _("Community")),
    ("design", _("Design")),
    ("video", _("Video")),
    ("analyst", _("Analyst")),
    ("ads", _("Advertising")),
    ("support", _("Customer support")),
    ("other", _("Other")),
)
CONTENT_SOURCES = _fixed(
    ("own", _("Our own content")),
    ("curated", _("Curated from others")),
    ("user_generated", _("Made by our community")),
    ("partners", _("Partners")),
)


def _new_id(prefix: str) -> Callable[[int], dict[str, Any]]:
    return lambda n: {"id": f"{prefix}{n}"}


TRAIT_LABELS: dict[str, str | Promise] = {
    "community_driven": _("How the plan lets the community take part"),
    "conversation": _("How the plan holds conversations, not only announcements"),
    "viral": _("What people will want to pass on"),
    "personal_spaces": _("How the plan respects personal spaces (no spam)"),
    "authenticity": _("How the plan stays authentic and human"),
}
assert set(TRAIT_LABELS) == set(TRAIT_IDS)

EQUITY_TITLES: dict[str, str | Promise] = {
    "relationship_strength": _("Equity: indicators of relationship strength"),
    "familiarity": _("Equity: indicators of familiarity"),
    "efficiency": _("Equity: indicators of efficiency"),
    "value_creation": _("Equity: indicators of value creation"),
}
assert set(EQUITY_TITLES) == set(EQUITY_COMPONENT_IDS)

# ── the seven steps ────────────────────────────────────────────────────────────────────

STEP_SECTIONS: dict[StepId, tuple[SectionSpec, ...]] = {
    "goal": (
        SectionSpec(
            "business",
            _("The business"),
            (
                FieldSpec("name", _("Business name"), optional=False),
                FieldSpec("industry", _("Industry"), optional=False),
                FieldSpec("description", _("What the business does"), "textarea", optional=False),
                FieldSpec("employees", _("Number of employees"), "number"),
                FieldSpec("languages", _("Languages (two-letter codes, separated by commas)"), "list"),
                FieldSpec("regions", _("Countries (two-letter codes, separated by commas)"), "list"),
                FieldSpec("b2b", _("Sells mainly to other businesses"), "check"),
                FieldSpec("website", _("Website"), optional=False),
            ),
        ),
        SectionSpec(
            "objectives",
            _("Business objectives"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("text", _("Objective"), "textarea", optional=False),
                FieldSpec("purpose", _("What social media can do for it"), "select", PURPOSES),
                FieldSpec("reason", _("Why"), "textarea", optional=False),
            ),
            repeat=True,
            item_title=_("Objective"),
            new_item=_new_id("objective-"),
        ),
        SectionSpec(
            "goals",
            _("Social media goals"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("title", _("Goal"), "textarea", optional=False),
                FieldSpec("objective", _("Business objective it serves"), "select", OBJECTIVES),
                FieldSpec("purpose", _("Purpose"), "select", PURPOSES),
                FieldSpec("target.metric", _("Target metric"), "select", METRICS),
                FieldSpec("target.value", _("Target value"), "number"),
                FieldSpec("target.baseline", _("Value today"), "number"),
                FieldSpec("target.deadline", _("Deadline"), "date"),
                FieldSpec("metrics", _("Metrics that track it (ids, separated by commas)"), "list"),
                FieldSpec("why", _("Why this goal"), "textarea", optional=False),
                FieldSpec("proposed", _("Still a proposal (not yet confirmed)"), "check"),
            ),
            repeat=True,
            item_title=_("Goal"),
            new_item=_new_id("goal-"),
            nullable=("target",),
        ),
    ),
    "landscape": (
        SectionSpec(
            "landscape",
            _("Where the plan plays"),
            (
                FieldSpec("languages", _("Languages of the audience (separated by commas)"), "list"),
                FieldSpec("regions", _("Regions (separated by commas)"), "list"),
                FieldSpec("competitors", _("Competitors (separated by commas)"), "list"),
            ),
        ),
        SectionSpec(
            "landscape.traits",
            _("The five traits of social media"),
            tuple(FieldSpec(t, TRAIT_LABELS[t], "textarea") for t in TRAIT_IDS),
            drop_empty=True,
        ),
        SectionSpec(
            "landscape.audiences",
            _("Audiences"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("name", _("Name"), optional=False),
                FieldSpec("description", _("Who they are"), "textarea", optional=False),
                FieldSpec("platforms", _("Platforms they use (separated by commas)"), "list"),
                FieldSpec("tags", _("Tags (separated by commas)"), "list"),
            ),
            repeat=True,
            item_title=_("Audience"),
            new_item=_new_id("audience-"),
        ),
        SectionSpec(
            "landscape.tactics",
            _("Tactics"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("text", _("What we will do"), "textarea", optional=False),
                FieldSpec("channel", _("Channel"), suggest=_catalogue_channels),
                FieldSpec("outreach", _("Outreach"), "select", OUTREACH, optional=False),
                FieldSpec("direction", _("Direction"), "select", DIRECTION, optional=False),
                FieldSpec("production", _("Production"), "select", PRODUCTION, optional=False),
            ),
            repeat=True,
            item_title=_("Tactic"),
            new_item=_new_id("tactic-"),
        ),
    ),
    "strategy": (
        SectionSpec(
            "strategies",
            _("The strategies (the four Es) the plan uses"),
            (
                FieldSpec("id", _("Strategy"), "select", STRATEGIES, optional=False),
                FieldSpec("serves", _("Goals it serves (ids, separated by commas)"), "list"),
                FieldSpec("why", _("Why this strategy"), "textarea", optional=False),
                FieldSpec("share", _("Share of the content (0 to 1)"), "number"),
            ),
            repeat=True,
            item_title=_("Strategy"),
            new_item=lambda n: {"id": STRATEGY_IDS[(n - 1) % len(STRATEGY_IDS)]},
        ),
    ),
    "tools": (
        SectionSpec(
            "channels",
            _("Channels and tools"),
            (
                FieldSpec("id", _("Channel id"), optional=False, suggest=_catalogue_channels),
                FieldSpec("name", _("Name"), optional=False),
                FieldSpec("category", _("Tool category"), "select", CATEGORIES, optional=False),
                FieldSpec("formats", _("Formats (separated by commas)"), "list"),
                FieldSpec("strategies", _("Strategies it carries"), "multi", STRATEGIES),
                FieldSpec("audiences", _("Audiences (ids, separated by commas)"), "list"),
                FieldSpec("cadence.posts", _("Posts"), "number"),
                FieldSpec("cadence.per", _("How often"), "select", PER, optional=False),
                FieldSpec("weekly_hours", _("Hours per week"), "number"),
                FieldSpec("owner", _("Owner (a person's name)")),
                FieldSpec("mode", _("Direction"), "select", DIRECTION, optional=False),
                FieldSpec("production", _("Production"), "select", PRODUCTION, optional=False),
                FieldSpec("why", _("Why this channel"), "textarea", optional=False),
            ),
            repeat=True,
            item_title=_("Channel"),
            new_item=lambda n: {
                "id": f"channel-{n}",
                "category": "networking",
                "cadence": {"posts": 1, "per": "week"},
                "weekly_hours": 1,
            },
        ),
    ),
    "measurement": (
        SectionSpec(
            "metrics",
            _("Metrics"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("name", _("Name"), optional=False),
                FieldSpec("measurement_type", _("Measurement type"), "select", MEASUREMENT_TYPES, optional=False),
                FieldSpec("formula", _("How it is calculated"), optional=False),
                FieldSpec("goals", _("Goals it tracks (ids, separated by commas)"), "list"),
                FieldSpec("channels", _("Channels (ids, separated by commas; empty for all)"), "list"),
                FieldSpec("baseline", _("Value today"), "number"),
                FieldSpec("target", _("Target value"), "number"),
                FieldSpec("unit", _("Unit"), optional=False),
            ),
            repeat=True,
            item_title=_("Metric"),
            new_item=lambda n: {"id": f"metric-{n}", "measurement_type": "word_of_mouth"},
        ),
        SectionSpec(
            "equity",
            _("Social media equity"),
            (FieldSpec("index_target", _("Target for the equity index (0 to 100)"), "number"),),
        ),
        *(
            SectionSpec(
                f"equity.{component}.indicators",
                title,
                (
                    FieldSpec("metric", _("Metric"), "select", METRICS, optional=False),
                    FieldSpec("weight", _("Weight"), "number"),
                    FieldSpec("target", _("Target value"), "number"),
                ),
                repeat=True,
                item_title=_("Indicator"),
                new_item=lambda n: {"weight": 1},
            )
            for component, title in EQUITY_TITLES.items()
        ),
    ),
    "fuel": (
        SectionSpec(
            "resources",
            _("Budget and ownership"),
            (
                FieldSpec("owner", _("Who owns social media (a person's name)")),
                FieldSpec("monthly_budget", _("Monthly budget"), "number"),
                FieldSpec("currency", _("Currency (three letters)"), optional=False),
                FieldSpec("hourly_rate", _("Cost of an hour of work"), "number"),
                FieldSpec("content_sources", _("Where content comes from"), "multi", CONTENT_SOURCES),
            ),
        ),
        SectionSpec(
            "resources.people",
            _("People"),
            (
                FieldSpec("name", _("Name"), optional=False),
                FieldSpec("titles", _("Titles (separated by commas)"), "list"),
                FieldSpec("role", _("Role in the plan"), "select", ROLES, optional=False),
                FieldSpec("weekly_hours", _("Hours per week for social media"), "number"),
                FieldSpec("skills", _("Tools and skills (separated by commas)"), "list"),
                FieldSpec("hourly_rate", _("Cost of an hour"), "number"),
            ),
            repeat=True,
            item_title=_("Person"),
            new_item=lambda n: {"weekly_hours": 0},
        ),
        SectionSpec(
            "resources.tools",
            _("Paid tools"),
            (
                FieldSpec("name", _("Tool"), optional=False),
                FieldSpec("monthly_cost", _("Monthly cost"), "number"),
            ),
            repeat=True,
            item_title=_("Tool"),
        ),
    ),
    "return": (
        SectionSpec(
            "return",
            _("Horizon"),
            (FieldSpec("horizon_months", _("Months until the plan should pay back"), "number"),),
        ),
        SectionSpec(
            "return.investment",
            _("Monthly investment"),
            (
                FieldSpec("monthly_hours", _("Hours per month"), "number"),
                FieldSpec("monthly_labour_cost", _("Cost of work per month"), "number"),
                FieldSpec("monthly_tools_cost", _("Cost of tools per month"), "number"),
                FieldSpec("monthly_ads_cost", _("Advertising per month"), "number"),
            ),
            optional_object=True,
        ),
        SectionSpec(
            "return.expected_value",
            _("Expected value"),
            (
                FieldSpec("description", _("What the plan brings"), "textarea", optional=False),
                FieldSpec("metric", _("Metric that will show it"), "select", METRICS),
                FieldSpec("monthly_value", _("Value per month"), "number"),
            ),
            repeat=True,
            item_title=_("Value"),
            new_item=lambda n: {"monthly_value": 0},
        ),
        SectionSpec(
            "return.risks",
            _("Risks"),
            (
                FieldSpec("id", _("Short id"), optional=False),
                FieldSpec("description", _("Risk"), "textarea", optional=False),
                FieldSpec("likelihood", _("Likelihood"), "select", LEVELS, optional=False),
                FieldSpec("impact", _("Impact"), "select", LEVELS, optional=False),
                FieldSpec("mitigation", _("What we will do about it"), "textarea", optional=False),
            ),
            repeat=True,
            item_title=_("Risk"),
            new_item=_new_id("risk-"),
        ),
    ),
}
assert tuple(STEP_SECTIONS) == STEP_IDS

# ── paths ──────────────────────────────────────────────────────────────────────────────

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def path_parts(path: str) -> list[str | int]:
    """``goals[1].target.deadline`` → ``["goals", 1, "target", "deadline"]``."""
    return [int(index) if index else name for name, index in _TOKEN.findall(path)]


def path_join(parts: list[str | int] | tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def field_id(path: str) -> str:
    """The HTML id of the input for a plan path.

    ``goals[1].target.deadline`` → ``f-goals-1-target-deadline``.
    """
    return "f-" + "-".join(str(p).replace("_", "-") for p in path_parts(path))


def value_at(data: Mapping[str, Any] | list[Any] | None, path: str) -> Any:
    node: Any = data
    for part in path_parts(path):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
        elif not isinstance(node, Mapping):
            return None
        node = node[part] if isinstance(part, int) else node.get(part)
    return node


def value_set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at ``path``, creating the objects on the way (lists must exist)."""
    parts = path_parts(path)
    node: Any = data
    for part, following in itertools.pairwise(parts):
        if isinstance(part, int):
            node = node[part]
        else:
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(following, int) else {}
            node = node[part]
    node[parts[-1]] = value


def step_sections(step: str) -> tuple[SectionSpec, ...]:
    if step not in STEP_SECTIONS:
        raise KeyError(step)
    return STEP_SECTIONS[step]
