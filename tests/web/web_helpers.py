"""Small helpers shared by the web tests."""

from __future__ import annotations

from typing import Any

from django.test import Client


def client_for(user: Any, lang: str | None = None) -> Client:
    """A test client signed in as ``user``, asking for ``lang`` when given."""
    client = Client()
    client.force_login(user)
    if lang is not None:
        client.cookies["django_language"] = lang
    return client
