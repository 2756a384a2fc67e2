"""The content calendar: planned posts, each knowing the strategy (E) and goal behind it.

A calendar is kept as YAML or JSON beside its plan. Times are stored with their UTC offset and
shown in the calendar's time zone, so a post at 09:00 stays at 09:00 local across a
daylight-saving change. The names in the YAML form are a public contract, like the plan's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, Field, StringConstraints, field_validator, model_validator

from socialplan.i18n import Lang, Text
from socialplan.method.types import StrategyId
from socialplan.plan.model import Id, NonEmpty, Part

CALENDAR_SCHEMA_VERSION: Literal[1] = 1

Status = Literal["idea", "draft", "in_review", "approved", "scheduled", "published"]
STATUSES: tuple[Status, ...] = ("idea", "draft", "in_review", "approved", "scheduled", "published")
STATUS_NAMES: dict[Status, Text] = {
    "idea": Text(en="idea", he="רעיון"),
    "draft": Text(en="draft", he="טיוטה"),
    "in_review": Text(en="in review", he="בבדיקה"),
    "approved": Text(en="approved", he="מאושר"),
    "scheduled": Text(en="scheduled", he="מתוזמן"),
    "published": Text(en="published", he="פורסם"),
}
# Statuses that a post can only reach through an approval.
AFTER_APPROVAL: frozenset[Status] = frozenset({"approved", "scheduled", "published"})

UTM_MEDIUM = "social"


class Comment(Part):
    author: NonEmpty
    at: AwareDatetime
    text: NonEmpty


class StatusChange(Part):
    """One step of an entry's workflow, kept so a skipped approval can be seen later."""

    status: Status
    by: str = ""
    at: AwareDatetime


class Holiday(Part):
    """A public holiday inside the calendar's range, shown on the calendar and kept free of posts."""

    date: dt.date
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: str  # English
    name_he: str = ""  # Hebrew, when the holidays package has it

    def title(self, lang: Lang) -> str:
        return self.name_he if lang == "he" and self.name_he else self.name


class Entry(Part):
    id: Id
    start: AwareDatetime
    channel: str  # plan channel id
    strategy: StrategyId | None = None  # the E this post serves
    goal: str | None = None  # plan goal id
    format: str = ""
    text: str = ""
    media: str = ""  # notes on pictures or video to make
    link: str = ""  # landing page, without tracking parameters
    campaign: str = ""  # utm_campaign; built from the plan and goal when generated
    assignee: str | None = None  # person name from the plan
    hours: float = Field(default=0, ge=0)  # estimated hours of work
    status: Status = "idea"
    history: list[StatusChange] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)

    @property
    def tracked_url(self) -> str:
        """The link with UTM parameters, so web analytics attributes the visit to this post."""
        return utm_url(self.link, source=self.channel, campaign=self.campaign) if self.link else ""

    def local_start(self, tz: str) -> dt.datetime:
        return self.start.astimezone(ZoneInfo(tz))


class Calendar(Part):
    schema_version: Literal[1] = CALENDAR_SCHEMA_VERSION
    plan: str = ""  # name of the business (and plan) the calendar runs
    timezone: str = "UTC"
    keeps_shabbat: bool = False  # generated with Friday afternoon and Saturday kept free
    holidays: list[Holiday] = Field(default_factory=list)
    entries: list[Entry] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Asia/Jerusalem)") from None
        return value

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Calendar:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"entries: the id {entry.id!r} is used twice")
            seen.add(entry.id)
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


_SLUG_DROP = re.compile(r"[^\w]+")


def slug(value: str) -> str:
    """Lower case words joined by hyphens; Hebrew letters are kept (they are URL-encoded)."""
    return _SLUG_DROP.sub("-", value.casefold()).strip("-_")


def campaign_name(business: str, goal: str | None) -> str:
    """utm_campaign for a post: the plan (business) and the goal it serves."""
    base = slug(business) or "plan"
    return f"{base}-{slug(goal)}" if goal else base


def utm_url(link: str, *, source: str, campaign: str, medium: str = UTM_MEDIUM) -> str:
    """The link with utm_source, utm_medium and utm_campaign set; its other parameters are kept.

    UTM parameters already in the link are replaced, so a post never carries two campaigns.
    """
    parts = urlsplit(link)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    query += [("utm_source", source), ("utm_medium", medium)]
    if campaign:
        query.append(("utm_campaign", campaign))
    return urlunsplit(parts._replace(query=urlencode(query)))
