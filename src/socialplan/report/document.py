"""The format-neutral document: what a plan document says, before any format decides how it looks.

:func:`socialplan.report.build.plan_document` fills it from a plan; each renderer
(:mod:`~socialplan.report.html`, :mod:`~socialplan.report.pdf`, :mod:`~socialplan.report.docx`,
:mod:`~socialplan.report.markdown`) walks the same blocks, so the content exists once.
All texts are already in the document's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from socialplan.i18n import Lang

Format = Literal["pdf", "docx", "html", "md"]
FORMATS: tuple[Format, ...] = ("pdf", "docx", "html", "md")


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section (the section title itself is level 1)."""

    text: str
    level: Literal[2, 3] = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class KeyValues:
    """Label → value pairs, shown as a two-column definition table."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    # Columns holding numbers: renderers align them to the end edge and keep them on one line.
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Chart:
    """An Altair chart. ``data`` is the same information as a table, for Markdown and screen readers."""

    title: str
    chart: Any  # an altair chart object (altair's classes carry no usable static types)
    data: Table


@dataclass(frozen=True)
class Notice:
    text: str


Block = Heading | Paragraph | BulletList | KeyValues | Table | Chart | Notice


@dataclass(frozen=True)
class Section:
    id: str  # stable anchor: "summary", "goal", "landscape", …, "findings", "notice"
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    lang: Lang
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footer: str = ""  # short text printed on every page beside the page number
    meta: dict[str, str] = field(default_factory=dict)  # e.g. {"author": …, "date": …}

    @property
    def direction(self) -> Literal["rtl", "ltr"]:
        return "rtl" if self.lang == "he" else "ltr"

    def headings(self) -> list[str]:
        """Every section title, in order: what a table of contents (and the tests) see."""
        return [section.title for section in self.sections]
