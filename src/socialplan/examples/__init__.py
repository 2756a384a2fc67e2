"""Example business profiles and the plans drafted from them (also at the repository's
``examples/``). ``socialplan demo`` and the web app's demo workspace start from these."""

from __future__ import annotations

from importlib import resources

from socialplan.i18n import Lang
from socialplan.plan.io import parse_plan, parse_profile
from socialplan.plan.model import Plan
from socialplan.plan.profile import Profile

# The example each language's demo opens with.
DEMO_EXAMPLE: dict[Lang, str] = {"en": "trailhead-coffee", "he": "maafiat-hashchuna"}


def example_names() -> list[str]:
    folder = resources.files(__name__)
    return sorted(p.name.removesuffix(".profile.yaml") for p in folder.iterdir() if p.name.endswith(".profile.yaml"))


def example_profile(lang: Lang = "en", name: str | None = None) -> Profile:
    name = name or DEMO_EXAMPLE[lang]
    source = f"examples/{name}.profile.yaml"
    return parse_profile(resources.files(__name__).joinpath(f"{name}.profile.yaml").read_bytes(), source)


def example_plan(lang: Lang = "en", name: str | None = None) -> Plan:
    name = name or DEMO_EXAMPLE[lang]
    source = f"examples/{name}.plan.yaml"
    return parse_plan(resources.files(__name__).joinpath(f"{name}.plan.yaml").read_bytes(), source)
