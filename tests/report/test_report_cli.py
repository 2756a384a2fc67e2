"""``socialplan export`` through Typer's runner: files written, clear one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from socialplan.cli.app import app
from socialplan.plan.io import plan_to_yaml
from socialplan.report.labels import SECTION_TITLES

from .sample_plans import sample_plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "bakery.plan.yaml"
    path.write_text(plan_to_yaml(sample_plan("he", channels=4, goals=3)), encoding="utf-8")
    return path


def test_markdown_goes_to_the_terminal_in_the_plans_language(plan_file: Path) -> None:
    result = CliRunner().invoke(app, ["export", str(plan_file), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert SECTION_TITLES["return"].he in result.stdout


def test_format_from_the_suffix_and_language_from_the_option(plan_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.docx"
    target.parent.mkdir()
    result = CliRunner().invoke(app, ["export", str(plan_file), "--lang", "en", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in target.parent.iterdir()] == ["plan.docx"], "no temporary file left behind"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "pdf"], "needs a file"),
        (["-o", "plan.odt"], "cannot tell the format"),
    ],
)
def test_bad_requests_exit_2_with_one_line(plan_file: Path, arguments: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["export", str(plan_file), *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_broken_plan_file_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.plan.yaml"
    broken.write_text("business:\n  name: Shop\nchannels: 5\n", encoding="utf-8")
    target = tmp_path / "plan.html"
    result = CliRunner().invoke(app, ["export", str(broken), "-o", str(target)])
    assert result.exit_code == 2
    assert "broken.plan.yaml" in result.output
    assert not target.exists()
