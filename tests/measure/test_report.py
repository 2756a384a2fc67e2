"""The measurement report: library API and its JSON, Markdown and HTML renderings."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from socialplan.measure.metrics import Filters, Period, Tables
from socialplan.measure.report import MeasurementReport, format_number, measurement_report, report_render
from socialplan.plan.model import Plan

PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 7))


@pytest.fixture(scope="module")
def duckdb_tables(backend_factory_module: Any) -> Tables:
    return Tables.from_backend(backend_factory_module("duckdb"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan.model_validate(
        {
            "business": {"name": "Acme | Co"},
            "resources": {"currency": "ILS"},
            "metrics": [
                {"id": "followers", "definition": "audience_size", "measurement_type": "pr_media"},
                {"id": "sales", "definition": "conversions", "measurement_type": "web_analytics",
                 "target": 5},
                {"id": "ig_sov", "definition": "share_of_voice", "measurement_type": "pr_media",
                 "channels": ["instagram"], "target": 100},
            ],
            "goals": [
                {"id": "g1", "title": "Grow the audience",
                 "target": {"metric": "followers", "value": 1400, "deadline": "2026-06-30"}},
                {"id": "g2", "title": "Sell more", "target": {"metric": "sales", "value": 20}},
                {"id": "g3", "title": "Be known | loved"},
            ],
            "equity": {"familiarity": {"indicators": [{"metric": "ig_sov"}]}},
        }
    )  # fmt: skip


@pytest.fixture(scope="module")
def report(plan: Plan, duckdb_tables: Tables) -> MeasurementReport:
    return measurement_report(plan, duckdb_tables, PERIOD, conversion_value=10)


def test_report_sections_and_values(report: MeasurementReport) -> None:
    assert [s.id for s in report.sections] == [
        "pr_media",
        "word_of_mouth",
        "web_analytics",
        "opinion_research",
    ]
    metrics = {m.id: m for s in report.sections for m in s.metrics}
    assert metrics["audience_size"].value == 1480
    assert metrics["audience_size"].previous == 1050
    assert metrics["audience_size"].change == 1480 - 1050
    assert metrics["reach"].lower_bound
    assert metrics["economic_value"].value == 290 + 6 * 10
    assert report.previous_period == (dt.date(2026, 2, 22), dt.date(2026, 2, 28))
    web = {(r.channel_group, r.social_platform): r.sessions for r in report.web_by_channel}
    assert web == {("Organic Social", "instagram"): 100, ("Paid Social", "facebook"): 50}


def test_plan_metrics_keep_their_channels(report: MeasurementReport) -> None:
    familiarity = next(c for c in report.equity.components if c.id == "familiarity")
    (indicator,) = familiarity.indicators
    # Instagram only: ann and dan mention the brand, nobody mentions a competitor there
    assert indicator.value == 100
    assert indicator.score == 100


def test_goal_progress_in_report(report: MeasurementReport) -> None:
    goals = {g.goal: g for g in report.goals}
    assert goals["g1"].status == "achieved"  # 1480 followers ≥ 1400
    assert goals["g2"].status == "at_risk"  # one week of data, no deadline
    assert goals["g2"].current == 6
    assert goals["g3"].status == "no_target"


def test_filters_are_reported(plan: Plan, duckdb_tables: Tables) -> None:
    narrowed = measurement_report(plan, duckdb_tables, PERIOD, filters=Filters(strategies=("education",)))
    assert narrowed.filters == {"strategies": ["education"]}
    assert len(narrowed.notes) == 2
    amplification = next(m for s in narrowed.sections for m in s.metrics if m.id == "amplification_rate")
    assert amplification.denominator == 1


def test_json_round_trip(report: MeasurementReport) -> None:
    data = json.loads(report_render(report, "json"))
    assert MeasurementReport.model_validate(data) == report
    assert data["equity"]["components"][0]["name"]["he"]


@pytest.mark.parametrize("lang", ["en", "he"])
def test_markdown_and_html(report: MeasurementReport, lang: str) -> None:
    md = report_render(report, "md", lang)  # type: ignore[arg-type]
    page = report_render(report, "html", lang)  # type: ignore[arg-type]
    assert "Be known \\| loved" in md  # a pipe in a title does not break the table
    assert "≥ 1,500" in md  # reach is shown as a lower bound
    assert ("הון עצמי במדיה חברתית" in md) == (lang == "he")
    assert f'dir="{"rtl" if lang == "he" else "ltr"}"' in page
    assert "<bdi>1,480</bdi>" in page
    with pytest.raises(ValueError, match="unknown report format"):
        report_render(report, "pdf", lang)  # type: ignore[arg-type]


def test_format_number() -> None:
    assert format_number(1234.5, "currency", "en", currency="ILS") == "1,234.50 ILS"
    assert format_number(12.345, "percent", "en") == "12.3%"
    assert format_number(2.5, "percent", "en", signed=True) == "+2.5 pp"
    assert format_number(1500, "count", "he", lower_bound=True) == "≥ 1,500"
    assert format_number(None, "count", "he") == "אין נתונים"
    # Averages of counts keep the decimals a reader can use.
    assert format_number(1585.5, "count", "en") == "1,586"
    assert format_number(42.31, "count", "en") == "42.3"
    assert format_number(2.25, "count", "en") == "2.25"
    assert format_number(-3.5, "count", "en", signed=True) == "-3.50"


def test_cli_report(tmp_path: Any, plan: Plan, metric_store_url: str) -> None:
    from typer.testing import CliRunner

    from socialplan.cli.app import app
    from socialplan.plan.io import plan_to_yaml

    url = metric_store_url
    plan_file = tmp_path / "acme.plan.yaml"
    plan_file.write_text(plan_to_yaml(plan), encoding="utf-8")
    runner = CliRunner()
    args = ["measure", "report", str(plan_file), "--from", "2026-03-01", "--to", "2026-03-07", "--url", url]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == ["2026-03-01", "2026-03-07"]
    metrics = {m["id"]: m for s in data["sections"] for m in s["metrics"]}
    assert metrics["audience_size"]["value"] == 1480
    out = tmp_path / "report.html"
    result = runner.invoke(app, [*args, "--format", "html", "--lang", "he", "--platform", "x", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'dir="rtl"' in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, [*args[:3], "--from", "2026-03-09", "--to", "2026-03-01", "--url", url])
    assert bad.exit_code == 2
    assert "before" in bad.stderr
    missing = runner.invoke(app, ["measure", "report", str(tmp_path / "nope.yaml"), "--url", url])
    assert missing.exit_code == 2


def test_empty_store_reports_no_data_not_zero() -> None:
    from socialplan.measure.store import AnalyticsStore

    plan = Plan.model_validate(
        {
            "business": {"name": "New"},
            "metrics": [{"id": "sales", "definition": "conversions", "measurement_type": "web_analytics"}],
            "goals": [{"id": "g", "title": "Sell", "target": {"metric": "sales", "value": 5}}],
        }
    )
    with AnalyticsStore.open("duckdb:///:memory:") as store:
        report = measurement_report(plan, Tables.from_backend(store.con), PERIOD)
    values = [m.value for s in report.sections for m in s.metrics]
    assert values
    assert all(v is None for v in values)
    assert report.equity.index is None
    assert report.equity.coverage == 0
    assert report.goals[0].status == "no_data"


def test_cli_markdown_report_ends_with_the_focus_group(tmp_path: Any, plan: Plan) -> None:
    import datetime as dt

    import pandas as pd
    from typer.testing import CliRunner

    from socialplan.cli.app import app
    from socialplan.measure.store import AnalyticsStore
    from socialplan.plan.io import plan_to_yaml

    url = f"duckdb:///{tmp_path / 'analytics.duckdb'}"
    texts = ["Acme's new store is wonderful, great service", "Acme delivery was late and the box was broken",
             "Love the Acme coffee beans", "Rival prices are too high"]
    with AnalyticsStore.open(url) as store:
        store.con.insert("mentions", pd.DataFrame({
            "mention_id": [f"m{i}" for i in range(4)], "platform": ["x"] * 4, "author": ["a", "b", "c", "d"],
            "text": texts, "lang": ["en"] * 4,
            "published_at": [dt.datetime(2026, 3, d, 9, tzinfo=dt.UTC) for d in (2, 3, 4, 5)],
            "reach": [10.0] * 4, "subject": ["Acme", "Acme", "Acme", "Rival"],
            "is_competitor": [False, False, False, True], "url": [None] * 4,
            "sentiment_score": [None] * 4, "sentiment_label": [None] * 4, "import_id": ["t"] * 4,
        }))
    named = plan.model_copy(deep=True)
    named.business.name = "Acme"
    named.landscape.competitors = ["Rival"]
    plan_file = tmp_path / "acme.plan.yaml"
    plan_file.write_text(plan_to_yaml(named), encoding="utf-8")
    args = ["measure", "report", str(plan_file), "--from", "2026-03-01", "--to", "2026-03-07", "--url", url]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "## What people say: the focus group" in result.stdout
    hebrew = CliRunner().invoke(app, [*args, "--lang", "he"])
    assert "## מה אומרים עלינו: קבוצת המיקוד" in hebrew.stdout
    # Outside the period there is nothing to say, and the section is left out.
    later = CliRunner().invoke(app, [*args[:3], "--from", "2026-04-01", "--to", "2026-04-07", "--url", url])
    assert later.exit_code == 0
    assert "focus group" not in later.stdout
