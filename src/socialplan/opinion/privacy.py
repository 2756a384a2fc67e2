"""Privacy for mentions: pseudonymous authors on import, and a retention period for raw texts.

Pseudonyms are keyed hashes (HMAC-SHA256 with the workspace secret): the same handle always
gets the same pseudonym inside a workspace, so repeat authors can still be counted, but without
the secret nobody can test a guessed handle against the stored value, as they could against a
plain hash.

Retention removes the words people wrote and keeps what was measured: ``mentions_retention``
scores any unscored old mention first, then empties ``text`` of mentions older than the
retention period, so sentiment counts, net sentiment and share of voice do not change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Final

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis import _
from ibis.backends import BaseBackend

from socialplan.opinion.measures import mentions_score

PSEUDONYM_PREFIX: Final = "anon:"
_MIN_SECRET_BYTES: Final = 16


def _check_secret(secret: bytes) -> None:
    if len(secret) < _MIN_SECRET_BYTES:
        raise ValueError(f"the workspace secret must be at least {_MIN_SECRET_BYTES} bytes long")


def author_pseudonym(handle: str, secret: bytes) -> str:
    """``anon:`` and 16 hex digits; case and a leading ``@`` do not change the result."""
    _check_secret(secret)
    normalised = handle.strip().lstrip("@").casefold()
    digest = hmac.new(secret, normalised.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:16]


def mentions_pseudonymise(mentions: pd.DataFrame, secret: bytes) -> pd.DataFrame:
    """A copy with every ``author`` replaced by its pseudonym (already pseudonymous ones kept)."""
    _check_secret(secret)
    result = mentions.copy()
    result["author"] = [
        author
        if author is None or pd.isna(author) or str(author).startswith(PSEUDONYM_PREFIX)
        else author_pseudonym(str(author), secret)
        for author in result["author"]
    ]
    return result


def retention_cutoff(days: int, now: dt.datetime) -> dt.datetime:
    if days < 0:
        raise ValueError(f"the retention period must be zero or more days, not {days}")
    return now - dt.timedelta(days=days)


def mentions_expire(mentions: ir.Table, *, days: int, now: dt.datetime) -> ir.Table:
    """The mentions with ``text`` emptied (null) where ``published_at`` is before now − days."""
    cutoff = retention_cutoff(days, now)
    return mentions.mutate(text=ibis.ifelse(_.published_at < cutoff, ibis.null("string"), _.text))


def mentions_retention(connection: BaseBackend, *, days: int, now: dt.datetime, table: str = "mentions") -> int:
    """Apply the retention period to a store table; returns how many texts were removed.

    Old mentions that were never scored are scored before their text goes, and the table is
    replaced in one statement, so a failure leaves the previous table intact.
    """
    cutoff = retention_cutoff(days, now)
    mentions = connection.table(table)
    expiring = mentions.filter((_.published_at < cutoff) & _.text.notnull())
    count = int(expiring.count().to_pyarrow().as_py())
    if count == 0:
        return 0
    unscored = expiring.filter(_.sentiment_label.isnull() | _.sentiment_score.isnull()).count().to_pyarrow().as_py()
    if unscored:
        frame = mentions_score(mentions.to_pandas())
        connection.create_table(table, ibis.memtable(frame).cast(mentions.schema()), overwrite=True)
        mentions = connection.table(table)
    connection.create_table(table, mentions_expire(mentions, days=days, now=now), overwrite=True)
    return count
