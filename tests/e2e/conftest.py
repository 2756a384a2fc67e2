"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from ..conftest import AXE

_DATA_DIR = tempfile.TemporaryDirectory(prefix="socialplan-e2e-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings.test")
os.environ.setdefault("SOCIALPLAN_DATA_DIR", _DATA_DIR.name)
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous, so Django's guard against async contexts does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# An autouse fixture: each test its own data directory and an empty cache.
from ..web.web_helpers import own_data_dir_and_empty_cache  # noqa: E402, F401

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def pytest_configure(config: pytest.Config) -> None:
    import django
    from pytest_django.plugin import _setup_django

    django.setup()
    _setup_django(config)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
