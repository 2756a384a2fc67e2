"""The analytics store: canonical tables (``socialplan.measure.schema``) behind an Ibis connection.

Opened by URL: a DuckDB file ``analytics.duckdb`` in the data directory by default, any Ibis
backend through ``SOCIALPLAN_ANALYTICS_URL`` (e.g. ``duckdb:///srv/analytics.duckdb``). Reads go
through Ibis, so metric definitions run on every backend. Writes are one transaction per file
on DuckDB: a failing file leaves nothing behind.

Safety rules, in the order ``write`` applies them:
- a file whose sha256 is already in ``imports`` changes nothing (reported as already imported);
- rows are replaced by their natural key, so overlapping exports never count a value twice;
  the replaced rows are kept in a ``<table>__superseded`` shadow table so ``undo`` brings
  them back;
- every row carries its ``import_id``; ``undo(import_id)`` removes exactly that import.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from socialplan.i18n import Text
from socialplan.measure.importers.base import ImportBatch, RowError
from socialplan.measure.schema import TABLES

ANALYTICS_URL_ENV = "SOCIALPLAN_ANALYTICS_URL"
DATA_DIR_ENV = "SOCIALPLAN_DATA_DIR"
DEFAULT_DATA_DIR = "./socialplan-data"
ANALYTICS_FILE = "analytics.duckdb"

# Natural keys: a row with the same key from a later import replaces the earlier one.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "accounts": ("account_id",),
    "posts": ("platform", "account_id", "post_id"),
    "post_metrics": ("platform", "account_id", "post_id", "metric", "grain", "date", "paid"),
    "account_daily": ("platform", "account_id", "date", "metric", "paid"),
    "web_sessions": ("date", "days", "source", "medium", "campaign", "channel_group"),
    "mentions": ("platform", "mention_id"),
    "interaction_edges": ("platform", "source_id", "target_id", "kind"),
}
# DuckDB threads for the bulk inserts of an import (see ``_bulk_insert``).
WRITE_THREADS = 1
# Tables whose replaced rows are kept for undo (accounts carry no import and are only added).
TRACKED = tuple(name for name in NATURAL_KEYS if name != "accounts")


class StoreError(RuntimeError):
    """The store cannot do what was asked (unsupported backend, unknown import)."""

    def __init__(self, message: Text):
        self.message = message
        super().__init__(message.en)


@dataclass
class ImportResult:
    """What happened to one file."""

    source: str
    status: Literal["imported", "already_imported", "failed"]
    format: str | None = None
    import_id: str | None = None
    account_id: str | None = None
    rows_read: int = 0
    rows_written: dict[str, int] = field(default_factory=dict)
    replaced: int = 0  # rows of earlier imports replaced by this one (same natural key)
    kept: int = 0  # lifetime counts lower than the stored ones (an older export): not applied
    rejected: list[RowError] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    error: Text | None = None


def default_url(data_dir: Path | str | None = None) -> str:
    """``SOCIALPLAN_ANALYTICS_URL`` when set, else the DuckDB file in the data directory."""
    url = os.environ.get(ANALYTICS_URL_ENV)
    if url:
        return url
    directory = Path(data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser()
    return f"duckdb:///{(directory / ANALYTICS_FILE).resolve()}"


class AnalyticsStore:
    """Canonical tables on an Ibis backend. Use ``AnalyticsStore.open``."""

    def __init__(self, con: Any, url: str):
        self.con = con
        self.url = url
        self.is_duckdb = con.name == "duckdb"
        self._ensure_tables()

    @classmethod
    def open(cls, url: str | None = None, data_dir: Path | str | None = None) -> AnalyticsStore:
        url = url or default_url(data_dir)
        if url.startswith("duckdb:///") and not url.endswith(":memory:"):
            Path(url.removeprefix("duckdb:///")).parent.mkdir(parents=True, exist_ok=True)
        return cls(ibis.connect(url), url)

    def close(self) -> None:
        self.con.disconnect()

    def __enter__(self) -> AnalyticsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    def table(self, name: str) -> ibis.Table:
        """A canonical table as an Ibis expression."""
        if name not in TABLES:
            raise KeyError(name)
        return self.con.table(name)

    def imports(self) -> pd.DataFrame:
        """Every import still in the store, oldest first."""
        return self.table("imports").order_by("imported_at").to_pandas()

    # ------------------------------------------------------------------ writing

    def _ensure_tables(self) -> None:
        if self.is_duckdb:
            # Ibis's list_tables goes through a DuckDB call deprecated in 1.5; ask directly.
            rows = self.con.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            ).fetchall()
            existing = {str(row[0]) for row in rows}
        else:
            existing = set(self.con.list_tables())
        for name, schema in TABLES.items():
            if name not in existing:
                self.con.create_table(name, schema=schema)
            if name in TRACKED and f"{name}__superseded" not in existing:
                shadow = ibis.schema({**dict(schema.items()), "superseded_by": "string"})
                self.con.create_table(f"{name}__superseded", schema=shadow)

    def find_import(self, sha256: str) -> str | None:
        if self.is_duckdb:  # straight to DuckDB: Ibis's compile and fetch cost more than the lookup
            row = self.con.con.execute("SELECT import_id FROM imports WHERE sha256 = ? LIMIT 1", [sha256]).fetchone()
            return None if row is None else str(row[0])
        imports = self.table("imports")
        found = imports.filter(imports.sha256 == sha256).select("import_id").limit(1).to_pandas()
        return None if found.empty else str(found.import_id.iloc[0])

    def write(self, batch: ImportBatch, *, account_override: str | None = None) -> ImportResult:
        """Store a parsed file in one transaction; a file already imported changes nothing."""
        result = ImportResult(
            source=batch.source,
            status="imported",
            format=batch.format,
            account_id=account_override or batch.account_id,
            rows_read=batch.rows_read,
            rejected=list(batch.rejected),
            notes=list(batch.notes),
        )
        existing = self.find_import(batch.sha256)
        if existing is not None:
            result.status = "already_imported"
            result.import_id = existing
            return result
        import_id = uuid.uuid4().hex
        result.import_id = import_id
        record = pd.DataFrame(
            {
                "import_id": [import_id],
                "file_name": [batch.source],
                "sha256": [batch.sha256],
                "format": [batch.format],
                "account_id": [result.account_id],
                "rows": [batch.rows_read],
                "rejected": [len(batch.rejected)],
                "imported_at": [dt.datetime.now(dt.UTC).replace(tzinfo=None)],
            }
        )
        with self._transaction() as sql:
            for name, frame in batch.tables.items():
                arrow = _last_of_each_key(name, _arrow(name, frame, import_id))
                staged = f"_staged_{name}"
                sql.register(staged, arrow)
                try:
                    if name == "accounts":
                        sql.execute(
                            f"INSERT INTO accounts SELECT * FROM {staged} s "
                            "WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = s.account_id)"
                        )
                        continue
                    written = arrow.num_rows
                    # A range check on the keys first: when no stored row falls inside the staged
                    # keys' ranges (a new period, a new account), DuckDB's zone maps answer it
                    # without reading the rows, and no key is compared one by one.
                    within, bounds = _key_ranges(name, arrow)
                    row = sql.execute(f"SELECT count(*) FROM {name} t WHERE {within}", bounds).fetchone()
                    if row and int(row[0]) > 0:
                        match = _key_match(name, arrow)
                        if name == "post_metrics" and self._has_lifetime_values(sql):
                            staged, written = self._without_older_lifetime_values(sql, staged, within, bounds, match)
                            result.kept += arrow.num_rows - written
                        result.replaced += self._supersede(sql, name, staged, within, bounds, match, import_id)
                    _bulk_insert(sql, f"INSERT INTO {name} SELECT * FROM {staged}")
                    result.rows_written[name] = written
                    # (On failure the rollback removes this temporary table with everything else.)
                    sql.execute("DROP TABLE IF EXISTS _fresh_post_metrics")
                finally:
                    sql.unregister(f"_staged_{name}")
            sql.register(
                "_staged_import",
                pa.Table.from_pandas(record, schema=TABLES["imports"].to_pyarrow(), preserve_index=False),
            )
            sql.execute("INSERT INTO imports SELECT * FROM _staged_import")
            sql.unregister("_staged_import")
        return result

    @staticmethod
    def _supersede(sql: Any, name: str, staged: str, within: str, bounds: list[Any], match: str, import_id: str) -> int:
        """Move the stored rows whose natural key is staged into the shadow table; how many moved.

        Set-based, inside the caller's transaction: one semi join finds the row ids, the copy
        and the delete then go by row id (stable until the transaction ends). Measured against two
        alternatives on 1 M replaced rows, none faster beyond the noise of a shared machine:
        ``DELETE … RETURNING`` into the shadow table (3x slower), and copying the rows themselves
        into the temporary table in the join (no gain, a full copy in memory)."""
        sql.execute(
            f"CREATE TEMP TABLE _replaced AS SELECT t.rowid AS rid FROM {name} t "
            f"WHERE {within} AND EXISTS (SELECT 1 FROM {staged} s WHERE {match})",
            bounds,
        )
        row = sql.execute("SELECT count(*) FROM _replaced").fetchone()
        replaced = int(row[0]) if row else 0
        if replaced:
            _bulk_insert(
                sql,
                f"INSERT INTO {name}__superseded SELECT t.*, ? FROM {name} t "
                "WHERE t.rowid IN (SELECT rid FROM _replaced)",
                [import_id],
            )
            sql.execute(f"DELETE FROM {name} WHERE rowid IN (SELECT rid FROM _replaced)")
        sql.execute("DROP TABLE _replaced")
        return replaced

    @staticmethod
    def _has_lifetime_values(sql: Any) -> bool:
        return sql.execute("SELECT 1 FROM post_metrics WHERE grain = 'lifetime' LIMIT 1").fetchone() is not None

    @staticmethod
    def _without_older_lifetime_values(
        sql: Any, staged: str, within: str, bounds: list[Any], match: str
    ) -> tuple[str, int]:
        """The staged observations minus lifetime counts lower than the stored ones.

        Lifetime counts only grow, so a lower value comes from an older export imported late; the
        stored, newer value stays. Averages and rates can fall, so they are always replaced."""
        sql.execute(
            f"CREATE TEMP TABLE _fresh_post_metrics AS SELECT * FROM {staged} s WHERE NOT ("
            "s.grain = 'lifetime' AND NOT regexp_matches(s.metric, '(^avg_|average|rate)') AND EXISTS ("
            f"SELECT 1 FROM post_metrics t WHERE {within} AND {match} AND t.value > s.value))",
            bounds,
        )
        row = sql.execute("SELECT count(*) FROM _fresh_post_metrics").fetchone()
        return "_fresh_post_metrics", int(row[0]) if row else 0

    def undo(self, import_id: str) -> int:
        """Remove one import and bring back the rows it replaced; the number of rows removed."""
        imports = self.table("imports")
        if imports.filter(imports.import_id == import_id).count().to_pyarrow().as_py() == 0:
            raise StoreError(Text(en=f"There is no import {import_id}.", he=f"אין ייבוא {import_id}."))
        removed = 0
        with self._transaction() as sql:
            for name in TRACKED:
                columns = ", ".join(f'"{c}"' for c in TABLES[name].names)
                match = " AND ".join(f'x."{k}" IS NOT DISTINCT FROM t."{k}"' for k in NATURAL_KEYS[name])
                shadow = f"{name}__superseded"
                row = sql.execute(f"DELETE FROM {name} WHERE import_id = ?", [import_id]).fetchone()
                removed += int(row[0]) if row else 0
                # Its own rows that a later import replaced are gone with it.
                sql.execute(f"DELETE FROM {shadow} WHERE import_id = ?", [import_id])
                # Rows it replaced whose key a later import holds now belong to that import's undo.
                sql.execute(
                    f"UPDATE {shadow} x SET superseded_by = t.import_id FROM {name} t "
                    f"WHERE x.superseded_by = ? AND {match}",
                    [import_id],
                )
                sql.execute(f"INSERT INTO {name} SELECT {columns} FROM {shadow} WHERE superseded_by = ?", [import_id])
                sql.execute(f"DELETE FROM {shadow} WHERE superseded_by = ?", [import_id])
            sql.execute("DELETE FROM imports WHERE import_id = ?", [import_id])
        return removed

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        if not self.is_duckdb:
            raise StoreError(
                Text(
                    en=f"Imports are written to DuckDB only; {self.con.name} can be read but not written. "
                    "Import into DuckDB and copy the tables, or point SOCIALPLAN_ANALYTICS_URL at DuckDB.",
                    he=f"ייבוא נכתב ל-DuckDB בלבד; אפשר לקרוא מ-{self.con.name} אך לא לכתוב אליו. "
                    "ייבאו ל-DuckDB והעתיקו את הטבלאות, או כוונו את SOCIALPLAN_ANALYTICS_URL ל-DuckDB.",
                )
            )
        raw = self.con.con
        # Inserted rows need not keep their order (no query relies on it); DuckDB writes faster.
        raw.execute("SET preserve_insertion_order = false")
        # (``_bulk_insert`` lowers the threads for one statement; a failed one leaves that here.)
        threads = raw.execute("SELECT current_setting('threads')").fetchone()
        try:
            raw.execute("BEGIN TRANSACTION")
            try:
                yield raw
            except BaseException:
                raw.execute("ROLLBACK")
                raise
            raw.execute("COMMIT")
        finally:
            raw.execute("RESET preserve_insertion_order")
            if threads:
                raw.execute(f"SET threads = {int(threads[0])}")


def _bulk_insert(sql: Any, statement: str, parameters: list[Any] | None = None) -> None:
    """Run a large ``INSERT`` on ``WRITE_THREADS`` threads, then give the connection its threads back.

    DuckDB's parallel insert into a stored table builds a partial row group per thread and merges
    them; on the 2-core reference machine that took 2-5x the time of one thread (measured with
    ``benchmarks/measure_import.py``), while joins and undo kept gaining from both cores. On
    failure the caller's transaction restores the setting after its rollback."""
    threads = sql.execute("SELECT current_setting('threads')").fetchone()
    sql.execute(f"SET threads = {WRITE_THREADS}")
    sql.execute(statement, parameters or [])
    if threads:
        sql.execute(f"SET threads = {int(threads[0])}")


