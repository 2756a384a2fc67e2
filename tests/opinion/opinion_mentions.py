"""Small mention tables in the store's MENTIONS shape, written for these tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from socialplan.measure.schema import MENTIONS


def mentions_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows with defaults for every MENTIONS column not given."""
    records = []
    for number, row in enumerate(rows):
        record: dict[str, object] = dict.fromkeys(MENTIONS.names)
        record.update(mention_id=f"m{number}", platform="x", author=f"user{number}", import_id="i1")
        record.update(row)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(MENTIONS.names))
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    for column in ("reach", "sentiment_score"):
        frame[column] = frame[column].astype("float64")
    return frame


def weekly_mentions(
    subject: str,
    weeks: list[tuple[int, int]],
    *,
    start: dt.date = dt.date(2025, 1, 6),
    competitor: bool = False,
) -> list[dict[str, object]]:
    """``weeks`` as (positive, negative) counts per week, each mention already scored."""
    rows: list[dict[str, object]] = []
    for week, (positive, negative) in enumerate(weeks):
        day = dt.datetime.combine(start + dt.timedelta(weeks=week), dt.time(12))
        for label, count, score in (("positive", positive, 0.6), ("negative", negative, -0.6)):
            rows += [
                {
                    "subject": subject,
                    "is_competitor": competitor,
                    "published_at": day,
                    "text": f"{label} {subject} {i}",
                    "sentiment_label": label,
                    "sentiment_score": score,
                    "lang": "en",
                    "reach": 10.0,
                }
                for i in range(count)
            ]
    return rows
