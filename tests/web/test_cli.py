"""``socialplan createuser`` in-process, and ``socialplan serve --demo`` as a real server."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

from socialplan.cli.app import app
from socialplan.cli.web_commands import gunicorn_command, server_commands
from socialplan.web.models import Membership

SRC = Path(__file__).resolve().parents[2] / "src"
STRONG = "a sturdy pass phrase for tests"


@pytest.mark.django_db(transaction=True)
def test_createuser_makes_an_account_and_its_workspace() -> None:
    result = CliRunner().invoke(
        app, ["createuser", "dana", "--workspace", "Dana's bakery", "--password-stdin"], input=STRONG + "\n"
    )
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="dana")
    assert user.check_password(STRONG)
    assert Membership.objects.get(user=user).role == "owner"


@pytest.mark.django_db(transaction=True)
def test_createuser_refuses_a_weak_password_with_exit_code_2() -> None:
    result = CliRunner().invoke(app, ["createuser", "sam", "--password-stdin"], input="12345678\n")
    assert result.exit_code == 2
    assert "too weak" in result.output
    assert "Traceback" not in result.output
    assert not User.objects.filter(username="sam").exists()


def test_the_server_command_binds_where_asked() -> None:
    command = gunicorn_command("127.0.0.1", 8123, 3)
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert command[command.index("--workers") + 1] == "3"
    assert "socialplan.web.wsgi:application" in command


def test_serve_runs_a_task_worker_beside_the_server_when_the_app_queues_work() -> None:
    alone = server_commands("127.0.0.1", 8000, 2, with_task_worker=False)
    both = server_commands("127.0.0.1", 8000, 2, with_task_worker=True)
    assert len(alone) == 1
    assert both[0] == alone[0]
    assert both[1][-1] == "db_worker"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_serve_demo_starts_a_real_server_with_the_demo_workspaces(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SOCIALPLAN_", "DATABASE_URL"))}
    env.update({"PYTHONPATH": str(SRC), "SOCIALPLAN_DATA_DIR": str(tmp_path / "data")})
    log_path = tmp_path / "server.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from socialplan.cli.app import main; main()",
            "serve",
            "--demo",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = ""
        for _ in range(240):
            try:
                with opener.open(f"{base}/accounts/login/", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, log_path.read_text(errors="replace")
                time.sleep(0.5)
        match = re.search(r"<strong>(\w+)</strong>.*?<code>([^<]+)</code>", page, re.S)
        assert match, page[:2000]
        username, password = match.groups()
        css = re.search(r'href="(/static/socialplan/app\.[0-9a-f]+\.css)"', page)
        assert css, "static files are served with hashed names in production mode"
        with opener.open(base + css.group(1)) as response:
            assert response.status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        )
        request = urllib.request.Request(f"{base}/accounts/login/", data=body.encode(), headers={"Referer": base})
        with opener.open(request) as response:
            workspaces = response.read().decode()
        # One workspace per demo business, named after it.
        assert "Crumb &amp; Co. Bakery" in workspaces
        assert "סטודיו נשימה" in workspaces
        secret = tmp_path / "data" / "secret_key"
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
        assert (tmp_path / "data" / "socialplan.sqlite3").exists()
        # The task worker beside the server keeps running (were it to fail, serve stops the server too).
        time.sleep(3)
        assert server.poll() is None, log_path.read_text(errors="replace")
        workers = subprocess.run(["pgrep", "-f", "-s", str(server.pid), "db_worker"], capture_output=True, text=True)
        assert workers.stdout.strip(), "no task worker is running"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
