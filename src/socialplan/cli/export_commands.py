"""``socialplan export``: the plan as a PDF, DOCX, HTML or Markdown document, in Hebrew or English."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from socialplan.cli.plan_commands import Language, fail
from socialplan.i18n import Lang
from socialplan.report.document import Format

err_console = Console(stderr=True, highlight=False, soft_wrap=True)

_BINARY = {"pdf", "docx"}
_SUFFIXES: dict[str, Format] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}
_CHOSEN: dict[str, Format] = {"pdf": "pdf", "docx": "docx", "html": "html", "md": "md"}


class DocumentFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    html = "html"
    md = "md"


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    plan: Annotated[Path, typer.Argument(help="Plan file (YAML or JSON).")],
    output_format: Annotated[
        DocumentFormat | None,
        typer.Option("--format", "-f", help="pdf, docx, html or md; taken from the output's suffix when omitted."),
    ] = None,
    lang: Annotated[
        Language | None, typer.Option("--lang", help="Language of the document; the plan's own when omitted.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write. HTML and Markdown print to the terminal when omitted."),
    ] = None,
) -> None:
    """Write the plan as a document: executive summary, the seven steps, charts, findings and notice."""
    from socialplan.plan.io import PlanInputError, load_plan

    fmt = _format(output_format, output)
    if fmt in _BINARY and output is None:
        fail(f"a {fmt.upper()} document needs a file to go to: add -o FILE")
    try:
        loaded = load_plan(plan)
    except PlanInputError as error:
        fail(str(error))
    language: Lang = loaded.language if lang is None else ("he" if lang.value == "he" else "en")

    from socialplan.report import plan_export

    with err_console.status(f"Rendering the {fmt.upper()} document…"):
        data = plan_export(loaded, fmt, language)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        _write_atomic(output, data)
    except OSError as error:
        fail(f"{output}: cannot write the document ({error.strerror})")
    err_console.print(f"Wrote {output} ({fmt.upper()}, {len(data) / 1024:.0f} KB).")


def _format(chosen: DocumentFormat | None, output: Path | None) -> Format:
    if chosen is not None:
        return _CHOSEN[chosen.value]
    if output is None:
        return "md"
    guessed = _SUFFIXES.get(output.suffix.lower())
    if guessed is None:
        fail(f"{output}: cannot tell the format from the suffix {output.suffix!r}; add --format pdf|docx|html|md")
    return guessed


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failed export never leaves half a document."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
