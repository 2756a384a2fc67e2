"""``socialplan calendar``: generate, check, export and import the content calendar."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from socialplan.cli.plan_commands import EXIT_FINDINGS, Language, fail
from socialplan.i18n import Lang

if TYPE_CHECKING:
    from socialplan.calendar.model import Calendar
    from socialplan.plan.model import Plan

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)

calendar_app = typer.Typer(name="calendar", help="The content calendar: generate, check, export, import.",
                           no_args_is_help=True)


class ExportFormat(StrEnum):
    ics = "ics"
    csv = "csv"
    hootsuite = "hootsuite"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    calendar_app.command("generate")(generate)
    calendar_app.command("check")(check)
    calendar_app.command("export")(export)
    calendar_app.command("import")(import_)
    calendar_app.command("adherence")(adherence)
    app.add_typer(calendar_app)


def _plan(path: Path) -> Plan:
    from socialplan.plan.io import PlanInputError, load_plan

    try:
        return load_plan(path)
    except PlanInputError as error:
        fail(str(error))


def _calendar(path: Path) -> Calendar:
    from socialplan.calendar.io import PlanInputError, load_calendar

    try:
        return load_calendar(path)
    except PlanInputError as error:
        fail(str(error))


def _write(path: Path, text: str | bytes, what: str) -> None:
    from socialplan.plan.io import write_text_atomic

    try:
        if isinstance(text, bytes):
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(text)
            tmp.replace(path)
        else:
            write_text_atomic(path, text)
    except OSError as error:
        fail(f"{path}: cannot write the {what} ({error.strerror})")


def generate(
    plan: Annotated[Path, typer.Argument(help="Plan file (YAML or JSON).")],
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=104, help="How many weeks to plan.")] = 4,
    start: Annotated[str | None, typer.Option("--start", help="First day (YYYY-MM-DD); the next Monday when "
                                               "omitted.")] = None,
    tz: Annotated[str | None, typer.Option("--tz", help="Time zone (IANA name, e.g. Asia/Jerusalem); from the "
                                           "business's region when omitted.")] = None,
    shabbat: Annotated[bool | None, typer.Option("--avoid-shabbat/--post-on-shabbat", help="Keep Friday "
                                                 "afternoon and Saturday free (default: yes for a business in "
                                                 "Israel).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Calendar file to write (YAML; .json "
                                                "for JSON). Printed when omitted.")] = None,
) -> None:
    """Generate a calendar skeleton from the plan's cadence, Es, goals and people."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from socialplan.calendar import calendar_check, calendar_generate, calendar_to_json, calendar_to_yaml

    first: dt.date | None = None
    if start is not None:
        try:
            first = dt.date.fromisoformat(start)
        except ValueError:
            fail(f"--start {start!r} is not a date; write it as YYYY-MM-DD")
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            fail(f"--tz {tz!r} is not a known time zone; use an IANA name such as Asia/Jerusalem")
    loaded = _plan(plan)
    calendar = calendar_generate(loaded, weeks=weeks, start=first, timezone=tz, avoid_shabbat=shabbat)
    text = calendar_to_json(calendar) if output is not None and output.suffix == ".json" else calendar_to_yaml(calendar)
    if output is None:
        out_console.out(text, end="")
    else:
        _write(output, text, "calendar")
    findings = calendar_check(calendar, loaded, today=first)
    err_console.print(f"{len(calendar.entries)} posts over {weeks} weeks ({calendar.timezone}), "
                      f"{len(calendar.holidays)} holidays kept free, {len(findings)} findings"
                      + (f"; written to {output}." if output else "."))


def check(
    calendar: Annotated[Path, typer.Argument(help="Calendar file (YAML or JSON).")],
    plan: Annotated[Path, typer.Option("--plan", help="The plan the calendar runs.")],
    output_format: Annotated[CheckFormat, typer.Option("--format", help="text for people, json for tools.")]
    = CheckFormat.text,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the messages.")] = Language.en,
    store: Annotated[str | None, typer.Option("--store", help="Analytics store URL: freshness then counts the "
                                              "posts really published.")] = None,
) -> None:
    """Check capacity, freshness, the E mix, goals and approvals; exit code 1 on an error finding."""
    from socialplan.calendar import calendar_check

    loaded_calendar = _calendar(calendar)
    loaded_plan = _plan(plan)
    posts = _store_posts(store) if store else None
    findings = calendar_check(loaded_calendar, loaded_plan, posts=posts)
    language: Lang = "he" if lang is Language.he else "en"
    if output_format is CheckFormat.json:
        out_console.out(json.dumps([f.as_dict(language) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            out_console.print(f"{finding.severity}: {finding.message(language)}  "
                              f"[dim]({finding.rule} @ {finding.path})[/]", markup=True)
        summary = (f"{len(findings)} ממצאים." if language == "he" else f"{len(findings)} findings.")
        out_console.print(summary)
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def export(
    calendar: Annotated[Path, typer.Argument(help="Calendar file (YAML or JSON).")],
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="ics for calendar apps, csv with "
                                                        "headers, hootsuite for its bulk composer.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write; printed when "
                                                "omitted.")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Only this channel's posts (Hootsuite takes "
                                                "one file per social profile).")] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of ICS descriptions.")] = Language.en,
) -> None:
    """Export the calendar as ICS, a CSV with headers, or Hootsuite's bulk CSV."""
    from socialplan.calendar.exports import calendar_to_csv, calendar_to_hootsuite, calendar_to_ics

    loaded = _calendar(calendar)
    if channel is not None:
        if not any(e.channel == channel for e in loaded.entries):
            fail(f"the calendar has no posts for the channel {channel!r}")
        loaded = loaded.model_copy(update={"entries": [e for e in loaded.entries if e.channel == channel]})
    data: str | bytes
    if output_format is ExportFormat.ics:
        data = calendar_to_ics(loaded, lang="he" if lang is Language.he else "en")
    elif output_format is ExportFormat.csv:
        data = calendar_to_csv(loaded)
    else:
        result = calendar_to_hootsuite(loaded)
        data = result.text
        if result.skipped:
            err_console.print(f"{len(result.skipped)} posts left out: no text yet, or a time that is not on a "
                              f"5-minute boundary (first: {result.skipped[0]}).")
    if output is None:
        out_console.out(data.decode("utf-8") if isinstance(data, bytes) else data, end="")
    else:
        _write(output, data, "export")
        err_console.print(f"Wrote {output}.")