def _key_match(name: str, arrow: pa.Table) -> str:
    """SQL matching stored rows ``t`` to staged rows ``s`` by natural key, nulls equal to nulls.

    A key column without nulls in the batch compares with plain ``=`` (the same answer, since
    a null stored value cannot equal a present one), which DuckDB hashes and filters faster.
    Use it beside ``_key_ranges``, which pins a column holding one value in the whole batch to
    that value, so the join leaves such columns out (a file's platform, account, grain and paid
    split usually are)."""
    conditions = []
    for key in NATURAL_KEYS[name]:
        column = arrow[key]
        if column.null_count == 0:
            if _one_value(column):
                continue
            conditions.append(f't."{key}" = s."{key}"')
        else:
            conditions.append(f't."{key}" IS NOT DISTINCT FROM s."{key}"')
    return " AND ".join(conditions) or "TRUE"


def _one_value(column: pa.ChunkedArray) -> bool:
    """Whether every row holds the same present value: one comparison per row with the first,
    no hashing (3x faster than a min/max scan of text)."""
    if len(column) == 0 or column.null_count:
        return False
    return bool(pc.all(pc.equal(column, column[0])).as_py())


def _key_ranges(name: str, arrow: pa.Table) -> tuple[str, list[Any]]:
    """A SQL condition on stored rows ``t``, with its parameters: every natural-key column lies
    within the staged values' minimum and maximum (or is null where staged values are).

    Every stored row sharing a key with a staged row passes, so it only narrows the search."""
    conditions: list[str] = []
    bounds: list[Any] = []
    for key in NATURAL_KEYS[name]:
        column = arrow[key]
        if _one_value(column):  # a file's platform, account, metric, grain: no min/max scan
            lowest = highest = column[0].as_py()
        else:
            lowest, highest = (value.as_py() for value in pc.min_max(column).values())
        if lowest is None:  # every staged value is null
            conditions.append(f't."{key}" IS NULL')
            continue
        within = f't."{key}" BETWEEN ? AND ?'
        conditions.append(f'({within} OR t."{key}" IS NULL)' if column.null_count else within)
        bounds += [lowest, highest]
    return " AND ".join(conditions), bounds


