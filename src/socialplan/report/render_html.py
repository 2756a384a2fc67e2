"""The document as one standalone HTML page (inline CSS, inline SVG charts); also the PDF's source."""

from __future__ import annotations

import base64
import itertools
import re
from html import escape
from importlib import resources
from pathlib import Path
from typing import Literal

from socialplan.i18n import Lang, detect_lang
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
    Section,
    Table,
)

ChartMode = Literal["svg", "png"]
FontMode = Literal["system", "package"]

# The packaged family (Noto Sans merged with Noto Sans Hebrew) exists only through our @font-face
# rules, so the PDF always embeds the packaged files and never a look-alike installed on the machine.
_PACKAGED_FACES = (("SocialplanSans-Regular.ttf", 400), ("SocialplanSans-Bold.ttf", 700))
_SYSTEM_FAMILIES = '"Noto Sans", "Noto Sans Hebrew", Arial, "Liberation Sans", sans-serif'
_PNG_SCALE = 2.0
_HEBREW = re.compile(r"[\u0590-\u05FF]")
_LATIN = re.compile(r"[A-Za-z]")


def stylesheet() -> str:
    return resources.files("socialplan.report").joinpath("templates", "report.css").read_text(encoding="utf-8")


def _font_css(fonts: FontMode) -> str:
    if fonts == "system":
        return f'html {{ font-family: "{charts.FONT_FAMILY}", {_SYSTEM_FAMILIES}; }}\n'
    folder = Path(charts.fonts_directory())
    faces = "".join(
        f'@font-face {{ font-family: "{charts.FONT_FAMILY}"; src: url("{(folder / file).as_uri()}");'
        f" font-weight: {weight}; }}\n"
        for file, weight in _PACKAGED_FACES
    )
    return faces + f'html {{ font-family: "{charts.FONT_FAMILY}", sans-serif; }}\n'


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_css(doc: Document, fonts: FontMode) -> str:
    family = f'"{charts.FONT_FAMILY}", sans-serif' if fonts == "package" else _SYSTEM_FAMILIES
    footer = _css_string(f"{doc.footer} · {L.PAGE(doc.lang)} ")
    return (
        "@page { size: A4; margin: 16mm 15mm 18mm 15mm;\n"
        f'  @bottom-center {{ content: {footer} counter(page) " / " counter(pages);'
        f" font-family: {family}; font-size: 8pt; color: #5b6571; direction: {doc.direction}; }}\n}}\n"
    )


def _dir(text: str, lang: Lang) -> str:
    """A ``dir`` attribute when a text runs the other way than the document (an English name in Hebrew)."""
    has_hebrew = bool(_HEBREW.search(text))
    has_latin = bool(_LATIN.search(text))
    if not (has_hebrew or has_latin):
        return ""
    own = detect_lang(text, default=lang)
    if own == lang:
        return ""
    return ' dir="rtl"' if own == "he" else ' dir="ltr"'


def _text(text: str) -> str:
    return escape(text, quote=False)


class _Renderer:
    def __init__(self, doc: Document, chart_mode: ChartMode) -> None:
        self.doc = doc
        self.chart_mode = chart_mode
        self.chart_ids = itertools.count(1)

    def cell(self, tag: str, text: str, numeric: bool) -> str:
        css = ' class="num"' if numeric else ""
        return f"<{tag}{css}{_dir(text, self.doc.lang)}>{_text(text)}</{tag}>"

    def table(self, table: Table) -> str:
        caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
        head = "".join(self.cell("th", h, i in table.numeric) for i, h in enumerate(table.header))
        body = "".join(
            "<tr>" + "".join(self.cell("td", v, i in table.numeric) for i, v in enumerate(row)) + "</tr>"
            for row in table.rows
        )
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def chart(self, block: Chart) -> str:
        if self.chart_mode == "png":
            png = charts.chart_png(block.chart, scale=_PNG_SCALE)
            # Shown at the chart's own size (the PNG holds 2 pixels per CSS pixel), so its text
            # matches the page's instead of being stretched to the column's width.
            width = int.from_bytes(png[16:20], "big") / _PNG_SCALE
            encoded = base64.b64encode(png).decode("ascii")
            image = (
                f'<img src="data:image/png;base64,{encoded}" style="width: {width:.0f}px" alt="{escape(block.title)}">'
            )
            data = ""
        else:
            image = _unique_svg_ids(charts.chart_svg(block.chart), f"c{next(self.chart_ids)}-")
            summary = f"<summary>{_text(block.title)}</summary>"
            data = f'<details class="chart-data">{summary}{self.table(block.data)}</details>'
        return f'<figure class="chart"><figcaption>{_text(block.title)}</figcaption>{image}{data}</figure>'

    def block(self, block: Block) -> str:
        lang = self.doc.lang
        match block:
            case Heading(text=text, level=level):
                return f"<h{level + 1}{_dir(text, lang)}>{_text(text)}</h{level + 1}>"
            case Paragraph(text=text):
                return f"<p{_dir(text, lang)}>{_text(text)}</p>"
            case BulletList(items=items):
                return "<ul>" + "".join(f"<li{_dir(i, lang)}>{_text(i)}</li>" for i in items) + "</ul>"
            case KeyValues(items=items):
                rows = "".join(f'<tr><th scope="row">{_text(k)}</th>{self.cell("td", v, False)}</tr>' for k, v in items)
                return f'<table class="kv"><tbody>{rows}</tbody></table>'
            case Table():
                return self.table(block)
            case Chart():
                return self.chart(block)
            case Notice(text=text):
                return f'<aside class="notice"><p>{_text(text)}</p></aside>'
        raise TypeError(f"unknown block {block!r}")

    def section(self, section: Section) -> str:
        inner = "".join(self.block(b) for b in section.blocks)
        heading = f"<h2>{_text(section.title)}</h2>"
        return f'<section id="{section.id}" class="{section.id}">{heading}{inner}</section>'


def _unique_svg_ids(svg: str, prefix: str) -> str:
    """Vega numbers its clip paths from 1 in every chart; several charts in one page must not collide."""
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)


def document_html(doc: Document, *, chart_mode: ChartMode = "svg", fonts: FontMode = "system") -> str:
    """A standalone HTML page: ``chart_mode="png"`` and ``fonts="package"`` are what the PDF uses."""
    renderer = _Renderer(doc, chart_mode)
    css = _font_css(fonts) + stylesheet() + _page_css(doc, fonts)
    body = "".join(renderer.section(s) for s in doc.sections)
    meta = "".join(f'<meta name="{escape(k)}" content="{escape(v)}">' for k, v in doc.meta.items())
    return (
        f'<!DOCTYPE html>\n<html lang="{doc.lang}" dir="{doc.direction}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{meta}\n'
        f"<title>{_text(doc.title)}: {_text(doc.meta.get('author', ''))}</title>\n"
        f"<style>\n{css}</style>\n</head>\n"
        f'<body>\n<header class="cover"><h1>{_text(doc.title)}</h1><p>{_text(doc.subtitle)}</p></header>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