def import_(
    file: Annotated[Path, typer.Argument(help="Bulk CSV from a scheduler or spreadsheet.")],
    plan: Annotated[Path, typer.Option("--plan", help="The plan the calendar runs.")],
    calendar: Annotated[Path, typer.Option("--calendar", help="Calendar file to add the posts to (created when "
                                           "missing).")],
    channel: Annotated[str | None, typer.Option("--channel", help="Channel for files without a channel "
                                                "column.")] = None,
    day_first: Annotated[bool, typer.Option("--day-first", help="Dates are DD/MM/YYYY (month first by "
                                            "default, as Hootsuite writes them).")] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help="Add the valid rows; without it nothing is "
                                          "written.")] = False,
) -> None:
    """Validate a bulk CSV row by row; with --confirm, add its valid rows to the calendar."""
    from socialplan.calendar.generate import default_timezone
    from socialplan.calendar.imports import bulk_import_apply, bulk_import_check
    from socialplan.calendar.io import calendar_to_json, calendar_to_yaml
    from socialplan.calendar.model import Calendar
    from socialplan.plan.io import PlanInputError

    loaded_plan = _plan(plan)
    target = (_calendar(calendar) if calendar.exists()
              else Calendar(plan=loaded_plan.business.name, timezone=default_timezone(loaded_plan)))
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"{file}: cannot read the file ({error.strerror})")
    try:
        report = bulk_import_check(data, str(file), calendar=target, plan=loaded_plan, channel=channel,
                                   day_first=day_first)
    except PlanInputError as error:
        fail(str(error))
    for problem in report.problems:
        out_console.print(f"{file}:{problem.line}: {problem.field}: {problem.message.en}", markup=False)
    bad_rows = sum(1 for row in report.rows if row.problems)
    out_console.print(f"{len(report.valid)} valid rows, {bad_rows} rows with problems "
                      f"({report.layout} layout).", markup=False)
    if not confirm:
        out_console.print("Nothing written: run again with --confirm to add the valid rows.", markup=False)
        if bad_rows:
            raise typer.Exit(EXIT_FINDINGS)
        return
    if not report.valid:
        fail("no valid rows to add")
    updated = bulk_import_apply(target, report)
    text = calendar_to_json(updated) if calendar.suffix == ".json" else calendar_to_yaml(updated)
    _write(calendar, text, "calendar")
    out_console.print(f"Added {len(report.valid)} posts to {calendar}.", markup=False)


def _store_posts(url: str) -> object:
    """The canonical posts table of the analytics store, as a pandas frame."""
    from socialplan.measure.store import AnalyticsStore

    try:
        with AnalyticsStore.open(url) as store:
            return store.table("posts").to_pandas()
    except Exception as error:  # any backend's connection or query error becomes one line
        fail(f"cannot read the posts from the analytics store {url}: {error}")


def adherence(
    calendar: Annotated[Path, typer.Argument(help="Calendar file (YAML or JSON).")],
    store: Annotated[str, typer.Option("--store", help="Analytics store URL holding the imported posts.")],
    window_hours: Annotated[float, typer.Option("--window-hours", min=0.5, max=168, help="How far from the "
                                                "planned time a post can still be the planned one.")] = 24.0,
    late_minutes: Annotated[float, typer.Option("--late-after", min=0, help="Minutes after the planned time "
                                                "that count as late.")] = 60.0,
) -> None:
    """Planned against actual: published on time, late, skipped, upcoming, and unplanned posts."""
    from socialplan.calendar.actual import MatchOptions, calendar_adherence

    loaded = _calendar(calendar)
    posts = _store_posts(store)
    report = calendar_adherence(loaded, posts, options=MatchOptions(window_hours=window_hours,
                                                                    late_after_minutes=late_minutes))
    for result in report.results:
        if result.status in ("late", "skipped", "unplanned"):
            what = result.entry_id or f"{result.platform} post {result.post_id}"
            delay = f" ({result.delay_minutes:+.0f} min)" if result.delay_minutes is not None else ""
            out_console.print(f"{result.status}: {what}{delay}", markup=False)
    counts = ", ".join(f"{report.count(s)} {s.replace('_', ' ')}"
                       for s in ("on_time", "late", "skipped", "upcoming", "unplanned"))
    rate = report.adherence_rate
    out_console.print(counts + (f"; {rate:.0%} of the posts due were published." if rate is not None else "."),
                      markup=False)
