"""The document as PDF: the HTML renderer's page, printed by WeasyPrint with the packaged fonts."""

from __future__ import annotations

from socialplan.report.document import Document
from socialplan.report.render_html import document_html


def document_pdf(doc: Document) -> bytes:
    # WeasyPrint is heavy to import (Pango, cairo-free layout); only PDF export pays for it.
    from weasyprint import HTML

    page = document_html(doc, chart_mode="png", fonts="package")
    pdf: bytes = HTML(string=page).write_pdf(custom_metadata=True)
    return pdf
