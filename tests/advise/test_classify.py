"""Behaviour of the business-objective classifier (socialplan.advise.classify)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from socialplan.advise.classify import ObjectiveClass, classify_objective
from socialplan.method import load_method
from socialplan.method.types import PURPOSE_IDS

OBJECTIVES = Path(__file__).resolve().parents[2] / "evaluation" / "objectives"
HEBREW = re.compile(r"[\u05D0-\u05EA]")
NONE_LABEL = "none"
# The newest held-out set is the only one neither the lexicon nor the word model has learnt
# from; the older ones were run once, then used for tuning and training
# (docs/objective-classifier.md tells the history).
NEWEST_HELDOUT = "heldout8.yaml"
TRAINING = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "advise" / "classify_data"


def labelled(name: str) -> list[tuple[str, str]]:
    rows = yaml.safe_load((OBJECTIVES / name).read_text(encoding="utf-8"))
    return [(row["text"], row["label"]) for row in rows]


def accuracy(rows: list[tuple[str, str]]) -> float:
    hits = sum((classify_objective(text).purpose or NONE_LABEL) == label for text, label in rows)
    return hits / len(rows)


def test_accuracy_on_all_heldout_sets_stays_above_the_guard() -> None:
    rows = [row for path in sorted(OBJECTIVES.glob("heldout*.yaml")) for row in labelled(path.name)]
    assert len(rows) >= 120
    assert accuracy(rows) >= 0.85


def test_accuracy_on_the_never_tuned_heldout_set_stays_above_the_guard() -> None:
    rows = labelled(NEWEST_HELDOUT)
    assert {label for _, label in rows} == {*PURPOSE_IDS, NONE_LABEL}
    assert sum(HEBREW.search(text) is not None for text, _ in rows) >= 50
    assert sum(HEBREW.search(text) is None for text, _ in rows) >= 50
    # Measured 0.930 on its first run; the guard is the regression floor.
    assert accuracy(rows) >= 0.85


def test_the_newest_heldout_set_never_reaches_the_training_data() -> None:
    trained = {row["text"] for name in ("examples.yaml", "training.yaml") for row in _rows(TRAINING / name)}
    assert trained
    assert not trained & {text for text, _ in labelled(NEWEST_HELDOUT)}


def _rows(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return rows


@pytest.mark.parametrize(
    ("bare", "inflected"),
    [
        ("מכירות", ["להגדיל מכירות", "הגדלת המכירות", "ומכירות", "וכשהמכירות", "מכירה"]),
        ("עובדים", ["לעובדים", "והעובדים", "שהעובדים", "עובד", "לגייס עובדת"]),
        ("מותג", ["המותג", "למותג", "שבמותג", "מותגים", "ומהמותגים"]),
        ("לקוחות נאמנים", ["ללקוחות הנאמנים", "והלקוחות הנאמנים", "לקוח נאמן"]),
        ("עלויות הייצור", ["ועלויות הייצור", "בעלויות הייצור", "עלות הייצור"]),
    ],
)
def test_hebrew_prefixes_and_inflections_classify_like_the_bare_form(bare: str, inflected: list[str]) -> None:
    expected = classify_objective(bare)
    assert expected.matched, f"the bare form {bare!r} should be recognised"
    for text in inflected:
        verdict = classify_objective(text)
        assert verdict.purpose == expected.purpose, text
        assert verdict.matched, text
        assert verdict.lang == "he"


def test_a_verb_prefix_is_not_read_as_the_article() -> None:
    # להעלות is "to raise"; ל never carries the article ה, so it is not ל+ה+עלות ("to the cost").
    verdict = classify_objective("להעלות")
    assert verdict.purpose is None
    assert verdict.matched == ()
    assert verdict.confidence == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Cut production costs by 10%",
        "fix the supply chain",
        "reduce inventory",
        "lower the electricity bill",
        "pass the ISO audit",
        "renegotiate supplier contracts",
        "repair machines faster",
        "להפחית את עלויות הייצור",
        "לייעל את שרשרת האספקה",
        "לעבור את מבדק ה-ISO",
        "לגבות חשבוניות פתוחות מהר יותר",
    ],
)
def test_objectives_social_media_does_not_serve_get_none_and_say_why(text: str) -> None:
    verdict = classify_objective(text)
    unrecognised = classify_objective("")
    assert verdict.purpose is None
    assert verdict.matched, "a not-served verdict names the words that decided it"
    assert verdict.confidence > 0
    assert verdict.reason != unrecognised.reason
    assert verdict.reason.en.startswith("Not served by social media")
    assert HEBREW.search(verdict.reason.he)
    for word in verdict.matched:
        assert f'"{word}"' in verdict.reason.en
        assert f'"{word}"' in verdict.reason.he


def test_each_kind_of_not_served_objective_has_its_own_reason() -> None:
    kinds = [
        "improve manufacturing yield",  # operations
        "close the books faster",  # finance
        "reduce warehouse stock",  # logistics
        "get the ISO certification",  # compliance
        "migrate the ERP servers",  # infrastructure
    ]
    reasons = {classify_objective(text).reason.en.split("(")[0] for text in kinds}
    assert len(reasons) == len(kinds)


def test_each_purpose_reason_opens_with_the_knowledge_base_name_in_both_languages() -> None:
    names = {purpose.id: purpose.name for purpose in load_method().purposes}
    seen = set()
    for text, label in labelled("dev.yaml"):
        verdict = classify_objective(text)
        if verdict.purpose is None or verdict.purpose != label:
            continue
        seen.add(verdict.purpose)
        name = names[verdict.purpose]
        assert verdict.reason.en.startswith(f"{name.en}:"), verdict.reason.en
        assert verdict.reason.he.startswith(f"{name.he}:"), verdict.reason.he
    assert seen == set(PURPOSE_IDS)


def test_every_reason_is_a_sentence_in_both_languages() -> None:
    texts = [text for text, _ in labelled("dev.yaml")] + ["", "!!!", "Do the thing", "לעשות את הדבר"]
    for text in texts:
        verdict = classify_objective(text)
        assert len(verdict.reason.en) > 40, text
        assert len(verdict.reason.he) > 40, text
        assert HEBREW.search(verdict.reason.he), text
        assert verdict.reason.en.rstrip().endswith("."), text
        assert 0.0 <= verdict.confidence <= 1.0, text


def test_nothing_recognised_means_no_purpose_no_words_and_zero_confidence() -> None:
    for text in ["", "   ", "!!!", "2026", "Do the thing"]:
        verdict = classify_objective(text)
        assert verdict == ObjectiveClass(None, verdict.reason, 0.0, verdict.lang, ())
        assert verdict.reason.en.startswith("No purpose recognised")


def test_the_output_is_deterministic() -> None:
    texts = [text for text, _ in labelled("dev.yaml")]
    first = [classify_objective(text) for text in texts]
    second = [classify_objective(text) for text in reversed(texts)]
    assert first == list(reversed(second))


def test_language_is_the_objective_s_own() -> None:
    assert classify_objective("Grow online sales 20% by Q3").lang == "en"
    assert classify_objective("להגדיל את המכירות באתר ב-20%").lang == "he"
    mixed = classify_objective("להגדיל את ה-leads מאינסטגרם")
    assert mixed.lang == "he"
    assert mixed.purpose == "marketing"


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("grow sales 20% by Q3!!!", "marketing"),
        ("Boost Instagram leads ולהגדיל מכירות", "marketing"),
        ("get top-of-mind awarness for our vegan line", "brand_building"),
        ("hire 3 baristas before summer", "organisational_culture"),
        ("Raise $50,000 on Kickstarter for the board game", "crowdsourcing"),
        ("gather feedback on the beta of our accounting software", "innovation"),
        ("reply to customer questions on X within an hour", "market_engagement"),
        ("handle the recall crisis with the press", "public_relations"),
    ],
)
def test_numbers_punctuation_typos_and_mixed_scripts(text: str, purpose: str) -> None:
    assert classify_objective(text).purpose == purpose


def test_what_follows_instead_of_counts_for_less() -> None:
    assert classify_objective("Conversations with customers instead of promotions and sales").purpose == (
        "market_engagement"
    )
    assert classify_objective("Promotions and sales instead of conversations with customers").purpose == ("marketing")


def test_matched_words_come_from_the_objective() -> None:
    for text, _ in labelled("dev.yaml"):
        verdict = classify_objective(text)
        lowered = text.lower()
        for phrase in verdict.matched:
            for word in phrase.split():
                assert word in lowered, (word, text)
