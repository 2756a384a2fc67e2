"""The business profile: what an owner knows before there is a plan."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from socialplan.plan.model import Business, NonEmpty, Part


class ProfileAudience(Part):
    name: NonEmpty
    description: str = ""
    platforms: list[str] = Field(default_factory=list)  # catalogue ids or names, any language


class ProfilePerson(Part):
    name: NonEmpty
    titles: list[str] = Field(default_factory=list)
    weekly_hours: float = Field(ge=0, le=80)
    skills: list[str] = Field(default_factory=list)
    hourly_rate: float | None = Field(default=None, ge=0)


class ProfileResources(Part):
    people: list[ProfilePerson] = Field(default_factory=list)
    monthly_budget: float | None = Field(default=None, ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    hourly_rate: float | None = Field(default=None, ge=0)


class Profile(Part):
    business: Business
    objectives: list[NonEmpty] = Field(min_length=1)
    audience: list[ProfileAudience] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    resources: ProfileResources = Field(default_factory=ProfileResources)
    as_of: dt.date | None = None  # the date the draft counts deadlines from (default: today)
