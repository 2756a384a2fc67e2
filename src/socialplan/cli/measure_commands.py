"""Measurement commands: ``socialplan measure import|imports|undo`` (and ``report``, added by the
measurement-report module)."""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from socialplan.i18n import Lang

if TYPE_CHECKING:
    from socialplan.measure.store import AnalyticsStore, ImportResult
    from socialplan.plan.model import Plan

EXIT_BAD_INPUT = 2
MAX_REJECTIONS_SHOWN = 20

# The secret behind mention-author pseudonyms; the same key gives the same pseudonym, so
# authors can still be counted without being named.
PSEUDONYM_KEY_ENV = "SOCIALPLAN_PSEUDONYM_KEY"

measure_app = typer.Typer(
    help="Import platform exports into the analytics store and measure the plan.", no_args_is_help=True
)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


class Language(StrEnum):
    en = "en"
    he = "he"


def register(app: typer.Typer) -> None:
    app.add_typer(measure_app, name="measure")


def fail(message: str) -> NoReturn:
    """Print a one-line error (no traceback) and exit with the bad-input code."""
    err_console.print(f"[bold red]error:[/] {message}", markup=False)
    raise typer.Exit(EXIT_BAD_INPUT)


DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory (default: $SOCIALPLAN_DATA_DIR or ./socialplan-data)."),
]
UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="Analytics store URL (default: $SOCIALPLAN_ANALYTICS_URL or the DuckDB file)."),
]


def _open_store(url: str | None, data_dir: Path | None) -> AnalyticsStore:
    from socialplan.measure.store import AnalyticsStore

    try:
        return AnalyticsStore.open(url, data_dir)
    except Exception as error:  # any backend's connection error: report it in one line
        fail(f"cannot open the analytics store: {error}")


@measure_app.command("import")
def import_files(
    files: Annotated[list[Path], typer.Argument(help="Export files (CSV, XLS, XLSX, SpreadsheetML, Parquet, JSON).")],
    platform: Annotated[
        str | None,
        typer.Option(
            "--platform",
            help="Platform id (x, facebook, …) or import format id, when detection is not enough.",
        ),
    ] = None,
    account: Annotated[
        str | None, typer.Option("--account", help="The account (handle or page) the files belong to.")
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="Saved column mapping (JSON) for the generic importer.")
    ] = None,
    reference_date: Annotated[
        str | None,
        typer.Option("--reference-date", help="YYYY-MM-DD: the export day, for dates printed without a year."),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="Time zone of times printed without an offset.")
    ] = None,
    max_mb: Annotated[int, typer.Option("--max-mb", help="Refuse files larger than this (MB).")] = 200,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the messages.")] = Language.en,
    data_dir: DataDirOption = None,
    url: UrlOption = None,
    pseudonymise: Annotated[
        bool,
        typer.Option("--pseudonymise", help=f"Store mention authors as keyed pseudonyms (key: ${PSEUDONYM_KEY_ENV})."),
    ] = False,
) -> None:
    """Import export files, each in one transaction; a file imported before changes nothing."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from socialplan.measure.importers import ImportOptions, metrics_import
    from socialplan.measure.importers.generic import mapping_load
    from socialplan.measure.read import ImportInputError
    from socialplan.measure.store import StoreError
    from socialplan.opinion.measures import batch_mentions_score

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        fail(f"no such file: {', '.join(missing)}")
    try:
        loaded_mapping = mapping_load(mapping) if mapping else None
    except ImportInputError as error:
        fail(error.describe(lang.value))
    try:
        reference = dt.date.fromisoformat(reference_date) if reference_date else None
    except ValueError:
        fail(f"--reference-date must be YYYY-MM-DD, not {reference_date!r}")
    author_pseudonym = None
    if pseudonymise:
        from socialplan.opinion.privacy import author_pseudonym as keyed_pseudonym

        key = os.environ.get(PSEUDONYM_KEY_ENV, "").encode("utf-8")
        try:
            keyed_pseudonym("check", key)
        except ValueError as error:
            fail(f"--pseudonymise needs a secret key in ${PSEUDONYM_KEY_ENV}: {error}")

        def author_pseudonym(handle: str) -> str:
            return keyed_pseudonym(handle, key)

    options = ImportOptions(
        author_pseudonym=author_pseudonym,
        account=account,
        platform=platform,
        mapping=loaded_mapping,
        reference_date=reference,
        timezone=timezone,
    )
    store = _open_store(url, data_dir)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} files"),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as progress:
            task = progress.add_task("importing", total=len(files))

            def on_file(path: Path, index: int) -> None:
                progress.update(task, completed=index, description=f"importing {path.name}")

            try:
                # Mentions are stored with their language and sentiment, as a web import stores them.
                results = metrics_import(
                    files,
                    store=store,
                    options=options,
                    max_bytes=max_mb * 1024 * 1024,
                    on_file=on_file,
                    prepare=batch_mentions_score,
                )
            except StoreError as error:
                fail(error.message(lang.value))
            progress.update(task, completed=len(files))
            if any(result.status == "imported" for result in results):
                progress.update(task, description="updating the summaries reports read")
                _summaries_refresh(store)
    finally:
        store.close()
    for result in results:
        _report(result, lang.value)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(EXIT_BAD_INPUT)


def _summaries_refresh(store: AnalyticsStore) -> None:
    """Rebuild the store's per-post rollup after its data changed, once for all the files, as
    the web app's import task does, so the next report reads it instead of the whole tables."""
    from socialplan.measure.metrics import Tables
    from socialplan.measure.rollup import post_rollup

    post_rollup(Tables.from_backend(store.con))


