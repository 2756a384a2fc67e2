from __future__ import annotations

import pytest

from socialplan.opinion.sentiment import Sentiment
from socialplan.opinion.themes import key_phrases, themes_summarise


def _s(score: float, lang: str = "en") -> Sentiment:
    label = "positive" if score > 0.05 else "negative" if score < -0.05 else "neutral"
    return Sentiment(label=label, score=score, lang="he" if lang == "he" else "en")


def test_key_phrases_skip_stop_words_and_feelings() -> None:
    phrases = {written for _, written in key_phrases("The battery life is great, but the screen is dim.", "en")}
    assert "battery life" in phrases
    assert "screen" in phrases
    assert not any(word in phrases for word in ("the", "great", "is"))


def test_hebrew_prefixes_group_when_the_bare_word_occurs() -> None:
    texts = ["המשלוח איחר", "והמשלוח איחר שוב", "משלוח איטי", "שירות טוב"]
    sentiments = [_s(-0.5, "he"), _s(-0.6, "he"), _s(-0.4, "he"), _s(0.5, "he")]
    summary = themes_summarise(texts, sentiments, min_mentions=3)
    delivery = [theme for theme in summary.themes if "משלוח" in theme.phrase]
    assert len(delivery) == 1
    assert delivery[0].mentions == 3
    # "שירות" must not lose its first letter: nobody wrote "ירות" on its own.
    assert ("שירות",) in dict(key_phrases("שירות טוב", "he", {"שירות", "טוב"}))


def test_praised_and_criticised_themes_with_quotes() -> None:
    texts = [
        "Battery life is amazing",
        "battery life lasts two days, love it",
        "Good battery life",
        "Customer service never answered, awful",
        "customer service was rude",
        "Worst customer service ever",
        "Battery life is fine but customer service is terrible",
    ]
    scores = [0.6, 0.7, 0.5, -0.7, -0.5, -0.8, -0.4]
    summary = themes_summarise(texts, [_s(s) for s in scores], min_mentions=3)
    assert [t.phrase for t in summary.most_praised] == ["battery life"]
    assert [t.phrase for t in summary.most_criticised] == ["customer service"]
    criticised = summary.most_criticised[0]
    assert criticised.mentions == 4
    assert criticised.negative == 4
    assert criticised.criticism_quotes[0].text == "Worst customer service ever"
    assert len(criticised.criticism_quotes) == 3
    assert all(q.score < 0 for q in criticised.criticism_quotes)


def test_a_longer_phrase_absorbs_the_words_inside_it() -> None:
    texts = ["battery life rocks"] * 3 + ["battery life ok", "battery died"]
    summary = themes_summarise(texts, [_s(0.3)] * 5, min_mentions=2)
    phrases = [t.phrase for t in summary.themes]
    assert "battery life" in phrases
    # "battery" occurs in 5 mentions, "battery life" in 4 (80%): one idea, named once.
    assert "battery" not in phrases
    assert "life" not in phrases


def test_mismatched_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="2 texts but 1 sentiments"):
        themes_summarise(["a", "b"], [_s(0.1)])


def test_each_side_of_but_gets_its_own_sentiment() -> None:
    texts = [
        "The pastries are delicious but the service is awful",
        "Lovely pastries but the service was terrible",
        "The service is horrible, but the pastries are excellent",
        "המאפים מעולים אבל השירות גרוע ומאכזב",
        "השירות גרוע ומאכזב אבל המאפים טעימים",
        "המאפים נהדרים אבל השירות מאכזב וגרוע",
    ]
    # Whole-text sentiment says "mixed, slightly negative" for every one of them.
    langs = ["en"] * 3 + ["he"] * 3
    summary = themes_summarise(texts, [_s(-0.1, lang) for lang in langs], min_mentions=3)
    assert {t.phrase for t in summary.most_praised} == {"pastries", "המאפים"}
    assert {t.phrase for t in summary.most_criticised} == {"service", "השירות"}
    assert summary.most_criticised[0].negative == 3


def test_brand_names_are_excluded_word_by_word() -> None:
    texts = [
        "Ordered a birthday cake from Crumb & Co. and it was lovely",
        "Crumb & Co. birthday cake, beautiful",
        "The Co. team made a birthday cake for us",
        "crumb everywhere after the birthday cake",
    ]
    summary = themes_summarise(texts, [_s(0.5)] * 4, min_mentions=3, exclude=["Crumb & Co. Bakery"])
    phrases = [t.phrase for t in summary.themes]
    assert "birthday cake" in phrases
    # Neither a part of the name nor a phrase holding one ("co team") is a theme.
    assert not [p for p in phrases if {"co", "crumb", "bakery"} & set(p.split())], phrases


def test_hebrew_prefixed_forms_of_a_brand_name_are_excluded() -> None:
    texts = [
        "המורה בסטודיו נשימה סבלנית",
        "אהבתי את הסטודיו והמורה",
        "ובסטודיו יש מורה נהדרת",
        "השיעור בנשימה היה טוב, המורה מקסימה",
    ]
    sentiments = [_s(0.5, "he")] * 4
    summary = themes_summarise(texts, sentiments, min_mentions=2, exclude=["סטודיו נשימה", "מכון הכושר העירוני"])
    phrases = [t.phrase for t in summary.themes]
    assert any("מורה" in p for p in phrases), phrases
    assert not [p for p in phrases if "סטודיו" in p or "נשימה" in p], phrases
    # Without the names, the same texts do make them themes: the exclusion is what drops them.
    unfiltered = [t.phrase for t in themes_summarise(texts, sentiments, min_mentions=2).themes]
    assert any("סטודיו" in p for p in unfiltered), unfiltered


def test_a_word_of_two_letters_is_no_theme() -> None:
    texts = ["the tv in the uk shop", "a tv by the uk door", "tv and uk again"]
    assert ("tv",) in dict(key_phrases(texts[0], "en"))  # a candidate phrase, in all three texts
    summary = themes_summarise(texts, [_s(0.2)] * 3, min_mentions=3)
    assert [t.phrase for t in summary.themes if len(t.phrase) <= 2] == []
    # Inside a longer phrase a short word still counts.
    longer = themes_summarise(["tv remote lost"] * 3, [_s(-0.2)] * 3, min_mentions=3)
    assert "tv remote" in [t.phrase for t in longer.themes]
