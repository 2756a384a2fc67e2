"""DOCX read back with python-docx: heading styles in order, right-to-left flags, real tables, charts."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from socialplan.i18n import Lang
from socialplan.report import Document

from .conftest import Render

_HEBREW = re.compile(r"[\u0590-\u05FF]")


def _read(render: Render, lang: Lang):  # type: ignore[no-untyped-def]
    return open_docx(io.BytesIO(render(lang, "docx")))


@pytest.mark.parametrize("lang", ["en", "he"])
def test_sections_are_real_level_one_headings_in_order(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    docx = _read(render, lang)
    level_one = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert level_one == documents[lang].headings()
    assert any(p.style.name == "Heading 2" for p in docx.paragraphs)
    assert all(p.style.paragraph_format.keep_with_next for p in docx.paragraphs if p.style.name.startswith("Heading"))


def test_hebrew_paragraphs_runs_and_tables_are_right_to_left(render: Render) -> None:
    docx = _read(render, "he")
    hebrew = [p for p in docx.paragraphs if _HEBREW.search(p.text)]
    assert len(hebrew) > 20
    for paragraph in hebrew:
        assert paragraph._p.pPr is not None, paragraph.text
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None, paragraph.text
    runs = [run for paragraph in hebrew for run in paragraph.runs]
    for run in runs:
        is_rtl = run._r.rPr is not None and run._r.rPr.find(qn("w:rtl")) is not None
        if _HEBREW.search(run.text):
            assert is_rtl, run.text
        elif re.search(r"[A-Za-z0-9]", run.text):
            assert not is_rtl, run.text  # Latin names and numbers keep left-to-right order inside the line
    assert docx.tables
    for table in docx.tables:
        assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None


def test_english_has_no_right_to_left_marks(render: Render) -> None:
    docx = _read(render, "en")
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in docx.paragraphs)
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is None for t in docx.tables)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_tables_have_repeating_header_rows_and_the_plans_content(
    documents: dict[Lang, Document], render: Render, lang: Lang
) -> None:
    from socialplan.report.document import Table

    docx = _read(render, lang)
    expected = [b for s in documents[lang].sections for b in s.blocks if isinstance(b, Table)]
    with_header = [t for t in docx.tables if t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(with_header) == len(expected)
    for table, block in zip(with_header, expected, strict=True):
        assert tuple(cell.text for cell in table.rows[0].cells) == block.header
        assert len(table.rows) == len(block.rows) + 1
        assert tuple(cell.text for cell in table.rows[-1].cells) == block.rows[-1]


@pytest.mark.parametrize("lang", ["en", "he"])
def test_the_three_charts_are_pictures_and_pages_are_numbered(render: Render, lang: Lang) -> None:
    docx = _read(render, lang)
    assert len(docx.inline_shapes) == 3
    footer = docx.sections[0].footer.paragraphs[0]._p
    assert any(field.get(qn("w:instr")) == "PAGE" for field in footer.iter(qn("w:fldSimple")))


def test_an_english_cell_in_a_hebrew_table_runs_left_to_right_but_aligns_right(render: Render) -> None:
    docx = _read(render, "he")
    cells = [c for t in docx.tables for row in t.rows for c in row.cells if c.text.startswith("Meta Business Suite")]
    assert cells, "the sample's tool list should be in the team table"
    paragraph = cells[0].paragraphs[0]
    assert paragraph._p.pPr.find(qn("w:bidi")).get(qn("w:val")) == "0"
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_hebrew_content_in_an_english_document_still_runs_right_to_left() -> None:
    from socialplan.report import document_render, plan_document

    from .sample_plans import sample_plan

    plan = sample_plan("he", channels=3, goals=2)  # the owner wrote the plan in Hebrew, the client reads English
    docx = open_docx(io.BytesIO(document_render(plan_document(plan, "en"), "docx")))
    goal_cells = [c for t in docx.tables for row in t.rows for c in row.cells if c.text == plan.goals[0].title]
    assert goal_cells
    paragraph = goal_cells[0].paragraphs[0]
    assert paragraph._p.pPr.find(qn("w:bidi")) is not None
    assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs if _HEBREW.search(run.text))


def test_columns_fill_the_text_width_and_keep_dates_on_one_line(render: Render) -> None:
    from docx.shared import Cm

    docx = _read(render, "en")
    for table in docx.tables:
        assert sum(column.width for column in table.columns) == pytest.approx(Cm(17.4), rel=0.01)
    goals = next(t for t in docx.tables if len(t.columns) == 5 and t.rows[0].cells[3].text == "Deadline")
    # A date such as "28 September 2027" wraps only between its words: the column holds "September".
    assert goals.columns[3].width >= Cm(len("September") * 0.19)