def _report(result: ImportResult, lang: str) -> None:
    language: Lang = "he" if lang == "he" else "en"
    if result.status == "failed":
        err_console.print(
            f"[bold red]failed:[/] {result.error(language) if result.error else result.source}", markup=True
        )
        return
    if result.status == "already_imported":
        out_console.print(f"{result.source}: already imported ({result.import_id}); nothing changed.")
        return
    written = ", ".join(f"{n} {table}" for table, n in result.rows_written.items() if n)
    out_console.print(
        f"{result.source}: imported as {result.format} into {result.account_id or 'the store'} "
        f"({result.rows_read} rows read; {written or 'nothing'} written; "
        f"{result.replaced} earlier values replaced; {len(result.rejected)} rows rejected) "
        f"id {result.import_id}"
    )
    if result.kept:
        out_console.print(
            f"  {result.kept} lifetime values were lower than the stored ones (an older export?) and were not applied."
        )
    for error in result.rejected[:MAX_REJECTIONS_SHOWN]:
        out_console.print(f"  rejected {error.describe(result.source, language)}")
    if len(result.rejected) > MAX_REJECTIONS_SHOWN:
        out_console.print(f"  … and {len(result.rejected) - MAX_REJECTIONS_SHOWN} more rejected rows")
    for note in result.notes:
        out_console.print(f"  note: {note(language)}")


@measure_app.command("imports")
def list_imports(data_dir: DataDirOption = None, url: UrlOption = None) -> None:
    """List the imports in the store (oldest first)."""
    store = _open_store(url, data_dir)
    try:
        imports = store.imports()
    finally:
        store.close()
    if imports.empty:
        out_console.print("No imports yet.")
        return
    for row in imports.itertuples():
        out_console.print(
            f"{row.import_id}  {row.imported_at:%Y-%m-%d %H:%M}  {row.format:<22} {row.rows:>8} rows  {row.file_name}"
        )


@measure_app.command("undo")
def undo_import(
    import_id: Annotated[str, typer.Argument(help="The import id shown by `measure import` or `measure imports`.")],
    data_dir: DataDirOption = None,
    url: UrlOption = None,
) -> None:
    """Remove one import and restore the values it replaced."""
    from socialplan.measure.store import StoreError

    store = _open_store(url, data_dir)
    try:
        removed = store.undo(import_id)
        _summaries_refresh(store)
    except StoreError as error:
        fail(error.message.en)
    finally:
        store.close()
    out_console.print(f"Removed import {import_id} ({removed} rows).")


class ReportFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"


@measure_app.command("report")
def report_command(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN", help="The plan file (YAML or JSON).")],
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: 27 days before --to).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.md,
    platform: Annotated[
        list[str] | None, typer.Option("--platform", help="Only these channels (repeat the option).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of the screen.")
    ] = None,
    lang: Annotated[Language | None, typer.Option("--lang", help="Language of md/html (default: the plan's).")] = None,
    data_dir: DataDirOption = None,
    url: UrlOption = None,
) -> None:
    """The measurement report: the four measurement types, equity and goal progress."""
    from socialplan.measure.metrics import Filters, Period, Tables
    from socialplan.measure.report import measurement_report, report_render
    from socialplan.plan.io import PlanInputError, load_plan

    try:
        plan = load_plan(plan_file)
    except PlanInputError as error:
        fail(str(error))
    try:
        end = dt.date.fromisoformat(date_to) if date_to else dt.date.today()
        start = dt.date.fromisoformat(date_from) if date_from else end - dt.timedelta(days=27)
    except ValueError:
        fail(f"--from and --to must be YYYY-MM-DD, not {date_from or date_to!r}")
    if end < start:
        fail(f"--to ({end}) is before --from ({start})")
    language = lang.value if lang else plan.language
    store = _open_store(url, data_dir)
    try:
        with err_console.status("Computing the measurement report…"):
            report = measurement_report(
                plan,
                Tables.from_backend(store.con),
                Period(start, end),
                filters=Filters(platforms=tuple(platform or ())),
            )
            focus_group = _focus_group_markdown(store, plan, start, end, language) if fmt.value == "md" else ""
    finally:
        store.close()
    text = report_render(report, fmt.value, language)
    if focus_group:
        text = f"{text.rstrip()}\n\n{focus_group}"
    if output is None:
        typer.echo(text)  # exactly the text, so it can be piped
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"Wrote {output}.")


def _focus_group_markdown(store: AnalyticsStore, plan: Plan, start: dt.date, end: dt.date, lang: Lang) -> str:
    """The opinion-research section (the "focus group") over the period's mentions, or "" when
    there are none of the brand or its named competitors."""
    from socialplan.opinion.report import focus_group_markdown, focus_group_report

    mentions = store.table("mentions")
    first = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    frame = mentions.filter((mentions.published_at >= first) & (mentions.published_at < after)).to_pandas()
    names = {n.casefold() for n in [plan.business.name, *plan.landscape.competitors]}
    if frame.empty or not frame["subject"].astype("string").str.casefold().isin(names).any():
        return ""
    result = focus_group_report(
        frame, brand=plan.business.name, competitors=plan.landscape.competitors, default_lang=lang
    )
    return focus_group_markdown(result, lang)
