"""Import speed: rows per second for parsing (file → canonical frames) and for parsing plus
storing (→ DuckDB, one transaction), against a plain ``pandas.read_csv`` of the same file in the
same process as the baseline.

    python benchmarks/measure_import.py [--rows 1000000] [--wide-rows 200000]

Two generated files: a narrow daily export (YouTube ``Chart data.csv`` layout: date, video and views,
one row per day and video) and a wide per-post export (X ``tweet_activity``, 40 columns, 34
metric values per row). The goal is at least 1 M input rows per second for the narrow file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from socialplan.measure.importers import ImportOptions, export_import
from socialplan.measure.importers.x_tweets import X_METRICS
from socialplan.measure.store import AnalyticsStore


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
    start = time.perf_counter()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {seconds:7.2f} s  {rows / seconds / 1e6:6.2f} M rows/s")
    return seconds


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--wide-rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        run(narrow_file(folder / "Chart data.csv", args.rows), args.rows, folder)
        run(
            wide_file(folder / "tweet_activity_metrics_bench_20160101_20160201_en.csv", args.wide_rows),
            args.wide_rows,
            folder,
        )


if __name__ == "__main__":
    main()
