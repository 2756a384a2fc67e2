from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from socialplan.web.settings.env import WebEnv, WebEnvError, secret_key_load

SRC = Path(__file__).resolve().parents[2] / "src"


def test_secret_key_is_generated_once_into_the_data_dir_with_owner_only_access(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    key = secret_key_load(data_dir)
    path = data_dir / "secret_key"
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key_load(data_dir) == key  # kept, not regenerated on the next start


def test_a_truncated_secret_key_file_is_an_error_not_a_weak_key(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    with pytest.raises(WebEnvError, match="shorter than 50"):
        secret_key_load(tmp_path)


def test_environment_is_read_through_one_object(tmp_path: Path) -> None:
    env = WebEnv.from_environ(
        {
            "SOCIALPLAN_DATA_DIR": str(tmp_path),
            "SOCIALPLAN_SIGNUP": "yes",
            "SOCIALPLAN_ALLOWED_HOSTS": "plan.example.org, 127.0.0.1",
        }
    )
    assert env.data_dir == tmp_path.resolve()
    assert env.database_url == f"sqlite:///{tmp_path.resolve() / 'socialplan.sqlite3'}"
    assert env.signup is True
    assert env.allowed_hosts == ("plan.example.org", "127.0.0.1")
    default = WebEnv.from_environ({"DATABASE_URL": "postgres://u@db:5432/sp"})
    assert default.database_url == "postgres://u@db:5432/sp"
    assert default.signup is False
    assert default.data_dir == Path("socialplan-data").resolve()


def test_a_flag_with_a_typo_is_refused() -> None:
    with pytest.raises(WebEnvError, match="SOCIALPLAN_SIGNUP"):
        WebEnv.from_environ({"SOCIALPLAN_SIGNUP": "ture"})


def _django(args: list[str], settings: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing the test session set (e.g. the browser tests' async flag) leaks in.
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SOCIALPLAN_"))}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": settings,
        "SOCIALPLAN_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(SRC),
    }
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True, check=False)


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    result = _django(["check", "--deploy", "--fail-level", "DEBUG"], "socialplan.web.settings.production", tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_local_settings_fail_check_deploy_so_the_test_above_means_something(tmp_path: Path) -> None:
    result = _django(["check", "--deploy", "--fail-level", "WARNING"], "socialplan.web.settings.local", tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS over plain HTTP


def test_production_policy_has_no_unsafe_inline_script() -> None:
    from django.conf import settings

    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


@pytest.mark.parametrize("module", ["local", "production", "test"])
def test_every_settings_module_names_the_database_task_backend(module: str, tmp_path: Path) -> None:
    # The backend lives in the settings, not in an app's ready(): `db_worker` and the web server
    # read the same value, and a deployment can override it where it overrides everything else.
    code = (
        "import importlib, os; m = importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE']);"
        "print(m.TASKS['default']['BACKEND']);"
        "import django; django.setup();"
        "from django_tasks import task_backends; b = task_backends['default'];"
        "print(type(b).__module__ + '.' + type(b).__name__)"
    )
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SOCIALPLAN_"))}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": f"socialplan.web.settings.{module}",
        "SOCIALPLAN_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(SRC),
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend", "django_tasks_db.backend.DatabaseBackend"]


def test_cached_pages_are_tied_to_the_code_that_made_them(tmp_path: Path) -> None:
    """The cache's key prefix follows the package's code, so an upgrade never serves a page
    (or unpickles an object) cached by the code before it."""
    from socialplan.web.settings import base
    from socialplan.web.settings.base import code_stamp

    assert base.CACHES["default"]["KEY_PREFIX"] == f"code-{code_stamp(base.WEB_DIR.parent)}"
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    first = code_stamp(package)
    assert code_stamp(package) == first
    (package / "sub" / "b.py").write_text("y = 3 \n")
    os.utime(package / "sub" / "b.py", ns=(1, 1))
    assert code_stamp(package) != first
