"""``socialplan measure import|imports|undo`` through the Typer app."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from socialplan.cli.app import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
X_FILE = FIXTURES / "tweet_activity_metrics_acme_books_20160301_20160401_en.csv"
Invoke = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    monkeypatch.setenv("SOCIALPLAN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["measure", *args])

    return invoke


def test_import_then_reimport_changes_nothing(run: Invoke) -> None:
    first = run("import", str(X_FILE), str(FIXTURES / "Overview.csv"), "--reference-date", "2024-01-03")
    assert first.exit_code == 0, first.output
    assert "imported as x_tweet_activity into x:acme_books" in first.output
    assert "imported as tiktok_overview" in first.output
    second = run("import", str(X_FILE))
    assert second.exit_code == 0
    assert "already imported" in second.output
    listed = run("imports")
    assert listed.output.count("\n") == 2
    assert "tiktok_overview" in listed.output


def test_undo_removes_an_import(run: Invoke) -> None:
    imported = run("import", str(X_FILE), "--account", "acme")
    import_id = re.search(r"id ([0-9a-f]{32})", imported.output)
    assert import_id is not None
    undone = run("undo", import_id.group(1))
    assert undone.exit_code == 0
    assert "Removed import" in undone.output
    assert "No imports yet" in run("imports").output
    again = run("undo", import_id.group(1))
    assert again.exit_code == 2
    assert "no import" in again.output.lower()


def test_bad_files_exit_2_with_one_line_each(run: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook at all")
    result = run("import", str(broken), str(X_FILE))
    assert result.exit_code == 2
    assert "failed: broken.xlsx: The file is named .xlsx" in result.output
    assert "Traceback" not in result.output
    assert "imported as x_tweet_activity" in result.output
    missing = run("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_rejected_rows_are_listed_with_their_lines(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Views\n2024-03-01,10\n2024-03-02,=1+1\n2024-03-03,12\n", encoding="utf-8")
    result = run("import", str(path), "--platform", "youtube")
    assert result.exit_code == 0
    assert "1 rows rejected" in result.output
    assert "rejected Totals.csv:3 [Views]" in result.output


def test_messages_in_hebrew(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("alpha,beta\n1,2\n", encoding="utf-8")
    result = run("import", str(path), "--lang", "he")
    assert result.exit_code == 2
    assert "תבנית הקובץ לא זוהתה" in result.output


def test_generic_import_with_a_mapping(run: Invoke) -> None:
    result = run(
        "import",
        str(FIXTURES / "pinterest_pins.csv"),
        "--mapping",
        str(FIXTURES / "pinterest_pins.mapping.json"),
        "--account",
        "acme",
    )
    assert result.exit_code == 0, result.output
    assert "imported as generic into pinterest:acme" in result.output


def test_a_store_that_cannot_take_imports_is_one_line(run: Invoke, tmp_path: Path) -> None:
    result = run("import", str(X_FILE), "--url", f"sqlite:///{tmp_path / 'analytics.sqlite'}")
    assert result.exit_code == 2
    assert "Imports are written to DuckDB only" in result.output
    assert "Traceback" not in result.output
