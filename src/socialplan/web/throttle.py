"""Login throttling: a few failed attempts per account and per client address, then a pause.

Kept small and in the cache (a database table in deployments, so every server process
counts together) instead of adding django-axes: the app needs one rule, not a lockout
framework with its own models and admin.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def login_keys(request: HttpRequest, username: str) -> tuple[str, str]:
    """Cache keys counting failures for this account and for this client address."""
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    address = request.META.get("REMOTE_ADDR", "unknown")
    return f"login-fail:user:{account}", f"login-fail:addr:{address}"


def login_blocked(keys: tuple[str, ...]) -> bool:
    limit: int = settings.SOCIALPLAN_LOGIN_ATTEMPTS
    return any((cache.get(key) or 0) >= limit for key in keys)


def login_failed(keys: tuple[str, ...]) -> None:
    window: int = settings.SOCIALPLAN_LOGIN_WINDOW_SECONDS
    for key in keys:
        # add() starts the window at the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)


def login_succeeded(keys: tuple[str, ...]) -> None:
    # Only the account's counter: a shared office address keeps its count.
    cache.delete(keys[0])
