from __future__ import annotations

import datetime as dt

import ibis
import pandas as pd
import pytest

from socialplan.measure.schema import MENTIONS
from socialplan.opinion.measures import brand_sentiment
from socialplan.opinion.privacy import author_pseudonym, mentions_pseudonymise, mentions_retention

from .opinion_mentions import mentions_frame

SECRET = b"workspace-secret-0123456789"


def test_pseudonyms_are_stable_keyed_and_case_blind() -> None:
    first = author_pseudonym("@Dana_Levi", SECRET)
    assert first == author_pseudonym("dana_levi", SECRET)
    assert first != author_pseudonym("dana_levi", b"another-workspace-secret!!")
    assert first != author_pseudonym("dana_levy", SECRET)
    assert first.startswith("anon:")
    assert "dana" not in first


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        author_pseudonym("dana", b"short")


def test_frames_are_pseudonymised_once() -> None:
    frame = mentions_frame(
        [
            {"author": "dana", "subject": "Acme", "published_at": "2025-01-01", "text": "hi"},
            {"author": None, "subject": "Acme", "published_at": "2025-01-01", "text": "hi"},
        ]
    )
    once = mentions_pseudonymise(frame, SECRET)
    twice = mentions_pseudonymise(once, SECRET)
    assert once["author"].iloc[0] == author_pseudonym("dana", SECRET)
    assert pd.isna(once["author"].iloc[1])
    assert twice["author"].tolist()[0] == once["author"].tolist()[0]
    assert frame["author"].iloc[0] == "dana"


def test_retention_removes_old_texts_and_keeps_the_measurements() -> None:
    connection = ibis.duckdb.connect()
    frame = mentions_frame(
        [
            {"subject": "Acme", "published_at": "2025-01-02 10:00", "text": "I love Acme"},
            {
                "subject": "Acme",
                "published_at": "2025-01-03 10:00",
                "text": "Acme support is awful",
                "sentiment_label": "negative",
                "sentiment_score": -0.6,
                "lang": "en",
            },
            {"subject": "Acme", "published_at": "2025-03-01 10:00", "text": "Acme is fine"},
        ]
    )
    connection.create_table("mentions", ibis.memtable(frame).cast(MENTIONS))
    now = dt.datetime(2025, 3, 10)

    removed = mentions_retention(connection, days=30, now=now)

    after = connection.table("mentions").to_pandas().sort_values("published_at")
    assert removed == 2
    assert after["text"].isna().tolist() == [True, True, False]
    # The unscored old mention was scored before its text went.
    assert after["sentiment_label"].tolist()[:2] == ["positive", "negative"]
    weekly = brand_sentiment(connection.table("mentions")).to_pandas()
    assert weekly["mentions"].sum() == 3  # every mention still counts, the recent one scored too
    assert mentions_retention(connection, days=30, now=now) == 0


def test_negative_retention_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more days"):
        mentions_retention(ibis.duckdb.connect(), days=-1, now=dt.datetime(2025, 1, 1))
