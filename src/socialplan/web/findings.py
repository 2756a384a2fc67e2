"""Review findings and charts shaped for the templates (the core computes, this only arranges)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from socialplan.i18n import Lang
from socialplan.method import load_method
from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Plan
from socialplan.web.wizard_spec import field_id, path_join, path_parts


@dataclass(frozen=True)
class FindingView:
    step: str
    rule: str
    severity: str
    message: str
    path: str
    anchor: str  # id of the input (or the nearest fieldset) the finding concerns; "" if none


@dataclass(frozen=True)
class StepFindings:
    step: str
    number: int
    title: str
    findings: tuple[FindingView, ...]


def finding_anchor(path: str, ids: Iterable[str] | None) -> str:
    """The id of the input a finding points at, or of its nearest enclosing item or section.

    With ``ids=None`` (pages without the form) the anchor is the derived id itself.
    """
    parts = path_parts(path)
    if ids is None:
        return field_id(path) if parts else ""
    known = set(ids)
    while parts:
        candidate = field_id(path_join(parts))
        if candidate in known:
            return candidate
        parts = parts[:-1]
    return ""


def plan_findings(
    plan: Plan, lang: Lang, *, step: str | None = None, ids: Iterable[str] | None = None
) -> list[FindingView]:
    from socialplan.advise.review import plan_review

    known = None if ids is None else set(ids)
    return [
        FindingView(f.step, f.rule, f.severity, f.message(lang), f.path, finding_anchor(f.path, known))
        for f in plan_review(plan)
        if step is None or f.step == step
    ]


def findings_by_step(plan: Plan, lang: Lang) -> list[StepFindings]:
    method = load_method()
    found = plan_findings(plan, lang)
    return [
        StepFindings(s, method.step(s).number, method.step(s).title(lang), tuple(f for f in found if f.step == s))
        for s in STEP_IDS
    ]


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    spec: dict[str, Any]
    headings: tuple[str, ...]
    cells: tuple[tuple[Any, ...], ...]  # the numbers behind the chart, as a table for everyone

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"


def plan_charts_cached(record_id: int, version_stamp: str, plan: Plan, lang: Lang) -> list[ChartView]:
    """The charts of one saved state of a plan, built once (building them costs ~100 ms)."""
    from django.core.cache import cache

    key = f"socialplan:charts:{record_id}:{version_stamp}:{lang}"
    views: list[ChartView] | None = cache.get(key)
    if views is None:
        views = plan_charts(plan, lang)
        cache.set(key, views, timeout=7 * 24 * 3600)
    return views


def plan_charts(plan: Plan, lang: Lang) -> list[ChartView]:
    """The plan's charts as Vega-Lite JSON (the very specs the documents render), each with its table."""
    from django.utils.translation import gettext as _

    from socialplan.report import charts

    made = (
        (
            _("Weekly hours by channel"),
            charts.chart_hours_by_channel,
            charts.hours_by_channel_rows,
            (("channel", _("Channel")), ("hours", _("Hours per week"))),
        ),
        (
            _("Content mix across the four Es"),
            charts.chart_strategy_mix,
            charts.strategy_mix_rows,
            (("strategy", _("Strategy")), ("share", _("Share (%)"))),
        ),
        (
            _("Metrics for each goal by measurement type"),
            charts.chart_measurement_coverage,
            charts.measurement_coverage_rows,
            (("goal", _("Goal")), ("type", _("Measurement type")), ("metrics", _("Metrics"))),
        ),
    )
    views = []
    for number, (title, chart, rows, columns) in enumerate(made, start=1):
        # The report's tests validate these specs; skipping Altair's schema check here saves
        # about a third of the time the page spends on charts.
        spec: dict[str, Any] = chart(plan, lang).to_dict(validate=False)
        table = tuple(tuple(row[key] for key, _heading in columns) for row in rows(plan, lang))
        views.append(ChartView(f"chart-{number}", title, spec, tuple(h for _k, h in columns), table))
    return views
