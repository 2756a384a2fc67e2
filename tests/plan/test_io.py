"""Reading and writing plans: lossless round trips and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplan.examples import example_names, example_plan
from socialplan.plan.io import (
    PlanInputError,
    load_plan,
    parse_plan,
    parse_profile,
    plan_to_json,
    plan_to_yaml,
)
from socialplan.plan.model import Plan


@pytest.fixture(params=example_names())
def plan(request: pytest.FixtureRequest) -> Plan:
    return example_plan(name=request.param)


def test_yaml_round_trip_is_lossless(plan: Plan) -> None:
    text = plan_to_yaml(plan)
    again = parse_plan(text)
    assert again == plan
    assert plan_to_yaml(again) == text


def test_json_round_trip_is_lossless(plan: Plan) -> None:
    text = plan_to_json(plan)
    assert parse_plan(text) == plan
    data = json.loads(text)
    assert data["schema_version"] == 1
    # The public names tools rely on.
    goal = data["goals"][0]
    assert {"id", "objective", "purpose", "target", "metrics"} <= goal.keys()
    assert {"metric", "value", "deadline"} <= goal["target"].keys()
    assert {"id", "serves", "why"} <= data["strategies"][0].keys()
    assert {"id", "category", "cadence", "weekly_hours", "why"} <= data["channels"][0].keys()
    assert all("measurement_type" in m for m in data["metrics"])
    assert set(data["equity"]) >= {"relationship_strength", "familiarity", "efficiency", "value_creation"}
    assert "resources" in data
    assert "return" in data


@settings(max_examples=40, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip() and "\x00" not in s),
       note=st.text(max_size=200))
def test_any_text_survives_the_round_trip(name: str, note: str) -> None:
    plan = example_plan("he").model_copy(deep=True)
    plan.business.name = name.strip()
    plan.business.description = note
    assert parse_plan(plan_to_yaml(plan)) == plan
    assert parse_plan(plan_to_json(plan)) == plan


@pytest.mark.parametrize(
    "text",
    ["0\x850", "line\u2028separator", "paragraph\u2029separator", "carriage\rreturn", "two\nlines\x85and a NEL"],
)
def test_text_with_yamls_other_line_breaks_survives_the_round_trip(text: str) -> None:
    """Found by the property test above: YAML reads NEL, LS, PS and CR as line breaks, so a
    name holding one came back changed unless the writer escapes it."""
    plan = example_plan("he").model_copy(deep=True)
    plan.business.name = text
    plan.business.description = text
    assert parse_plan(plan_to_yaml(plan)) == plan


def _error(text: str | bytes) -> PlanInputError:
    with pytest.raises(PlanInputError) as caught:
        parse_plan(text, "plan.yaml")
    return caught.value


def test_unknown_key_names_field_and_line() -> None:
    text = "business:\n  name: Acme\n  nmae: typo\n"
    error = _error(text)
    assert error.line == 3
    assert error.field == "business.nmae"
    assert "unknown field" in error.message
    assert str(error).startswith("plan.yaml:3: business.nmae:")


def test_wrong_type_deep_in_the_plan_names_its_line() -> None:
    data = yaml.safe_load(plan_to_yaml(example_plan("en")))
    data["goals"][1]["target"]["deadline"] = "next spring"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    error = _error(text)
    assert error.field == "goals[1].target.deadline"
    expected_line = next(i for i, line in enumerate(text.splitlines(), 1) if "next spring" in line)
    assert error.line == expected_line


def test_malformed_yaml_gives_line() -> None:
    error = _error("business:\n  name: [unclosed\n  industry: x\n")
    assert error.line is not None
    assert error.line >= 2
    assert "not valid YAML" in error.message


def test_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    error = _error("business:\n  name: A\n  name: B\n")
    assert error.line == 3
    assert "twice" in error.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("business:\n  name: מאפייה\n".encode("cp1255"), "Windows-1255"),
        (b"- just\n- a list\n", "mapping"),
    ],
)
def test_unusable_files_are_named(content: bytes, words: str) -> None:
    assert words in str(_error(content))


def test_utf8_with_bom_is_accepted() -> None:
    plan = parse_plan("\ufeffbusiness:\n  name: Acme\n".encode())
    assert plan.business.name == "Acme"


def test_newer_schema_version_is_refused_with_advice() -> None:
    error = _error("schema_version: 7\nbusiness:\n  name: Acme\n")
    assert error.field == "schema_version"
    assert "upgrade" in error.message


def test_duplicate_ids_are_refused() -> None:
    text = "business: {name: A}\ngoals:\n  - {id: g1, title: one}\n  - {id: g1, title: two}\n"
    assert "used twice" in str(_error(text))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PlanInputError, match="no such file"):
        load_plan(tmp_path / "missing.yaml")
    with pytest.raises(PlanInputError, match="folder"):
        load_plan(tmp_path)


def test_profile_errors_name_the_field() -> None:
    with pytest.raises(PlanInputError) as caught:
        parse_profile("business: {name: A}\nobjectives: []\n", "p.yaml")
    assert caught.value.field == "objectives"
