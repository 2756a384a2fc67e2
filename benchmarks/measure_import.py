"""Import speed: rows per second for parsing (file → canonical frames) and for parsing plus
storing (→ DuckDB, one transaction), against a plain ``pandas.read_csv`` of the same file in the
same process as the baseline.

    python benchmarks/measure_import.py [--rows 1000000] [--wide-rows 200000]

Two generated files: a narrow daily export (YouTube ``Chart data.csv`` layout: date, video and views,
one row per day and video) and a wide per-post export (X ``tweet_activity``, 40 columns, 34
metric values per row). The goal is at least 1 M input rows per second for the narrow file.

The store is timed three ways on the narrow file, each against the floor: a bare DuckDB
``INSERT … SELECT`` of the same rows (already in Arrow) into an empty file, one thread, no checks:
- a first import into an empty store;
- the next period of the same videos (new dates: the key-range check finds nothing to replace);
- an overlapping re-export (same keys, new values: every row replaced and kept for undo),
  then ``undo`` of it.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from socialplan.measure.importers import ImportOptions, export_import
from socialplan.measure.importers.base import ImportBatch
from socialplan.measure.importers.x_tweets import X_METRICS
from socialplan.measure.store import AnalyticsStore, _arrow


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


def run(path: Path, rows: int, store_dir: Path) -> None:
    print(f"{path.name}: {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB")
    baseline = timed("pandas.read_csv (baseline)", rows, lambda: pd.read_csv(path))
    options = ImportOptions(account="bench")
    parse = timed("parse", rows, lambda: export_import(path, options, max_bytes=2**31))
    batch = export_import(path, options, max_bytes=2**31)
    with AnalyticsStore.open(f"duckdb:///{store_dir / (path.stem + '.duckdb')}") as store:
        write = timed("store (one transaction)", rows, lambda: store.write(batch))
    print(f"  parse / baseline = {parse / baseline:.2f}x; parse + store = {rows / (parse + write) / 1e6:.2f} M rows/s")
    print(f"  observations written: {batch.rows_written:,}")


def store_paths(batch: ImportBatch, store_dir: Path) -> None:
    """The store's write paths on one batch of observations, next to a bare DuckDB insert."""
    frame = batch.tables["post_metrics"]
    rows = len(frame)
    print(f"store paths: {rows:,} observations per file")
    floor_con = duckdb.connect(str(store_dir / "floor.duckdb"))
    floor_con.execute("SET threads = 1")
    arrow = _arrow("post_metrics", frame, "floor")
    floor_con.register("staged", arrow)
    floor_con.execute("CREATE TABLE post_metrics AS SELECT * FROM staged LIMIT 0")
    floor = timed(
        "bare DuckDB insert (floor)", rows, lambda: floor_con.execute("INSERT INTO post_metrics SELECT * FROM staged")
    )
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
    args = parser.parse_args()
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        narrow = narrow_file(folder / "Chart data.csv", args.rows)
        run(narrow, args.rows, folder)
        store_paths(export_import(narrow, ImportOptions(account="bench"), max_bytes=2**31), folder)
        run(
            wide_file(folder / "tweet_activity_metrics_bench_20160101_20160201_en.csv", args.wide_rows),
            args.wide_rows,
            folder,
        )
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
