"""Reading texts and mentions from CSV files, with errors that name the file, line and field."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pandas as pd

from socialplan.measure.schema import MENTIONS

MENTION_REQUIRED: Final = ("text", "published_at", "subject")


class TextsInputError(ValueError):
    def __init__(self, source: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.source, self.message, self.line, self.field = source, message, line, field
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TextsInputError(str(path), "no such file") from None
    except OSError as error:
        raise TextsInputError(str(path), f"cannot read the file ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise TextsInputError(str(path), "the file is not text (unknown encoding)") from None
        return str(best)


def _rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    text = _decode(path)
    if not text.strip():
        raise TextsInputError(str(path), "the file is empty")
    reader = csv.reader(text.splitlines(keepends=True))
    header = [name.strip() for name in next(reader)]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(header):
                raise TextsInputError(
                    str(path), f"{len(values)} fields but the header has {len(header)}", line=reader.line_num
                )
            yield reader.line_num, dict(zip(header, values, strict=False))

    return header, rows()


def _require(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    missing = [name for name in columns if name not in header]
    if missing:
        raise TextsInputError(
            str(path), f"no column {', '.join(missing)} (the header has: {', '.join(header)})", line=1
        )


def read_texts_csv(path: Path, column: str = "text") -> tuple[list[str], list[dict[str, str]]]:
    """The texts of one column and every row (to write back with scores added)."""
    header, rows = _rows(path)
    _require(path, header, (column,))
    records = [row for _, row in rows]
    return [row.get(column, "") for row in records], records


def _timestamp(path: Path, line: int, value: str) -> dt.datetime:
    try:
        stamp = pd.Timestamp(value.strip())
    except ValueError:
        stamp = pd.NaT
    if pd.isna(stamp):
        raise TextsInputError(str(path), f"{value!r} is not a date and time", line=line, field="published_at")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    result: dt.datetime = stamp.to_pydatetime()
    return result


def read_mentions_csv(path: Path) -> pd.DataFrame:
    """A CSV with at least ``text``, ``published_at`` and ``subject`` as a MENTIONS-shaped frame.

    Other MENTIONS columns are kept when present; times become naive UTC.
    """
    header, rows = _rows(path)
    _require(path, header, MENTION_REQUIRED)
    records: list[dict[str, object]] = []
    for line, row in rows:
        record: dict[str, object] = {name: (row.get(name) or None) for name in MENTIONS.names}
        record["published_at"] = _timestamp(path, line, row.get("published_at", ""))
        if not (row.get("subject") or "").strip():
            raise TextsInputError(str(path), "empty (name the brand or competitor)", line=line, field="subject")
        for number in ("reach", "sentiment_score"):
            value = row.get(number, "").strip()
            try:
                record[number] = float(value) if value else None
            except ValueError:
                raise TextsInputError(str(path), f"{value!r} is not a number", line=line, field=number) from None
        competitor = (row.get("is_competitor") or "").strip().lower()
        record["is_competitor"] = competitor in {"1", "true", "yes"} if competitor else None
        record["mention_id"] = record["mention_id"] or f"{path.name}:{line}"
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(MENTIONS.names))
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    return frame
