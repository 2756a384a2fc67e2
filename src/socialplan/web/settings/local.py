"""``socialplan serve`` on a loopback address: plain HTTP, so cookies cannot be ``Secure``.

Anything reachable from another machine belongs behind TLS with ``production`` settings.
"""

from __future__ import annotations

from socialplan.web.settings.base import *  # noqa: F403 (settings modules extend each other)
