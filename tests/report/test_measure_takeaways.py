"""Takeaways: the sentence follows the data (direction, size, leader) in both languages."""

from __future__ import annotations

import datetime as dt

from socialplan.i18n import Text
from socialplan.measure.metrics import Period
from socialplan.report import takeaways as T

FEBRUARY = Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
LAST_WEEK = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))
ENGAGEMENT = Text(en="Engagement on Instagram", he="המעורבות באינסטגרם")


def test_change_takeaway_names_direction_size_and_month() -> None:
    fell = T.change_takeaway(ENGAGEMENT, 100, 82, FEBRUARY)
    assert fell is not None
    assert fell.en == "Engagement on Instagram fell 18% since February."
    assert fell.he == "המעורבות באינסטגרם: ירידה של 18% מאז פברואר."
    rose = T.change_takeaway(ENGAGEMENT, 50, 75, FEBRUARY)
    assert rose is not None
    assert "rose 50%" in rose.en
    assert "עלייה של 50%" in rose.he


def test_change_takeaway_names_the_month_holding_most_of_the_previous_period() -> None:
    four_weeks = Period(dt.date(2026, 2, 4), dt.date(2026, 3, 3))
    result = T.change_takeaway(ENGAGEMENT, 10, 20, four_weeks)
    assert result is not None
    assert result.en.endswith("since February.")


def test_change_takeaway_flat_new_and_short_periods() -> None:
    flat = T.change_takeaway(ENGAGEMENT, 100, 101, FEBRUARY)
    assert flat is not None
    assert "held steady" in flat.en
    new = T.change_takeaway(ENGAGEMENT, 0, 5, FEBRUARY)
    assert new is not None
    assert "from nothing" in new.en
    weekly = T.change_takeaway(ENGAGEMENT, 10, 5, LAST_WEEK)
    assert weekly is not None
    assert "previous 7 days" in weekly.en
    assert "7 הימים הקודמים" in weekly.he
    assert T.change_takeaway(ENGAGEMENT, None, 5, FEBRUARY) is None


def test_channels_takeaway_picks_the_biggest_relative_change() -> None:
    rows = [
        (Text(en="Instagram", he="אינסטגרם"), 8.0, 4.0),  # -50%
        (Text(en="X", he="X"), 2.0, 5.0),  # +150%
        (Text(en="LinkedIn", he="לינקדאין"), 1.0, 1.0),
    ]
    result = T.channels_takeaway(rows, FEBRUARY)
    assert result.en == "Engagement rate on X rose 150% since February."
    # a preposition joins a Hebrew word directly and a Latin one with a hyphen
    assert "ב-X" in result.he
    hebrew = T.channels_takeaway([(Text(en="Instagram", he="אינסטגרם"), 8.0, 4.0)], FEBRUARY)
    assert "באינסטגרם" in hebrew.he
    assert "ירידה של 50%" in hebrew.he


def test_channels_takeaway_without_change_names_the_leader() -> None:
    rows = [(Text(en="Instagram", he="אינסטגרם"), None, 4.0), (Text(en="X", he="X"), None, 6.5)]
    assert T.channels_takeaway(rows, FEBRUARY).en == "X has the highest engagement rate in the period (6.5%)."
    assert T.channels_takeaway([], FEBRUARY) == T.NO_DATA


def test_equity_takeaway_names_the_component_that_moved_most() -> None:
    index, rel, val = Text(en="Index", he="מדד"), Text(en="Relationships", he="קשר"), Text(en="Value", he="ערך")
    series = [
        ("index", index, 40.0), ("rel", rel, 50.0), ("val", val, 30.0),
        ("index", index, 55.0), ("rel", rel, 48.0), ("val", val, 62.0),
    ]  # fmt: skip
    result = T.equity_takeaway(series)
    assert "from 40 to 55" in result.en
    assert "Value changed most (+32 points)" in result.en
    single = T.equity_takeaway([("index", index, 47.2)])
    assert "47 of 100" in single.en
    assert T.equity_takeaway([("index", index, None)]) == T.NO_DATA


def test_goals_takeaway_points_at_the_worst_goal() -> None:
    result = T.goals_takeaway([("Grow", "on_track"), ("Sell", "at_risk"), ("Talk", "off_track"), ("New", "no_target")])
    assert result.en == "1 of 3 goals are achieved or on track; “Talk” needs attention first."
    assert "Talk" in result.he
    assert "All 2 goals" in T.goals_takeaway([("a", "achieved"), ("b", "on_track")]).en
    assert T.goals_takeaway([("a", "no_target")]) == T._GOALS_NONE


def test_trend_and_best_e() -> None:
    days = [dt.date(2026, 3, d) for d in (1, 8, 15)]
    trend = T.trend_takeaway(Text(en="Impressions", he="חשיפות"), list(zip(days, [100.0, None, 130.0], strict=True)))
    assert trend.en == "Impressions rose 30% from the first to the last week of the period."
    assert T.trend_takeaway(Text(en="x", he="x"), [(days[0], None)]) == T.NO_DATA
    cells = [
        (Text(en="Entertainment", he="בידור"), Text(en="TikTok", he="טיקטוק"), 1, 20.0),  # one post: too few
        (Text(en="Education", he="חינוך"), Text(en="LinkedIn", he="לינקדאין"), 5, 6.0),
    ]
    best = T.strategy_channel_takeaway(cells)
    assert best.en.startswith("Education works best on LinkedIn")
    assert "בלינקדאין" in best.he
    # Only single-post pairings: the sentence says so instead of "over 1 posts".
    single = T.strategy_channel_takeaway(cells[:1])
    assert single.en == "Entertainment works best on TikTok: an engagement rate of 20.0%, from a single post."
    assert "מפוסט אחד בלבד" in single.he
    assert "1 " not in single.en + single.he


def test_channels_takeaway_by_engagement_counts() -> None:
    rows = [(Text(en="TikTok", he="טיקטוק"), None, 75.0), (Text(en="X", he="X"), None, 20.0)]
    result = T.channels_takeaway(rows, FEBRUARY, by_rate=False)
    assert result.en == "TikTok drew the most engagements in the period (75)."
    assert "בטיקטוק" in result.he
    changed = T.channels_takeaway([(Text(en="X", he="X"), 40.0, 20.0)], FEBRUARY, by_rate=False)
    assert changed.en == "Engagements on X fell 50% since February."
