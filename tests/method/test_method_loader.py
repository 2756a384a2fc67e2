"""The loader names the file, line and field of a broken knowledge base."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from socialplan.method import DATA_FILES, MethodDataError, load_method

PACKAGED = Path(str(resources.files("socialplan.method").joinpath("data")))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(PACKAGED, target)
    return target


def _replace_once(path: Path, old: str, new: str) -> int:
    """Replace one occurrence and return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_copy_of_packaged_data_loads(data_copy: Path) -> None:
    assert len(load_method(data_copy).channels) == len(load_method().channels)


def test_every_packaged_yaml_file_is_read() -> None:
    assert {p.name for p in PACKAGED.glob("*.yaml")} == set(DATA_FILES)


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "words"),
    [
        (
            "purposes.yaml",
            "target_metric: share_of_voice",
            "target_metric: share_of_nothing",
            "public_relations.target_metric",
            "share_of_nothing",
        ),
        (
            "purposes.yaml",
            "metrics: [conversions,",
            "metrics: [conversionz,",
            "marketing.metrics[0]",
            "unknown metric id 'conversionz'",
        ),
        (
            "equity.yaml",
            "indicators: [share_of_voice,",
            "indicators: [share_of_vice,",
            "familiarity.indicators[0]",
            "unknown metric id 'share_of_vice'",
        ),
        (
            "channels.yaml",
            "audiences: [parents, seniors,",
            "audiences: [pirates, seniors,",
            "facebook.audiences[0]",
            "unknown audience tag id 'pirates'",
        ),
        (
            "channels.yaml",
            "    - {format: text, hours_per_post: 0.3}",
            "    - {format: hologram, hours_per_post: 0.3}",
            "facebook.formats[0]",
            "unknown format id 'hologram'",
        ),
        (
            "measurement_types.yaml",
            "    - impressions\n",
            "    - conversions\n",
            "pr_media.metrics[0]",
            "measurement_type 'web_analytics'",
        ),
        (
            "channels.yaml",
            "aliases: [tik tok,",
            "aliases: [twitter, tik tok,",
            "tiktok.aliases",
            "also names channel 'x'",
        ),
        ("channels.yaml", "b2b: 0.4", "b2b: 4", "facebook.b2b", "less than or equal to 1"),
    ],
)
def test_broken_reference_gives_clear_error(
    data_copy: Path, file: str, old: str, new: str, field: str, words: str
) -> None:
    line = _replace_once(data_copy / file, old, new)
    with pytest.raises(MethodDataError) as caught:
        load_method(data_copy)
    error = caught.value
    assert error.source == file
    assert error.field == field
    assert error.line == line
    assert words in str(error)
    assert str(error).startswith(f"{file}:{line}: {field}: ")


def test_metric_missing_from_its_type_is_reported(data_copy: Path) -> None:
    _replace_once(data_copy / "measurement_types.yaml", "    - brand_familiarity\n", "")
    expected = r"metrics\.yaml:\d+: brand_familiarity\.measurement_type: not listed"
    with pytest.raises(MethodDataError, match=expected):
        load_method(data_copy)


def test_missing_step_is_reported(data_copy: Path) -> None:
    path = data_copy / "fuel.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("- id: knowing_tools")], encoding="utf-8")
    with pytest.raises(MethodDataError, match=r"fuel\.yaml.*missing knowing_tools"):
        load_method(data_copy)


def test_invalid_yaml_names_the_line(data_copy: Path) -> None:
    line = _replace_once(data_copy / "traits.yaml", "  check:\n", "  check: [unclosed\n")
    with pytest.raises(MethodDataError) as caught:
        load_method(data_copy)
    assert caught.value.source == "traits.yaml"
    assert caught.value.line is not None
    assert caught.value.line >= line
    assert "not valid YAML" in str(caught.value)


def test_missing_file_is_reported(data_copy: Path) -> None:
    (data_copy / "audiences.yaml").unlink()
    with pytest.raises(MethodDataError, match=r"audiences\.yaml: file missing"):
        load_method(data_copy)
