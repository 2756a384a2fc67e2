"""The document as GitHub-flavoured Markdown; charts become the tables of their numbers."""

from __future__ import annotations

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


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], numeric: frozenset[int]) -> str:
    rule = ["---:" if i in numeric else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level):
            return f"{'#' * (level + 1)} {text}"
        case Paragraph(text=text):
            return text
        case BulletList(items=items):
            return "\n".join(f"- {item}" for item in items)
        case KeyValues(items=items):
            return "\n".join(f"- **{key}:** {value}" for key, value in items)
        case Table(header=header, rows=rows, numeric=numeric, caption=caption):
            table = _table(header, rows, numeric)
            return f"**{caption}**\n\n{table}" if caption else table
        case Chart(title=title, data=data):
            return f"**{title}**\n\n{_table(data.header, data.rows, data.numeric)}"
        case Notice(text=text):
            return f"> {text}"
    raise TypeError(f"unknown block {block!r}")


def document_markdown(doc: Document) -> str:
    """Markdown has no direction markup; Hebrew readers (GitHub, editors) lay out RTL by themselves."""
    parts = [f"# {doc.title}", f"*{doc.subtitle}*"]
    for section in doc.sections:
        parts.append(f"## {section.title}")
        parts.extend(_block(block) for block in section.blocks)
    return "\n\n".join(parts) + "\n"
