from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from socialplan.cli.app import app
from socialplan.measure.store import AnalyticsStore

runner = CliRunner()

MENTIONS = """\
ID,Date,Author,Text,Platform,Reach,Brand
m1,2026-11-02 09:15,dana_r,I love this shop,facebook,120,Acme
m2,2026-11-02 10:40,yossi,שירות גרוע ומאכזב,instagram,300,Acme
m3,2026-11-03 18:05,sam_p,Terrible app,x,45,Acme
"""


def test_an_imported_mentions_file_is_stored_with_language_and_sentiment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    source = tmp_path / "mentions.csv"
    source.write_text(MENTIONS, encoding="utf-8")
    result = runner.invoke(app, ["measure", "import", str(source), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    store = AnalyticsStore.open(None, tmp_path / "data")
    try:
        stored = store.table("mentions").execute().sort_values("mention_id")
    finally:
        store.close()
    assert list(stored["mention_id"]) == ["m1", "m2", "m3"]
    # The labels the web import stores too (``opinion score`` gives these for the same texts).
    assert list(stored["lang"]) == ["en", "he", "en"]
    assert list(stored["sentiment_label"]) == ["positive", "negative", "negative"]
    assert stored["sentiment_score"].iloc[0] > 0 > stored["sentiment_score"].iloc[2]


def test_import_and_undo_leave_the_report_summaries_fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After ``measure import`` (and ``measure undo``) the store's rollup matches its data, so the
    next report reads it rather than the whole tables."""
    from socialplan.measure.metrics import Tables
    from socialplan.measure.rollup import post_rollup, store_fingerprint

    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    source = tmp_path / "mentions.csv"
    source.write_text(MENTIONS, encoding="utf-8")
    data = tmp_path / "data"

    def rollup_fingerprint() -> tuple[str | None, str]:
        store = AnalyticsStore.open(None, data)
        try:
            built = store.con.con.execute("SELECT fingerprint FROM socialplan_rollup.meta").fetchone()
            fresh = post_rollup(Tables.from_backend(store.con), build=False)
            assert fresh is not None
            return (built[0] if built else None), store_fingerprint(store.con.con)
        finally:
            store.close()

    assert runner.invoke(app, ["measure", "import", str(source), "--data-dir", str(data)]).exit_code == 0
    built, current = rollup_fingerprint()
    assert built == current
    store = AnalyticsStore.open(None, data)
    import_id = str(store.imports().import_id.iloc[0])
    store.close()
    assert runner.invoke(app, ["measure", "undo", import_id, "--data-dir", str(data)]).exit_code == 0
    built_after_undo, current_after_undo = rollup_fingerprint()
    assert built_after_undo == current_after_undo != current
