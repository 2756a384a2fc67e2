"""The published JSON Schema of plans and profiles (``socialplan schema``)."""

from __future__ import annotations

from typing import Any

from socialplan.plan.model import SCHEMA_VERSION, Plan
from socialplan.plan.profile import Profile

SCHEMA_BASE_URI = "https://socialplan.invalid/schema"


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}/plan-v{SCHEMA_VERSION}.json",
        "title": "socialplan strategic social media plan",
        **schema,
    }


def profile_json_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}/profile-v{SCHEMA_VERSION}.json",
        "title": "socialplan business profile",
        **schema,
    }
