"""How much a team can carry: shared by the draft (to choose) and the review (to check).

The thresholds are weekly hours of the whole team. They encode the method's "fit to size"
(a small team keeps one or two Es and a few channels; a large one may run all four Es) and
"nobody wants to run 20 sites at once". They are documented in docs/review-rules.md.
"""

from __future__ import annotations

# (upper bound of weekly hours, how many) — the first bound the hours fall below wins.
_STRATEGY_LIMITS: tuple[tuple[float, int], ...] = ((6, 1), (25, 2), (60, 3))
_CHANNEL_LIMITS: tuple[tuple[float, int], ...] = ((6, 2), (15, 3), (30, 4), (60, 6), (120, 8))
MAX_STRATEGIES = 4
MAX_CHANNELS = 10

# Share of the team's hours kept for planning, listening, measurement and learning tools,
# which the channel hours do not include.
RESERVED_SHARE = 0.15

# Below this the cadence counts as stale: fewer than two fresh posts a month.
MIN_FRESH_POSTS_PER_WEEK = 2 * 12 / 52


def strategies_supported(weekly_hours: float) -> int:
    return next((count for bound, count in _STRATEGY_LIMITS if weekly_hours < bound), MAX_STRATEGIES)


def channels_supported(weekly_hours: float) -> int:
    return next((count for bound, count in _CHANNEL_LIMITS if weekly_hours < bound), MAX_CHANNELS)


def channel_hours_available(weekly_hours: float) -> float:
    return weekly_hours * (1 - RESERVED_SHARE)
