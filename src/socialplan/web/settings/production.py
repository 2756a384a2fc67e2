"""Behind TLS (a reverse proxy terminating HTTPS): secure cookies, HSTS, HTTPS redirect."""

from __future__ import annotations

from socialplan.web.settings.base import *  # noqa: F403 (settings modules extend each other)

SECURE_SSL_REDIRECT = True
# The proxy in front tells Django the request came over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
