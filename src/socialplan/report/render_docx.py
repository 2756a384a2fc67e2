"""The document as an editable Word file: real heading styles, real tables, right-to-left for Hebrew.

Hebrew needs three flags that Word and LibreOffice read: ``w:bidi`` on each paragraph (direction,
and so right alignment by default), ``w:bidiVisual`` on each table (columns run from the right), and
``w:rtl`` on each run of Hebrew text (so Hebrew, Latin names and numbers in one line keep their order).
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from socialplan.i18n import detect_lang
from socialplan.report import charts
from socialplan.report import labels as L
from socialplan.report.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Heading,
    KeyValues,
    Notice,
    Paragraph,
    Table,
)

FONT = "Arial"  # on every Windows and Mac machine, with Hebrew glyphs; LibreOffice maps it to a metric twin
TEXT_WIDTH_CM = 17.4  # A4 less the two 1.8 cm margins
_CM_PER_CHAR = 0.19  # average width of a character of 9 pt Arial, bold header included
ACCENT = RGBColor(0x1F, 0x4E, 0x8C)
_NEW_PAGE = {"goal", "findings"}  # the summary alone on the first page; the appendix apart, as in the PDF
_HEBREW = re.compile(r"[\u0590-\u05FF]")
# A stretch of Latin letters or digits with the spaces and punctuation between them: one LTR run.
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,:;/@&+\-_'’()%#]*[A-Za-z0-9)%]|[A-Za-z0-9]")


def _set(element: Any, tag: str, **attrs: str) -> Any:
    """Get or create the child ``tag`` of ``element`` and set its attributes."""
    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _text_direction(text: str) -> str | None:
    """ "rtl" for Hebrew text, "ltr" for Latin text, None for text without letters (numbers, dashes)."""
    if not re.search(r"[A-Za-z\u0590-\u05FF]", text):
        return None
    return "rtl" if detect_lang(text) == "he" else "ltr"


def _runs(text: str) -> list[tuple[str, bool]]:
    """Split a line into (piece, is_rtl) runs: Hebrew and the neutrals around it right-to-left."""
    if not _HEBREW.search(text):
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], True))
        pieces.append((match.group(), False))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], True))
    return pieces


def _column_widths(rows: tuple[tuple[str, ...], ...]) -> list[Any]:
    """The text width shared by how much each column holds, so a "why" column is not squeezed, but
    never narrower than a column's longest word (no "2027" broken over two lines)."""
    columns = range(len(rows[0]))
    longest_words = [max(len(word) for row in rows for word in [*row[i].split(), ""]) for i in columns]
    floors = [min(length * _CM_PER_CHAR + 0.4, TEXT_WIDTH_CM / 3) for length in longest_words]
    weights = [min(max(len(row[i]) for row in rows), 40) + 4 for i in columns]
    widths: dict[int, float] = {}
    while True:  # columns whose share is below their floor get the floor; the rest share what is left
        free = [i for i in columns if i not in widths]
        room = TEXT_WIDTH_CM - sum(widths.values())
        total = sum(weights[i] for i in free)
        pinned = {i: floors[i] for i in free if room * weights[i] / total < floors[i]}
        if not pinned or len(pinned) == len(free):
            widths.update(pinned or {i: room * weights[i] / total for i in free})
            break
        widths.update(pinned)
    scale = min(1.0, TEXT_WIDTH_CM / sum(widths.values()))  # floors alone may not fit
    return [Cm(widths[i] * scale) for i in columns]


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.rtl = doc.lang == "he"
        self.out = new_docx()
        self._styles()
        self._page()

    # ── setup ──────────────────────────────────────────────────────────────────────────
    def _styles(self) -> None:
        styles = self.out.styles
        for name in (
            "Normal",
            "Title",
            "Heading 1",
            "Heading 2",
            "Heading 3",
            "List Bullet",
            "Intense Quote",
        ):
            style = styles[name]
            style.font.name = FONT
            rpr = style.element.get_or_add_rPr()
            _set(rpr, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
            _set(rpr, "w:lang", val="en-GB", bidi="he-IL")
            if self.rtl:
                _set(style.element.get_or_add_pPr(), "w:bidi")
        styles["Normal"].font.size = Pt(10)
        _set(styles["Normal"].element.get_or_add_rPr(), "w:szCs", val="20")
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT
            _set(style.element.get_or_add_rPr(), "w:szCs", val=str(size * 2))
            _set(style.element.get_or_add_rPr(), "w:bCs")
            style.paragraph_format.keep_with_next = True  # never a heading alone at the foot of a page
            style.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
        styles["Title"].font.color.rgb = ACCENT

    def _page(self) -> None:
        section = self.out.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
        if self.rtl:
            _set(section._sectPr, "w:bidi")
        footer = section.footer.paragraphs[0]
        self._direction(footer)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._text(footer, f"{self.doc.footer} · {L.PAGE(self.doc.lang)} ", size=8)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        footer._p.append(field)
        core = self.out.core_properties
        core.title = self.doc.title
        core.author = self.doc.meta.get("author", "")
        core.language = "he-IL" if self.rtl else "en-GB"

    # ── text ───────────────────────────────────────────────────────────────────────────
    def _direction(self, paragraph: Any, text: str = "") -> None:
        """Direction from the text itself, alignment from the document (as the HTML does): an
        English tool name in a Hebrew plan is a left-to-right paragraph aligned to the right."""
        own = _text_direction(text)
        if self.rtl and own == "ltr":
            _set(paragraph._p.get_or_add_pPr(), "w:bidi", val="0")  # the styles say bidi: undo it here
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif self.rtl or own == "rtl":
            _set(paragraph._p.get_or_add_pPr(), "w:bidi")

    def _text(self, paragraph: Any, text: str, *, bold: bool = False, size: float | None = None) -> None:
        for piece, rtl in _runs(text):
            run = paragraph.add_run(piece)
            if bold:
                run.bold = True
                _set(run._r.get_or_add_rPr(), "w:bCs")
            if size is not None:
                run.font.size = Pt(size)
                _set(run._r.get_or_add_rPr(), "w:szCs", val=str(int(size * 2)))
            if rtl:
                _set(run._r.get_or_add_rPr(), "w:rtl")

    def paragraph(self, text: str, style: str | None = None, *, bold: bool = False) -> Any:
        paragraph = self.out.add_paragraph(style=style)
        self._direction(paragraph, text)
        self._text(paragraph, text, bold=bold)
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    # ── tables ─────────────────────────────────────────────────────────────────────────
    def table(
        self, header: tuple[str, ...] | None, rows: tuple[tuple[str, ...], ...], *, key_column: bool = False
    ) -> None:
        width = len(header) if header else len(rows[0])
        table = self.out.add_table(rows=0, cols=width)
        table.style = self.out.styles["Table Grid"]
        tbl_pr = table._tbl.tblPr
        if self.rtl:
            _set(tbl_pr, "w:bidiVisual")  # first column on the right
        if header:
            self._row(table, header, bold=True, header=True)
        for row in rows:
            self._row(table, row, first_bold=key_column)
        widths = _column_widths((*([header] if header else []), *rows))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the table grid, which LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        self.out.add_paragraph()  # Word glues adjacent tables together without a paragraph between

    def _row(
        self,
        table: Any,
        values: tuple[str, ...],
        *,
        bold: bool = False,
        header: bool = False,
        first_bold: bool = False,
    ) -> None:
        row = table.add_row()
        tr_pr = row._tr.get_or_add_trPr()
        _set(tr_pr, "w:cantSplit")
        if header:
            _set(tr_pr, "w:tblHeader")  # repeats at the top of every page the table runs onto
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            self._direction(paragraph, value)
            self._text(paragraph, value, bold=bold or (first_bold and index == 0), size=9)
            if header or (first_bold and index == 0):
                _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill="EEF2F7")

    # ── blocks ─────────────────────────────────────────────────────────────────────────
    def block(self, block: Block, *, after_heading: bool = False) -> None:
        match block:
            case Heading(text=text, level=level):
                self.heading(text, level)
            case Paragraph(text=text):
                # An introduction stays on the page of what it introduces (no heading left alone).
                self.paragraph(text).paragraph_format.keep_with_next = after_heading
            case BulletList(items=items):
                for item in items:
                    self.paragraph(item, "List Bullet")
            case KeyValues(items=items):
                self.table(None, tuple(items), key_column=True)
            case Table(header=header, rows=rows):
                self.table(header, rows)
            case Chart(title=title, chart=chart):
                caption = self.paragraph(title, bold=True)
                caption.paragraph_format.keep_with_next = True
                picture = self.out.add_paragraph()
                self._direction(picture)
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                png = charts.chart_png(chart, scale=2)
                # The chart's own size (2 pixels per CSS pixel, 96 per inch), never wider than the text.
                width = min(int.from_bytes(png[16:20], "big") / 2 / 96 * 2.54, TEXT_WIDTH_CM)
                picture.add_run().add_picture(io.BytesIO(png), width=Cm(width))
            case Notice(text=text):
                self.paragraph(text, "Intense Quote")

    def write(self) -> bytes:
        self.paragraph(self.doc.title, "Title")
        self.paragraph(self.doc.subtitle)
        for section in self.doc.sections:
            self.heading(section.title, 1)
            if section.id in _NEW_PAGE:
                self.out.paragraphs[-1].paragraph_format.page_break_before = True
            previous: Block | None = None
            for block in section.blocks:
                self.block(block, after_heading=previous is None or isinstance(previous, Heading))
                previous = block
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()


def document_docx(doc: Document) -> bytes:
    return _Writer(doc).write()
