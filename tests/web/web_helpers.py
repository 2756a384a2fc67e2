"""Small helpers shared by the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client


def client_for(user: Any, lang: str | None = None) -> Client:
    """A test client signed in as ``user``, asking for ``lang`` when given."""
    client = Client()
    client.force_login(user)
    if lang is not None:
        client.cookies["django_language"] = lang
    return client


@pytest.fixture(autouse=True)
def own_data_dir_and_empty_cache(tmp_path: Path, settings: object) -> Iterator[None]:
    """Each test gets its own data directory and an empty cache. Database ids come back after a
    rollback, so a workspace's analytics file or cached pages must not outlive the test that made
    them (a later test's workspace with the same id would see them). Autouse in the web and
    browser test packages, whose conftests import it."""
    from django.core.cache import cache

    settings.SOCIALPLAN_DATA_DIR = str(tmp_path / "data")  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()
