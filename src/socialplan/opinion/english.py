"""English sentiment: VADER's lexicon and rules, plus a domain lexicon for products and brands.

The rules follow VADER (Hutto & Gilbert, ICWSM 2014; MIT licence in ``assets/VADER_LICENSE.txt``):
lexicon valences, booster and dampener words, negation within three words, ALL-CAPS emphasis,
"but" contrast, "least", a few idioms, exclamation and question marks, and the compound
normalisation ``x / sqrt(x² + 15)``. They are re-implemented here (typed, lower-casing each
text once) rather than imported, so the product needs nothing at run time beyond the package.

Changes from VADER 3.3.2 (docs/opinion.md says which corpus informed each):
- the "but" rule scales each word by its position; VADER looks positions up by value, so a
  valence that occurs twice is scaled by the position of its first occurrence;
- ``assets/english_domain_lexicon.txt`` adds review language that VADER leaves neutral
  ("stopped working", "waste of money", "sturdy", "returned it");
- word senses and forms VADER misses: "like" after "looks", "feels", "is", "just" … compares
  rather than likes; "pretty" and "super" before a word of feeling are degree adverbs
  ("pretty bad"); a word outside the lexicon is looked up without a stretched letter ("goooood",
  which then also counts as emphasis) or an inflection ("annoyingly", "disappointments");
- "lacks", "fails" … negate the praise that follows ("lacks charm"), "too" cancels it ("too
  sweet"), and an opening "although …," clause is weighted like the part before "but";
- typographic apostrophes count as apostrophes ("don’t" negates);
- a second round of general conventions: degree words VADER's lists lack ("fairly", "insanely",
  "nobody"), words of feeling used as degree adverbs ("damn good", "truly awful"), stretched
  modifiers ("sooo", "nooot"), emoticon variants (":(((", "<333", ":)."), laughter
  ("hahahaha"), a dropped g ("lovin"), short words with punctuation ("no!"), and "@name"
  mentions that carry no sentiment.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from socialplan.opinion.assets import asset_text

_BOOST = 0.293
_DAMPEN = -0.293
_CAPS = 0.733
_NEGATION_SCALAR = -0.74
_NORMALISATION_ALPHA = 15.0

_NEGATIONS = frozenset(
    [
        "aint",
        "arent",
        "cannot",
        "cant",
        "couldnt",
        "darent",
        "didnt",
        "doesnt",
        "ain't",
        "aren't",
        "can't",
        "couldn't",
        "daren't",
        "didn't",
        "doesn't",
        "dont",
        "hadnt",
        "hasnt",
        "havent",
        "isnt",
        "mightnt",
        "mustnt",
        "neither",
        "don't",
        "hadn't",
        "hasn't",
        "haven't",
        "isn't",
        "mightn't",
        "mustn't",
        "neednt",
        "needn't",
        "never",
        "none",
        "nope",
        "nor",
        "not",
        "nothing",
        "nowhere",
        "oughtnt",
        "shant",
        "shouldnt",
        "uhuh",
        "wasnt",
        "werent",
        "oughtn't",
        "shan't",
        "shouldn't",
        "uh-uh",
        "wasn't",
        "weren't",
        "without",
        "wont",
        "wouldnt",
        "won't",
        "wouldn't",
        "rarely",
        "seldom",
        "despite",
    ]
)
_BOOSTERS = frozenset(
    [
        "absolutely",
        "amazingly",
        "awfully",
        "completely",
        "considerable",
        "considerably",
        "decidedly",
        "deeply",
        "effing",
        "enormous",
        "enormously",
        "entirely",
        "especially",
        "exceptional",
        "exceptionally",
        "extreme",
        "extremely",
        "fabulously",
        "flipping",
        "flippin",
        "frackin",
        "fracking",
        "fricking",
        "frickin",
        "frigging",
        "friggin",
        "fully",
        "fuckin",
        "fucking",
        "fuggin",
        "fugging",
        "greatly",
        "hella",
        "highly",
        "hugely",
        "incredible",
        "incredibly",
        "intensely",
        "major",
        "majorly",
        "more",
        "most",
        "particularly",
        "purely",
        "quite",
        "really",
        "remarkably",
        "so",
        "substantially",
        "thoroughly",
        "total",
        "totally",
        "tremendous",
        "tremendously",
        "uber",
        "unbelievably",
        "unusually",
        "utter",
        "utterly",
        "very",
    ]
)
_DAMPENERS = frozenset(
    [
        "almost",
        "barely",
        "hardly",
        "kinda",
        "kindof",
        "kind-of",
        "less",
        "little",
        "marginal",
        "marginally",
        "occasional",
        "occasionally",
        "partly",
        "scarce",
        "scarcely",
        "slight",
        "slightly",
        "somewhat",
        "sorta",
        "sortof",
        "sort-of",
    ]
)
_MULTIWORD_DAMPENERS = frozenset({"just enough", "kind of", "sort of"})
# Degree words VADER's lists lack (none of them is in its lexicon; second round, as below).
_MORE_BOOSTERS = frozenset(["freakin", "insanely", "mega", "ultra", "exceedingly", "wildly"])
_MORE_DAMPENERS = frozenset(["fairly", "mildly", "moderately", "relatively", "reasonably", "semi"])
# Negations VADER's list lacks.
_MORE_NEGATIONS = frozenset(["nobody", "noone", "nothin", "nuthin", "neva"])
_SPECIAL_CASES = {
    "the shit": 3.0,
    "the bomb": 3.0,
    "bad ass": 1.5,
    "badass": 1.5,
    "bus stop": 0.0,
    "yeah right": -2.0,
    "kiss of death": -1.5,
    "to die for": 3.0,
    "beating heart": 3.5,
}


# "like" after these words compares ("looks like a sequel", "it's like"); it does not mean "enjoy".
_LIKE_COMPARES = frozenset(
    [
        *("look", "looks", "looked", "looking", "feel", "feels", "felt", "feeling"),
        *("seem", "seems", "seemed", "sound", "sounds", "sounded", "smell", "smells", "tastes"),
        *("something", "anything", "nothing", "everything", "things", "stuff"),
        *("just", "more", "less", "much", "is", "was", "are", "were", "'s", "be", "been", "acts", "act", "acted"),
        # The same "is" written without a space before the apostrophe (the movie corpus splits "it 's").
        *("it's", "that's", "he's", "she's"),
    ]
)
# Never a token (it holds a space), so the rules see a word that is neither in the lexicon nor a modifier.
_LIKE_COMPARISON = "like (comparison)"
# "pretty"/"super" before a word of feeling are degree adverbs ("pretty bad"), scored as this booster.
_DEGREE_ADVERBS = frozenset(["pretty", "super"])
# Words of feeling of their own that, before another word of feeling, only say how much ("damn good",
# "freaking awesome", "truly awful", "terribly sorry"); VADER adds their own valence instead.
_MORE_DEGREE_ADVERBS = frozenset(
    ["freaking", "damn", "bloody", "crazy", "terribly", "seriously", "ridiculously", "truly", "wicked", "mad"]
)
_DEGREE_STAND_IN = "quite"
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "soooo": a letter three or more times
# Suffix → replacement, tried in order on a word that is not in the lexicon ("hated" → "hate").
_INFLECTIONS = (
    ("ingly", ""),
    ("edly", "ed"),
    ("ly", ""),
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ness", ""),
)
# Verbs and adjectives of absence: the praise that follows within three words is negated.
_LACKING = frozenset(["lack", "lacks", "lacking", "lacked", "devoid", "fail", "fails", "failed", "failing"])
# "too sweet", "too clever": praise right after these words is cancelled.
_CANCELLING = frozenset(["too"])
_CONCESSIVE = frozenset(["although", "though"])

# Second round: social-media conventions (docs/opinion.md lists each with its evaluation).
# Boosters, dampeners and negations written with stretched letters ("sooo", "reallyyy", "nooot"):
# the lexicon lookup alone misses them, because they are modifiers rather than lexicon words.
_STRETCHED_MODIFIERS: frozenset[str] = _BOOSTERS | _DAMPENERS | _NEGATIONS
# Emoticons with a repeated mouth (":((", ":-)))", "<333"), repeated whole (":):)", "<3<3"), or
# followed by sentence punctuation (":).") are looked up as the plain emoticon.
_EMOTICON_VARIANTS = True
# What an emoticon's repeated part can be made of once the leading punctuation is stripped.
_EMOTICON_CHARACTERS = frozenset("<>()[]/\\|*DdPpOo3")
# "lovin", "rockin'": a dropped final g is looked up as -ing.
_DROPPED_G: tuple[tuple[str, str], ...] = (("in", "ing"),)
# Laughter VADER's lexicon does not list ("hahahaha", "hehehe", "lololol", "bwahaha") reads as "haha".
_LAUGHTER = re.compile(r"(?:bw?|mw?)?a?(?:ha){2,}h?|(?:he){2,}h?|(?:hi){3,}|l(?:ol){2,}")
_LAUGHTER_FORM = "haha"
# "@name" addresses someone: a user name that happens to be a word ("@happy") carries no sentiment.
_MENTIONS_NEUTRAL = True
_MENTION_STAND_IN = "@"
# A word of one or two letters keeps its punctuation so that emoticons survive (VADER's
# tokenising); "no!", "ok." and "yes?" are then looked up without it.
_SHORT_WORDS_BARE = True
_CLAUSE_TOKENS = frozenset([",", ".", ";", ":", "--", "!", "?", "-"])
_FORMS_KEPT = 200_000  # bound on the cache of word forms (a few tens of MB at most)


def _modifier(word: str) -> float:
    if word in _BOOSTERS or word in _MORE_BOOSTERS:
        return _BOOST
    if word in _DAMPENERS or word in _MULTIWORD_DAMPENERS or word in _MORE_DAMPENERS:
        return _DAMPEN
    return 0.0


@dataclass(frozen=True)
class EnglishLexicon:
    valence: dict[str, float]
    # first word → [(all words, valence)], longest first
    phrases: dict[str, list[tuple[tuple[str, ...], float]]]
    emoji: dict[str, str]  # emoji → words that describe it (VADER's emoji lexicon)
    # Out-of-lexicon word → (form looked up, letters stretched); filled as texts are scored, because
    # most tokens are not in the lexicon and trying every suffix each time halves the throughput.
    forms: dict[str, tuple[str, bool]] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=1)
def english_lexicon() -> EnglishLexicon:
    """VADER's lexicon with the domain lexicon on top (single words replace, phrases add)."""
    valence: dict[str, float] = {}
    for line in asset_text("vader_lexicon.txt").splitlines():
        if line.strip():
            word, value = line.split("\t")[:2]
            valence[word] = float(value)
    phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for line in asset_text("english_domain_lexicon.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        entry, value = line.split("\t")
        words = tuple(entry.split())
        if len(words) == 1:
            valence[words[0]] = float(value)
        else:
            phrases.setdefault(words[0], []).append((words, float(value)))
    for candidates in phrases.values():
        candidates.sort(key=lambda item: -len(item[0]))
    emoji: dict[str, str] = {}
    for line in asset_text("emoji_utf8_lexicon.txt").splitlines():
        if "\t" in line:
            symbol, description = line.split("\t")[:2]
            emoji[symbol] = description
    # Emoji with a valence of their own stay as words of their own instead of being described.
    for symbol, symbol_valence in emoji_valences().items():
        valence[symbol] = symbol_valence
        emoji[symbol] = symbol
    return EnglishLexicon(valence=valence, phrases=phrases, emoji=emoji)


@lru_cache(maxsize=1)
def emoji_valences() -> dict[str, float]:
    """``assets/emoji_valence.txt``: hand-set valences of common emoji, shared with Hebrew."""
    valences: dict[str, float] = {}
    for line in asset_text("emoji_valence.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            symbol, value = line.split("\t")
            valences[symbol.strip()] = float(value)
    return valences


def _describe_emoji(text: str, emoji: dict[str, str]) -> str:
    parts: list[str] = []
    previous_space = True
    for character in text:
        description = emoji.get(character)
        if description is None:
            parts.append(character)
            previous_space = character == " "
        else:
            if not previous_space:
                parts.append(" ")
            parts.append(description)
            if description == character:  # an emoji scored on its own: a word of its own
                parts.append(" ")
            previous_space = description == character
    return "".join(parts).strip()


def _strip_punctuation(token: str) -> str:
    # Keeps emoticons such as ":)" whose letters would vanish with the punctuation.
    stripped = token.strip(string.punctuation)
    if len(stripped) <= 2:
        return token
    # ... and, as emoticon variants, ":DDD", "<333" and "<3<3", whose one letter or digit repeats.
    if _EMOTICON_VARIANTS and stripped[0] != token[0] and set(stripped) <= _EMOTICON_CHARACTERS:
        return token
    return stripped


def _is_negation(word: str) -> bool:
    return word in _NEGATIONS or "n't" in word or word in _MORE_NEGATIONS


def _preceding_negation(valence: float, lower: list[str], distance: int, i: int) -> float:
    """VADER's negation check for the word ``distance + 1`` places before position ``i``."""
    if distance == 0:
        return valence * _NEGATION_SCALAR if _is_negation(lower[i - 1]) else valence
    if distance == 1:
        if lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
            return valence * 1.25
        if lower[i - 2] == "without" and lower[i - 1] == "doubt":
            return valence
        return valence * _NEGATION_SCALAR if _is_negation(lower[i - 2]) else valence
    if (lower[i - 3] == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in ("so", "this"):
        return valence * 1.25
    if lower[i - 3] == "without" and "doubt" in (lower[i - 2], lower[i - 1]):
        return valence
    return valence * _NEGATION_SCALAR if _is_negation(lower[i - 3]) else valence


def _idioms(valence: float, lower: list[str], i: int) -> float:
    backward = (
        f"{lower[i - 1]} {lower[i]}",
        f"{lower[i - 2]} {lower[i - 1]} {lower[i]}",
        f"{lower[i - 2]} {lower[i - 1]}",
        f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}",
        f"{lower[i - 3]} {lower[i - 2]}",
    )
    for sequence in backward:
        if sequence in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > i:
        forward = f"{lower[i]} {lower[i + 1]}"
        valence = _SPECIAL_CASES.get(forward, valence)
    if len(lower) - 1 > i + 1:
        forward = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        valence = _SPECIAL_CASES.get(forward, valence)
    for sequence in (backward[3], backward[4], backward[2]):
        if sequence in _MULTIWORD_DAMPENERS:
            valence += _DAMPEN
    return valence


def _word_valence(i: int, words: list[str], lower: list[str], valence_of: dict[str, float], caps_differ: bool) -> float:
    word = lower[i]
    base = valence_of[word]
    valence = base
    if word == "no" and i != len(lower) - 1 and lower[i + 1] in valence_of:
        valence = 0.0  # "no" negates the next word instead of counting on its own
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = base * _NEGATION_SCALAR
    if caps_differ and words[i].isupper():
        valence += _CAPS if valence > 0 else -_CAPS
    for distance in range(3):
        if i > distance and lower[i - distance - 1] not in valence_of:
            before = i - distance - 1
            scalar = _modifier(lower[before])
            if scalar:
                if valence < 0:
                    scalar = -scalar
                if caps_differ and words[before].isupper():
                    scalar += _CAPS if valence > 0 else -_CAPS
                scalar *= (1.0, 0.95, 0.9)[distance]
                valence += scalar
            valence = _preceding_negation(valence, lower, distance, i)
            if distance == 2:
                valence = _idioms(valence, lower, i)
    # "least" negates ("the least useful"), except in "at least" and "very least".
    if i > 0 and lower[i - 1] == "least" and (i == 1 or lower[i - 2] not in ("at", "very")):
        valence *= _NEGATION_SCALAR
    return valence


def _phrase_matches(lower: list[str], lexicon: EnglishLexicon) -> dict[int, tuple[int, float]]:
    """Phrase matches as {last position: (first position, valence)}, left to right, no overlap."""
    matches: dict[int, tuple[int, float]] = {}
    i = 0
    while i < len(lower):
        for words, valence in lexicon.phrases.get(lower[i], ()):
            end = i + len(words)
            if tuple(lower[i:end]) == words:
                matches[end - 1] = (i, valence)
                i = end - 1
                break
        i += 1
    return matches


def _emoticon_form(word: str, valence_of: dict[str, float]) -> tuple[str, bool]:
    """The plain emoticon: ":((" → ":(" and "<3<3" → "<3" (both emphasised), ":)." → ":)"."""
    bare = word.rstrip(".,!?")
    if len(bare) >= 2 and bare != word and bare in valence_of and not bare.isalnum():
        return bare, False
    end = len(bare)
    while end > 1 and bare[end - 2] == bare[-1]:
        end -= 1
    if end < len(bare) and bare[:end] in valence_of:
        return bare[:end], True
    for unit in (2, 3):
        repeated = len(bare) >= 2 * unit and bare == bare[:unit] * (len(bare) // unit)
        if repeated and bare[:unit] in valence_of:
            return bare[:unit], True
    return word, False


def _lexicon_form(word: str, valence_of: dict[str, float]) -> tuple[str, bool]:
    """A form of an out-of-lexicon word that is in the lexicon, and whether letters were stretched."""
    if _STRETCHED.search(word):
        for form in (_STRETCHED.sub(r"\1\1", word), _STRETCHED.sub(r"\1", word)):
            if form in valence_of or form in _STRETCHED_MODIFIERS:
                return form, True
        if _LAUGHTER.fullmatch(word) and _LAUGHTER_FORM in valence_of:
            return _LAUGHTER_FORM, False
        return word, False
    if len(word) > 3 and _LAUGHTER.fullmatch(word) and _LAUGHTER_FORM in valence_of:
        return _LAUGHTER_FORM, False
    if len(word) > 4 and word.isalpha():
        for suffix, replacement in (*_INFLECTIONS, *_DROPPED_G):
            if word.endswith(suffix):
                base = word[: -len(suffix)] + replacement
                if base in valence_of:
                    return base, False
    elif not word.isalnum():
        bare = word.strip(string.punctuation)
        if _SHORT_WORDS_BARE and bare.isalpha() and bare in valence_of:
            return bare, False
        if _EMOTICON_VARIANTS:
            return _emoticon_form(word, valence_of)
    return word, False


def _word_senses(lower: list[str], lexicon: EnglishLexicon) -> set[int]:
    """Rewrites ``lower`` in place to the forms the rules should see; returns stretched positions."""
    valence_of = lexicon.valence
    forms = lexicon.forms
    stretched: set[int] = set()
    last = len(lower) - 1
    for i, word in enumerate(lower):
        if word in valence_of:
            if word == "like" and i > 0 and lower[i - 1] in _LIKE_COMPARES:
                lower[i] = _LIKE_COMPARISON
            elif (
                (word in _DEGREE_ADVERBS or word in _MORE_DEGREE_ADVERBS)
                and i < last
                and valence_of.get(lower[i + 1], 0.0) != 0.0
            ):
                lower[i] = _DEGREE_STAND_IN
            continue
        if word in _MORE_BOOSTERS or word in _MORE_DAMPENERS:
            continue  # "insanely" is a booster, not "insane"
        known = forms.get(word)
        if known is None:
            known = _lexicon_form(word, valence_of)
            if len(forms) < _FORMS_KEPT:
                forms[word] = known
        if known[0] != word:
            lower[i] = known[0]
            if known[1]:
                stretched.add(i)
    return stretched


def _ends_clause(token: str) -> bool:
    return token in _CLAUSE_TOKENS or token.endswith((",", ".", ";"))


def _concessive_weights(tokens: list[str], lower: list[str], sentiments: list[float]) -> list[float]:
    """An opening "although X," clause weighs half and what follows one and a half, as around "but"."""
    for p, word in enumerate(lower):
        if word in _CONCESSIVE and (p == 0 or _ends_clause(tokens[p - 1])):
            q = p + 1
            while q < len(tokens) and not _ends_clause(tokens[q]):
                q += 1
            if q < len(tokens) - 1:
                return [v * 0.5 if p <= k <= q else v * 1.5 if k > q else v for k, v in enumerate(sentiments)]
            break
    return sentiments


def english_valences(text: str, lexicon: EnglishLexicon | None = None) -> list[float]:
    """One valence per token, after every rule that looks at neighbouring words."""
    lexicon = lexicon or english_lexicon()
    if not text.isascii():
        text = _describe_emoji(text, lexicon.emoji).replace("\u2019", "'").replace("\u2018", "'")
    tokens = text.split()
    words = [_strip_punctuation(token) for token in tokens]
    if not words:
        return []
    lower = [word.lower() for word in words]
    if _MENTIONS_NEUTRAL and "@" in text:
        for i, token in enumerate(tokens):
            if token.startswith("@") and len(token) > 1:
                lower[i] = _MENTION_STAND_IN
    stretched = _word_senses(lower, lexicon)
    uppercase = sum(1 for word in words if word.isupper())
    caps_differ = 0 < uppercase < len(words)
    valence_of = lexicon.valence
    phrases = _phrase_matches(lower, lexicon) if lexicon.phrases else {}
    inside_phrase = {p for last, (first, _) in phrases.items() for p in range(first, last)}
    sentiments: list[float] = []
    for i, word in enumerate(lower):
        if i in phrases:
            first, valence = phrases[i]
            if any(_is_negation(lower[p]) for p in range(max(0, first - 3), first)):
                valence *= _NEGATION_SCALAR
            sentiments.append(valence)
        elif (
            i in inside_phrase
            or word in _BOOSTERS
            or word in _DAMPENERS
            or (word == "kind" and i < len(lower) - 1 and lower[i + 1] == "of")
        ):
            sentiments.append(0.0)
        elif word in valence_of:
            sentiments.append(_word_valence(i, words, lower, valence_of, caps_differ))
        else:
            sentiments.append(0.0)
    for i in stretched:
        if sentiments[i]:
            sentiments[i] += _BOOST if sentiments[i] > 0 else -_BOOST
    if not (_LACKING.isdisjoint(lower) and _CANCELLING.isdisjoint(lower)):
        for i, value in enumerate(sentiments):
            if value > 0:
                if any(lower[j] in _LACKING for j in range(max(0, i - 3), i)):
                    sentiments[i] = value * _NEGATION_SCALAR
                elif i > 0 and lower[i - 1] in _CANCELLING:
                    sentiments[i] = 0.0
    if "but" not in lower and not _CONCESSIVE.isdisjoint(lower):
        sentiments = _concessive_weights(tokens, lower, sentiments)
    if "but" in lower:
        pivot = lower.index("but")
        sentiments = [v * 0.5 if p < pivot else v * 1.5 if p > pivot else v for p, v in enumerate(sentiments)]
    return sentiments


def _punctuation_emphasis(text: str) -> float:
    exclamations = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    if questions <= 1:
        return exclamations
    return exclamations + (questions * 0.18 if questions <= 3 else 0.96)


def english_score(text: str, lexicon: EnglishLexicon | None = None) -> float:
    """Compound score in -1..1 (VADER's scale: ±0.05 separates positive, neutral, negative)."""
    sentiments = english_valences(text, lexicon)
    total = sum(sentiments)
    if total > 0:
        total += _punctuation_emphasis(text)
    elif total < 0:
        total -= _punctuation_emphasis(text)
    else:
        return 0.0
    return max(-1.0, min(1.0, total / math.sqrt(total * total + _NORMALISATION_ALPHA)))


def english_scores(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    lexicon = english_lexicon()
    return np.fromiter((english_score(text, lexicon) for text in texts), dtype=np.float64, count=len(texts))
