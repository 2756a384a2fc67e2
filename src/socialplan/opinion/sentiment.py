"""Sentiment of short texts in English and Hebrew, each text in its own language.

``texts_sentiment`` is the one entry point: it detects the language of every text, scores
each language in a batch (English by rules and lexicons, Hebrew by a trained linear model),
and returns a label and a continuous score in -1..1 for each text, in input order. Everything
it needs ships in the package: nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from socialplan.i18n import Lang
from socialplan.opinion.english import english_scores
from socialplan.opinion.hebrew import hebrew_model
from socialplan.opinion.language import text_lang

SentimentLabel = Literal["positive", "negative", "neutral"]
SENTIMENT_LABELS: Final[tuple[SentimentLabel, ...]] = ("positive", "negative", "neutral")
# VADER's published cut-off on its compound score.
ENGLISH_NEUTRAL_BAND: Final = 0.05


@dataclass(frozen=True)
class Sentiment:
    label: SentimentLabel  # neutral also covers off-topic texts
    score: float  # -1 (negative) .. 1 (positive)
    lang: Lang


def _english_label(score: float) -> SentimentLabel:
    if score >= ENGLISH_NEUTRAL_BAND:
        return "positive"
    if score <= -ENGLISH_NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _hebrew_sentiments(texts: Sequence[str]) -> list[Sentiment]:
    probabilities = hebrew_model().probabilities(texts)
    # Continuous score: how much more likely positive than negative; off-topic mass pulls to 0.
    scores = probabilities[:, 0] - probabilities[:, 1]
    labels = probabilities.argmax(axis=1)
    return [
        Sentiment(label=SENTIMENT_LABELS[int(label)], score=float(score), lang="he")
        for label, score in zip(labels, scores, strict=True)
    ]


def texts_sentiment(
    texts: Sequence[str], *, langs: Sequence[Lang | None] | None = None, default_lang: Lang = "en"
) -> list[Sentiment]:
    """One ``Sentiment`` per text, in order.

    ``langs`` gives a known language per text (None: detect it); texts with no letters get
    ``default_lang``.
    """
    if langs is not None and len(langs) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(langs)} languages")
    known: Sequence[Lang | None] = langs if langs is not None else [None] * len(texts)
    detected: list[Lang] = [lang or text_lang(text, default_lang) for text, lang in zip(texts, known, strict=True)]
    results: list[Sentiment | None] = [None] * len(texts)
    # An empty text says nothing; the Hebrew model alone would answer with its prior.
    for i, text in enumerate(texts):
        if not text.strip():
            results[i] = Sentiment(label="neutral", score=0.0, lang=detected[i])
    english = [i for i, lang in enumerate(detected) if lang == "en" and results[i] is None]
    hebrew = [i for i, lang in enumerate(detected) if lang == "he" and results[i] is None]
    if english:
        scores = english_scores([texts[i] for i in english])
        for i, score in zip(english, scores, strict=True):
            results[i] = Sentiment(label=_english_label(float(score)), score=float(score), lang="en")
    if hebrew:
        for i, sentiment in zip(hebrew, _hebrew_sentiments([texts[i] for i in hebrew]), strict=True):
            results[i] = sentiment
    return [result for result in results if result is not None]


def text_sentiment(text: str, *, default_lang: Lang = "en") -> Sentiment:
    return texts_sentiment([text], default_lang=default_lang)[0]


def sentiment_scores(texts: Sequence[str], *, default_lang: Lang = "en") -> npt.NDArray[np.float64]:
    return np.array([s.score for s in texts_sentiment(texts, default_lang=default_lang)], dtype=np.float64)
