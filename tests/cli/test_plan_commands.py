"""The plan commands as a user runs them: exit codes, files written, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from socialplan.cli.app import app
from socialplan.examples import example_names
from socialplan.plan.io import load_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "examples"
runner = CliRunner()


def test_draft_writes_a_plan_that_reviews_clean(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = runner.invoke(app, ["draft", str(EXAMPLES / "trailhead-coffee.profile.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan = load_plan(out)
    assert plan.business.name == "Trailhead Coffee"
    review = runner.invoke(app, ["review", str(out)])
    assert review.exit_code == 0, review.output


def test_draft_to_json(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = runner.invoke(app, ["draft", str(EXAMPLES / "maafiat-hashchuna.profile.yaml"), "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "he"


def test_review_json_in_hebrew_and_exit_code_on_error(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLES / "galgal-yarok.plan.yaml")
    plan.goals[0].target = None
    broken = tmp_path / "broken.yaml"
    from socialplan.plan.io import plan_to_yaml

    broken.write_text(plan_to_yaml(plan), encoding="utf-8")
    result = runner.invoke(app, ["review", str(broken), "--format", "json", "--lang", "he"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    error = next(f for f in findings if f["severity"] == "error")
    assert error == {**error, "step": "goal", "rule": "goal.measurable", "path": "goals[0].target"}
    assert "למטרה" in error["message"]


def test_review_text_groups_by_step() -> None:
    result = runner.invoke(app, ["review", str(EXAMPLES / "trailhead-coffee.plan.yaml")])
    assert result.exit_code == 0
    assert "6. " in result.stdout
    assert "warning" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"business: {name: A}\nbogus: 1\n", "plan.yaml:2: bogus: unknown field"),
        (b"business:\n  name: [x\n", "not valid YAML"),
        (b"\x00\x01\x02", "binary"),
        ("business: {name: אבג}".encode("cp1255"), "not UTF-8"),
    ],
)
def test_bad_input_exits_2_without_traceback_and_writes_nothing(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "plan.yaml"
    bad.write_bytes(content)
    out = tmp_path / "out.yaml"
    for args in (["review", str(bad)], ["validate", str(bad)], ["draft", str(bad), "-o", str(out)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.stderr or (args[0] == "draft" and "error" in result.stderr)
        assert "Traceback" not in result.output
    assert not out.exists()


def test_schema_is_json_schema_with_the_public_names() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    public = {"goals", "strategies", "channels", "metrics", "equity", "resources", "return"}
    assert public <= schema["properties"].keys()
    profile = json.loads(runner.invoke(app, ["schema", "profile"]).stdout)
    assert "objectives" in profile["properties"]


@pytest.mark.parametrize(("topic", "lang", "expected"), [
    ("1", "en", "Step 1"),
    ("fuel", "he", "שלב 6"),
    ("fuel.dedicated-team", "en", "business card"),
    ("measurement.loyalty-without-equity", "he", "עוקבים"),
])
def test_explain(topic: str, lang: str, expected: str) -> None:
    result = runner.invoke(app, ["explain", topic, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_explain_unknown_topic() -> None:
    result = runner.invoke(app, ["explain", "warp-drive"])
    assert result.exit_code == 2
    assert "unknown step or rule" in result.stderr


def test_demo_runs_in_both_languages() -> None:
    for lang in ("en", "he"):
        result = runner.invoke(app, ["demo", "--lang", lang])
        assert result.exit_code == 0, result.output
        assert ("0 of them errors" if lang == "en" else "מהם 0 שגיאות") in result.stdout


def test_examples_cover_both_languages_and_sizes() -> None:
    names = example_names()
    assert len(names) >= 4
    plans = [load_plan(EXAMPLES / f"{n}.plan.yaml") for n in names]
    assert sum(p.language == "he" for p in plans) >= 2
    assert sum(p.language == "en" for p in plans) >= 2
    sizes = sorted(p.business.employees for p in plans)
    assert sizes[0] == 1
    assert sizes[-1] >= 500
