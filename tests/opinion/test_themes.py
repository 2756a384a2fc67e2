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
