"""The packaged knowledge base: its shape, its two languages and its look-ups."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ValidationError

from socialplan.i18n import Text
from socialplan.method import load_method
from socialplan.method.types import CATEGORY_IDS, FORMAT_IDS, Method

HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")


@pytest.fixture(scope="module")
def method() -> Method:
    return load_method()


def _texts(value: object, path: str) -> Iterator[tuple[str, Text]]:
    """Every Text inside a model, however deeply nested, with a readable path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def _all_items(method: Method) -> Iterator[BaseModel]:
    for group in (
        method.steps,
        method.purposes,
        method.traits,
        method.strategies,
        method.categories,
        method.metrics,
        method.measurement_types,
        method.equity_components,
        method.fuel,
        method.channels,
        method.audiences,
    ):
        yield from group


def test_counts_follow_the_method(method: Method) -> None:
    assert len(method.steps) == 7
    assert [s.number for s in method.steps] == list(range(1, 8))
    assert all(len(s.substeps) >= 2 for s in method.steps)
    assert len(method.purposes) == 7
    assert len(method.traits) == 5
    assert len(method.strategies) == 4
    assert len(method.categories) == 4
    assert len(method.measurement_types) == 4
    assert len(method.equity_components) == 4
    assert len(method.fuel) == 6
    assert len(method.channels) >= 30
    assert {c.category for c in method.channels} == set(CATEGORY_IDS)
    assert len(method.audiences) >= 20


def test_every_text_has_english_and_hebrew(method: Method) -> None:
    checked = 0
    for item in _all_items(method):
        for path, text in _texts(item, f"{type(item).__name__}:{getattr(item, 'id', '?')}"):
            assert text.en.strip(), f"{path}: empty English"
            assert text.he.strip(), f"{path}: empty Hebrew"
            assert HEBREW_LETTER.search(text.he), f"{path}: Hebrew text has no Hebrew letters: {text.he!r}"
            checked += 1
    assert checked > 300  # the walk really reached the nested texts


def test_objects_are_frozen(method: Method) -> None:
    with pytest.raises(ValidationError):
        method.steps[0].title = Text(en="x", he="א")  # type: ignore[misc]
    with pytest.raises(ValidationError):
        method.channel("facebook").b2b = 0.0  # type: ignore[misc]
    with pytest.raises(ValidationError):
        method.metric("reach").name.en = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        method.purposes[0].metrics.append("reach")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spelling", "channel_id"),
    [
        ("פייסבוק", "facebook"),
        ("אינסטגרם", "instagram"),
        ("לינקדאין", "linkedin"),
        ("טיקטוק", "tiktok"),
        ("טיק טוק", "tiktok"),
        ("יוטיוב", "youtube"),
        ("וואטסאפ", "whatsapp_channels"),
        ("טלגרם", "telegram"),
        ("טוויטר", "x"),
        ("טוויטר / X", "x"),
        ("Twitter", "x"),
        ("X", "x"),
        ("LinkedIn", "linkedin"),
        ("Product Hunt", "product_hunt"),
        ("steam", "steam_community"),
        ("פודקאסט", "podcast"),
    ],
)
def test_find_channel_resolves_names_and_aliases(method: Method, spelling: str, channel_id: str) -> None:
    found = method.find_channel(spelling)
    assert found is not None, spelling
    assert found.id == channel_id


def test_find_channel_returns_none_for_unknown(method: Method) -> None:
    assert method.find_channel("MySpace Classic") is None
    with pytest.raises(KeyError, match="no_such_channel"):
        method.channel("no_such_channel")


def test_audience_size_only_metrics_are_marked(method: Method) -> None:
    marked = {m.id for m in method.metrics if m.audience_size_only}
    assert {"followers", "audience_size", "impressions", "reach", "page_likes"} <= marked
    # metrics that show a relationship or value must never be counted as mere eyeballs
    assert not marked & {"conversation_rate", "amplification_rate", "applause_rate", "economic_value"}


def test_every_measurement_type_has_a_non_audience_metric(method: Method) -> None:
    for mtype in method.measurement_types:
        metrics = [method.metric(metric_id) for metric_id in mtype.metrics]
        assert metrics, mtype.id
        assert all(m.measurement_type == mtype.id for m in metrics)
        assert any(not m.audience_size_only for m in metrics), mtype.id


def test_equity_indicators_avoid_audience_size(method: Method) -> None:
    # the article's warning: loyalty (eyeballs) is not equity
    for component in method.equity_components:
        assert component.indicators, component.id
        assert not any(method.metric(i).audience_size_only for i in component.indicators), component.id


def test_goal_templates_fill_in_both_languages(method: Method) -> None:
    for purpose in method.purposes:
        assert purpose.target_metric in purpose.metrics
        filled = purpose.goal_template.format(target="37", deadline="2027-06-30")
        for text in (filled.en, filled.he):
            assert "37" in text
            assert "2027-06-30" in text
            assert "{" not in text


def test_channels_are_usable_for_planning(method: Method) -> None:
    for channel in method.channels:
        assert channel.formats, channel.id
        assert channel.strategies, channel.id
        assert channel.audiences, channel.id
        assert {f.format for f in channel.formats} <= set(FORMAT_IDS), channel.id
        assert max(channel.b2b, channel.b2c) > 0, channel.id
    # facts the catalogue must get right
    assert method.channel("linkedin").b2b > method.channel("linkedin").b2c
    assert method.channel("whatsapp_channels").languages["he"] == "strong"
    assert method.channel("telegram").regions["IL"] == "strong"
    assert method.channel("whatsapp_channels").two_way is False


def test_mappings_inside_objects_are_read_only(method: Method) -> None:
    telegram = method.channel("telegram")
    with pytest.raises(TypeError):
        telegram.languages["he"] = "weak"
    with pytest.raises(TypeError):
        telegram.regions.update({"US": "strong"})
    assert telegram.languages["he"] == "strong"
    # still a value: hashable, and copies compare equal without touching the original
    assert hash(telegram) == hash(copy.deepcopy(telegram))
    assert telegram.model_copy(deep=True) == telegram
    assert type(telegram).model_validate(telegram.model_dump()) == telegram


def test_every_formula_reads_in_hebrew(method: Method) -> None:
    for metric in method.metrics:
        formula = metric.formula_text
        assert formula.en == metric.formula
        assert HEBREW_LETTER.search(formula.he), metric.id
        # the arithmetic of the two languages agrees
        for symbol in ("/", "×", "−", "+", "100"):
            assert (symbol in formula.en) == (symbol in formula.he), (metric.id, symbol)


def test_the_shared_method_cannot_be_rewired(method: Method) -> None:
    with pytest.raises(AttributeError, match="read-only"):
        method.channels = ()
    assert len(method.channels) >= 30
    assert method.find_channel("") is None
