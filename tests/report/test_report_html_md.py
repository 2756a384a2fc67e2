"""HTML parses without a single error and reads right to left in Hebrew; Markdown matches its snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tinyhtml5.parser import HTMLParser

from socialplan.i18n import Lang
from socialplan.report import Document

from .conftest import Render

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SOCIALPLAN_UPDATE_SNAPSHOTS") == "1"
_XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("lang", ["en", "he"])
def test_html_parses_without_errors_and_declares_language_and_direction(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    parser = HTMLParser()
    root = parser.parse(render(lang, "html").decode("utf-8"))
    assert parser.errors == []
    assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if lang == "he" else "ltr")
    headings = ["".join(h.itertext()) for h in root.iter(f"{_XHTML}h2")]
    assert headings == documents[lang].headings()
    svgs = list(root.iter("{http://www.w3.org/2000/svg}svg"))
    assert len(svgs) == 3, "the three charts are inline SVG"
    ids = [e.get("id") for svg in svgs for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids inside the charts collide"


def test_english_text_inside_a_hebrew_document_keeps_its_own_direction(render: Render) -> None:
    page = render("he", "html").decode("utf-8")
    assert '<td dir="ltr">Meta Business Suite, CapCut' in page
    assert "<style>" in page
    assert "https://" not in page.split("<body>")[0], "no external resources"


@pytest.mark.parametrize("lang", ["en", "he"])
def test_markdown_matches_the_snapshot(render: Render, lang: Lang) -> None:
    snapshot = SNAPSHOTS / f"plan-{lang}.md"
    text = render(lang, "md").decode("utf-8")
    if UPDATE:
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"{snapshot.name} is missing: run with SOCIALPLAN_UPDATE_SNAPSHOTS=1 once"
    assert text == snapshot.read_text(encoding="utf-8"), "after a wanted change: SOCIALPLAN_UPDATE_SNAPSHOTS=1"


def test_markdown_tables_are_well_formed(render: Render) -> None:
    lines = render("he", "md").decode("utf-8").splitlines()
    table_lines = [line for line in lines if line.startswith("|")]
    assert table_lines
    blocks: list[list[str]] = []
    for previous, line in zip(["", *lines], lines, strict=False):
        if line.startswith("|"):
            if not previous.startswith("|"):
                blocks.append([])
            blocks[-1].append(line)
    for block in blocks:
        widths = {line.replace("\\|", "").count("|") for line in block}
        assert len(widths) == 1, block[0]
        assert set(block[1].replace("|", "").replace(" ", "")) <= set("-:")


def test_hebrew_content_in_an_english_page_gets_its_own_direction() -> None:
    from socialplan.report import document_render, plan_document

    from .sample_plans import sample_plan

    plan = sample_plan("he", channels=3, goals=2)
    page = document_render(plan_document(plan, "en"), "html").decode("utf-8")
    assert '<html lang="en" dir="ltr">' in page
    assert f'<td dir="rtl">{plan.goals[0].title}</td>' in page
