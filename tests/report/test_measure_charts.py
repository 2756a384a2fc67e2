"""Measurement charts: valid Vega-Lite in both languages, tables that match the data, empty states."""

from __future__ import annotations

from typing import Any

import pytest

from socialplan.i18n import Lang
from socialplan.report.charts import chart_svg
from socialplan.report.measure_charts import EMPTY_STATES, dashboard_views, goal_cards, goal_view

from .measure_sample import sample_dashboard


@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_chart_renders(lang: Lang) -> None:
    views = dashboard_views(sample_dashboard(), lang)
    drawn = [v for v in views.values() if v.chart is not None]
    assert {"equity", "channels", "strategy-channel", "themes", "pr_media"} <= {v.id for v in drawn}
    for view in drawn:
        svg = chart_svg(view.chart)
        assert svg.startswith("<svg"), view.id
        assert view.takeaway, view.id
        assert view.table.rows, view.id


def _encodings(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    if "encoding" in spec:
        found.append(spec["encoding"])
    for key in ("layer", "vconcat", "hconcat"):
        for child in spec.get(key, []):
            found += _encodings(child)
    if "spec" in spec:
        found += _encodings(spec["spec"])
    return found


def test_hebrew_charts_read_from_the_right() -> None:
    hebrew = _encodings(dashboard_views(sample_dashboard(), "he")["equity"].chart.to_dict())[0]
    english = _encodings(dashboard_views(sample_dashboard(), "en")["equity"].chart.to_dict())[0]
    # time runs right to left: the periods are ordered newest first on the Hebrew axis
    assert len(hebrew["x"]["sort"]) == 6
    assert [label.split(".")[:2] for label in hebrew["x"]["sort"]] == [
        ["31", "3"],
        ["28", "2"],
        ["28", "1"],
        ["28", "12"],
        ["27", "11"],
        ["27", "10"],
    ]
    assert english["x"]["sort"][-1] == "31 Mar 26"
    assert hebrew["y"]["axis"]["orient"] == "right"
    weekly = _encodings(dashboard_views(sample_dashboard(), "he")["pr_media"].chart.to_dict())[0]
    assert weekly["x"]["scale"]["reverse"] is True


def test_channel_table_and_chart_carry_the_same_channels() -> None:
    dash = sample_dashboard()
    view = dashboard_views(dash, "en")["channels"]
    assert [row[0] for row in view.table.rows] == ["X (Twitter)", "Instagram", "LinkedIn"]
    values = view.chart.data.values
    assert {v["channel"] for v in values} == {"X (Twitter)", "Instagram", "LinkedIn"}
    instagram_now = next(v["rate"] for v in values if v["channel"] == "Instagram" and v["period"] == "This period")
    instagram = next(r for r in dash.channels if r.platform == "instagram")
    assert instagram_now == pytest.approx(instagram.engagement_rate, abs=0.01)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_missing_web_analytics_says_what_to_upload(lang: Lang) -> None:
    views = dashboard_views(sample_dashboard(), lang)
    web = views["web_analytics"]
    assert web.chart is None
    assert web.empty == EMPTY_STATES["web_analytics"](lang)
    assert "GA4" in web.empty
    assert "Traffic acquisition" in web.empty
    # the metrics table is still there (all zeros or "no data"), so nothing silently disappears
    assert web.table.rows


def test_goal_cards_carry_state_projection_and_progress() -> None:
    cards = {c["goal"]: c for c in goal_cards(sample_dashboard(), "en")}
    assert cards["grow"]["status"] == "achieved"
    assert cards["grow"]["progress_percent"] == 100
    engage = cards["engage"]
    assert engage["status"] == "off_track"
    assert engage["projected"] != "no data"
    assert 0 < engage["progress_percent"] < 100
    hebrew = {c["goal"]: c for c in goal_cards(sample_dashboard(), "he")}
    assert hebrew["engage"]["status_label"] == "לא בדרך ליעד"


def test_a_goal_title_ending_with_a_full_stop_does_not_put_it_before_the_colon() -> None:
    dashboard = sample_dashboard()
    goal = dashboard.report.goals[0]
    titled = goal.model_copy(update={"title": "Reach 20 conversions a month by 31 May 2027."})
    takeaway = goal_view(dashboard, titled, "en").takeaway
    assert takeaway.startswith("Reach 20 conversions a month by 31 May 2027: ")
    assert ".:" not in takeaway


def test_every_view_has_a_takeaway_in_the_users_language() -> None:
    english = dashboard_views(sample_dashboard(), "en")
    hebrew = dashboard_views(sample_dashboard(), "he")
    assert english.keys() == hebrew.keys()
    for key in english:
        assert english[key].takeaway != hebrew[key].takeaway, key
        assert any("\u05d0" <= ch <= "\u05ea" for ch in hebrew[key].takeaway), key


def test_type_tables_show_period_over_period_change() -> None:
    dash = sample_dashboard()
    view = dashboard_views(dash, "en")["pr_media"]
    assert view.table.header[-1] == "Change"
    impressions = next(row for row in view.table.rows if row[0] == "Impressions")
    metric = next(m for s in dash.report.sections for m in s.metrics if m.id == "impressions")
    assert metric.value is not None
    assert metric.previous is not None
    expected = (metric.value - metric.previous) / metric.previous * 100
    assert impressions[3].endswith(f"({expected:+.0f}%)")
    rate = next(row for row in dashboard_views(dash, "en")["word_of_mouth"].table.rows if "by impressions" in row[0])
    assert rate[3].endswith("pp")  # a change of a percentage is in points, not a percent of a percent


def test_posts_without_impressions_draw_no_empty_rate_chart() -> None:
    from socialplan.report.measure_data import measurement_dashboard
    from socialplan.report.takeaways import NO_DATA

    from .measure_sample import MARCH, sample_plan, sample_rows, sample_tables

    rows = sample_rows()
    rows["post_metrics"] = [o for o in rows["post_metrics"] if o["metric"] != "impressions"]
    dash = measurement_dashboard(sample_plan(), sample_tables(rows), MARCH, history=2)
    views = dashboard_views(dash, "en")
    assert views["word_of_mouth"].chart is None
    assert views["word_of_mouth"].takeaway == NO_DATA.en
    # the channels still compare, by engagements instead of rates
    assert views["channels"].chart is not None
    assert "Engagements" in views["channels"].takeaway


def test_a_page_builds_only_the_views_it_asks_for_and_they_are_the_same() -> None:
    dash = sample_dashboard()
    every = dashboard_views(dash, "en")
    goal_ids = [view_id for view_id in every if view_id.startswith("goal-")]
    assert goal_ids
    asked = ["channels", "themes", goal_ids[0]]
    some = dashboard_views(dash, "en", only=asked)
    assert list(some) == [goal_ids[0], "channels", "themes"]
    for view_id in asked:
        assert some[view_id].takeaway == every[view_id].takeaway
        assert some[view_id].table == every[view_id].table
        chart, full = some[view_id].chart, every[view_id].chart
        assert (chart.to_dict() if chart else None) == (full.to_dict() if full else None)


def test_heatmap_labels_round_as_the_takeaway_does() -> None:
    view = dashboard_views(sample_dashboard(), "en")["strategy-channel"]
    assert view.chart is not None
    spec = view.chart.to_dict()
    rows = next(iter(spec["datasets"].values())) if "datasets" in spec else spec["data"]["values"]
    labels = {row["label"] for row in rows if row["label"]}
    assert labels
    assert all(len(label.split(".")[1]) == 1 for label in labels)
    # The best cell's label is the number the takeaway names.
    assert any(f"{label}%" in view.takeaway for label in labels)
    # Every label is drawn from the label field, not re-rounded from the rate.
    texts = [e["text"] for e in _encodings(spec) if "text" in e]
    assert texts == [{"field": "label", "type": "nominal"}]
