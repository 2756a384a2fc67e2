from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from socialplan.cli.app import app

runner = CliRunner()

PLAN = """\
schema_version: 1
language: en
business:
  name: Acme
landscape:
  competitors: [Rival]
"""


def test_score_adds_language_label_and_score(tmp_path: Path) -> None:
    source = tmp_path / "texts.csv"
    source.write_text("id,text\n1,I love this shop\n2,שירות גרוע ומאכזב\n3,Terrible app\n", encoding="utf-8")
    target = tmp_path / "scored.csv"
    result = runner.invoke(app, ["opinion", "score", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [row["id"] for row in rows] == ["1", "2", "3"]
    assert [row["lang"] for row in rows] == ["en", "he", "en"]
    assert [row["sentiment_label"] for row in rows] == ["positive", "negative", "negative"]
    assert float(rows[0]["sentiment_score"]) > 0 > float(rows[2]["sentiment_score"])


def test_score_prints_when_no_output_is_given(tmp_path: Path) -> None:
    source = tmp_path / "texts.csv"
    source.write_text("body\nGreat\n", encoding="utf-8")
    result = runner.invoke(app, ["opinion", "score", str(source), "--column", "body", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "body,lang,sentiment_label,sentiment_score"


def test_bad_input_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    source = tmp_path / "texts.csv"
    source.write_text("body\nGreat\n", encoding="utf-8")
    result = runner.invoke(app, ["opinion", "score", str(source)])
    assert result.exit_code == 2
    assert "texts.csv:1: no column text" in result.output
    assert "Traceback" not in result.output


def test_report_from_a_plan_and_a_mentions_file(tmp_path: Path) -> None:
    plan = tmp_path / "acme.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    mentions = tmp_path / "mentions.csv"
    lines = ["text,published_at,subject"]
    lines += [f"Acme delivery was late again {i},2025-01-0{1 + i % 7} 10:00,Acme" for i in range(4)]
    lines += [f"Love the Acme coffee beans {i},2025-01-0{1 + i % 7} 11:00,Acme" for i in range(5)]
    lines += ["Rival is great,2025-01-03 10:00,Rival", "Someone else,2025-01-03 10:00,Other"]
    mentions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["opinion", "report", str(plan), "--mentions", str(mentions)])
    assert result.exit_code == 0, result.output
    assert "Acme: 9 mentions" in result.stdout
    assert "coffee beans" in result.stdout
    hebrew = runner.invoke(
        app, ["opinion", "report", str(plan), "-m", str(mentions), "--lang", "he", "--format", "json"]
    )
    assert hebrew.exit_code == 0, hebrew.output
    data = json.loads(hebrew.stdout)
    assert [s["subject"] for s in data["subjects"]] == ["Acme", "Rival"]


def test_report_needs_exactly_one_source_of_mentions(tmp_path: Path) -> None:
    plan = tmp_path / "acme.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["opinion", "report", str(plan)])
    assert result.exit_code == 2
    assert "--mentions" in result.output


def test_report_reads_the_mentions_of_an_analytics_store(tmp_path: Path) -> None:
    import ibis

    from socialplan.measure.schema import MENTIONS
    from socialplan.measure.store import AnalyticsStore

    plan = tmp_path / "acme.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    url = f"duckdb:///{tmp_path / 'analytics.duckdb'}"
    rows = [{"mention_id": str(i), "text": "Acme support is awful", "subject": "Acme"} for i in range(3)] + [
        {"mention_id": "r", "text": "Rival is lovely", "subject": "Rival"}
    ]
    frame = pd.DataFrame(rows).assign(published_at=pd.Timestamp("2025-01-02 10:00"))
    with AnalyticsStore.open(url) as store:
        columns = {name: frame.get(name) for name in MENTIONS.names}
        store.con.insert("mentions", ibis.memtable(pd.DataFrame(columns)).cast(MENTIONS))
    result = runner.invoke(app, ["opinion", "report", str(plan), "--store", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["subjects"][0]["negative"] == 3
    assert data["subjects"][1]["subject"] == "Rival"


def test_an_unreadable_store_is_a_one_line_error(tmp_path: Path) -> None:
    plan = tmp_path / "acme.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["opinion", "report", str(plan), "--store", "nosuchbackend://x"])
    assert result.exit_code == 2
    assert "cannot read the mentions" in result.output


def test_retention_removes_old_texts_and_keeps_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from socialplan.measure.store import AnalyticsStore

    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    data_dir = tmp_path / "data"
    store = AnalyticsStore.open(None, data_dir)
    now = dt.datetime.now(dt.UTC)
    rows = pd.DataFrame({
        "mention_id": ["old", "new"], "platform": ["x", "x"], "author": ["a", "b"],
        "text": ["I love this shop", "Terrible service today"], "lang": ["en", "en"],
        "published_at": [now - dt.timedelta(days=90), now - dt.timedelta(days=2)], "reach": [10.0, 20.0],
        "subject": ["Acme", "Acme"], "is_competitor": [False, False], "url": [None, None],
        "sentiment_score": [None, None], "sentiment_label": [None, None], "import_id": ["t", "t"],
    })
    store.con.insert("mentions", rows)
    store.con.disconnect()
    result = CliRunner().invoke(app, ["opinion", "retention", "--days", "30", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    kept = AnalyticsStore.open(None, data_dir).table("mentions").to_pandas().set_index("mention_id")
    assert pd.isna(kept.loc["old", "text"])
    assert kept.loc["old", "sentiment_label"] == "positive"
    assert kept.loc["new", "text"] == "Terrible service today"
