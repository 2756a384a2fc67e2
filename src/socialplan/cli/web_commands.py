"""``socialplan serve`` and ``socialplan createuser``: start the web app, add an account.

The CLI does not import the web package: it names the Django settings module and runs
Django management commands (the web app's own ones for the demo and for accounts), so the
two front ends stay independent and Django loads only for these commands.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

DEFAULT_SETTINGS = "socialplan.web.settings.local"
PRODUCTION_SETTINGS = "socialplan.web.settings.production"
WSGI_APP = "socialplan.web.wsgi:application"

_err = Console(stderr=True)


def _django_ready(data_dir: Path | None, settings_module: str) -> None:
    if data_dir is not None:
        os.environ["SOCIALPLAN_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    try:
        django.setup()
    except Exception as error:  # a bad environment value or database URL: say it in one line
        _err.print(f"[red]error:[/red] cannot start Django: {error}")
        raise typer.Exit(2) from None


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The production WSGI server's command line."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        WSGI_APP,
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]


def serve(
    demo: Annotated[
        bool, typer.Option("--demo", help="Start with a demo account, example plans and their analytics.")
    ] = False,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Server processes.")] = 2,
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Data directory (database, secret key); default $SOCIALPLAN_DATA_DIR or ./socialplan-data."),
    ] = None,
    production: Annotated[
        bool, typer.Option("--production", help="Behind a TLS proxy: secure cookies, HSTS, HTTPS redirect.")
    ] = False,
) -> None:
    """Prepare the data directory and database, then serve the web app with gunicorn."""
    if demo:
        os.environ["SOCIALPLAN_DEMO"] = "1"
    _django_ready(data_dir, PRODUCTION_SETTINGS if production else DEFAULT_SETTINGS)
    from django.core.management import call_command

    with _err.status("Preparing the database…"):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
    with _err.status("Collecting static files…"):
        call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        with _err.status("Drafting the demo plans and importing their analytics…"):
            call_command("socialplan_demo")
    from django.conf import settings

    with_worker = "django_tasks_db" in settings.INSTALLED_APPS
    _err.print(f"socialplan is running at [bold]http://{host}:{port}/[/bold] (Ctrl+C stops it)")
    raise typer.Exit(_supervise(server_commands(host, port, workers, with_task_worker=with_worker)))


def server_commands(host: str, port: int, workers: int, *, with_task_worker: bool) -> list[list[str]]:
    """The processes ``serve`` runs: the WSGI server and, when the app queues work, a task worker."""
    commands = [gunicorn_command(host, port, workers)]
    if with_task_worker:
        # Long work (metric imports) runs as django-tasks kept in the database; this process runs it.
        commands.append([sys.executable, "-m", "django", "db_worker"])
    return commands


def _supervise(commands: list[list[str]]) -> int:
    """Run the processes together; when one ends or a stop signal comes, stop them all."""
    processes = [subprocess.Popen(command) for command in commands]

    def stop(signum: int, frame: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    finally:
        stop(signal.SIGTERM, None)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return next((p.returncode for p in processes if p.returncode not in (None, 0, -signal.SIGTERM)), 0)


def createuser(
    username: Annotated[str, typer.Argument(help="The new account's user name.")],
    workspace: Annotated[str, typer.Option(help="Also create a workspace with this name, owned by the user.")] = "",
    superuser: Annotated[bool, typer.Option("--superuser", help="Give the account every permission.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory; default $SOCIALPLAN_DATA_DIR.")] = None,
) -> None:
    """Create an account, for example the first one."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    _django_ready(data_dir, DEFAULT_SETTINGS)
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("migrate", interactive=False, verbosity=0)
        call_command(
            "socialplan_createuser",
            username=username,
            password=password,
            workspace=workspace,
            superuser=superuser,
        )
    except CommandError as error:
        _err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("createuser")(createuser)
