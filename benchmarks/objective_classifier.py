"""Accuracy and speed of the business-objective classifier (socialplan.advise.classify).

Reads the labelled sets in ``evaluation/objectives/`` and prints, for each set, accuracy
overall, per language and per class, the most frequent confusions, and beside them a
majority-class baseline. Then the time per objective against the 1 ms budget.

    python benchmarks/objective_classifier.py            # all sets
    python benchmarks/objective_classifier.py --errors   # also list every miss

``dev.yaml`` is the set the lexicon is tuned on; ``heldout*.yaml`` are never used for
tuning (docs/objective-classifier.md tells their history).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from socialplan.advise.classify import classify_objective  # noqa: E402 (needs the path above)
from socialplan.i18n import detect_lang  # noqa: E402

SETS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
NONE_LABEL = "none"
TIME_BUDGET_SECONDS = 0.001


@dataclass(frozen=True)
class Labelled:
    text: str
    label: str


@dataclass(frozen=True)
class Outcome:
    item: Labelled
    predicted: str

    @property
    def correct(self) -> bool:
        return self.predicted == self.item.label


def labelled_set(name: str) -> list[Labelled]:
    path = ROOT / "evaluation" / "objectives" / f"{name}.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Labelled(text=row["text"], label=row["label"]) for row in rows]


def outcomes(items: list[Labelled]) -> list[Outcome]:
    return [Outcome(item, classify_objective(item.text).purpose or NONE_LABEL) for item in items]


def accuracy(results: list[Outcome]) -> float:
    return sum(result.correct for result in results) / len(results) if results else 0.0


def report_set(name: str, *, show_errors: bool) -> None:
    items = labelled_set(name)
    results = outcomes(items)
    majority_label, majority_count = Counter(item.label for item in items).most_common(1)[0]
    print(f"\n== {name}: {len(items)} objectives ==")
    print(
        f"accuracy {accuracy(results):.3f}  "
        f"(majority-class baseline '{majority_label}': {majority_count / len(items):.3f})"
    )
    for lang in ("en", "he"):
        subset = [result for result in results if detect_lang(result.item.text) == lang]
        print(f"  {lang}: {accuracy(subset):.3f} of {len(subset)}")
    print("  per class (recall, precision, n):")
    for label in sorted({item.label for item in items}):
        actual = [result for result in results if result.item.label == label]
        predicted = [result for result in results if result.predicted == label]
        precision = accuracy(predicted) if predicted else float("nan")
        print(f"    {label:<24} {accuracy(actual):.3f}  {precision:.3f}  {len(actual)}")
    confusions = Counter((r.item.label, r.predicted) for r in results if not r.correct)
    if confusions:
        summary = ", ".join(f"{a} → {b} ×{n}" for (a, b), n in confusions.most_common(6))
        print(f"  most frequent confusions: {summary}")
    if show_errors:
        for result in results:
            if not result.correct:
                print(f"    miss: {result.item.label} → {result.predicted}: {result.item.text}")


def report_speed() -> None:
    texts = [item.text for name in SETS for item in labelled_set(name)]
    classify_objective(texts[0])  # the first call loads the lexicon; time steady state
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            classify_objective(text)
    per_objective = (time.perf_counter() - start) / (rounds * len(texts))
    # Baseline in the same process: only lowering and splitting each text.
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            text.lower().split()
    baseline = (time.perf_counter() - start) / (rounds * len(texts))
    print(
        f"\nspeed: {per_objective * 1e6:.0f} µs per objective "
        f"({per_objective / TIME_BUDGET_SECONDS:.2f} of the 1 ms budget; "
        f"{per_objective / baseline:.0f}× a bare lower+split)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every misclassified objective")
    parser.add_argument("--set", choices=SETS, action="append", help="only these sets (repeatable)")
    args = parser.parse_args()
    for name in args.set or SETS:
        report_set(name, show_errors=args.errors)
    report_speed()


if __name__ == "__main__":
    main()
