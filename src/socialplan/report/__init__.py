"""Plan documents: one format-neutral document model rendered to PDF, DOCX, HTML and Markdown.

``plan_document(plan, lang)`` builds the model; ``document_render(doc, fmt)`` turns it into
bytes; ``plan_export(plan, fmt, lang)`` does both, with the review's findings in the appendix.
Charts are Altair specs in :mod:`socialplan.report.charts`.
"""

from __future__ import annotations

from socialplan.report.build import plan_document
from socialplan.report.document import FORMATS, Document, Format
from socialplan.report.export import document_render, plan_export

__all__ = ["FORMATS", "Document", "Format", "document_render", "plan_document", "plan_export"]
