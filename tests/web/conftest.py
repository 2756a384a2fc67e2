"""Django for the web tests: test settings, a throw-away data directory, shared fixtures.

Set here rather than in pyproject so the rest of the suite runs without Django. The
database is SQLite unless ``DATABASE_URL`` names another (CI sets a PostgreSQL one).
"""

from __future__ import annotations

import os
import tempfile

import pytest

_DATA_DIR = tempfile.TemporaryDirectory(prefix="socialplan-web-test-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings.test")
os.environ.setdefault("SOCIALPLAN_DATA_DIR", _DATA_DIR.name)

# An autouse fixture: each test its own data directory and an empty cache.
from .web_helpers import own_data_dir_and_empty_cache  # noqa: E402, F401


def pytest_configure(config: pytest.Config) -> None:
    # pytest-django looks for settings before this conftest loads, so it skipped the set-up;
    # do it now (its helper also blocks database access outside tests marked for it).
    import django
    from pytest_django.plugin import _setup_django

    django.setup()
    _setup_django(config)


@pytest.fixture
def two_workspaces(db: None) -> dict[str, object]:
    """Workspace A (owner, editor, viewer) and workspace B (its own owner), one plan each."""
    from django.contrib.auth.models import User

    from socialplan.plan.model import Business, Plan
    from socialplan.web import services

    users = {
        name: User.objects.create_user(name, password="a long enough pass phrase")
        for name in ("owner_a", "editor_a", "viewer_a", "owner_b")
    }
    ws_a = services.workspace_create(name="Bakery A", owner=users["owner_a"])
    ws_b = services.workspace_create(name="Clinic B", owner=users["owner_b"])
    services.membership_add(workspace=ws_a, user=users["editor_a"], role="editor")
    services.membership_add(workspace=ws_a, user=users["viewer_a"], role="viewer")
    plan_a = services.plan_create(
        workspace=ws_a, plan=Plan(business=Business(name="Bakery A")), author=users["owner_a"]
    )
    plan_b = services.plan_create(
        workspace=ws_b, plan=Plan(business=Business(name="Clinic B")), author=users["owner_b"]
    )
    return {**users, "ws_a": ws_a, "ws_b": ws_b, "plan_a": plan_a, "plan_b": plan_b}
