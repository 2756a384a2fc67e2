from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from socialplan.opinion.english import english_lexicon, english_score, english_scores
from socialplan.opinion.training.corpora import read_vader_corpus


def test_like_after_looks_or_is_compares_and_carries_no_sentiment() -> None:
    assert english_score("It looks like a sequel") == 0.0
    assert english_score("It's like a sequel") == 0.0
    assert english_score("I like it") > 0


def test_pretty_before_a_word_of_feeling_is_a_degree_adverb() -> None:
    # VADER adds "pretty" (+2.2) to "bad" (-2.5) and calls "pretty bad" nearly neutral.
    assert english_score("The service was pretty bad") < english_score("The service was bad") < 0
    assert english_score("pretty good") > english_score("good") > 0
    # Before a neutral word it is still the adjective.
    assert english_score("a pretty dress") > 0


def test_stretched_letters_are_looked_up_and_count_as_emphasis() -> None:
    assert "goooood" not in english_lexicon().valence
    assert english_score("goooood") > english_score("good") > 0
    assert english_score("baaaad") < english_score("bad") < 0


def test_inflected_forms_outside_the_lexicon_take_the_base_word_valence() -> None:
    valence = english_lexicon().valence
    assert "annoyingly" not in valence
    assert "boringly" not in valence
    assert english_score("annoyingly loud") < 0
    assert english_score("It was boringly predictable") < 0


def test_lacking_and_failing_negate_the_praise_that_follows() -> None:
    assert english_score("The plot lacks charm") < english_score("The plot lacks") < 0
    assert english_score("The film fails to impress") < english_score("The film fails") < 0


def test_too_cancels_the_praise_after_it() -> None:
    assert english_score("The cake is too sweet") == 0.0 < english_score("The cake is sweet")


def test_an_although_clause_weighs_less_than_the_main_clause() -> None:
    assert english_score("Although the food was great, the service was terrible") < 0
    assert english_score("Although the service was terrible, the food was great") > 0
    # "though" at the end of a sentence opens no clause.
    assert english_score("The food was great, the service terrible though") == english_score(
        "The food was great, the service terrible"
    )


def test_typographic_apostrophes_negate_like_ascii_ones() -> None:
    assert english_score("The battery isn\u2019t good") == english_score("The battery isn't good") < 0


def test_cached_word_forms_do_not_change_scores() -> None:
    texts = ["soooo goooood", "annoyingly loud", "It looks like a sequel"]
    first = english_scores(texts)
    english_lexicon().forms.clear()
    assert np.array_equal(first, english_scores(texts))
    assert np.array_equal(first, english_scores(texts))


def test_stretched_boosters_and_negations_keep_their_role() -> None:
    assert english_score("sooo good") == english_score("so good") > english_score("good")
    assert english_score("nooot good") == english_score("not good") < 0


def test_emoticon_variants_read_as_the_plain_emoticon_with_emphasis() -> None:
    assert english_score("I am sad :(((") < english_score("I am sad :(") < english_score("I am sad") < 0
    assert english_score("<333") > english_score("<3") > 0
    assert english_score("<3<3") == english_score("<333")
    assert english_score(":DDD") > english_score(":D") > 0
    assert english_score("cool :).") == english_score("cool :)") > english_score("cool")
    # A word behind punctuation is still the word, not an emoticon.
    assert english_score("...zzz") == english_score("zzz")


def test_a_dropped_g_reads_as_ing() -> None:
    assert english_score("lovin it") == english_score("loving it") > 0


def test_laughter_of_any_length_is_amused() -> None:
    assert english_score("hahahaha") == english_score("haha") > 0
    assert english_score("lololol") > 0
    assert english_score("hehehe") > 0


def test_mentions_carry_no_sentiment() -> None:
    assert english_score("@happy see you there") == 0.0
    assert english_score("happy to see you there") > 0


def test_short_words_are_read_without_their_punctuation() -> None:
    assert english_score("no.") == english_score("no") < 0
    assert english_score("ok!") > 0
    # Two-character emoticons stay emoticons.
    assert english_score(":)") > 0 > english_score(":(")


def test_words_of_feeling_before_another_are_degree_adverbs() -> None:
    # VADER adds "damn" (-1.7) to "good" (+1.9) and calls "damn good" nearly neutral.
    assert english_score("damn good") > english_score("good") > 0
    assert english_score("freaking awesome") > english_score("awesome")
    assert english_score("truly awful") < english_score("awful") < 0
    # Before a neutral word they keep their own valence.
    assert english_score("damn it") < 0


def test_more_boosters_dampeners_and_negations() -> None:
    assert english_score("insanely good") > english_score("good")  # a booster, not "insane"
    assert 0 < english_score("fairly good") < english_score("good")
    assert english_score("nobody likes it") < 0 < english_score("everybody likes it")


# Regression guards a little under the shipped scorer (docs/opinion.md, "English sentiment");
# VADER 3.3.2 scores 0.8722, 0.4274, 0.5896 and 0.5029.
@pytest.mark.parametrize(
    ("corpus", "at_least"),
    [
        ("tweets", 0.872),
        ("movieReviewSnippets", 0.452),
        ("amazonReviewSnippets", 0.620),
        ("nytEditorialSnippets", 0.507),
    ],
)
def test_english_tracks_human_ratings(sentiment_data: Path, corpus: str, at_least: float) -> None:
    rows = read_vader_corpus(sentiment_data / "english_vader_ground_truth" / f"{corpus}_GroundTruth.txt")
    scores = english_scores([row.text for row in rows])
    assert float(np.corrcoef([row.rating for row in rows], scores)[0, 1]) >= at_least
