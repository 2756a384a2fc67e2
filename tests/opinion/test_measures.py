from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pandas as pd
import pytest

from socialplan.measure.importers import export_import
from socialplan.measure.schema import MENTIONS
from socialplan.opinion.measures import batch_mentions_score, brand_sentiment, mentions_score, opinion_alerts

from .opinion_mentions import mentions_frame, weekly_mentions


def test_net_sentiment_and_share_of_positive_voice_per_week() -> None:
    rows = weekly_mentions("Acme", [(3, 1), (1, 1)]) + weekly_mentions("Rival", [(1, 3), (0, 2)], competitor=True)
    table = brand_sentiment(mentions_frame(rows)).to_pandas()
    first = table[table["period"] == table["period"].min()].set_index("subject")
    assert first.loc["Acme", "net_sentiment"] == pytest.approx(0.5)
    assert first.loc["Rival", "net_sentiment"] == pytest.approx(-0.5)
    assert first.loc["Acme", "share_of_positive_voice"] == pytest.approx(0.75)
    assert bool(first.loc["Rival", "is_competitor"])
    second = table[table["period"] == table["period"].max()].set_index("subject")
    # Nobody at the rival was positive: its share is 0, not undefined.
    assert second.loc["Rival", "share_of_positive_voice"] == 0.0
    assert second.loc["Acme", "share_of_voice"] == pytest.approx(2 / 4)


def test_runs_on_a_duckdb_store_table() -> None:
    connection = ibis.duckdb.connect()
    frame = mentions_frame(weekly_mentions("Acme", [(2, 1)]))
    connection.create_table("mentions", ibis.memtable(frame).cast(MENTIONS), overwrite=True)
    result = brand_sentiment(connection.table("mentions"), period="month").to_pandas()
    assert result["mentions"].tolist() == [3]
    assert [pd.Timestamp(p).date() for p in result["period"]] == [dt.date(2025, 1, 1)]


def test_scoring_fills_only_missing_values() -> None:
    frame = mentions_frame(
        [
            {"subject": "Acme", "published_at": "2025-01-01", "text": "I love it"},
            {"subject": "Acme", "published_at": "2025-01-01", "text": "אני שונא את זה"},
            {
                "subject": "Acme",
                "published_at": "2025-01-01",
                "text": "kept",
                "sentiment_score": -0.9,
                "sentiment_label": "negative",
                "lang": "en",
            },
            {"subject": "Acme", "published_at": "2025-01-01", "text": None},
        ]
    )
    scored = mentions_score(frame)
    assert scored["sentiment_label"].tolist()[:3] == ["positive", "negative", "negative"]
    assert scored["lang"].tolist()[:3] == ["en", "he", "en"]
    assert scored["sentiment_score"].iloc[2] == -0.9
    assert pd.isna(scored["sentiment_label"].iloc[3])
    assert frame["sentiment_label"].isna().sum() == 3  # the input is left untouched


def test_alert_when_negative_volume_leaves_its_range() -> None:
    weeks = [(5, 2), (6, 3), (5, 2), (4, 2), (6, 3), (5, 2), (5, 12)]
    table = brand_sentiment(mentions_frame(weekly_mentions("Acme", weeks)))
    alerts = opinion_alerts(table)
    measures = {(a.measure, a.direction) for a in alerts}
    assert ("negative_volume", "up") in measures
    assert ("net_sentiment", "down") in measures
    assert {a.period for a in alerts} == {dt.date(2025, 2, 17)}
    volume = next(a for a in alerts if a.measure == "negative_volume")
    assert volume.value == 12
    assert volume.baseline == 2
    assert "12" in volume.message.en
    assert "12" in volume.message.he


def test_no_alert_inside_the_normal_range_or_without_history() -> None:
    steady = [(5, 2), (6, 3), (5, 2), (4, 2), (6, 3), (5, 2), (5, 3)]
    assert opinion_alerts(brand_sentiment(mentions_frame(weekly_mentions("Acme", steady)))) == []
    short = [(5, 2), (1, 9), (5, 2)]  # a spike with under four weeks before it is not judged
    assert opinion_alerts(brand_sentiment(mentions_frame(weekly_mentions("Acme", short)))) == []


def test_weeks_without_mentions_count_as_quiet_weeks() -> None:
    # Six weeks with 3 negative mentions, four silent weeks, then 9 negative mentions.
    weeks = [(3, 3)] * 6 + [(0, 0)] * 4 + [(3, 9)]
    table = brand_sentiment(mentions_frame(weekly_mentions("Acme", weeks)))
    alerts = opinion_alerts(table, period="week")
    volume = [a for a in alerts if a.measure == "negative_volume"]
    assert [a.period for a in volume] == [dt.date(2025, 3, 17)]
    # The baseline holds the silent weeks as zeros: median of 3, 3, 3, 3, 0, 0, 0, 0.
    assert volume[0].baseline == 1.5


def test_a_parsed_files_mentions_are_scored_before_storing(tmp_path: Path) -> None:
    source = tmp_path / "mentions.csv"
    source.write_text(
        "ID,Date,Author,Text,Platform,Reach,Brand\n"
        "m1,2026-11-02 09:15,dana_r,I love this shop,facebook,120,Acme\n"
        "m2,2026-11-02 10:40,yossi,שירות גרוע ומאכזב,instagram,300,Acme\n",
        encoding="utf-8",
    )
    batch = export_import(source)
    assert "sentiment_label" not in batch.tables["mentions"] or batch.tables["mentions"]["sentiment_label"].isna().all()
    scored = batch_mentions_score(batch)
    mentions = scored.tables["mentions"]
    assert list(mentions["lang"]) == ["en", "he"]
    assert list(mentions["sentiment_label"]) == ["positive", "negative"]
    assert scored.sha256 == batch.sha256
    assert scored.rows_read == batch.rows_read
    # The parsed batch itself is left as it was.
    assert batch.tables["mentions"] is not mentions


def test_a_file_without_mentions_is_stored_as_it_was_parsed(tmp_path: Path) -> None:
    from socialplan.measure.demo_data import BAKERY, demo_exports

    posts = demo_exports(brand=BAKERY, today=dt.date(2026, 11, 26))[0]  # a Meta Business Suite post export
    source = tmp_path / posts.name
    source.write_bytes(posts.data)
    batch = export_import(source)
    assert batch.tables["posts"].shape[0]
    assert "mentions" not in batch.tables
    assert batch_mentions_score(batch) is batch
