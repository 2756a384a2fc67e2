"""Fixtures shared by every test package."""

from __future__ import annotations

import datetime as dt
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
