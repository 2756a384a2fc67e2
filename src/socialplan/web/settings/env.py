"""The one object through which the settings read the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = "./socialplan-data"
SECRET_KEY_FILE = "secret_key"
_TRUE = {"1", "true", "yes", "on"}


class WebEnvError(ValueError):
    """An environment variable holds a value the web app cannot use."""


@dataclass(frozen=True)
class WebEnv:
    data_dir: Path
    database_url: str
    signup: bool
    demo: bool
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    secret_key_override: str | None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> WebEnv:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("SOCIALPLAN_DATA_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()
        database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'socialplan.sqlite3'}"
        hosts = _split(env.get("SOCIALPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost"))
        return cls(
            data_dir=data_dir,
            database_url=database_url,
            signup=_flag(env, "SOCIALPLAN_SIGNUP", default=False),
            demo=_flag(env, "SOCIALPLAN_DEMO", default=False),
            allowed_hosts=hosts,
            csrf_trusted_origins=_split(env.get("SOCIALPLAN_CSRF_TRUSTED_ORIGINS", "")),
            secret_key_override=env.get("SOCIALPLAN_SECRET_KEY") or None,
        )

    def secret_key(self) -> str:
        """The key from the environment, else the one kept in the data directory (made once)."""
        if self.secret_key_override:
            return self.secret_key_override
        return secret_key_load(self.data_dir)


def secret_key_load(data_dir: Path) -> str:
    """Read the secret key from ``data_dir``, generating it (mode 0600) the first time.

    The key lives beside the database, never in the repository, so each installation has
    its own and a restart keeps sessions valid.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_KEY_FILE
    try:
        # O_EXCL: two processes starting at once must not overwrite each other's key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="utf-8").strip()
        if len(key) < 50:
            raise WebEnvError(f"{path}: the secret key is shorter than 50 characters") from None
        return key
    key = secrets.token_urlsafe(64)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise WebEnvError(f"{name}={raw!r}: use 1 or 0 (true/false, yes/no, on/off)")


def _split(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())
