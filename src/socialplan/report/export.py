"""Render a document to bytes in one of the four formats, or a plan straight to a file's bytes."""

from __future__ import annotations

from socialplan.i18n import Lang
from socialplan.plan.model import Plan
from socialplan.report.build import plan_document
from socialplan.report.document import FORMATS, Document, Format


def document_render(doc: Document, fmt: Format) -> bytes:
    if fmt == "pdf":
        from socialplan.report.render_pdf import document_pdf

        return document_pdf(doc)
    if fmt == "docx":
        from socialplan.report.render_docx import document_docx

        return document_docx(doc)
    if fmt == "html":
        from socialplan.report.render_html import document_html

        return document_html(doc).encode("utf-8")
    if fmt == "md":
        from socialplan.report.render_markdown import document_markdown

        return document_markdown(doc).encode("utf-8")
    raise ValueError(f"unknown document format {fmt!r}; choose one of {', '.join(FORMATS)}")


def plan_export(plan: Plan, fmt: Format, lang: Lang) -> bytes:
    """The plan as a finished document, with the review's findings in its appendix."""
    from socialplan.advise.review import plan_review

    return document_render(plan_document(plan, lang, plan_review(plan)), fmt)
