from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="scikit-learn is a training-only dependency")

from socialplan.opinion.hebrew import HebrewModel
from socialplan.opinion.training.corpora import duplicate_key, read_hebrew_tsv
from socialplan.opinion.training.hebrew_training import fit, nb_ratios, pooled_texts

TEXTS = [
    "שירות מעולה, תודה רבה",
    "תודה רבה על השירות המעולה",
    "כל הכבוד, מעולה",
    "שירות גרוע ומאכזב",
    "גרוע, לא ממליץ",
    "מאכזב וגרוע מאוד",
    "החנות פתוחה עד שמונה",
    "מתי החנות פתוחה",
    "שעות הפתיחה של החנות",
]
LABELS = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2], dtype=np.int64)


def test_pool_shares_no_comment_with_the_test_split(sentiment_data: Path) -> None:
    pool = pooled_texts(sentiment_data)
    test = read_hebrew_tsv(sentiment_data / "hebrew" / "onlplab_dedup" / "token" / "test_gold.tsv", header=True)
    keys = [duplicate_key(item.text) for item in pool]
    assert len(keys) == len(set(keys)), "a near-duplicate was kept twice"
    assert not set(keys) & {duplicate_key(item.text) for item in test}


def test_nb_ratios_favour_the_features_of_their_class() -> None:
    model = fit(TEXTS, LABELS, c=10.0, weight="balanced")
    vocabulary = model.vectorizer.vocabulary_
    matrix = model.vectorizer.transform(TEXTS).tocsr()
    positive, negative = nb_ratios(matrix, LABELS, 0), nb_ratios(matrix, LABELS, 1)
    assert positive[vocabulary["w:מעולה"]] > 0 > negative[vocabulary["w:מעולה"]]
    assert negative[vocabulary["w:גרוע"]] > 0 > positive[vocabulary["w:גרוע"]]


def test_the_numpy_scorer_reproduces_the_fitted_model() -> None:
    model = fit(TEXTS, LABELS, c=10.0, weight="balanced")
    coef, intercept = model.folded()
    exported = HebrewModel(
        vocabulary={str(name): int(index) for name, index in model.vectorizer.vocabulary_.items()},
        idf=np.asarray(model.vectorizer.idf_),
        coef=coef,
        intercept=intercept,
    )
    probe = ["שירות מעולה", "גרוע ומאכזב", "החנות פתוחה", "מילה שלא נראתה"]
    logits, _ = HebrewModel.from_bytes(exported.to_bytes()).logits(probe)
    assert np.allclose(logits, model.decision(probe), atol=1e-4)
    assert list(logits.argmax(axis=1)[:3]) == [0, 1, 2]
