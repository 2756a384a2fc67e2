"""Import speed: rows per second for parsing (file → canonical frames) and for parsing plus
storing (→ DuckDB, one transaction), against a plain ``pandas.read_csv`` of the same file in the
same process as the baseline.

    python benchmarks/measure_import.py [--rows 1000000] [--wide-rows 200000]

Two generated files: a narrow daily export (YouTube ``Chart data.csv`` layout: date, video and views,
one row per day and video) and a wide per-post export (X ``tweet_activity``, 40 columns, 34
metric values per row). The goal is at least 1 M input rows per second for the narrow file.

Each timing follows a warm-up import of a 1,000-row file in the same process, so one-time costs
(imports of libraries, DuckDB's first connection) are not counted as throughput; the cold
first import of a fresh process is printed too.

The store is timed three ways on the narrow file, each against the floor: a bare DuckDB
``INSERT … SELECT`` of the same rows, already in Arrow and already coded as the store keeps them
(see ``socialplan.measure.store``), into an empty file, one thread, no checks; the same insert
with the repeated text kept as text is printed beside it:
- a first import into an empty store;
- the next period of the same videos (new dates: the key-range check finds nothing to replace);
- an overlapping re-export (same keys, new values: every row replaced and kept for undo),
  then ``undo`` of it.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from socialplan.measure.importers import ImportOptions, export_import  # noqa: E402
from socialplan.measure.importers.base import ImportBatch  # noqa: E402
from socialplan.measure.importers.x_tweets import X_METRICS  # noqa: E402
from socialplan.measure.store import AnalyticsStore, _arrow, _encoded  # noqa: E402


def narrow_file(path: Path, rows: int) -> Path:
    rng = np.random.default_rng(7)
    days = pd.date_range("2022-01-01", periods=1000, freq="D").strftime("%Y-%m-%d").to_numpy()
    videos = np.char.add("video", (np.arange(rows) // 1000).astype(str))
    frame = pd.DataFrame({"Date": np.resize(days, rows), "Content": videos, "Views": rng.integers(0, 100_000, rows)})
    frame.to_csv(path, index=False)
    return path


def wide_file(path: Path, rows: int) -> Path:
    rng = np.random.default_rng(11)
    organic = [m for m in X_METRICS if m != "favorites" and m != "bookmarks"]
    ids = np.arange(10**17, 10**17 + rows).astype(str)
    frame = pd.DataFrame(
        {
            "Tweet id": ids,
            "Tweet permalink": np.char.add("https://twitter.com/bench/status/", ids),
            "Tweet text": "A post about something, with a link https://example.org/x?utm_source=x",
            "time": pd.date_range("2016-01-01", periods=rows, freq="min").strftime("%Y-%m-%d %H:%M +0000"),
        }
    )
    for name in organic:
        frame[name] = rng.integers(0, 5000, rows).astype(float)
    for name in organic:
        frame[f"promoted {name}"] = "-"
    frame.to_csv(path, index=False)
    return path


def timed(label: str, rows: int, action: object) -> float:
    """Wall time of ``action``, printed with its rate and the CPU time of this process (every
    thread, DuckDB's included): on a shared machine the wall time grows with other jobs' load,
    the CPU time much less, so the two together tell slow code from a busy machine."""
    start, cpu = time.perf_counter(), time.process_time()
    action()  # type: ignore[operator]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<28} {seconds:7.2f} s  {rows / seconds / 1e6:6.2f} M rows/s   cpu {cpu:6.2f} s")
    return seconds


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def cold_import(path: Path, store_dir: Path) -> None:
    """Parse and store in a new Python process: what ``socialplan measure import`` pays for a file."""
    code = (
        "import sys; from pathlib import Path; "
        "from socialplan.measure.importers import ImportOptions, export_import; "
        "from socialplan.measure.store import AnalyticsStore; "
        f"store = AnalyticsStore.open('duckdb:///{store_dir / 'cold.duckdb'}'); "
        f"store.write(export_import(Path({str(path)!r}), ImportOptions(account='bench'), max_bytes=2**31))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(SRC)})


def warm_up(store_dir: Path) -> None:
    """One small import, untimed: library imports and DuckDB's first connection are paid here."""
    (store_dir / "warm-up").mkdir()
    small = narrow_file(store_dir / "warm-up" / "Chart data.csv", 1000)
    with AnalyticsStore.open(f"duckdb:///{store_dir / 'warm-up.duckdb'}") as store:
        store.write(export_import(small, ImportOptions(account="bench")))


def run(path: Path, rows: int, store_dir: Path, repeat: int) -> None:
    """Parse and store the file ``repeat`` times, each into a new store; the best of each is kept
    (on a shared machine the slower runs measure the other jobs)."""
    print(f"{path.name}: {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB")
    baseline = min(timed("pandas.read_csv (baseline)", rows, lambda: pd.read_csv(path)) for _ in range(repeat))
    options = ImportOptions(account="bench")
    parses, writes = [], []
    batches: list[ImportBatch] = []
    for attempt in range(repeat):
        parses.append(timed("parse", rows, functools.partial(_parse_into, batches, path, options)))
        with AnalyticsStore.open(f"duckdb:///{store_dir / f'{path.stem}-{attempt}.duckdb'}") as store:
            writes.append(timed("store (one transaction)", rows, functools.partial(store.write, batches[-1])))
        del batches[:-1]
    parse, write = min(parses), min(writes)
    single = min(p + w for p, w in zip(parses, writes, strict=True))
    print(
        f"  best: parse / baseline = {parse / baseline:.2f}x; parse + store = {rows / (parse + write) / 1e6:.2f} "
        f"M rows/s (best single run {rows / single / 1e6:.2f})"
    )
    print(f"  observations written: {batches[-1].rows_written:,}")


def _parse_into(batches: list[ImportBatch], path: Path, options: ImportOptions) -> None:
    batches.append(export_import(path, options, max_bytes=2**31))


def store_paths(batch: ImportBatch, store_dir: Path) -> None:
    """The store's write paths on one batch of observations, next to a bare DuckDB insert."""
    frame = batch.tables["post_metrics"]
    rows = len(frame)
    print(f"store paths: {rows:,} observations per file")
    floor_con = duckdb.connect(str(store_dir / "floor.duckdb"))
    floor_con.execute("SET threads = 1")
    floor_con.execute("CREATE TABLE text_codes (code INTEGER PRIMARY KEY, value VARCHAR UNIQUE)")
    floor_con.execute("INSERT INTO text_codes VALUES (0, NULL)")
    as_text = _arrow("post_metrics", frame, "floor")
    floor_con.register("as_text", as_text)
    floor_con.register("coded", _encoded(floor_con, "post_metrics", as_text))
    for name in ("as_text", "coded"):
        floor_con.execute(f"CREATE TABLE {name}_rows AS SELECT * FROM {name} LIMIT 0")
    floor = timed(
        "bare DuckDB insert (floor)", rows, lambda: floor_con.execute("INSERT INTO coded_rows SELECT * FROM coded")
    )
    as_text_insert = "INSERT INTO as_text_rows SELECT * FROM as_text"
    timed("same, repeated text as text", rows, lambda: floor_con.execute(as_text_insert))
    floor_con.close()
    later = frame.assign(date=frame["date"] + pd.Timedelta(days=1000))  # the next 1000 days
    overlap = frame.assign(value=frame["value"] + 1.0)
    files = {
        "next": dataclasses.replace(batch, sha256="next", tables={**batch.tables, "post_metrics": later}),
        "overlap": dataclasses.replace(batch, sha256="overlap", tables={**batch.tables, "post_metrics": overlap}),
    }
    with AnalyticsStore.open(f"duckdb:///{store_dir / 'paths.duckdb'}") as store:
        first = timed("first import", rows, lambda: store.write(batch))
        after = timed("next period (no overlap)", rows, lambda: store.write(files["next"]))
        results = []
        replace = timed("overlap (all replaced)", rows, lambda: results.append(store.write(files["overlap"])))
        import_id = results[0].import_id
        assert import_id is not None
        undo = timed("undo of the overlap", rows, lambda: store.undo(import_id))
        assert results[0].replaced == rows, results[0].replaced
    print(
        f"  time / floor: first {first / floor:.2f}x, next period {after / floor:.2f}x, "
        f"overlap {replace / floor:.2f}x, undo {undo / floor:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--wide-rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="parse and store runs per file (the best is kept)")
    args = parser.parse_args()
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        narrow = narrow_file(folder / "Chart data.csv", args.rows)
        cold = folder / "cold"
        cold.mkdir()
        timed("new process (start included)", args.rows, lambda: cold_import(narrow, cold))
        warm_up(folder)
        run(narrow, args.rows, folder, args.repeat)
        store_paths(export_import(narrow, ImportOptions(account="bench"), max_bytes=2**31), folder)
        run(
            wide_file(folder / "tweet_activity_metrics_bench_20160101_20160201_en.csv", args.wide_rows),
            args.wide_rows,
            folder,
            args.repeat,
        )
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
