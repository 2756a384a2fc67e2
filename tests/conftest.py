"""Fixtures shared by every test package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
# The date the example plans were drafted on (their profiles' ``as_of``): reviews of the
# examples use it so deadlines do not expire as the calendar moves on.
EXAMPLES_AS_OF = dt.date(2026, 12, 1)


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared data folder {SHARED_DATA} is absent on this machine")
    return SHARED_DATA


# The real browser the browser tests drive (tests/e2e and the calendar's): one per session, shared,
# because Playwright's sync API allows one running instance per thread.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread for as long as the browser lives, and
    # Django refuses ORM calls under a running loop: every fixture that touches the database while
    # the browser is open (users made for a test, pytest-django's flush after it) must be allowed
    # to stay synchronous. Set here, for the browser's lifetime, so a browser test passes alone as
    # well as after the others.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
