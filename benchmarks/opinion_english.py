"""English sentiment: socialplan's scorer next to VADER, and how its rules were chosen.

    PYTHONPATH=src python benchmarks/opinion_english.py [--data DIR] [--selection]

Prints Pearson r against the mean human ratings of the four VADER ground-truth corpora for
VADER 3.3.2 (the ``vadersentiment`` package), socialplan's scorer before the word-sense rules
(every switchable rule below off), after the first round of rules, and as shipped (both rounds),
all in this process, and the throughput of the shipped scorer and VADER.

``--selection`` also reproduces the rule choice described in docs/opinion.md, in two rounds:

1. Screening on the development corpus (movie reviews) only: each candidate rule added alone to
   the scorer without the rules; those that do not raise r there are dropped.
2. Leave one corpus out: for each corpus, a candidate is kept when its mean change of r over the
   *other three* corpora is >= 0; the held-out corpus is scored with that selection. These four
   numbers are the held-out estimates. The shipped selection applies the same criterion to all
   four corpora, so the shipped scorer's own numbers are not held out.
3.-4. The second round (social-media conventions and degree words) repeats 1 and 2 with each
   candidate added alone to the scorer with the first round's rules; the screening drops only
   what lowers r on the movie reviews, since most of these conventions never occur there. A
   held-out corpus is scored with both rounds' choices made without it.

Candidate rules that were rejected are implemented here, not in the product: most as changes
to the per-word valences after the product's rules (each multiplies or zeroes valences by
position, so it commutes with the product's "but" and "although" weighting; "but in its
sentence" first divides the product's own "but" weighting out), and three second-round ones as
changes to the text before the scorer reads it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from socialplan.opinion import english
from socialplan.opinion.training.corpora import VADER_CORPORA, read_vader_corpus, sentiment_data_dir

DEVELOPMENT = "movieReviewSnippets"
THROUGHPUT_TEXTS = 20_000

# Shipped rules, switched off by emptying the word lists they read (the scorer reads them per call).
SHIPPED: dict[str, dict[str, object]] = {
    "like compares": {"_LIKE_COMPARES": frozenset()},
    "pretty/super degree": {"_DEGREE_ADVERBS": frozenset()},
    "stretched letters": {"_STRETCHED": re.compile(r"(?!)")},
    "inflections": {"_INFLECTIONS": ()},
    "lacks/fails negate": {"_LACKING": frozenset()},
    "too cancels": {"_CANCELLING": frozenset()},
    "although clause": {"_CONCESSIVE": frozenset()},
}
# Second round (social-media conventions and degree words), each added alone to the scorer with the
# shipped first-round rules; switched off the same way.
NEVER = re.compile(r"(?!)(x)")  # a pattern that never matches (with a group, for the substitutions)
SECOND_ROUND: dict[str, dict[str, object]] = {
    "stretched modifiers": {"_STRETCHED_MODIFIERS": frozenset()},
    "emoticon variants": {"_EMOTICON_VARIANTS": False},
    "dropped g": {"_DROPPED_G": ()},
    "laughter": {"_LAUGHTER": NEVER},
    "mentions neutral": {"_MENTIONS_NEUTRAL": False},
    "short words bare": {"_SHORT_WORDS_BARE": False},
    "more degree adverbs": {"_MORE_DEGREE_ADVERBS": frozenset()},
    "more boosters": {"_MORE_BOOSTERS": frozenset()},
    "more dampeners": {"_MORE_DAMPENERS": frozenset()},
    "more negations": {"_MORE_NEGATIONS": frozenset()},
}
SWITCHES = {**SHIPPED, **SECOND_ROUND}
_CLAUSE_END = (",", ".", ";", "!", "?", ":")
_MODALS = (
    "would have been",
    "could have been",
    "should have been",
    "might have been",
    "would've been",
    "could've been",
    "should've been",
    "would be",
    "could be",
    "should be",
)


def _tokens(text: str) -> tuple[list[str], list[str]]:
    if not text.isascii():
        text = english._describe_emoji(text, english.english_lexicon().emoji)
    raw = text.split()
    return raw, [english._strip_punctuation(token).lower() for token in raw]


def _modal(raw: list[str], lower: list[str], values: list[float]) -> list[float]:
    # "it could have been good": praise after a modal is treated as negated.
    return [
        v * english._NEGATION_SCALAR if v > 0 and any(m in " ".join(lower[max(0, i - 4) : i]) for m in _MODALS) else v
        for i, v in enumerate(values)
    ]


def _well(raw: list[str], lower: list[str], values: list[float]) -> list[float]:
    # "as well", "well, ..." are not praise.
    def filler(i: int) -> bool:
        after_comma = i + 1 < len(raw) and raw[i + 1] == ","
        return i == 0 or lower[i - 1] == "as" or raw[i].endswith(",") or after_comma

    return [0.0 if lower[i] == "well" and filler(i) else v for i, v in enumerate(values)]


def _negation_to_clause_end(raw: list[str], lower: list[str], values: list[float]) -> list[float]:
    # A negation anywhere earlier in the clause, not only within three words.
    out = list(values)
    for i, v in enumerate(values):
        if v and i > 3:
            j = i - 4
            while j >= 0 and raw[j] not in english._CLAUSE_TOKENS and not raw[j].endswith(_CLAUSE_END):
                if english._is_negation(lower[j]):
                    out[i] = v * english._NEGATION_SCALAR
                    break
                j -= 1
    return out


def _however(raw: list[str], lower: list[str], values: list[float]) -> list[float]:
    # "however" as a second pivot word beside "but" (the earlier of the two is the pivot).
    if "however" not in lower:
        return values
    pivot = lower.index("however")
    out = list(values)
    if "but" in lower:
        but = lower.index("but")
        if but < pivot:
            return values
        out = [v / 0.5 if p < but else v / 1.5 if p > but else v for p, v in enumerate(out)]
    return [v * 0.5 if p < pivot else v * 1.5 if p > pivot else v for p, v in enumerate(out)]


def _but_in_its_sentence(raw: list[str], lower: list[str], values: list[float]) -> list[float]:
    # Each sentence's first "but" weighs that sentence only, instead of the text's first "but"
    # weighing the whole text (second round).
    if "but" not in lower:
        return values
    pivot = lower.index("but")
    out = [v / 0.5 if p < pivot else v / 1.5 if p > pivot else v for p, v in enumerate(values)]
    start = 0
    for end in range(len(raw)):
        if end == len(raw) - 1 or raw[end].endswith((".", "!", "?")):
            sentence = lower[start : end + 1]
            if "but" in sentence:
                pivot = start + sentence.index("but")
                for p in range(start, end + 1):
                    if p != pivot:
                        out[p] *= 0.5 if p < pivot else 1.5
            start = end + 1
    return out


Rewrite = Callable[[list[str], list[str], list[float]], list[float]]
REJECTED_OR_NOT_SHIPPED: dict[str, Rewrite] = {
    "modal (would/could be)": _modal,
    "well as filler": _well,
    "negation to clause end": _negation_to_clause_end,
    "however as pivot": _however,
}
SECOND_ROUND_NOT_SHIPPED: dict[str, Rewrite] = {
    "but in its sentence": _but_in_its_sentence,
}
REWRITES = {**REJECTED_OR_NOT_SHIPPED, **SECOND_ROUND_NOT_SHIPPED}

# Second-round candidates that were not shipped and change the text before the scorer reads it.
_GLUED_EMOTICON = re.compile(r"(?<=[A-Za-z.!?,])([:;=][-'^o]?[()\[\]DPpOo/\\|*3]{1,3})(?=\s|$)")
_CAMEL_HASHTAG = re.compile(r"#([A-Z]?[a-z]+(?:[A-Z][a-z]+)+)\b")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_RESPELLINGS = {
    **dict.fromkeys(["luv", "luvv"], "love"),
    **dict.fromkeys(["luvs"], "loves"),
    **dict.fromkeys(["luvd", "luved"], "loved"),
    **dict.fromkeys(["luvly"], "lovely"),
    **dict.fromkeys(["thanx", "thnx", "thnks", "thks", "tnx", "tx", "tysm", "tyvm"], "thanks"),
    **dict.fromkeys(["gud", "gd"], "good"),
    **dict.fromkeys(["kool", "kewl"], "cool"),
    **dict.fromkeys(["h8", "h8te"], "hate"),
    **dict.fromkeys(["gr8t", "grt"], "great"),
    **dict.fromkeys(["awsome", "awsum", "awesum", "awsm"], "awesome"),
    **dict.fromkeys(["dammit", "damnit", "dang"], "damn"),
    **dict.fromkeys(["yum", "yumm", "yummm"], "yummy"),
    **dict.fromkeys(["amazeballs"], "amazing"),
}
_RESPELLED = re.compile(r"(?<![\w'])(" + "|".join(_RESPELLINGS) + r")(?![\w'])", re.IGNORECASE)

TEXT_REWRITES: dict[str, Callable[[str], str]] = {
    # "thanks:)": an emoticon written straight after a word is split off, not stripped with the punctuation.
    "glued emoticons": lambda text: _GLUED_EMOTICON.sub(r" \1", text),
    # "#NeverAgain" is read as "never again".
    "camel-case hashtags": lambda text: _CAMEL_HASHTAG.sub(lambda m: " ".join(_CAMEL_BOUNDARY.split(m[1])), text),
    # "luv", "thanx", "gud", "awsome" … are read as the lexicon word they spell.
    "respellings": lambda text: _RESPELLED.sub(lambda m: _RESPELLINGS[m[1].lower()], text),
}


@contextmanager
def _configured(shipped_on: Sequence[str], extra: Sequence[str]) -> Iterator[None]:
    """The scorer with only ``shipped_on`` of its switchable rules and the ``extra`` candidates."""
    saved = {name: getattr(english, name) for switches in SWITCHES.values() for name in switches}
    english.english_lexicon().forms.clear()  # word forms cached under another configuration
    original = english.english_valences
    for rule, switches in SWITCHES.items():
        if rule not in shipped_on:
            for name, value in switches.items():
                setattr(english, name, value)
    if extra:

        def valences(text: str, lexicon: english.EnglishLexicon | None = None) -> list[float]:
            for name in extra:
                if name in TEXT_REWRITES:
                    text = TEXT_REWRITES[name](text)
            values = original(text, lexicon)
            raw, lower = _tokens(text)
            for name in extra:
                if name in REWRITES:
                    values = REWRITES[name](raw, lower, values)
            return values

        english.english_valences = valences  # english_score looks it up per call
    try:
        yield
    finally:
        english.english_valences = original
        english.english_lexicon().forms.clear()
        for name, value in saved.items():
            setattr(english, name, value)


def _pearson(ratings: np.ndarray, scores: np.ndarray) -> float:
    return float(np.corrcoef(ratings, scores)[0, 1])


class Corpora:
    def __init__(self, data: Path) -> None:
        self.texts: dict[str, list[str]] = {}
        self.ratings: dict[str, np.ndarray] = {}
        for name in VADER_CORPORA:
            rows = read_vader_corpus(data / "english_vader_ground_truth" / f"{name}_GroundTruth.txt")
            self.texts[name] = [row.text for row in rows]
            self.ratings[name] = np.array([row.rating for row in rows])

    def r(self, name: str, shipped_on: Sequence[str] = tuple(SWITCHES), extra: Sequence[str] = ()) -> float:
        with _configured(shipped_on, extra):
            return _pearson(self.ratings[name], english.english_scores(self.texts[name]))


def _per_second(score: Callable[[Sequence[str]], object], texts: Sequence[str]) -> float:
    batch = [texts[i % len(texts)] for i in range(THROUGHPUT_TEXTS)]
    started = time.perf_counter()
    score(batch)
    return len(batch) / (time.perf_counter() - started)


def comparison(corpora: Corpora) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    header = f"{'corpus':<22}{'texts':>7}{'VADER':>9}{'before':>9}{'round 1':>9}{'shipped':>9}{'Δ VADER':>9}"
    lines = [header]
    for name in VADER_CORPORA:
        texts = corpora.texts[name]
        theirs = _pearson(corpora.ratings[name], np.array([vader.polarity_scores(t)["compound"] for t in texts]))
        before = corpora.r(name, shipped_on=())
        first_round = corpora.r(name, shipped_on=tuple(SHIPPED))
        ours = corpora.r(name)
        note = "  (development corpus)" if name == DEVELOPMENT else ""
        lines.append(
            f"{name:<22}{len(texts):>7}{theirs:>9.4f}{before:>9.4f}{first_round:>9.4f}{ours:>9.4f}"
            f"{ours - theirs:>+9.4f}{note}"
        )
    sample = [text for name in VADER_CORPORA for text in corpora.texts[name]]
    ours_speed = _per_second(english.english_scores, sample)
    vader_speed = _per_second(lambda batch: [vader.polarity_scores(text) for text in batch], sample)
    lines.append(
        f"throughput: socialplan {ours_speed:,.0f} texts/s, VADER {vader_speed:,.0f} texts/s "
        f"(ratio {ours_speed / vader_speed:.2f})"
    )
    return lines


Chooser = Callable[[Sequence[str]], list[str]]


def _select(
    corpora: Corpora,
    step: int,
    candidates: Sequence[str],
    base_rules: Sequence[str],
    keep_unchanged: bool,
) -> tuple[list[str], Chooser]:
    """Screening on the development corpus, then each screened rule alone on every corpus.

    Each candidate is added alone to the scorer with ``base_rules``; the returned chooser keeps the
    screened candidates whose mean change of r over the given corpora is >= 0. ``keep_unchanged``
    lets a candidate that leaves the development corpus's r unchanged pass the screening.
    """

    def alone(rule: str, name: str) -> float:
        if rule in SWITCHES:
            return corpora.r(name, shipped_on=(*base_rules, rule))
        return corpora.r(name, shipped_on=base_rules, extra=(rule,))

    base = {name: corpora.r(name, shipped_on=base_rules) for name in VADER_CORPORA}
    criterion = "lower" if keep_unchanged else "do not raise"
    lines = [
        f"{step}. screening on {DEVELOPMENT} (r {base[DEVELOPMENT]:.4f}), each rule alone "
        f"(dropped: those that {criterion} r there):"
    ]
    screened = []
    for rule in candidates:
        delta = alone(rule, DEVELOPMENT) - base[DEVELOPMENT]
        passes = delta >= 0 if keep_unchanged else delta > 0
        lines.append(f"   {rule:<26}{delta:+.5f}{'' if passes else '  dropped'}")
        if passes:
            screened.append(rule)
    deltas = {rule: {name: alone(rule, name) - base[name] for name in VADER_CORPORA} for rule in screened}
    lines.append(f"{step + 1}. each screened rule alone, change of r per corpus:")
    lines.append(f"   {'':<26}" + "".join(f"{name[:10]:>12}" for name in VADER_CORPORA))
    for rule, by_corpus in deltas.items():
        lines.append(f"   {rule:<26}" + "".join(f"{by_corpus[name]:>+12.5f}" for name in VADER_CORPORA))

    def chosen(on: Sequence[str]) -> list[str]:
        return [rule for rule in screened if np.mean([deltas[rule][name] for name in on]) >= 0]

    return lines, chosen


def _held_out(corpora: Corpora, choosers: Sequence[Chooser]) -> list[str]:
    lines = ["   leave one corpus out (rules chosen on the other three, r on the held-out corpus):"]
    for held in VADER_CORPORA:
        rules = [rule for chooser in choosers for rule in chooser([n for n in VADER_CORPORA if n != held])]
        r = corpora.r(
            held,
            shipped_on=[rule for rule in rules if rule in SWITCHES],
            extra=[rule for rule in rules if rule not in SWITCHES],
        )
        lines.append(f"   {held:<24}{r:.4f}  with {', '.join(rules)}")
    shipped = [rule for chooser in choosers for rule in chooser(VADER_CORPORA)]
    lines.append(f"   shipped (criterion on all four): {', '.join(shipped)}")
    return lines


def selection(corpora: Corpora) -> list[str]:
    # Round 1 (issue #6): word-sense and word-form rules, each added alone to the scorer without rules.
    first, first_chooser = _select(corpora, 1, [*SHIPPED, *REJECTED_OR_NOT_SHIPPED], (), keep_unchanged=False)
    lines = ["Round 1: word senses and word forms", *first, *_held_out(corpora, [first_chooser])]
    # Round 2: social-media conventions and degree words, each added alone to the round-1 scorer.
    # Many of them never occur in the movie reviews, so the screening there only drops what lowers r.
    second, second_chooser = _select(
        corpora,
        3,
        [*SECOND_ROUND, *TEXT_REWRITES, *SECOND_ROUND_NOT_SHIPPED],
        tuple(SHIPPED),
        keep_unchanged=True,
    )
    lines += ["", "Round 2: social-media conventions and degree words", *second]
    lines += _held_out(corpora, [first_chooser, second_chooser])
    return lines


def _load() -> str:
    try:
        return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="English sentiment benchmark")
    parser.add_argument("--data", type=Path, default=sentiment_data_dir())
    parser.add_argument("--selection", action="store_true", help="also reproduce the rule selection")
    args = parser.parse_args(argv)
    if not (args.data / "english_vader_ground_truth").is_dir():
        print(f"no English ground truth under {args.data}", file=sys.stderr)
        return 2
    corpora = Corpora(args.data)
    lines = comparison(corpora)
    if args.selection:
        lines += ["", *selection(corpora)]
    for line in [*lines, f"{os.cpu_count()} cores, {_load()}"]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
