"""Planned-against-actual matching speed: the windowed matcher (binary search per platform)
against the all-pairs scan it replaced, on the same generated data in the same process.

    python benchmarks/calendar_adherence.py [--entries 2000] [--posts 20000]

The all-pairs baseline compares every entry with every post of its platform (what a first
version did); the ratio shows what the window buys on a year or more of posts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from socialplan.calendar import Calendar, Entry
from socialplan.calendar.actual import calendar_adherence, text_similarity

PLATFORMS = ("instagram", "facebook", "linkedin", "tiktok")
# A vocabulary of 600 made-up words, so unrelated posts share few words, as real ones do.
WORDS = [f"w{i}{chr(97 + i % 26)}" for i in range(600)]


def data(entries: int, posts: int) -> tuple[Calendar, pd.DataFrame]:
    rng = np.random.default_rng(3)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    span = 365 * 24 * 60
    def text() -> str:
        return " ".join(rng.choice(WORDS, 12))
    calendar = Calendar(timezone="UTC", entries=[
        Entry(id=f"e{i}", start=start + dt.timedelta(minutes=int(rng.integers(span))),
              channel=str(rng.choice(PLATFORMS)), text=text()) for i in range(entries)])
    frame = pd.DataFrame({
        "platform": rng.choice(PLATFORMS, posts), "post_id": [f"p{i}" for i in range(posts)],
        "published_at": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(span, size=posts), unit="m"),
        "text": [text() for _ in range(posts)]})
    return calendar, frame


def all_pairs(calendar: Calendar, frame: pd.DataFrame) -> int:
    window = dt.timedelta(hours=24)
    rows = [(r.platform, r.published_at.tz_localize("UTC").to_pydatetime(), r.text) for r in frame.itertuples()]
    found = 0
    for entry in calendar.entries:
        for platform, published, post_text in rows:
            if platform == entry.channel and abs(published - entry.start) <= window:
                found += text_similarity(entry.text, post_text) >= 0.25
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=20000)
    args = parser.parse_args()
    calendar, frame = data(args.entries, args.posts)
    t0 = time.perf_counter()
    report = calendar_adherence(calendar, frame, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    windowed = time.perf_counter() - t0
    t0 = time.perf_counter()
    all_pairs(calendar, frame)
    baseline = time.perf_counter() - t0
    print(f"{args.entries} entries × {args.posts} posts: windowed {windowed:.2f} s, all pairs {baseline:.2f} s, "
          f"speed-up ×{baseline / windowed:.1f}; matched {report.count('on_time') + report.count('late')}")


if __name__ == "__main__":
    main()
