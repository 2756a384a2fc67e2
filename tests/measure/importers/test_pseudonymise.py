"""Mention authors can be pseudonymised on import: nothing of the handle reaches the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from socialplan.cli.app import app
from socialplan.measure.importers import ImportOptions, export_import
from socialplan.measure.store import AnalyticsStore
from socialplan.opinion.privacy import PSEUDONYM_PREFIX, author_pseudonym

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MENTIONS = FIXTURES / "mentions_he_cp1255.csv"
KEY = b"a workspace secret of enough length"


def test_authors_are_replaced_by_stable_keyed_pseudonyms() -> None:
    plain = export_import(MENTIONS).tables["mentions"]
    hidden = export_import(MENTIONS, ImportOptions(author_pseudonym=lambda h: author_pseudonym(h, KEY)))
    authors = hidden.tables["mentions"]["author"]
    originals = [a for a in plain["author"] if isinstance(a, str)]
    assert originals, "the fixture must name some authors"
    assert all(a.startswith(PSEUDONYM_PREFIX) for a in authors if isinstance(a, str))
    assert not set(originals) & set(authors)
    # The same person keeps the same pseudonym, so unique authors can still be counted.
    assert plain["author"].nunique() == authors.nunique()
    # Everything else is untouched.
    assert list(hidden.tables["mentions"]["text"]) == list(plain["text"])


def test_cli_pseudonymises_into_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    monkeypatch.setenv("SOCIALPLAN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    monkeypatch.delenv("SOCIALPLAN_PSEUDONYM_KEY", raising=False)
    refused = runner.invoke(app, ["measure", "import", str(MENTIONS), "--pseudonymise"])
    assert refused.exit_code == 2
    assert "SOCIALPLAN_PSEUDONYM_KEY" in refused.output
    monkeypatch.setenv("SOCIALPLAN_PSEUDONYM_KEY", KEY.decode())
    result = runner.invoke(app, ["measure", "import", str(MENTIONS), "--pseudonymise"])
    assert result.exit_code == 0, result.output
    store = AnalyticsStore.open(None, tmp_path / "data")
    stored = store.table("mentions").author.execute()
    assert len(stored)
    assert all(a.startswith(PSEUDONYM_PREFIX) for a in stored if isinstance(a, str))
