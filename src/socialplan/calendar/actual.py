"""Planned against actual: match the posts really published to the calendar's entries.

A post matches an entry on the same channel (the post's ``platform``) published within a time
window around the planned time; among the candidates the closest text wins, then the closest
time. Each pair is used once (best pairs first), so two posts never claim one entry.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .model import Calendar, Entry

if TYPE_CHECKING:
    import pandas as pd

Adherence = Literal["on_time", "late", "skipped", "upcoming", "unplanned"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class MatchOptions:
    window_hours: float = 24.0  # a post this far from the planned time can still be the planned post
    late_after_minutes: float = 60.0  # published later than this after the planned time is late
    min_similarity: float = 0.25  # below this, a post with text does not match an entry with text


@dataclass(frozen=True)
class EntryResult:
    entry_id: str | None  # None for an unplanned post
    status: Adherence
    post_id: str | None = None
    platform: str = ""
    delay_minutes: float | None = None  # published minus planned; negative when early
    similarity: float | None = None


@dataclass(frozen=True)
class AdherenceReport:
    results: list[EntryResult]

    def count(self, status: Adherence) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def adherence_rate(self) -> float | None:
        """Share of the entries due so far that were published (on time or late)."""
        due = self.count("on_time") + self.count("late") + self.count("skipped")
        return (self.count("on_time") + self.count("late")) / due if due else None


def text_similarity(a: str, b: str, *, at_least: float = 0.0) -> float:
    """0 to 1: the mean of word overlap (Jaccard) and character sequence similarity.

    Sequence similarity alone rates unrelated sentences around 0.3 (shared letters and spaces);
    word overlap alone misses reworded posts; their mean separates the two. Texts without a
    shared word score 0. With ``at_least``, pairs whose cheap upper bound falls below it return 0
    without the full comparison.
    """
    if not a.strip() or not b.strip():
        return 0.0
    words_a, words_b = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    shared = len(words_a & words_b)
    if shared == 0:
        # Not one word in common: not the same post, and the costly character comparison is spared.
        return 0.0
    jaccard = shared / len(words_a | words_b)
    matcher = difflib.SequenceMatcher(None, a.casefold(), b.casefold())
    if at_least > 0 and (jaccard + matcher.quick_ratio()) / 2 < at_least:
        return 0.0
    return (jaccard + matcher.ratio()) / 2


def posts_frame(posts: Any) -> pd.DataFrame:
    """A pandas frame from a frame or an Ibis table in the canonical posts schema, times in UTC."""
    import pandas as pd

    frame = posts.to_pandas() if hasattr(posts, "to_pandas") and not isinstance(posts, pd.DataFrame) else posts
    missing = {"platform", "post_id", "published_at"} - set(frame.columns)
    if missing:
        raise ValueError(f"the posts have no {', '.join(sorted(missing))} column")
    frame = frame.copy()
    times = pd.to_datetime(frame["published_at"])
    # The store keeps naive UTC timestamps; a frame from elsewhere may already carry a zone.
    frame["published_at"] = times.dt.tz_localize("UTC") if times.dt.tz is None else times.dt.tz_convert("UTC")
    if "text" not in frame.columns:
        frame["text"] = ""
    frame["text"] = frame["text"].fillna("").astype(str)
    return frame.dropna(subset=["published_at"])


def calendar_adherence(calendar: Calendar, posts: Any, *, now: dt.datetime | None = None,
                       options: MatchOptions | None = None) -> AdherenceReport:
    options = options or MatchOptions()
    now = now or dt.datetime.now(dt.UTC)
    frame = posts_frame(posts)
    window = dt.timedelta(hours=options.window_hours)
    rows = [
        (str(row.platform), str(row.post_id), row.published_at.to_pydatetime(), str(row.text))
        for row in frame.itertuples(index=False)
    ]
    # Posts per platform in time order: each entry looks only at the posts inside its window
    # (two binary searches), so matching stays fast with years of posts.
    by_platform: dict[str, list[tuple[dt.datetime, int]]] = {}
    for p, (platform, _, published, _) in enumerate(rows):
        by_platform.setdefault(platform, []).append((published, p))
    for timeline in by_platform.values():
        timeline.sort()
    candidates: list[tuple[float, float, int, int]] = []
    for e, entry in enumerate(calendar.entries):
        timeline = by_platform.get(entry.channel, [])
        low = bisect.bisect_left(timeline, (entry.start - window, -1))
        high = bisect.bisect_right(timeline, (entry.start + window, len(rows)))
        for published, p in timeline[low:high]:
            text = rows[p][3]
            similarity = (text_similarity(entry.text, text, at_least=options.min_similarity)
                          if entry.text.strip() and text.strip() else None)
            if similarity is not None and similarity < options.min_similarity:
                continue
            distance = abs((published - entry.start).total_seconds())
            # Unknown text counts as a middling match: time decides between such candidates.
            candidates.append((-(similarity if similarity is not None else 0.5), distance, e, p))
    candidates.sort()
    entry_post: dict[int, tuple[int, float | None]] = {}
    used_posts: set[int] = set()
    for negative_similarity, _, e, p in candidates:
        if e in entry_post or p in used_posts:
            continue
        entry_post[e] = (p, None if negative_similarity == -0.5 else -negative_similarity)
        used_posts.add(p)

    results: list[EntryResult] = []
    for e, entry in enumerate(calendar.entries):
        if e in entry_post:
            p, similarity = entry_post[e]
            platform, post_id, published, _ = rows[p]
            delay = (published - entry.start).total_seconds() / 60
            status: Adherence = "late" if delay > options.late_after_minutes else "on_time"
            results.append(EntryResult(entry.id, status, post_id, platform, round(delay, 1), similarity))
        else:
            results.append(EntryResult(entry.id, _unmatched_status(entry, now, window), platform=entry.channel))
    # A post is "published without a plan" only inside the calendar's span (its first entry's
    # window to its last one's): posts from before the calendar began, or after it ends, were
    # never this calendar's to plan.
    if calendar.entries:
        first = min(entry.start for entry in calendar.entries) - window
        last = max(entry.start for entry in calendar.entries) + window
        results += [EntryResult(None, "unplanned", post_id, platform)
                    for p, (platform, post_id, published, _) in enumerate(rows)
                    if p not in used_posts and first <= published <= last]
    return AdherenceReport(results)


def _unmatched_status(entry: Entry, now: dt.datetime, window: dt.timedelta) -> Adherence:
    # Still inside its window the post may yet appear: not skipped until the window has passed.
    return "skipped" if entry.start + window < now else "upcoming"
