"""The drafted example plans stay in sync with their profiles and with the draft logic."""

from __future__ import annotations

import pytest

from socialplan.advise.draft import plan_draft
from socialplan.examples import example_names, example_plan, example_profile
from socialplan.plan.io import plan_to_yaml


@pytest.mark.parametrize("name", example_names())
def test_example_plan_is_the_draft_of_its_profile(name: str) -> None:
    profile = example_profile(name=name)
    assert profile.as_of is not None, "example profiles pin as_of so their drafts are reproducible"
    drafted = plan_to_yaml(plan_draft(profile))
    stored = plan_to_yaml(example_plan(name=name))
    assert drafted == stored, (
        f"examples/{name}.plan.yaml is out of date: run `socialplan draft examples/{name}.profile.yaml "
        f"-o examples/{name}.plan.yaml`"
    )
