from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from socialplan.calendar import load_calendar
from socialplan.cli.app import app
from socialplan.plan.io import plan_to_yaml

from .plans import make_plan

runner = CliRunner()


def _plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_to_yaml(make_plan(regions=("IL",))), encoding="utf-8")
    return path


def test_generate_check_and_export(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path)
    cal = tmp_path / "calendar.yaml"
    result = runner.invoke(app, ["calendar", "generate", str(plan), "--weeks", "2", "--start", "2026-09-07",
                                 "-o", str(cal)])
    assert result.exit_code == 0, result.output
    calendar = load_calendar(cal)
    assert calendar.timezone == "Asia/Jerusalem"
    assert len(calendar.entries) == 6
    result = runner.invoke(app, ["calendar", "check", str(cal), "--plan", str(plan), "--format", "json"])
    assert result.exit_code == 0
    assert result.output.strip().startswith("[")
    for fmt, marker in (("ics", "BEGIN:VCALENDAR"), ("csv", "id,date,time")):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["calendar", "export", str(cal), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(marker)
    result = runner.invoke(app, ["calendar", "export", str(cal), "--format", "hootsuite"])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path)
    result = runner.invoke(app, ["calendar", "generate", str(plan), "--tz", "Mars/Base"])
    assert result.exit_code == 2
    assert "time zone" in result.output
    result = runner.invoke(app, ["calendar", "check", str(tmp_path / "missing.yaml"), "--plan", str(plan)])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_import_writes_only_with_confirm(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path)
    cal = tmp_path / "calendar.yaml"
    bulk = tmp_path / "bulk.csv"
    bulk.write_text("11/30/2026 09:00,Good morning,\n11/31/2026 09:00,Bad day,\n", encoding="utf-8")
    args = ["calendar", "import", str(bulk), "--plan", str(plan), "--calendar", str(cal), "--channel", "instagram"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert f"{bulk}:2: date" in result.output
    assert "Nothing written" in result.output
    assert not cal.exists()
    result = runner.invoke(app, [*args, "--confirm"])
    assert result.exit_code == 0, result.output
    assert [e.text for e in load_calendar(cal).entries] == ["Good morning"]


def test_adherence_and_freshness_from_the_analytics_store(tmp_path: Path) -> None:
    import pandas as pd

    from socialplan.measure.schema import POSTS
    from socialplan.measure.store import AnalyticsStore

    plan = _plan_file(tmp_path)
    cal = tmp_path / "calendar.yaml"
    runner.invoke(app, ["calendar", "generate", str(plan), "--weeks", "1", "--start", "2026-09-07", "-o", str(cal)])
    first = load_calendar(cal).entries[0]
    url = f"duckdb:///{tmp_path / 'analytics.duckdb'}"
    row = dict.fromkeys(POSTS.names, "")
    row |= {"platform": "instagram", "post_id": "p1", "text": "hello",
            "published_at": pd.Timestamp(first.start).tz_convert("UTC").tz_localize(None) + pd.Timedelta(hours=3)}
    with AnalyticsStore.open(url) as store:
        store.con.insert("posts", pd.DataFrame([row]).astype({"published_at": "datetime64[us]"}))
    result = runner.invoke(app, ["calendar", "adherence", str(cal), "--store", url])
    assert result.exit_code == 0, result.output
    assert f"late: {first.id} (+180 min)" in result.output
    assert "1 late, 2 skipped" in result.output
    result = runner.invoke(app, ["calendar", "check", str(cal), "--plan", str(plan), "--store", url])
    assert result.exit_code == 0, result.output
