"""Classify a business objective into the purpose social media serves for it, or none.

The method (step 1, "know the limits") says social media serves seven purposes and does not
serve every business objective. :func:`classify_objective` reads one objective, in Hebrew,
English or both mixed, and says which purpose it serves, or that it serves none (purpose
``None``), with a reason in both languages.

How: a weighted lexicon (``classify_data/lexicon.yaml``) of English stems and Hebrew base
forms per purpose and per kind of objective social media does not serve (operations,
finance, logistics, compliance, infrastructure). Every word of the objective is reduced to
lookup keys, Hebrew prefix letters and inflection suffixes included, and the longest lexicon
phrase at each position counts once. A naive Bayes word model, learnt at first use from the
lexicon and the labelled objectives in ``classify_data/``, reads every word too and adds its
probabilities; the class with the highest total wins. It is deterministic, offline and
explainable: ``matched`` holds the words that decided it. docs/objective-classifier.md
records the edge-case decisions and the measured accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Final

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang, Text, detect_lang
from socialplan.method.types import PURPOSE_IDS, PurposeId

__all__ = ["NOT_SERVED_KINDS", "ObjectiveClass", "classify_objective"]

# The kinds of objective social media does not serve; each has its own reason.
NOT_SERVED_KINDS: Final = ("operations", "finance", "logistics", "compliance", "infrastructure")

# Objectives whose best score is below this are "not recognised": too little evidence to
# name a purpose; they get purpose None, no words and a reason asking to rephrase.
_MIN_SCORE: Final = 2.0
# A misspelt word (one letter short or long of a lexicon word) counts for less than an exact
# one; only words this long are tried, shorter ones have too many neighbours.
_FUZZY_FACTOR: Final = 0.75
_FUZZY_MIN_KEY: Final = 5
# The word model (naive Bayes over word keys and character n-grams, learnt from labelled
# objectives) adds its probability for each class times this to the lexicon scores, so it
# decides when the lexicon is silent or split, and a defining term still outweighs it.
_MODEL_WEIGHT: Final = 3.0
# It reads an objective only from two content words or more: one unknown word is no basis.
_MODEL_MIN_WORDS: Final = 2
# When the model alone found the class, the confidence is scaled down by this.
_MODEL_ONLY_CONFIDENCE: Final = 0.5
# When a purpose and a not-served kind tie, the purpose wins: the plan can still try.
_TIE_ORDER: Final[tuple[str, ...]] = (
    "crowdsourcing",
    "organisational_culture",
    "innovation",
    "public_relations",
    "market_engagement",
    "brand_building",
    "marketing",
    *(f"none:{kind}" for kind in NOT_SERVED_KINDS),
    "none",  # the word model's "not served", kind unknown
)
_ANY_NOT_SERVED: Final = "none"


@dataclass(frozen=True, slots=True)
class ObjectiveClass:
    """The purpose an objective serves (``None``: social media does not serve it) and why."""

    purpose: PurposeId | None
    reason: Text
    confidence: float  # 0..1; 0 when nothing in the objective was recognised
    lang: Lang  # the objective's own language
    matched: tuple[str, ...]  # the objective's words that decided the class, in text order


def classify_objective(text: str) -> ObjectiveClass:
    """Classify one business objective (any length, Hebrew, English or mixed)."""
    tokens = _tokens(text)
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for label, keys, surface, weight in _matches(tokens, _lexicon()):
        if (label, keys) in seen:  # a term repeated in one objective counts once
            continue
        seen.add((label, keys))
        scores[label] = scores.get(label, 0.0) + weight
        evidence.setdefault(label, []).append(surface)
    reading = _word_model().read(tokens)
    if reading is not None:
        # The model knows "not served" but not which kind: its share goes to the lexicon's kind.
        kinds = [kind for kind in scores if kind.startswith("none:")]
        not_served = max(kinds, key=lambda kind: scores[kind]) if kinds else _ANY_NOT_SERVED
        for label, probability in reading.probabilities.items():
            target = not_served if label == _ANY_NOT_SERVED else label
            scores[target] = scores.get(target, 0.0) + _MODEL_WEIGHT * probability

    lang = detect_lang(text)
    reasons = _reasons()
    ranked = sorted(scores, key=lambda label: (-scores[label], _TIE_ORDER.index(label)))
    # "Not served" needs a word that says so (costs, suppliers, audit): without one, the
    # model's "not served" means only that nothing in the objective was recognised.
    if not ranked or scores[ranked[0]] < _MIN_SCORE or ranked[0] == _ANY_NOT_SERVED:
        return ObjectiveClass(None, reasons["unrecognised"], 0.0, lang, ())
    best = ranked[0]
    top = scores[best]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    # Share of the evidence the winner holds, damped when the evidence itself is thin.
    confidence = top / (top + runner_up) * min(1.0, top / 3.0)
    if best in evidence:
        words = tuple(dict.fromkeys(evidence[best]))
    else:  # the model alone decided: a guess from word shapes is never as sure as a term
        words = reading.words(best) if reading is not None else ()
        confidence *= _MODEL_ONLY_CONFIDENCE
    reason = reasons[best].format(terms=_quoted(words))
    purpose = None if best.startswith("none:") else _purpose_id(best)
    return ObjectiveClass(purpose, reason, round(confidence, 3), lang, words)


def _purpose_id(label: str) -> PurposeId:
    for purpose in PURPOSE_IDS:
        if purpose == label:
            return purpose
    raise ValueError(f"unknown purpose label {label!r} in the classifier lexicon")


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f'"{word}"' for word in words)


# --- text to lookup keys --------------------------------------------------------------

_NIQQUD = re.compile(r"[\u0591-\u05C7]")
_TOKEN = re.compile(r"[\u05D0-\u05EA]+(?:['\"][\u05D0-\u05EA]+)*|[a-z0-9]+(?:'[a-z]+)?")
_HEBREW = re.compile(r"[\u05D0-\u05EA]")
_FINAL_FORMS = str.maketrans("ךםןףץ", "כמנפצ")
_PUNCTUATION = str.maketrans({"׳": "'", "״": '"', "’": "'", "‘": "'", "“": '"', "”": '"'})
# Letters that attach to the front of a Hebrew word (and, the, in, to, from, that, as), and
# which may follow which: ו opens, ה closes, and ב/ל/כ swallow the article, so להעלות is
# "to raise", never ל+ה+עלות ("to the cost"). "" is the start of the word.
_HE_PREFIX_FOLLOWS: Final[Mapping[str, str]] = {
    "": "והבלמשכ",
    "ו": "הבלמשכ",
    "ש": "הבלמכ",
    "מ": "הש",
    "כ": "ש",
}
_HE_MAX_PREFIX: Final = 4  # וכשה-
# Plural, construct, feminine and possessive endings, longest first; stripped at most
# twice and never below three letters, so short words (עלות, מס) keep their form.
_HE_SUFFIXES: Final = tuple(
    suffix.translate(_FINAL_FORMS)
    for suffix in (
        "ותיהמ",
        "ותיהנ",
        "ותינו",
        "ותיו",
        "יהמ",
        "יהנ",
        "ינו",
        "יות",
        "ות",
        "ים",
        "יה",
        "יו",
        "ה",
        "ת",
        "י",
        "ו",
    )
)
_HE_MIN_STEM: Final = 3
_HE_FUTURE_LETTERS: Final = frozenset("יתנא")


@dataclass(frozen=True, slots=True)
class _Token:
    surface: str
    keys: tuple[str, ...]  # lookup keys, most likely reading first
    stop: bool  # a function word (the, של, לפני): never a term on its own


def _tokens(text: str) -> list[_Token]:
    cleaned = _NIQQUD.sub("", text).translate(_PUNCTUATION).lower()
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(cleaned):
        word = match.group()
        if not word.isdigit():
            tokens.append(_word_token(word))
    return tokens


@lru_cache(maxsize=1 << 16)  # objectives share most of their words
def _word_token(word: str) -> _Token:
    keys = _he_keys(word) if _HEBREW.match(word) else _en_keys(word)
    return _Token(word, keys, _is_stopword(word, keys))


def _is_stopword(word: str, keys: tuple[str, ...]) -> bool:
    """A function word, also behind Hebrew prefix letters (ולפני, שלנו)."""
    stopwords = _stopwords()
    return word in stopwords or any(key[1:] in stopwords for key in keys if key.startswith("="))


class _StopwordsFile(BaseModel):
    # strict: a bare YAML no/on would arrive as a boolean, not as the word
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    en: list[str]
    he: list[str]


@cache
def _stopwords() -> frozenset[str]:
    raw = _StopwordsFile.model_validate(_data("stopwords.yaml"))
    return frozenset(word.translate(_FINAL_FORMS) for word in (*raw.en, *raw.he))


def _en_keys(word: str) -> tuple[str, ...]:
    stem = _en_stem(word)
    return (f"={word}", stem) if stem != word else (f"={word}", word)


def _en_stem(word: str) -> str:
    """A light English stemmer: inflections of one word share a key (sale/sales, recruit/
    recruiting/recruitment); related words may not (sale/sell), so the lexicon lists both.
    It only has to agree with itself: the lexicon goes through the same function."""
    w = word.removesuffix("'s").strip("'")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    # Not "-ion": production/product and conversion/converse must stay apart.
    for suffix in ("ment", "ness"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    w = w.replace("isat", "izat")
    if w.endswith("is") and len(w) > 5:  # recognise/recognised → recogniz, like -ize
        w = w[:-2] + "iz"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _he_stem(word: str) -> str:
    w = word.translate(_FINAL_FORMS)
    for _ in range(2):
        for suffix in _HE_SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= _HE_MIN_STEM:
                w = w[: -len(suffix)]
                break
        else:
            break
    return w


def _he_keys(word: str) -> tuple[str, ...]:
    """Keys for each reading of a Hebrew word: as written, then with one to four
    prefix letters taken off (ומהמכירות → מכירות). Each reading gives its exact form
    (``=``, for lexicon words whose endings must not be stripped) and its stem."""
    base = word.translate(_FINAL_FORMS)
    keys: list[str] = []
    for stripped in range(_HE_MAX_PREFIX + 1):
        reading = base[stripped:]
        if stripped:
            before = base[stripped - 2] if stripped > 1 else ""
            if base[stripped - 1] not in _HE_PREFIX_FOLLOWS.get(before, "") or len(reading) < 2:
                break
        for key in (f"={reading}", _he_stem(reading)):
            if key not in keys:
                keys.append(key)
    # Last, a verb in the future tense without its person letter (ישלחו → שלח), or with the
    # ה it drops there (יצביעו → הצביע), tried only when no other reading matches: the
    # lexicon lists past and infinitive forms.
    for reading in [key for key in keys if not key.startswith("=")]:
        if reading[0] in _HE_FUTURE_LETTERS and len(reading) >= 4:
            for key in (_he_stem(reading[1:]), _he_stem("ה" + reading[1:])):
                if key not in keys:
                    keys.append(key)
    return tuple(keys)


def _term_keys(term: str) -> tuple[str, ...]:
    """The lookup key of each word of a lexicon term (a word or a phrase)."""
    keys: list[str] = []
    for word in term.split():
        normal = word.translate(_PUNCTUATION).lower()
        if normal.startswith("="):
            keys.append("=" + normal[1:].translate(_FINAL_FORMS))
        elif _HEBREW.match(normal):
            keys.append(_he_stem(normal))
        else:
            keys.append(_en_stem(normal))
    return tuple(keys)


# --- the lexicon ----------------------------------------------------------------------

_NEUTRAL: Final = "neutral"  # the label of phrases that are read but count for nothing
_CONTRAST: Final = "contrast"  # "instead of", "במקום": terms after it count for less
_AIM: Final = "aim"  # "so that", "כדי": terms after it name the objective's end, and count more
_SCOPE_FACTORS: Final[Mapping[str, float]] = {_CONTRAST: 0.25, _AIM: 1.5}
_NOT_SCORED: Final = (_NEUTRAL, _CONTRAST, _AIM)


@dataclass(frozen=True, slots=True)
class _Entry:
    label: str
    keys: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class _Lexicon:
    by_first_key: Mapping[str, tuple[_Entry, ...]]  # longest phrase first
    near_words: Mapping[str, tuple[str, ...]]  # one-deletion variants → single-word keys


class _LabelTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    en: dict[int, list[str]] = {}
    he: dict[int, list[str]] = {}


class _LexiconFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    purposes: dict[PurposeId, _LabelTerms]
    not_served: dict[str, _LabelTerms]
    neutral: dict[Lang, list[str]]  # phrases that say nothing of the purpose ("social media")
    contrast: dict[Lang, list[str]]  # phrases after which terms count for less ("instead of")
    aim: dict[Lang, list[str]]  # phrases after which terms count for more ("so that")


class _ReasonsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    purposes: dict[PurposeId, Text]
    not_served: dict[str, Text]
    unrecognised: Text


# The C loader when PyYAML has it: the lexicon parses ten times faster.
_YAML_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _data(name: str) -> object:
    source = resources.files("socialplan.advise").joinpath("classify_data", name)
    return yaml.load(source.read_text(encoding="utf-8"), Loader=_YAML_LOADER)


@cache
def _lexicon_file() -> _LexiconFile:
    return _LexiconFile.model_validate(_data("lexicon.yaml"))


def _labelled_terms() -> list[tuple[str, _LabelTerms]]:
    raw = _lexicon_file()
    labelled: list[tuple[str, _LabelTerms]] = list(raw.purposes.items())
    labelled += [(f"none:{kind}", terms) for kind, terms in raw.not_served.items()]
    return labelled


@cache
def _lexicon() -> _Lexicon:
    labelled = _labelled_terms()
    # Several written forms may share one key (improve, improvement): the highest weight holds.
    weights_by_term: dict[tuple[str, tuple[str, ...]], float] = {}
    for label, terms in labelled:
        for weights in (terms.en, terms.he):
            for weight, words in weights.items():
                for term in words:
                    term_id = (label, _term_keys(term))
                    weights_by_term[term_id] = max(float(weight), weights_by_term.get(term_id, 0.0))
    raw = _lexicon_file()
    for label, by_lang in ((_NEUTRAL, raw.neutral), (_CONTRAST, raw.contrast), (_AIM, raw.aim)):
        for words in by_lang.values():
            for term in words:
                weights_by_term[(label, _term_keys(term))] = 0.0
    entries: dict[str, list[_Entry]] = {}
    for (label, keys), term_weight in weights_by_term.items():
        entries.setdefault(keys[0], []).append(_Entry(label, keys, term_weight))
    near: dict[str, set[str]] = {}
    for first, group in entries.items():
        single_word = any(len(e.keys) == 1 and e.label not in _NOT_SCORED for e in group)
        if single_word and len(first) >= _FUZZY_MIN_KEY and not first.startswith("="):
            for variant in (first, *_deletions(first)):
                near.setdefault(variant, set()).add(first)
    return _Lexicon(
        by_first_key={key: tuple(sorted(group, key=lambda e: -len(e.keys))) for key, group in entries.items()},
        near_words={variant: tuple(sorted(keys)) for variant, keys in near.items()},
    )


@cache
def _reasons() -> dict[str, Text]:
    raw = _ReasonsFile.model_validate(_data("reasons.yaml"))
    reasons: dict[str, Text] = {str(purpose): reason for purpose, reason in raw.purposes.items()}
    reasons.update({f"none:{kind}": reason for kind, reason in raw.not_served.items()})
    reasons["unrecognised"] = raw.unrecognised
    return reasons


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _matches(tokens: list[_Token], lexicon: _Lexicon) -> Iterator[tuple[str, tuple[str, ...], str, float]]:
    """(label, entry keys, surface words, weight) for the longest phrase at each position;
    several labels may share the same words (``מוכר``: known, or seller)."""
    position = 0
    # After "instead of" come the means the objective moves away from; after "so that" its end.
    factor = 1.0
    while position < len(tokens):
        found = _longest_at(tokens, position, lexicon)
        if found:
            length = len(found[0].keys)
            surface = " ".join(token.surface for token in tokens[position : position + length])
            for entry in found:
                if entry.label in _SCOPE_FACTORS:
                    factor = _SCOPE_FACTORS[entry.label]
                elif entry.label != _NEUTRAL:
                    yield entry.label, entry.keys, surface, entry.weight * factor
            position += length
            continue
        fuzzy = _near_match(tokens[position], lexicon)
        if fuzzy:
            for entry in fuzzy:
                yield entry.label, entry.keys, tokens[position].surface, entry.weight * _FUZZY_FACTOR * factor
        position += 1


def _longest_at(tokens: list[_Token], position: int, lexicon: _Lexicon) -> list[_Entry]:
    """Entries of the longest term starting at ``position``, trying the word's readings
    in order (fewest prefix letters removed first)."""
    for key in tokens[position].keys:
        group = lexicon.by_first_key.get(key)
        if not group:
            continue
        for entry in group:  # longest first
            end = position + len(entry.keys)
            lone_stopword = tokens[position].stop and len(entry.keys) == 1 and entry.label not in _NOT_SCORED
            if end > len(tokens) or lone_stopword:
                continue
            if all(entry.keys[i] in tokens[position + i].keys for i in range(1, len(entry.keys))):
                return [other for other in group if other.keys == entry.keys]
    return []


def _near_match(token: _Token, lexicon: _Lexicon) -> list[_Entry]:
    """Single-word entries one edit away from a longer word (a typo: awarness, מיתגו)."""
    if len(token.surface) <= _FUZZY_MIN_KEY or token.stop:
        return []
    stem = token.keys[1] if _HEBREW.match(token.surface) else token.keys[-1]
    # A letter missing (awarness) or one too many; not a letter changed (football ≠ footfall).
    candidates = {key for key in lexicon.near_words.get(stem, ()) if len(key) == len(stem) + 1}
    for variant in _deletions(stem):
        candidates.update(key for key in lexicon.near_words.get(variant, ()) if key == variant)
    if len(candidates) != 1:  # none, or ambiguous between two words: do not guess
        return []
    (key,) = candidates
    return [entry for entry in lexicon.by_first_key[key] if len(entry.keys) == 1 and entry.label not in _NOT_SCORED]


# --- the word model -------------------------------------------------------------------
# A naive Bayes model over word keys and character n-grams reads the whole objective, with
# words the lexicon does not know (recruiters ~ recruit, מתמחים ~ התמחות). It learns at first
# use from the lexicon itself, from classify_data/examples.yaml and from the labelled
# objectives in classify_data/training.yaml: no weights file to ship or to fall out of date.

_NGRAM_SIZES: Final = (3, 4)
_SMOOTHING: Final = 0.5
_LEXICON_DOCUMENT_WEIGHT: Final = 0.5  # per weight point of a lexicon term
_EXPLAINING_WORDS: Final = 3
_KNOWN_WORDS_LIMIT: Final = 1 << 16


class _Example(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    text: str


def _features(token: _Token) -> list[str]:
    stems = [key for key in token.keys if not key.startswith("=")]
    first = stems[0] if stems else token.surface
    padded = f"<{first}>"
    grams = [padded[i : i + n] for n in _NGRAM_SIZES for i in range(len(padded) - n + 1)]
    return [f"w:{stem}" for stem in dict.fromkeys(stems)] + grams


@dataclass(frozen=True, slots=True)
class _Reading:
    probabilities: Mapping[str, float]  # purpose id or "none" → probability
    labels: tuple[str, ...]
    surfaces: tuple[str, ...]
    per_token: npt.NDArray[np.float64]  # words × labels: log-likelihood of each word

    def words(self, label: str) -> tuple[str, ...]:
        """The words that favour ``label`` most over the average label, in text order."""
        favour = self.per_token[:, self.labels.index(label)] - self.per_token.mean(axis=1)
        rows = [row for row in range(len(self.surfaces)) if favour[row] > 0]
        strongest = sorted(rows, key=lambda row: (-favour[row], row))[:_EXPLAINING_WORDS]
        return tuple(self.surfaces[row] for row in sorted(strongest))


@dataclass(frozen=True, slots=True)
class _WordModel:
    labels: tuple[str, ...]
    columns: Mapping[str, int]  # feature → column of ``log_likelihood``
    log_likelihood: npt.NDArray[np.float64]  # features × labels
    known_words: dict[str, list[int]]  # a word's feature columns, filled as words are read

    def read(self, tokens: list[_Token]) -> _Reading | None:
        rows = [self._columns(token) for token in tokens]
        if sum(1 for columns in rows if columns) < _MODEL_MIN_WORDS:
            return None
        per_token = np.zeros((len(tokens), len(self.labels)))
        for row, columns in enumerate(rows):
            if columns:
                per_token[row] = self.log_likelihood[columns].sum(axis=0)
        totals = per_token.sum(axis=0)
        exponents = np.exp(totals - totals.max())
        probabilities = exponents / exponents.sum()
        return _Reading(
            probabilities={label: float(p) for label, p in zip(self.labels, probabilities, strict=True)},
            labels=self.labels,
            surfaces=tuple(token.surface for token in tokens),
            per_token=per_token,
        )

    def _columns(self, token: _Token) -> list[int]:
        if token.stop:
            return []
        found = self.known_words.get(token.surface)
        if found is None:
            found = [self.columns[f] for f in _features(token) if f in self.columns]
            if len(self.known_words) >= _KNOWN_WORDS_LIMIT:  # a long-running server stays bounded
                self.known_words.clear()
            self.known_words[token.surface] = found
        return found


def _model_label(label: str) -> str:
    """The word model tells purposes and "not served" apart; the lexicon names the kind."""
    return _ANY_NOT_SERVED if label.startswith("none") else label


@cache
def _word_model() -> _WordModel:
    counts: dict[str, dict[str, float]] = {}

    def learn(label: str, text: str, weight: float) -> None:
        label_counts = counts.setdefault(_model_label(label), {})
        for token in _tokens(text):
            if token.stop:
                continue
            for feature in _features(token):
                label_counts[feature] = label_counts.get(feature, 0.0) + weight

    for label, terms in _labelled_terms():
        for weights in (terms.en, terms.he):
            for weight, words in weights.items():
                for term in words:
                    learn(label, term.removeprefix("="), weight * _LEXICON_DOCUMENT_WEIGHT)
    known_labels = {*PURPOSE_IDS, _ANY_NOT_SERVED, *(f"none:{kind}" for kind in NOT_SERVED_KINDS)}
    for name in ("examples.yaml", "training.yaml"):
        rows = _data(name)
        if not isinstance(rows, list):
            raise ValueError(f"classify_data/{name} must be a list of {{label, text}}")
        for row in rows:
            example = _Example.model_validate(row)
            if example.label not in known_labels:
                raise ValueError(f"classify_data/{name}: unknown label {example.label!r}: {example.text}")
            learn(example.label, example.text, 1.0)

    labels = tuple(sorted(counts))
    columns = {feature: i for i, feature in enumerate(sorted({f for c in counts.values() for f in c}))}
    matrix = np.full((len(labels), len(columns)), _SMOOTHING)
    for row, label in enumerate(labels):
        for feature, count in counts[label].items():
            matrix[row, columns[feature]] += count
    log_likelihood = np.log(matrix / matrix.sum(axis=1, keepdims=True))
    # Features in rows: one objective reads a few rows, contiguous in memory.
    return _WordModel(labels, columns, np.ascontiguousarray(log_likelihood.T), {})