def _arrow(name: str, frame: pd.DataFrame, import_id: str) -> pa.Table:
    """The frame as an Arrow table in the store's column types (timestamps as naive UTC).

    Text columns that are Arrow-backed already (what the importers hand over) are passed on as
    they are, ``large_string`` included, which DuckDB reads in place; ``object`` columns are
    converted."""
    schema = TABLES[name].to_pyarrow()
    columns: dict[str, Any] = {}
    for column in schema.names:
        if column == "import_id":
            columns[column] = pa.repeat(pa.scalar(import_id, pa.string()), len(frame))
            continue
        series = frame[column]
        arrow_type = schema.field(column).type
        if pa.types.is_timestamp(arrow_type):
            series = series.dt.tz_convert("UTC").dt.tz_localize(None) if series.dt.tz is not None else series
            columns[column] = pa.array(series, arrow_type, from_pandas=True)
        elif pa.types.is_date(arrow_type):
            days = series.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
            columns[column] = pa.array(days, arrow_type, from_pandas=True)
        elif pa.types.is_string(arrow_type) and isinstance(series.dtype, pd.StringDtype | pd.ArrowDtype):
            columns[column] = pa.array(series)
            if not pa.types.is_large_string(columns[column].type):
                columns[column] = columns[column].cast(arrow_type)
        else:
            columns[column] = pa.array(series, arrow_type, from_pandas=True)
    return pa.table(columns)


