"""Hebrew sentiment: a linear model over character n-grams and prefix-stripped words.

Hebrew glues prepositions, the article and conjunctions to the word (ו, ה, ב, ל, מ, ש, כ), so
"והנשיא" and "לנשיא" are the same word to a reader but different strings to a bag of words.
Character n-grams inside word boundaries and a crude prefix-stripped stem let the model share
evidence between those forms without a morphological analyser.

The same ``hebrew_features`` function feeds the training script (scikit-learn, not needed at
run time) and the shipped scorer (numpy only), so the two cannot drift apart; the training
script checks that both give the same probabilities before it writes the weights.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from io import BytesIO

import numpy as np
import numpy.typing as npt

from socialplan.opinion.assets import asset_bytes, asset_text
from socialplan.opinion.english import emoji_valences

# Labels in the order of the model's rows (the order of the published data's 0/1/2).
HEBREW_LABELS: tuple[str, str, str] = ("positive", "negative", "neutral")
MODEL_RESOURCE = "hebrew_sentiment.npz"

_NIQQUD = re.compile(r"[\u0591-\u05C7]")
_URL = re.compile(r"https?://\S+|www\.\S+")
_DIGITS = re.compile(r"\d+")
# (str.replace five times is several times faster than str.translate with a table here.)
_FINAL_LETTERS = tuple(zip("ךםןףץ", "כמנפצ", strict=True))
# Words (Hebrew or Latin, with a geresh/gershayim inside) or runs of expressive punctuation.
_TOKEN = re.compile(r"[\u05D0-\u05EAa-z0-9]+(?:['\"\u05F3\u05F4][\u05D0-\u05EA]+)*|[!?]+|\.{2,}|[^\s\w]")
PREFIX_LETTERS = frozenset("והבלמשכ")
_CHAR_NGRAMS = (2, 3, 4, 5)


def hebrew_normalise(text: str) -> str:
    """Lower case, no niqqud, final letters folded, links and numbers as placeholders."""
    text = _URL.sub(" url ", text.lower())
    text = _NIQQUD.sub("", text)
    for final, medial in _FINAL_LETTERS:
        text = text.replace(final, medial)
    return _DIGITS.sub("0", text)


def hebrew_tokens(text: str) -> list[str]:
    return _TOKEN.findall(hebrew_normalise(text))


def strip_prefixes(word: str) -> str:
    """Drop up to two leading prefix letters while at least three letters remain.

    Crude on purpose: "ולנשיא" → "נשיא", but also "מלך" stays (three letters left would be two).
    Over-stripping a real first letter costs little because the full word is a feature too.
    """
    stripped = word
    for _ in range(2):
        if len(stripped) > 3 and stripped[0] in PREFIX_LETTERS:
            stripped = stripped[1:]
        else:
            break
    return stripped


def _word_features(token: str) -> list[str]:
    """Features of one token on its own: the word, its stem and its character n-grams."""
    features = ["w:" + token]
    stem = strip_prefixes(token)
    if stem != token:
        features.append("s:" + stem)
    if token[0].isalnum():
        padded = " " + token + " "
        for size in _CHAR_NGRAMS:
            features.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return features


def hebrew_features(text: str) -> list[str]:
    """The feature strings of one text (with repeats: the caller counts them)."""
    tokens = hebrew_tokens(text)
    features: list[str] = []
    for index, token in enumerate(tokens):
        features.extend(_word_features(token))
        if index:
            features.append("b:" + tokens[index - 1] + " " + token)
    return features


_NEGATORS = frozenset({"לא", "אין", "בלי", "ללא", "אינו", "אינה", "אף", "אל"})
_INTENSIFIERS = frozenset({"מאוד", "ממש", "הכי", "פשוט", "ביותר", "לגמרי", "סופר"})
# VADER's constants, so the lexicon score reads on the same scale as the English one.
_NEGATION_SCALAR = -0.74
_INTENSIFIER_SCALAR = 1.3
_NORMALISATION_ALPHA = 15.0


@lru_cache(maxsize=1)
def hebrew_lexicon() -> dict[str, float]:
    """The hand-written Hebrew lexicon (``assets/hebrew_lexicon.txt``, keys normalised) and emoji."""
    text = asset_text("hebrew_lexicon.txt")
    lexicon: dict[str, float] = dict(emoji_valences())
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            lexicon[hebrew_normalise(word.strip())] = float(value)
    return lexicon


def _lexicon_valence(token: str, lexicon: dict[str, float]) -> float:
    value = lexicon.get(token)
    if value is not None:
        return value
    for size in (1, 2):
        if len(token) - size >= 2 and token[size - 1] in PREFIX_LETTERS:
            value = lexicon.get(token[size:])
            if value is not None:
                return value
        else:
            break
    return 0.0


def _bare(token: str) -> str:
    """The token without one leading ו or ש ("ולא" → "לא"), for negators and intensifiers."""
    return token[1:] if len(token) > 2 and token[0] in "וש" else token


def hebrew_lexicon_score(tokens: Sequence[str], valences: dict[str, float] | None = None) -> float:
    """Lexicon sentiment of tokenised text in -1..1: VADER-style sum with negation and intensifiers.

    A negator within the two words before a word flips and dampens it ("לא מומלץ"); an
    intensifier right before strengthens it ("ממש גרוע"). ``valences`` caches word look-ups.
    """
    lexicon = hebrew_lexicon()
    cache = valences if valences is not None else {}
    total = 0.0
    for i, token in enumerate(tokens):
        value = cache.get(token)
        if value is None:
            value = cache[token] = _lexicon_valence(token, lexicon)
        if not value:
            continue
        if i and _bare(tokens[i - 1]) in _INTENSIFIERS:
            value *= _INTENSIFIER_SCALAR
        if any(_bare(tokens[j]) in _NEGATORS for j in range(max(0, i - 2), i)):
            value *= _NEGATION_SCALAR
        total += value
    return total / math.sqrt(total * total + _NORMALISATION_ALPHA)


@dataclass(frozen=True)
class HebrewModel:
    """TF-IDF (sublinear tf, l2 norm), one linear layer, then a lexicon term.

    The linear layer is an NB-weighted logistic regression, one-vs-rest, with the NB ratios
    folded into its weights and a temperature folded into all of them (see the training script);
    older files hold a multinomial logistic regression, which reads the same way.

    The lexicon term adds ``lexicon_weight × score`` to the positive log-odds and takes it from
    the negative ones, scaled by √(reference length / tokens) when ``lexicon_reference_length``
    is set: a short text gives the linear model little to go on, and the lexicon more say;
    ``bias`` shifts each class (zero in the shipped file). The lexicon weight is chosen by
    cross-validation (see the training script): the lexicon carries the model to complaints
    and praise about products, which the training comments (to a president) rarely contain.
    """

    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]  # (classes, features)
    intercept: npt.NDArray[np.float64]  # (classes,)
    lexicon_weight: float = 0.0
    lexicon_reference_length: float = 0.0  # 0: the same lexicon weight for every length
    bias: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(3))

    def adjusted(
        self, lexicon_weight: float, bias: npt.NDArray[np.float64], reference_length: float = 0.0
    ) -> HebrewModel:
        return replace(
            self,
            lexicon_weight=lexicon_weight,
            lexicon_reference_length=reference_length,
            bias=np.asarray(bias, dtype=np.float64),
        )

    def logits(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """(linear model logits, lexicon evidence) before the lexicon weight and the bias."""
        occurrences: list[int] = []  # feature columns of every text, one after the other
        lengths: list[int] = []
        lexicon_scores = np.zeros(len(texts))
        token_counts = np.zeros(len(texts))
        vocabulary = self.vocabulary
        # Words repeat far more often than texts do, so each word's known feature columns are
        # looked up once per batch; this is where most of the time would otherwise go.
        word_columns: dict[str, list[int]] = {}
        valences: dict[str, float] = {}
        for row, text in enumerate(texts):
            before = len(occurrences)
            tokens = hebrew_tokens(text)
            previous = ""
            for token in tokens:
                known = word_columns.get(token)
                if known is None:
                    known = [vocabulary[f] for f in _word_features(token) if f in vocabulary]
                    word_columns[token] = known
                occurrences += known
                if previous:
                    bigram = vocabulary.get("b:" + previous + " " + token)
                    if bigram is not None:
                        occurrences.append(bigram)
                previous = token
            lengths.append(len(occurrences) - before)
            if tokens:
                lexicon_scores[row] = hebrew_lexicon_score(tokens, valences)
                token_counts[row] = len(tokens)
        features = len(vocabulary)
        keys = np.repeat(np.arange(len(texts), dtype=np.int64), lengths) * features
        keys += np.asarray(occurrences, dtype=np.int64)
        unique, frequencies = np.unique(keys, return_counts=True)
        row_index, column_index = np.divmod(unique, features)
        # Sublinear tf times idf, then each row scaled to unit length (scikit-learn's TfidfVectorizer).
        value = (1.0 + np.log(frequencies)) * self.idf[column_index]
        norms = np.sqrt(np.bincount(row_index, weights=value * value, minlength=len(texts)))
        value /= norms[row_index]
        logits = np.tile(self.intercept, (len(texts), 1))
        for label in range(self.coef.shape[0]):
            logits[:, label] += np.bincount(
                row_index, weights=self.coef[label, column_index] * value, minlength=len(texts)
            )
        return logits, lexicon_evidence(lexicon_scores, token_counts, self.lexicon_reference_length)

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Class probabilities, one row per text, columns in ``HEBREW_LABELS`` order."""
        logits, evidence = self.logits(texts)
        return combine(logits, evidence, self.lexicon_weight, self.bias)

    def to_bytes(self) -> bytes:
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        joined = "\n".join(names).encode("utf-8")
        buffer = BytesIO()
        np.savez_compressed(
            buffer,
            vocabulary=np.frombuffer(joined, dtype=np.uint8),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float64),
            lexicon_weight=np.array([self.lexicon_weight]),
            lexicon_reference_length=np.array([self.lexicon_reference_length]),
            bias=self.bias.astype(np.float64),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> HebrewModel:
        with np.load(BytesIO(data), allow_pickle=False) as arrays:
            names = arrays["vocabulary"].tobytes().decode("utf-8").split("\n")
            return cls(
                vocabulary={name: index for index, name in enumerate(names)},
                idf=arrays["idf"].astype(np.float64),
                coef=arrays["coef"].astype(np.float64),
                intercept=arrays["intercept"].astype(np.float64),
                # Files written before the lexicon term existed carry neither array.
                lexicon_weight=float(arrays["lexicon_weight"][0]) if "lexicon_weight" in arrays.files else 0.0,
                bias=arrays["bias"].astype(np.float64) if "bias" in arrays.files else np.zeros(3),
                lexicon_reference_length=(
                    float(arrays["lexicon_reference_length"][0]) if "lexicon_reference_length" in arrays.files else 0.0
                ),
            )


def lexicon_evidence(
    lexicon_scores: npt.NDArray[np.float64], token_counts: npt.NDArray[np.float64], reference_length: float
) -> npt.NDArray[np.float64]:
    """Lexicon scores, scaled up for texts shorter than the reference length (0: not scaled)."""
    if reference_length <= 0:
        return lexicon_scores
    scaled: npt.NDArray[np.float64] = lexicon_scores * np.sqrt(reference_length / np.maximum(token_counts, 1.0))
    return scaled


def combine(
    logits: npt.NDArray[np.float64],
    evidence: npt.NDArray[np.float64],
    lexicon_weight: float,
    bias: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Softmax of the logits plus the lexicon term (positive up, negative down) and the bias."""
    adjusted = logits + bias + lexicon_weight * np.outer(evidence, _LEXICON_DIRECTION)
    adjusted -= adjusted.max(axis=1, keepdims=True)
    exp = np.exp(adjusted)
    result: npt.NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
    return result


_LEXICON_DIRECTION = np.array([1.0, -1.0, 0.0])


@lru_cache(maxsize=1)
def hebrew_model() -> HebrewModel:
    """The shipped model, read from the package (never from the network)."""
    return HebrewModel.from_bytes(asset_bytes(MODEL_RESOURCE))
