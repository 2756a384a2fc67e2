"""The measurement report document in the four formats, English and Hebrew."""

from __future__ import annotations

import io
import zipfile

import pytest

from socialplan.i18n import Lang
from socialplan.report import document_render
from socialplan.report.measure_document import measure_document

from .measure_sample import sample_dashboard


@pytest.mark.parametrize("lang", ["en", "he"])
def test_markdown_has_every_section_takeaways_and_quotes(lang: Lang) -> None:
    doc = measure_document(sample_dashboard(), lang)
    text = document_render(doc, "md").decode()
    for title in doc.headings():
        assert f"## {title}" in text
    assert len(doc.headings()) == 10  # summary, equity, goals, four types, channels, focus group, notes
    report = sample_dashboard().focus_group
    assert report is not None
    quoted = [q.text for t in report.themes.most_praised for q in t.praise_quotes]
    assert quoted
    assert quoted[0] in text
    assert "GA4" in text  # the missing web analytics say what to upload
    if lang == "he":
        assert "מאז פברואר" in text
    else:
        assert "since February" in text


def test_html_direction_and_charts() -> None:
    html = document_render(measure_document(sample_dashboard(), "he"), "html").decode()
    assert 'dir="rtl"' in html
    assert "<svg" in html


@pytest.mark.parametrize("lang", ["en", "he"])
def test_pdf_and_docx_render(lang: Lang) -> None:
    doc = measure_document(sample_dashboard(), lang)
    assert document_render(doc, "pdf").startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(document_render(doc, "docx"))) as docx:
        body = docx.read("word/document.xml").decode()
    assert doc.title in body
