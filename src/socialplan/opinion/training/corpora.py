"""Readers for the published sentiment corpora used to train and evaluate the scorers.

The corpora are third-party texts: they are read from the shared data folder beside the
clone (``../shared/data/sentiment``) and never copied into the package; only weights derived
from the MIT-licensed Hebrew training file ship.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

VADER_CORPORA: tuple[str, ...] = (
    "tweets",
    "movieReviewSnippets",
    "amazonReviewSnippets",
    "nytEditorialSnippets",
)
HEBREW_LABEL_NAMES: tuple[str, ...] = ("positive", "negative", "neutral")


class CorpusError(ValueError):
    """A corpus file that does not have the published format (names file and line)."""


@dataclass(frozen=True)
class LabelledText:
    text: str
    label: int  # 0 positive, 1 negative, 2 neutral / off-topic (the published coding)


@dataclass(frozen=True)
class RatedText:
    text: str
    rating: float  # mean human rating, -4 .. +4


def sentiment_data_dir() -> Path:
    """``$SOCIALPLAN_SENTIMENT_DATA`` or ``<repo>/../shared/data/sentiment``."""
    configured = os.environ.get("SOCIALPLAN_SENTIMENT_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "sentiment"


def read_vader_corpus(path: Path) -> list[RatedText]:
    """``id<TAB>mean rating<TAB>text`` lines (the VADER ground-truth files)."""
    rows: list[RatedText] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t", 2)
            if len(parts) != 3:
                raise CorpusError(f"{path}:{number}: expected id, rating and text separated by tabs")
            try:
                rating = float(parts[1])
            except ValueError as error:
                raise CorpusError(f"{path}:{number}: rating {parts[1]!r} is not a number") from error
            rows.append(RatedText(parts[2], rating))
    return rows


def read_hebrew_tsv(path: Path, *, header: bool) -> list[LabelledText]:
    """``comment<TAB>label`` lines; labels 0, 1 or 2."""
    rows: list[LabelledText] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if header and number == 1:
                continue
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            if label.strip() not in {"0", "1", "2"}:
                raise CorpusError(f"{path}:{number}: label {label!r} is not 0, 1 or 2")
            rows.append(LabelledText(text, int(label)))
    return rows


_KEY_DROP = re.compile(r"[^\w]+")


def duplicate_key(text: str) -> str:
    """The key under which two comments count as the same one.

    Letters and digits only, lower case: "I love you!" and "i love you!!" share a key, the
    near-duplicate rule of the de-duplicated split.
    """
    return _KEY_DROP.sub("", text.lower())


def without_duplicates(texts: Iterable[LabelledText], *, exclude: set[str]) -> list[LabelledText]:
    """First occurrence of each key, leaving out every key in ``exclude``."""
    seen = set(exclude)
    kept: list[LabelledText] = []
    for item in texts:
        key = duplicate_key(item.text)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(item)
    return kept