def _last_of_each_key(name: str, arrow: pa.Table) -> pa.Table:
    """The staged rows without those whose natural key a later row of the same file repeats
    (the last row wins); the same table, not a copy, when no key repeats.

    Each key column becomes integer codes (Arrow's dictionary encoding, nulls a code of their
    own), the codes of a row fold into one integer, and a hash table finds the repeats: about
    ten times faster than ``DataFrame.duplicated`` on text columns. A column holding one value
    in every row cannot tell rows apart and is left out."""
    if arrow.num_rows < 2:
        return arrow
    codes: list[np.ndarray] = []
    sizes: list[int] = []
    for key in NATURAL_KEYS[name]:
        if _one_value(arrow[key]):
            continue
        encoded = pc.dictionary_encode(arrow[key].combine_chunks(), null_encoding="encode")
        if len(encoded.dictionary) > 1:
            codes.append(encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64))
            sizes.append(len(encoded.dictionary))
    if not codes:  # every row has the same key: the last one stays
        return arrow.slice(arrow.num_rows - 1)
    combined: pd.Series | pd.DataFrame
    if float(np.prod(np.array(sizes, dtype=np.float64))) < 2.0**62:
        folded = np.zeros(arrow.num_rows, dtype=np.int64)
        for column, size in zip(codes, sizes, strict=True):
            folded = folded * size + column
        combined = pd.Series(folded)
    else:
        combined = pd.DataFrame(dict(enumerate(codes)))
    repeated = combined.duplicated(keep="last").to_numpy()
    if not repeated.any():
        return arrow
    return arrow.filter(pa.array(~repeated))
