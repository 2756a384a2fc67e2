"""Themes: what people talk about, and how they feel about each thing.

Key phrases are runs of one to three content words between stop words and punctuation (the
idea of RAKE), in English and Hebrew. Phrases are grouped under a normalised key, so
"batteries" and "battery", or "והמשלוח" and "המשלוח" and "משלוח", count as one theme; the theme
is shown in its most frequent written form. Sentiment words ("great", "מעולה") are left out of
phrases: they say how people feel, not what about. Each theme carries the sentiment of the
mentions that contain it and a few of them as quotes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang
from socialplan.opinion.assets import asset_text
from socialplan.opinion.english import english_lexicon
from socialplan.opinion.hebrew import PREFIX_LETTERS, hebrew_normalise, strip_prefixes
from socialplan.opinion.sentiment import Sentiment, texts_sentiment


def _word_list(name: str) -> frozenset[str]:
    text = asset_text(name)
    return frozenset(
        hebrew_normalise(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


ENGLISH_STOPWORDS: Final = _word_list("stopwords_en.txt")
HEBREW_STOPWORDS: Final = _word_list("stopwords_he.txt")
HEBREW_SENTIMENT_WORDS: Final = _word_list("feelings_he.txt")
_HEBREW_NOT_TOPICS: Final = HEBREW_STOPWORDS | HEBREW_SENTIMENT_WORDS
_ENGLISH_WORD = re.compile(r"[a-z][a-z0-9'\-]*[a-z0-9]|[a-z]")
_HEBREW_WORD = re.compile(r"[\u05D0-\u05EA]+(?:['\"\u05F3\u05F4][\u05D0-\u05EA]+)*|[a-z][a-z0-9\-]*")
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”«»|/\\…\n\r\t]+|\s[-–—]\s")
_CONTRAST = re.compile(r"\s(?:but|however|although|though|whereas|אבל|אך|למרות|ואילו|ולמרות)\s", re.IGNORECASE)
_URL = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")
MAX_PHRASE_WORDS: Final = 3
# A word this short alone is no theme: an abbreviation cut off a name ("co" of "Crumb & Co."),
# or, in Hebrew, what is left of a word after its prefix letters.
MIN_THEME_LETTERS: Final = 3
# A sentiment-laden word in the English lexicon is a feeling, not a topic.
ENGLISH_FEELING_THRESHOLD: Final = 1.0


class Quote(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    score: float
    lang: Lang


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True)

    phrase: str  # the most frequent written form
    lang: Lang
    mentions: int
    positive: int
    negative: int
    neutral: int
    mean_score: float  # -1..1
    net_sentiment: float  # (positive - negative) / mentions, -1..1
    praise_quotes: list[Quote]
    criticism_quotes: list[Quote]


class ThemeSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    themes: list[Theme]  # by mentions, most first
    most_praised: list[Theme]
    most_criticised: list[Theme]


def _english_stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _hebrew_stem(word: str, known: set[str]) -> str:
    """Strip prefix letters only when what remains is a word people also wrote on its own.

    Without a dictionary, "שירות" cannot be told from ש + "ירות"; the corpus itself can: "והמשלוח"
    becomes "משלוח" when someone wrote "משלוח", and "שירות" stays whole because nobody wrote "ירות".
    A plural "ים" ending goes the same way ("משלוחים" → "משלוח" when "משלוח" occurs).
    """
    stem = word
    for size in range(1, 4):
        if len(word) - size < 2 or word[size - 1] not in PREFIX_LETTERS:
            break
        if word[size:] in known:
            stem = word[size:]
    if len(stem) > 4 and stem.endswith("ים") and stem[:-2] in known:
        stem = stem[:-2]
    return stem


def _segments(text: str) -> list[str]:
    return [part for part in _BREAK.split(_URL.sub(" . ", text)) if part.strip()]


def clauses(text: str) -> list[str]:
    """The text cut at contrast words ("but", "אבל"), which often turn the feeling around: "the
    service was slow but the pastries are great" criticises one thing and praises another.

    Not at commas or full stops: "Delivery took two weeks, terrible." keeps its verdict.
    """
    return [part.strip() for part in _CONTRAST.split(text) if part.strip()]


def hebrew_vocabulary(texts: Iterable[str]) -> set[str]:
    """Every normalised Hebrew word in the texts (what ``_hebrew_stem`` may strip down to)."""
    return {word for text in texts for word in _HEBREW_WORD.findall(hebrew_normalise(text))}


def key_phrases(text: str, lang: Lang, known_hebrew: set[str] | None = None) -> list[tuple[tuple[str, ...], str]]:
    """Candidate phrases of one text as (normalised key, written form), each key once.

    ``known_hebrew`` is the corpus vocabulary that decides Hebrew prefix stripping (by default
    the words of this text alone).
    """
    if lang == "he" and known_hebrew is None:
        known_hebrew = hebrew_vocabulary([text])
    found: dict[tuple[str, ...], str] = {}
    feelings = english_lexicon().valence
    for segment in _segments(text):
        if lang == "he":
            words = _HEBREW_WORD.findall(hebrew_normalise(segment))
            originals = _HEBREW_WORD.findall(segment.lower())
            if len(originals) != len(words):
                originals = words
        else:
            words = originals = _ENGLISH_WORD.findall(segment.lower())
        run: list[tuple[str, str]] = []
        for word, written in [*zip(words, originals, strict=True), ("", "")]:
            if word and _is_content_word(word, lang, feelings):
                stem = _hebrew_stem(word, known_hebrew) if known_hebrew is not None else _english_stem(word)
                run.append((stem, written))
                continue
            for start in range(len(run)):
                for size in range(1, MAX_PHRASE_WORDS + 1):
                    part = run[start : start + size]
                    if len(part) == size:
                        found.setdefault(tuple(k for k, _ in part), " ".join(w for _, w in part))
            run = []
    return list(found.items())


def _is_content_word(word: str, lang: Lang, feelings: dict[str, float]) -> bool:
    if len(word) < 2 or word.isdigit():
        return False
    if lang == "he":
        return word not in _HEBREW_NOT_TOPICS and strip_prefixes(word) not in _HEBREW_NOT_TOPICS
    if word in ENGLISH_STOPWORDS:
        return False
    return abs(feelings.get(word, 0.0)) < ENGLISH_FEELING_THRESHOLD


@dataclass
class _Tally:
    lang: Lang
    forms: Counter[str] = field(default_factory=Counter)
    # (text index, sentiment of the clause that holds the phrase), one per mention
    members: list[tuple[int, Sentiment]] = field(default_factory=list)


def _quotes(members: list[tuple[int, Sentiment]], texts: Sequence[str], *, praise: bool, count: int) -> list[Quote]:
    sign = 1.0 if praise else -1.0
    chosen = sorted((m for m in members if sign * m[1].score > 0), key=lambda m: -sign * m[1].score)
    quotes: list[Quote] = []
    seen: set[str] = set()
    for i, sentiment in chosen:
        text = " ".join(texts[i].split())
        if text in seen:
            continue
        seen.add(text)
        quotes.append(
            Quote(
                text=text if len(text) <= 220 else text[:217] + "…",
                score=sentiment.score,
                lang=sentiment.lang,
            )
        )
        if len(quotes) == count:
            break
    return quotes


def themes_summarise(
    texts: Sequence[str],
    sentiments: Sequence[Sentiment],
    *,
    min_mentions: int = 3,
    top: int = 5,
    quotes: int = 3,
    exclude: Iterable[str] = (),
) -> ThemeSummary:
    """Themes over scored texts (``sentiments[i]`` belongs to ``texts[i]``).

    A phrase takes the sentiment of its clause when a text has several (scored here, in the
    text's language) and that clause is not neutral; otherwise the sentiment of the whole text.

    ``exclude`` names words that are no theme here, such as the brand and competitor names
    (every mention of a brand contains its name): a phrase holding any word of them is dropped,
    also when a Hebrew word carries prefix letters ("בסטודיו" for the "סטודיו" of "סטודיו
    נשימה"). A single word of fewer than ``MIN_THEME_LETTERS`` letters is no theme. A shorter
    phrase is dropped when a longer one containing it covers at least 80% of its mentions
    ("battery" inside "battery life"), so each idea is named once, at its most specific.
    """
    if len(texts) != len(sentiments):
        raise ValueError(f"got {len(texts)} texts but {len(sentiments)} sentiments")
    tallies: dict[tuple[Lang, tuple[str, ...]], _Tally] = defaultdict(lambda: _Tally(lang="en"))
    excluded = _name_words(exclude)
    hebrew_texts = (text for text, sentiment in zip(texts, sentiments, strict=True) if sentiment.lang == "he")
    known_hebrew = hebrew_vocabulary(hebrew_texts)
    occurrences: list[tuple[int, int, tuple[str, ...], str]] = []  # text, clause, key, written
    to_score: dict[tuple[int, int], str] = {}
    for index, (text, sentiment) in enumerate(zip(texts, sentiments, strict=True)):
        parts = clauses(text)
        seen: set[tuple[str, ...]] = set()
        for number, clause in enumerate(parts):
            for key, written in key_phrases(clause, sentiment.lang, known_hebrew if sentiment.lang == "he" else None):
                if key in seen or (len(key) == 1 and len(key[0]) < MIN_THEME_LETTERS):
                    continue
                words = (*hebrew_normalise(written).split(), *key)
                if excluded and any(_is_name_word(word, excluded) for word in words):
                    continue
                seen.add(key)
                occurrences.append((index, number, key, written))
                if len(parts) > 1:
                    to_score[(index, number)] = clause
    places = list(to_score)
    scored = texts_sentiment(list(to_score.values()), langs=[sentiments[i].lang for i, _ in places])
    clause_sentiment = {place: s for place, s in zip(places, scored, strict=True) if s.label != "neutral"}
    for index, number, key, written in occurrences:
        lang = sentiments[index].lang
        tally = tallies[(lang, key)]
        tally.lang = lang
        tally.forms[written] += 1
        tally.members.append((index, clause_sentiment.get((index, number), sentiments[index])))
    frequent = {key: tally for key, tally in tallies.items() if len(tally.members) >= min_mentions}
    covered: set[tuple[Lang, tuple[str, ...]]] = set()
    for (lang, key), tally in frequent.items():
        for shorter in _sub_phrases(key):
            inner = frequent.get((lang, shorter))
            if inner is not None and len(tally.members) >= 0.8 * len(inner.members):
                covered.add((lang, shorter))
    kept = [tally for key, tally in frequent.items() if key not in covered]
    themes = [_theme(tally, texts, quotes) for tally in kept]
    themes.sort(key=lambda theme: (-theme.mentions, theme.phrase))
    praised = sorted(
        (t for t in themes if t.positive > t.negative),
        key=lambda t: (-(t.positive - t.negative), -t.net_sentiment),
    )
    criticised = sorted(
        (t for t in themes if t.negative > t.positive),
        key=lambda t: (-(t.negative - t.positive), t.net_sentiment),
    )
    return ThemeSummary(themes=themes, most_praised=praised[:top], most_criticised=criticised[:top])


def _name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of brand and competitor names, split and normalised as texts are ("Crumb & Co."
    gives "crumb" and "co"), with the English singular form too."""
    words: set[str] = set()
    for name in names:
        normal = hebrew_normalise(name)
        english = _ENGLISH_WORD.findall(normal)
        words.update(english)
        words.update(_english_stem(word) for word in english)
        words.update(_HEBREW_WORD.findall(normal))
    return frozenset(words)


def _is_name_word(word: str, names: frozenset[str]) -> bool:
    """Whether the word is one of the name words, or one of them behind one to three Hebrew
    prefix letters ("ובסטודיו")."""
    if word in names:
        return True
    for size in range(1, 4):
        if len(word) - size < 2 or word[size - 1] not in PREFIX_LETTERS:
            return False
        if word[size:] in names:
            return True
    return False


def _sub_phrases(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {key[i : i + size] for size in range(1, len(key)) for i in range(len(key) - size + 1)}


def _theme(tally: _Tally, texts: Sequence[str], quotes: int) -> Theme:
    members = tally.members
    labels = Counter(sentiment.label for _, sentiment in members)
    mentions = len(members)
    return Theme(
        phrase=tally.forms.most_common(1)[0][0],
        lang=tally.lang,
        mentions=mentions,
        positive=labels["positive"],
        negative=labels["negative"],
        neutral=labels["neutral"],
        mean_score=sum(sentiment.score for _, sentiment in members) / mentions,
        net_sentiment=(labels["positive"] - labels["negative"]) / mentions,
        praise_quotes=_quotes(members, texts, praise=True, count=quotes),
        criticism_quotes=_quotes(members, texts, praise=False, count=quotes),
    )
