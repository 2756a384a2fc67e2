"""Per-post rollups: every post's lifetime values and cascade, kept beside the canonical tables.

Why: a post's lifetime value of each metric (:func:`socialplan.measure.metrics.post_values`)
and its cascade (:mod:`socialplan.measure.wom`) depend on the post alone, never on the window
or the filters that ask. Computing them reads every post observation (10 M rows in the
benchmark) and every edge; a dashboard asks for many periods and filters of the same store.
So the rollup computes both once per store state, in the analytics DuckDB file (schema
``socialplan_rollup``), and a query joins the few thousand posts it needs to it. Mentions are
kept per day and platform as well (:class:`~socialplan.measure.metrics.MentionDays`): the
counts, and each author of a brand mention once per day, so a window's distinct authors are
counted over a few rows per day instead of every mention, and still counted distinct.

Rules that keep every number what the canonical tables give:

- **Fresh or unused.** The rollup records the store's fingerprint: the imports in ``imports``
  (an undo removes its import), the row counts of the tables it reads, and
  :data:`ROLLUP_VERSION`. Each use compares it (one small query) and rebuilds when it differs,
  so a new import or an undo is never answered from an older rollup.
- **Only what changed is rebuilt.** Each part (post values, cascades, mentions per day) also
  records a fingerprint of its own inputs: their row counts and the imports their rows come
  from. A rebuild recomputes the parts whose inputs changed and keeps the others, so a GA4 file
  rebuilds nothing, a mentions file only the mention days, and a posts export skips them.
- **Nothing summed that must not be.** It stores each post's own values, the output of the
  engine's rules; windows still aggregate posts exactly as they do from the canonical tables
  (reach per post is never added up, a lower bound stays a lower bound).
- **Filters as the engine applies them.** Channel and account filters narrow a post's
  observations; the rollup keeps a row per post and platform its observations carry, so a
  filter picks rows. A post whose observations span several platforms (no real export does
  that: an account lives on one network) makes the rollup decline every question, which is
  then computed from the canonical tables.
- **DuckDB only.** The rollup is written into the store's own file; on other backends, or
  when the file cannot be written, :class:`PostReads` computes from the canonical tables,
  narrowed to the posts of the days asked about.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any, Final

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from socialplan.measure.metrics import (
    POST_VALUE_COLUMNS,
    ROLLUP_SCHEMA,
    CohortShape,
    Filters,
    MentionDays,
    Tables,
    _post_values,
    cohort_join,
    mention_day_authors,
    mention_day_counts,
    post_values,
    posts_published,
)
from socialplan.measure.store import stored_name
from socialplan.measure.wom import CascadeStats, cascade_stats, cascade_walk

# Raise when what the rollup stores, or how it is computed, changes: files built by an older
# version are then rebuilt on first use instead of answering with the old rules.
ROLLUP_VERSION: Final = 5
SCHEMA: Final = ROLLUP_SCHEMA
# The canonical tables the rollup is computed from (their row counts are in the fingerprint).
_READS: Final = ("posts", "post_metrics", "interaction_edges", "mentions")
# Each part of the rollup and the canonical tables it is computed from.
_PARTS: Final[dict[str, tuple[str, ...]]] = {
    "values": ("post_metrics",),
    "cascades": ("posts", "interaction_edges"),
    "mentions": ("mentions",),
}


@dataclass(frozen=True)
class PostRollup:
    """The rollup tables of a store, fresh for its current state (see :func:`post_rollup`)."""

    values: ir.Table  # platform, account_id, post_id, the lifetime value columns
    cascades: ir.Table  # platform, post_id, size, depth, wiener
    mixed_platforms: bool  # some post's observations carry several platforms
    fingerprint: str
    mention_days: MentionDays  # mention counts and brand authors per day and platform

    def post_values(self, filters: Filters) -> ir.Table | None:
        """What ``post_values(tables, filters)`` gives, from the rollup; None when it cannot say
        (a post observed on two platforms has two rows here, one value there)."""
        if self.mixed_platforms:
            return None
        values = self.values
        if filters.platforms:
            values = values.filter(values.platform.isin(list(filters.platforms)))
        if filters.accounts:
            values = values.filter(values.account_id.isin(list(filters.accounts)))
        return values.select("account_id", "post_id", *POST_VALUE_COLUMNS)

    def cascade_stats(self, posts: ir.Table) -> CascadeStats:
        """The cascade of each post of ``posts`` (already filtered) as ``cascade_stats`` gives it."""
        cascades = self.cascades
        joined = posts.select("platform", "post_id", day=posts.published_at.date()).left_join(
            cascades, ["platform", "post_id"]
        )
        # A post the rollup lacks has no key to hash (a null platform or id): a lone node.
        rows = joined.select(
            "day",
            size=joined.size.fill_null(1),
            depth=joined.depth.fill_null(0),
            wiener=joined.wiener.fill_null(0.0),
        ).to_pyarrow()
        return CascadeStats(
            published=np.asarray(rows["day"].to_numpy(zero_copy_only=False), dtype="datetime64[D]"),
            size=np.asarray(rows["size"].to_numpy(zero_copy_only=False), dtype=np.int64),
            depth=np.asarray(rows["depth"].to_numpy(zero_copy_only=False), dtype=np.int64),
            wiener=np.asarray(rows["wiener"].to_numpy(zero_copy_only=False), dtype=np.float64),
        )


def _store_backend(tables: Tables) -> Any | None:
    """The DuckDB backend whose canonical tables these are, or None (another backend, or
    tables already narrowed to a subset: a rollup of the whole store would not match them)."""
    backends = set()
    for name in _READS:
        op = getattr(tables, name).op()
        if not isinstance(op, ops.DatabaseTable) or op.name != name:
            return None
        backends.add(id(op.source))
    if len(backends) != 1:
        return None
    backend = ibis.get_backend(tables.posts)
    return backend if backend.name == "duckdb" else None


def store_fingerprint(raw: Any) -> str:
    """Changes with every import or undo (the ``imports`` table) and every row count read.

    Counted on the stored rows where the store keeps codes (``<table>__rows``: the views count
    the same rows, but through their joins, about 45 ms for 10 M rows against nothing), since
    every use of the rollup asks this first."""
    present = _table_names(raw)
    counts = ", ".join(f"(SELECT count(*) FROM {_stored(name, present)})" for name in _READS)
    row = raw.execute(
        f"SELECT {counts}, (SELECT count(*) FROM imports), "
        "(SELECT coalesce(string_agg(import_id, ',' ORDER BY import_id), '') FROM imports)"
    ).fetchone()
    return hashlib.sha256(f"v{ROLLUP_VERSION}:{row}".encode()).hexdigest()


def _table_names(raw: Any) -> set[str]:
    rows = raw.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    return {str(row[0]) for row in rows.fetchall()}


def _stored(name: str, present: set[str]) -> str:
    """The table holding ``name``'s rows: the store's coded table when this file has it (a
    connection filled by other tools has plain tables)."""
    coded = stored_name(name)
    return coded if coded in present else name


def post_rollup(tables: Tables, *, build: bool = True) -> PostRollup | None:
    """The store's rollup, built or rebuilt first when the store changed; None on other backends
    or when it cannot be written (a read-only file): callers then read the canonical tables.

    ``build=False`` only returns a rollup that is already fresh: a one-off report costs less
    read directly than building a rollup first (which pays off from the next question on).
    """
    import duckdb

    backend = _store_backend(tables)
    if backend is None:
        return None
    raw = backend.con
    try:
        fingerprint = store_fingerprint(raw)
        meta = None
        if raw.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = 'meta'", [SCHEMA]
        ).fetchone():
            meta = raw.execute(f"SELECT fingerprint, mixed_platforms FROM {SCHEMA}.meta").fetchone()
        if meta is None or meta[0] != fingerprint:
            if not build:
                return None
            meta = (fingerprint, _build(tables, backend, fingerprint))
    except duckdb.Error:
        # Read-only file, or another connection of this process rebuilding it at the same
        # moment (a write conflict): this question is answered from the canonical tables.
        return None
    return PostRollup(
        values=backend.table("post_values", database=SCHEMA),
        cascades=backend.table("cascades", database=SCHEMA),
        mixed_platforms=bool(meta[1]),
        fingerprint=fingerprint,
        mention_days=MentionDays(
            counts=backend.table("mention_counts", database=SCHEMA),
            authors=backend.table("mention_authors", database=SCHEMA),
        ),
    )


def part_fingerprints(raw: Any) -> dict[str, str]:
    """A fingerprint per rollup part: the row counts of its input tables and the imports their
    rows come from. Read from the stored rows where the store keeps codes (``<table>__rows``:
    the distinct import codes of 10 M rows in about 10 ms, against 140 ms through the view)."""
    present = _table_names(raw)
    found: dict[str, str] = {}
    for part, inputs in _PARTS.items():
        states = []
        for name in inputs:
            stored = _stored(name, present)
            states.append(
                raw.execute(
                    f"SELECT count(*), (SELECT coalesce(string_agg(import_id::VARCHAR, ',' ORDER BY import_id), '') "
                    f"FROM (SELECT DISTINCT import_id FROM {stored})) FROM {stored}"
                ).fetchone()
            )
        found[part] = hashlib.sha256(f"v{ROLLUP_VERSION}:{part}:{states}".encode()).hexdigest()
    return found


def _stored_parts(raw: Any) -> dict[str, str]:
    """The part fingerprints of the rollup in the file (empty when it has none, or an older one)."""
    import duckdb

    try:
        row = raw.execute(f"SELECT parts FROM {SCHEMA}.meta WHERE version = ?", [ROLLUP_VERSION]).fetchone()
    except duckdb.Error:  # no rollup yet, or one from a version without parts
        return {}
    return dict(json.loads(row[0])) if row and row[0] else {}


def _build(tables: Tables, backend: Any, fingerprint: str) -> bool:
    """Compute and store the parts whose inputs changed, in one transaction; whether platforms
    are mixed."""
    raw = backend.con
    parts = part_fingerprints(raw)
    stored = _stored_parts(raw)
    stale = {part for part, state in parts.items() if stored.get(part) != state}
    cascades: pa.Table | None = None
    if "cascades" in stale:
        posts = tables.posts
        keys, size, depth, wiener = cascade_walk(
            posts, tables.interaction_edges, {"platform": posts.platform, "post_id": posts.post_id}
        )
        cascades = keys.append_column("size", pa.array(size)).append_column("depth", pa.array(depth))
        cascades = cascades.append_column("wiener", pa.array(wiener))
    raw.execute("BEGIN TRANSACTION")
    try:
        raw.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        if "values" in stale:
            # One row per post and platform its observations carry: a platform filter picks rows.
            values = backend.compile(_post_values(tables, Filters(), by_platform=True))
            raw.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.post_values AS {values}")
        if "mentions" in stale:
            # Mentions per day: a window's counts add up its days; its distinct authors are counted
            # over the days' author rows (a few per day instead of every mention, and integers).
            counts = backend.compile(mention_day_counts(tables.mentions))
            raw.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.mention_counts AS {counts} ORDER BY day")
            authors = backend.compile(mention_day_authors(tables.mentions))
            raw.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.mention_authors AS {authors} ORDER BY day")
        if cascades is not None:
            raw.register("_rollup_cascades", cascades)
            # A post's cascade depends on its (platform, id) only: repeated keys carry equal rows.
            raw.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.cascades AS SELECT DISTINCT * FROM _rollup_cascades")
            raw.unregister("_rollup_cascades")
        # A post on two rows has observations on two platforms (see PostRollup.post_values).
        found = raw.execute(
            f"SELECT count(*) > count(DISTINCT (account_id, post_id)) FROM {SCHEMA}.post_values"
        ).fetchone()
        mixed = bool(found and found[0])
        raw.execute(
            f"CREATE OR REPLACE TABLE {SCHEMA}.meta AS SELECT ? AS fingerprint, ? AS version, "
            "? AS mixed_platforms, current_timestamp AS built_at, ? AS parts, ? AS rebuilt",
            [fingerprint, ROLLUP_VERSION, mixed, json.dumps(parts), ",".join(sorted(stale))],
        )
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return mixed


class PostReads:
    """The posts of the filters published between two days, with lifetime values and cascades,
    each read once and shared by every query that asks.

    From the rollup when there is one (a join of the posts asked with it), else from the
    canonical tables narrowed to those posts first, so a year of observations is not
    aggregated to show a few weeks. ``days`` None reads every post.
    """

    def __init__(
        self,
        tables: Tables,
        filters: Filters,
        days: tuple[dt.date, dt.date] | None,
        rollup: PostRollup | None,
    ):
        self.tables = tables
        self.filters = filters
        self.days = days
        self.posts = posts_published(tables, filters, days)
        self._rollup_values = rollup.post_values(filters) if rollup is not None else None
        self._rollup = rollup
        self._values: ir.Table | None = None
        self._cached: list[Any] = []
        self._cascades: CascadeStats | None = None

    def covers(self, first: dt.date, last: dt.date) -> bool:
        return self.days is None or (self.days[0] <= first and last <= self.days[1])

    def values(self) -> ir.Table:
        """``post_values`` of the posts read (account_id, post_id, one column per value)."""
        if self._values is None:
            if self._rollup_values is not None:
                self._values = self._rollup_values
            else:
                keys = self.posts.select("account_id", "post_id")
                pm = self.tables.post_metrics
                narrowed = replace(self.tables, post_metrics=pm.semi_join(keys, ["account_id", "post_id"]))
                cached = post_values(narrowed, self.filters).cache()
                self._cached.append(cached)
                self._values = cached
        return self._values

    def cohort(self) -> ir.Table:
        """What ``post_cohort`` gives for these posts."""
        return cohort_join(self.posts, self.values())

    def shape(self) -> CohortShape:
        """How :meth:`cohort` is made, for reusing the engine's compiled query on other days."""
        return CohortShape("rollup" if self._rollup_values is not None else "canonical", self.days)

    def cascades(self) -> CascadeStats:
        if self._cascades is None:
            if self._rollup is not None:
                self._cascades = self._rollup.cascade_stats(self.posts)
            else:
                self._cascades = cascade_stats(replace(self.tables, posts=self.posts), self.filters)
        return self._cascades

    def keep(self, cached: Any) -> None:
        """A table cached from these posts elsewhere, to drop with them (``release``)."""
        self._cached.append(cached)

    def release(self) -> None:
        """Drop what was cached in the backend (temporary tables)."""
        for cached in self._cached:
            cached.release()
        self._cached.clear()
        self._values = None
