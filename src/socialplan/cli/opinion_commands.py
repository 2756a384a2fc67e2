"""Opinion commands: ``socialplan opinion score FILE`` and ``socialplan opinion report PLAN``."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:
    import pandas as pd

    from socialplan.i18n import Lang

EXIT_BAD_INPUT = 2
BATCH = 2_000

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)

opinion_app = typer.Typer(
    name="opinion",
    help="What people say about the brand: sentiment and themes, in English and Hebrew, offline.",
    no_args_is_help=True,
)


class TextLanguage(StrEnum):
    auto = "auto"
    en = "en"
    he = "he"


class ReportLanguage(StrEnum):
    en = "en"
    he = "he"


class ReportFormat(StrEnum):
    md = "md"
    json = "json"


class PeriodChoice(StrEnum):
    day = "day"
    week = "week"
    month = "month"


def register(app: typer.Typer) -> None:
    app.add_typer(opinion_app)


def _fail(message: str) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(EXIT_BAD_INPUT)


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file."""
    handle, temporary = tempfile.mkstemp(
        dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}."
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@opinion_app.command("score")
def score(
    file: Annotated[Path, typer.Argument(help="CSV file with one text per row.")],
    column: Annotated[str, typer.Option("--column", "-c", help="The column that holds the texts.")] = "text",
    lang: Annotated[
        TextLanguage, typer.Option("--lang", help="Language of every text; auto detects it per text.")
    ] = TextLanguage.auto,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Where to write the scored CSV (printed when omitted)."),
    ] = None,
) -> None:
    """Score a CSV of texts: adds lang, sentiment_label and sentiment_score columns."""
    from socialplan.opinion.sentiment import texts_sentiment
    from socialplan.opinion.texts_io import TextsInputError, read_texts_csv

    try:
        texts, rows = read_texts_csv(file, column)
    except TextsInputError as error:
        _fail(str(error))
    langs: list[Lang | None] | None = None
    if lang is not TextLanguage.auto:
        langs = ["he" if lang is TextLanguage.he else "en"] * len(texts)
    results = []
    with Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=len(texts) < 5 * BATCH,
    ) as progress:
        task = progress.add_task("score", total=len(texts))
        for start in range(0, len(texts), BATCH):
            batch = texts[start : start + BATCH]
            batch_langs = langs[start : start + BATCH] if langs is not None else None
            results.extend(texts_sentiment(batch, langs=batch_langs))
            progress.advance(task, len(batch))
    fields = list(rows[0].keys()) if rows else [column]
    fields += [name for name in ("lang", "sentiment_label", "sentiment_score") if name not in fields]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row, result in zip(rows, results, strict=True):
        writer.writerow(
            {
                **row,
                "lang": result.lang,
                "sentiment_label": result.label,
                "sentiment_score": f"{result.score:.4f}",
            }
        )
    if output is None:
        out_console.out(buffer.getvalue(), end="")
        return
    try:
        _write_atomic(output, buffer.getvalue())
    except OSError as error:
        _fail(f"{output}: cannot write the scores ({error.strerror})")
    counts = {
        label: sum(1 for r in results if r.label == label) for label in ("positive", "negative", "neutral")
    }
    err_console.print(
        f"Scored {len(results)} texts into {output}: {counts['positive']} positive, "
        f"{counts['negative']} negative, {counts['neutral']} neutral."
    )


def _store_mentions(url: str) -> pd.DataFrame:
    from socialplan.measure.store import AnalyticsStore

    try:
        with AnalyticsStore.open(url) as opened:
            return opened.table("mentions").to_pandas()
    except Exception as error:  # any backend's connection error: reported, never a traceback
        _fail(f"{url}: cannot read the mentions from the store ({error})")


@opinion_app.command("report")
def report(
    plan: Annotated[
        Path, typer.Argument(help="The plan (YAML or JSON): names the brand and its competitors.")
    ],
    mentions: Annotated[
        Path | None,
        typer.Option(
            "--mentions", "-m", help="CSV of mentions: text, published_at, subject (+ other mention columns)."
        ),
    ] = None,
    store: Annotated[
        str | None, typer.Option("--store", help="Analytics store URL to read the mentions table from.")
    ] = None,
    lang: Annotated[
        ReportLanguage | None, typer.Option("--lang", help="Report language (default: the plan's).")
    ] = None,
    period: Annotated[
        PeriodChoice, typer.Option("--period", help="Trend and alert period.")
    ] = PeriodChoice.week,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Markdown or the structured JSON.")] = (
        ReportFormat.md
    ),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Where to write (printed when omitted).")
    ] = None,
) -> None:
    """The focus-group report: sentiment of the brand against its competitors, themes and alerts."""
    from socialplan.opinion.report import focus_group_markdown, focus_group_report
    from socialplan.opinion.texts_io import TextsInputError, read_mentions_csv
    from socialplan.plan.io import PlanInputError, load_plan

    try:
        loaded = load_plan(plan)
    except PlanInputError as error:
        _fail(str(error))
    if (mentions is None) == (store is None):
        _fail("give the mentions either as a CSV file (--mentions) or as a store URL (--store)")
    if mentions is not None:
        try:
            frame = read_mentions_csv(mentions)
        except TextsInputError as error:
            _fail(str(error))
    else:
        frame = _store_mentions(str(store))
    language = lang.value if lang is not None else loaded.language
    result = focus_group_report(
        frame,
        brand=loaded.business.name,
        competitors=loaded.landscape.competitors,
        period=period.value,
        default_lang=language,
    )
    text = (
        result.model_dump_json(indent=2) + "\n"
        if fmt is ReportFormat.json
        else focus_group_markdown(result, language)
    )
    if output is None:
        out_console.out(text, end="")
        return
    try:
        _write_atomic(output, text)
    except OSError as error:
        _fail(f"{output}: cannot write the report ({error.strerror})")
    err_console.print(f"Wrote the focus-group report on {result.mentions} mentions to {output}.")


@opinion_app.command("retention")
def retention(
    days: Annotated[int, typer.Option("--days", min=0, help="Keep the words of mentions this many days.")],
    store_url: Annotated[
        str | None,
        typer.Option("--store", help="Analytics store URL (default: $SOCIALPLAN_ANALYTICS_URL or the DuckDB file)."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Data directory (default: $SOCIALPLAN_DATA_DIR).")
    ] = None,
) -> None:
    """Delete the text of mentions older than N days; their sentiment and counts stay."""
    import datetime as dt

    from socialplan.measure.store import AnalyticsStore
    from socialplan.opinion.privacy import mentions_retention

    url = store_url or os.environ.get("SOCIALPLAN_ANALYTICS_URL")
    try:
        store = AnalyticsStore.open(url, data_dir)
    except Exception as error:  # any backend's connection error: reported, never a traceback
        _fail(f"cannot open the analytics store ({error})")
    removed = mentions_retention(store.con, days=days, now=dt.datetime.now(dt.UTC))
    err_console.print(f"Removed the text of {removed} mentions older than {days} days; their scores are kept.")
