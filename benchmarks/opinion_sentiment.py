"""Opinion sentiment benchmark: socialplan's scorers next to their baselines, in one run.

    PYTHONPATH=src python benchmarks/opinion_sentiment.py [--data DIR] [--language all|en|he]

English: Pearson r against the mean human ratings of the four VADER ground-truth corpora,
socialplan's English scorer next to VADER (the ``vadersentiment`` package) in this process.
No English weights are trained; the movie-review corpus served as the development corpus for
the two rule changes (see docs/opinion.md).
Hebrew: accuracy, macro-F1 and per-class F1 on the de-duplicated (onlplab) test split,
socialplan's shipped model next to a TF-IDF + logistic-regression baseline trained here on the
same texts (training texts plus the dev split). The dev split is part of the shipped model's
training texts, so model-choice numbers (cross-validation, dev) come from the training script.
Throughput: texts per second for each language, single process, with the machine's load average
printed beside it (the numbers move several-fold with what else runs on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from socialplan.opinion.english import english_scores
from socialplan.opinion.hebrew import hebrew_model
from socialplan.opinion.sentiment import texts_sentiment
from socialplan.opinion.training.corpora import (
    VADER_CORPORA,
    read_hebrew_tsv,
    read_vader_corpus,
    sentiment_data_dir,
)
from socialplan.opinion.training.hebrew_training import pooled_texts

THROUGHPUT_TEXTS = 20_000


def _per_second(score: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    batch = [texts[i % len(texts)] for i in range(THROUGHPUT_TEXTS)]
    started = time.perf_counter()
    score(batch)
    return len(batch) / (time.perf_counter() - started)


def _class_f1(truth: np.ndarray, predicted: np.ndarray) -> list[float]:
    scores = []
    for label in range(3):
        tp = float(np.sum((predicted == label) & (truth == label)))
        fp = float(np.sum((predicted == label) & (truth != label)))
        fn = float(np.sum((predicted != label) & (truth == label)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return scores


def english(data: Path) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    lines = [f"{'English corpus':<22}{'texts':>7}{'VADER r':>10}{'socialplan r':>14}{'Δ':>8}"]
    sample: list[str] = []
    for name in VADER_CORPORA:
        rows = read_vader_corpus(data / "english_vader_ground_truth" / f"{name}_GroundTruth.txt")
        texts = [row.text for row in rows]
        ratings = np.array([row.rating for row in rows])
        ours = english_scores(texts)
        theirs = np.array([vader.polarity_scores(text)["compound"] for text in texts])
        r_ours = float(np.corrcoef(ratings, ours)[0, 1])
        r_theirs = float(np.corrcoef(ratings, theirs)[0, 1])
        note = "  (development corpus)" if name == "movieReviewSnippets" else ""
        lines.append(f"{name:<22}{len(texts):>7}{r_theirs:>10.3f}{r_ours:>14.3f}{r_ours - r_theirs:>+8.3f}{note}")
        sample.extend(texts)
    ours_speed = _per_second(english_scores, sample)
    vader_speed = _per_second(lambda batch: [vader.polarity_scores(text) for text in batch], sample)
    lines.append(
        f"English throughput: socialplan {ours_speed:,.0f} texts/s, VADER {vader_speed:,.0f} texts/s "
        f"(ratio {ours_speed / vader_speed:.2f})"
    )
    detect_speed = _per_second(texts_sentiment, sample)
    lines.append(f"English through texts_sentiment (with language detection): {detect_speed:,.0f} texts/s")
    return lines


def hebrew(data: Path) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = pooled_texts(data)
    test = read_hebrew_tsv(data / "hebrew" / "onlplab_dedup" / "token" / "test_gold.tsv", header=True)
    test_texts = [item.text for item in test]
    truth = np.array([item.label for item in test])
    vectorizer = TfidfVectorizer()
    baseline = LogisticRegression(max_iter=3000).fit(
        vectorizer.fit_transform([item.text for item in train]), [item.label for item in train]
    )
    baseline_predicted = baseline.predict(vectorizer.transform(test_texts))
    model = hebrew_model()
    predicted = model.probabilities(test_texts).argmax(axis=1)
    ablation = model.adjusted(0.0, np.zeros(3)).probabilities(test_texts).argmax(axis=1)
    columns = "".join(f"{name:>8}" for name in ("F1 pos", "F1 neg", "F1 neu"))
    lines = [f"{'Hebrew (onlplab_dedup test)':<34}{'accuracy':>10}{'macro-F1':>10}{columns}"]
    for label, guess in (
        ("TF-IDF + LR baseline", baseline_predicted),
        ("socialplan", predicted),
        ("  without the lexicon term", ablation),
    ):
        accuracy = float(np.mean(truth == guess))
        per_class = _class_f1(truth, guess)
        lines.append(
            f"{label:<34}{accuracy:>10.3f}{np.mean(per_class):>10.3f}" + "".join(f"{f:>8.3f}" for f in per_class)
        )
    lines.append(f"training texts: {len(train)}, test texts: {len(test)}")
    speed = _per_second(model.probabilities, test_texts)
    full_speed = _per_second(texts_sentiment, test_texts)
    lines.append(f"Hebrew throughput: model {speed:,.0f} texts/s, texts_sentiment {full_speed:,.0f} texts/s")
    return lines


def _load() -> str:
    try:
        return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Opinion sentiment benchmark")
    parser.add_argument("--data", type=Path, default=sentiment_data_dir())
    parser.add_argument("--language", choices=("all", "en", "he"), default="all", help="which half to run")
    args = parser.parse_args(argv)
    if not (args.data / "hebrew").is_dir():
        print(f"no sentiment data at {args.data}", file=sys.stderr)
        return 2
    lines = [*english(args.data), ""] if args.language in {"all", "en"} else []
    lines += [*hebrew(args.data), ""] if args.language in {"all", "he"} else []
    for line in [*lines, f"{os.cpu_count()} cores, {_load()}"]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
