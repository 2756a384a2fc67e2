"""The ``socialplan`` command: a thin layer that parses arguments and calls the core packages.

Each group of commands lives in its own module with a ``register(app)`` function, listed in
``COMMAND_MODULES``; the modules are imported lazily so ``socialplan --help`` stays fast and a
heavy dependency (Django, Ibis, Spark) loads only for the commands that need it.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES: tuple[str, ...] = (
    "socialplan.cli.plan_commands",
    "socialplan.cli.measure_commands",
    "socialplan.cli.export_commands",
    "socialplan.cli.opinion_commands",
    "socialplan.cli.web_commands",
    "socialplan.cli.calendar_commands",
)

app = typer.Typer(
    name="socialplan",
    help="Build, review, run and measure a strategic social media plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    app()
