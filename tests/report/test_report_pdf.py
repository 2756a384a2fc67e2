"""PDF: every heading in order in the extracted text, the packaged fonts embedded, page numbers."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from socialplan.i18n import Lang
from socialplan.report import Document, document_render, plan_document
from socialplan.report.labels import CADENCE, PAGE

from .conftest import Render
from .sample_plans import sample_plan

# Poppler writes right-to-left lines in logical order wrapped in bidi embedding marks; drop the marks.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _normalise(text: str) -> str:
    return " ".join(_BIDI_CONTROLS.sub("", text).split())


def _pdftotext(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: install Debian's poppler-utils to check the PDF text")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _words(text: str) -> list[str]:
    # Letters and digits apart: poppler may glue the "1" of "1. מטרות" to the word beside it.
    return re.findall(r"[^\W\d_]+|\d+", _BIDI_CONTROLS.sub("", text))


@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_section_heading_is_in_the_text_in_order(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    # Words, not characters: poppler places the punctuation of a right-to-left line ("1." and ":")
    # in its own runs, but the words come out in reading order.
    words = _words(_pdftotext(render(lang, "pdf")))
    position = 0
    for heading in documents[lang].headings():
        wanted = _words(heading)
        found = next(
            (i for i in range(position, len(words) - len(wanted) + 1) if words[i : i + len(wanted)] == wanted),
            -1,
        )
        assert found >= 0, f"{heading!r} is missing after word {position}"
        position = found + len(wanted)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_text_extracted_with_pypdf_has_the_words_of_every_heading(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    # pypdf may return right-to-left text in visual order, so compare words as sets, per heading.
    reader = PdfReader(io.BytesIO(render(lang, "pdf")))
    words = set(_words(" ".join(page.extract_text() for page in reader.pages)))
    for heading in documents[lang].headings():
        assert set(_words(heading)) <= words, heading


@pytest.mark.parametrize("lang", ["en", "he"])
def test_only_the_packaged_font_is_embedded(render: Render, lang: Lang) -> None:
    reader = PdfReader(io.BytesIO(render(lang, "pdf")))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor
    assert fonts, "no fonts found"
    assert set(fonts) <= {"Socialplan-Sans", "Socialplan-Sans-Bold"}, fonts
    assert all(fonts.values()), f"a font is not embedded: {fonts}"


@pytest.mark.parametrize("lang", ["en", "he"])
def test_pages_are_numbered_and_long_tables_repeat_their_header(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    pages = _pdftotext(render(lang, "pdf")).split("\f")
    pages = [_normalise(p) for p in pages if p.strip()]
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        # "Page 1 / 8"; in Hebrew poppler prints the two numbers of "עמוד 1 / 8" in visual order.
        found = re.search(re.escape(PAGE(lang)) + r" (\d+) / (\d+)", page)
        assert found, f"page {number} has no page number"
        assert sorted(map(int, found.groups())) == sorted([number, len(pages)])
    # The findings appendix starts on a page of its own, so the executive summary fills the first.
    appendix = documents[lang].sections[-2].title
    assert any(_words(page)[: len(_words(appendix))] == _words(appendix) for page in pages)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_a_table_running_onto_another_page_repeats_its_header(lang: Lang) -> None:
    plan = sample_plan(lang, channels=20, goals=12)
    why = " ".join(plan.channels[0].why.split()[:2])  # the start of every channel row's "why"
    pdf = document_render(plan_document(plan, lang), "pdf")
    pages = [_normalise(p) for p in _pdftotext(pdf).split("\f")]
    with_rows = [page for page in pages if why in page]
    assert len(with_rows) >= 2, "the sample's channel table should run over a page break"
    for page in with_rows:
        assert CADENCE(lang) in page
