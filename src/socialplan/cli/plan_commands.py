"""Plan commands: draft, review, schema, explain, validate and demo."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from socialplan.i18n import Lang

if TYPE_CHECKING:
    from socialplan.plan.model import Plan

# Exit codes shared by every command: 0 fine, 1 the plan has errors, 2 the input is unusable.
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


class Language(StrEnum):
    en = "en"
    he = "he"


class ReviewFormat(StrEnum):
    text = "text"
    json = "json"


def fail(message: str) -> NoReturn:
    """Print a one-line error (no traceback) and exit with the bad-input code."""
    err_console.print(f"[bold red]error:[/] {message}", markup=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
    app.command("review")(review)
    app.command("validate")(validate)
    app.command("schema")(schema)
    app.command("explain")(explain)
    app.command("demo")(demo)


def draft(
    profile: Annotated[Path, typer.Argument(help="Business profile (YAML or JSON).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Where to write the plan (YAML; .json for "
                                                "JSON). Printed when omitted.")] = None,
) -> None:
    """Draft a complete plan from a business profile."""
    from socialplan.advise.draft import plan_draft
    from socialplan.plan.io import PlanInputError, load_profile, plan_to_json, plan_to_yaml, write_text_atomic

    try:
        loaded = load_profile(profile)
    except PlanInputError as error:
        fail(str(error))
    plan = plan_draft(loaded)
    text = plan_to_json(plan) if output is not None and output.suffix == ".json" else plan_to_yaml(plan)
    if output is None:
        out_console.out(text, end="")
        return
    try:
        write_text_atomic(output, text)
    except OSError as error:
        fail(f"{output}: cannot write the plan ({error.strerror})")
    err_console.print(f"Drafted {len(plan.goals)} goals, {len(plan.strategies)} strategies and "
                      f"{len(plan.channels)} channels into {output}.")


def _load_plan_or_exit(path: Path) -> Plan:
    # Imported here, not at the top, so `socialplan --help` does not load pydantic models.
    from socialplan.plan.io import PlanInputError, load_plan

    try:
        return load_plan(path)
    except PlanInputError as error:
        fail(str(error))


def review(
    plan: Annotated[Path, typer.Argument(help="Plan file (YAML or JSON).")],
    output_format: Annotated[ReviewFormat, typer.Option("--format", help="text for people, json for tools.")]
    = ReviewFormat.text,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the messages.")] = Language.en,
) -> None:
    """Review a plan against the seven steps; exit code 1 when an error is found."""
    from socialplan.advise.review import has_errors, plan_review
    from socialplan.method import load_method

    loaded = _load_plan_or_exit(plan)
    findings = plan_review(loaded)
    language: Lang = lang.value
    if output_format is ReviewFormat.json:
        out_console.out(json.dumps([f.as_dict(language) for f in findings], ensure_ascii=False, indent=2))
    else:
        method = load_method()
        labels = {"error": ("שגיאה", "red"), "warning": ("אזהרה", "yellow"), "info": ("לידיעה", "cyan")}
        current = None
        for finding in findings:
            if finding.step != current:
                current = finding.step
                step = method.step(finding.step)
                out_console.print(f"\n[bold]{step.number}. {step.title(language)}[/]", markup=True)
            word, colour = labels[finding.severity]
            label = word if language == "he" else finding.severity
            out_console.print(f"  [{colour}]{label}[/] {finding.message(language)}  "
                              f"[dim]({finding.rule} @ {finding.path})[/]", markup=True)
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        if language == "he":
            summary = f"{counts['error']} שגיאות, {counts['warning']} אזהרות, {counts['info']} הערות לידיעה."
        else:
            summary = f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes."
        out_console.print(f"\n{summary}")
    if has_errors(findings):
        raise typer.Exit(EXIT_FINDINGS)


def validate(plan: Annotated[Path, typer.Argument(help="Plan file (YAML or JSON).")]) -> None:
    """Check that a plan file is well formed, without reviewing its content."""
    loaded = _load_plan_or_exit(plan)
    out_console.print(f"{plan}: a valid plan for {loaded.business.name} (schema version {loaded.schema_version}).")


def schema(
    kind: Annotated[str, typer.Argument(help="plan or profile")] = "plan",
) -> None:
    """Print the JSON Schema of a plan (or of a business profile)."""
    from socialplan.plan.schema import plan_json_schema, profile_json_schema

    if kind not in ("plan", "profile"):
        fail(f"unknown schema {kind!r}: choose plan or profile")
    document = plan_json_schema() if kind == "plan" else profile_json_schema()
    out_console.out(json.dumps(document, ensure_ascii=False, indent=2))


def explain(
    topic: Annotated[str, typer.Argument(help="A step (1-7 or its id, e.g. fuel) or a review rule id "
                                         "(e.g. fuel.dedicated-team).")],
    lang: Annotated[Language, typer.Option("--lang", help="Language of the explanation.")] = Language.en,
) -> None:
    """Explain a step of the method, or why a review rule exists."""
    from socialplan.advise.explain import explain_text

    try:
        text = explain_text(topic, lang.value)
    except KeyError as error:
        fail(str(error.args[0]))
    out_console.out(text)


def demo(
    lang: Annotated[Language, typer.Option("--lang", help="Which example to show.")] = Language.en,
) -> None:
    """Draft and review a bundled example plan: a first look at what socialplan does."""
    from socialplan.advise.draft import plan_draft
    from socialplan.advise.review import plan_review
    from socialplan.examples import example_profile
    from socialplan.i18n import Text
    from socialplan.method import load_method

    profile = example_profile(lang.value)
    plan = plan_draft(profile)
    findings = plan_review(plan)
    language: Lang = plan.language
    out_console.print(f"[bold]{plan.business.name}[/]", markup=True)
    for goal in plan.goals:
        out_console.print(f"  • {goal.title}")
    per = {"day": Text(en="a day", he="ביום"), "week": Text(en="a week", he="בשבוע"),
           "month": Text(en="a month", he="בחודש")}
    method = load_method()
    strategies = ", ".join(method.strategy(s.id).name(language) for s in plan.strategies)
    channels = ", ".join(
        f"{c.name or c.id} ({c.cadence.posts:g} {per[c.cadence.per](language)})" for c in plan.channels
    )
    out_console.print(f"  {strategies} | {channels}")
    worst = [f for f in findings if f.severity != "info"][:5]
    for finding in worst:
        out_console.print(f"  [{finding.severity}] {finding.message(language)}")
    errors = sum(f.severity == "error" for f in findings)
    summary = Text(en="{count} findings, {errors} of them errors.", he="{count} ממצאים, מהם {errors} שגיאות.")
    out_console.print(summary.format(count=len(findings), errors=errors)(language))
