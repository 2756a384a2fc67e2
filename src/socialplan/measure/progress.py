"""Goal progress: each goal's target metric over time, projected to its deadline.

How a goal is judged (documented for people in ``docs/metrics-engine.md``):

- The goal's target names a plan metric; its value is computed week by week over the report
  period (a *level* such as followers or a rate is read per week; a *flow* such as conversions
  is added up from the report's first day, so a flow target means "this many by the deadline,
  counted from the report's start").
- A straight line fitted through the weekly points (least squares) is extended to the
  deadline: that is the projection.
- The share of the gap closed by the deadline is ``(projected - origin) / (target - origin)``,
  the origin being the target's baseline when the plan gives one, else the first week (zero
  for a flow). On track: the projection reaches the target (share >= 1). At risk: it closes at
  least :data:`AT_RISK_SHARE` of the gap. Off track: less, or the deadline has passed unmet.
  Achieved: the latest value already meets the target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Text
from socialplan.measure.metrics import METRIC_BY_ID, MetricDef, MetricValue, Period
from socialplan.method.formats import format_date
from socialplan.plan.model import Goal, Plan

AT_RISK_SHARE: Final = 0.8
MIN_POINTS: Final = 2

Status = Literal["achieved", "on_track", "at_risk", "off_track", "no_data", "no_target", "not_measured"]

STATUS_LABELS: Final[dict[Status, Text]] = {
    "achieved": Text(en="Achieved", he="הושג"),
    "on_track": Text(en="On track", he="בדרך ליעד"),
    "at_risk": Text(en="At risk", he="בסיכון"),
    "off_track": Text(en="Off track", he="לא בדרך ליעד"),
    "no_data": Text(en="No data yet", he="אין עדיין נתונים"),
    "no_target": Text(en="No measurable target", he="אין יעד מדיד"),
    "not_measured": Text(en="Not measured by the store", he="לא נמדד במאגר הנתונים"),
}


class Point(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    value: float


class GoalProgress(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    goal: str
    title: str  # as the owner wrote it
    metric: str | None  # plan metric id
    engine_metric: str | None
    target: float | None
    baseline: float | None
    deadline: dt.date | None
    current: float | None
    projected: float | None
    gap_closed: float | None  # share of the gap from origin to target closed by the deadline
    status: Status
    reason: Text
    series: list[Point]


def engine_metric_of(plan: Plan, plan_metric_id: str) -> str | None:
    """The engine's metric id for a plan metric: its catalogue definition, or its own id."""
    metric = plan.metric(plan_metric_id)
    candidate = (metric.definition if metric else None) or plan_metric_id
    return candidate if candidate in METRIC_BY_ID else None


def _fit(points: Sequence[Point]) -> tuple[float, float]:
    """Least-squares slope (per day) and intercept over the points' day numbers."""
    origin = points[0].date
    xs = [float((p.date - origin).days) for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    return slope, mean_y - slope * mean_x


def _series(weeks: Sequence[Period], values: Sequence[MetricValue | None], flow: bool) -> list[Point]:
    points: list[Point] = []
    total = 0.0
    for week, value in zip(weeks, values, strict=True):
        if value is None or value.value is None:
            if flow:
                points.append(Point(date=week.end, value=total))
            continue
        total += value.value
        points.append(Point(date=week.end, value=total if flow else value.value))
    return points


def goal_progress(
    plan: Plan,
    goal: Goal,
    weeks: Sequence[Period],
    values: Sequence[MetricValue | None] | None,
    *,
    as_of: dt.date,
) -> GoalProgress:
    """Judge one goal from its metric's weekly values (``None``: the metric is not measured)."""
    target = goal.target
    plan_metric = target.metric if target else (goal.metrics[0] if goal.metrics else None)
    engine_id = engine_metric_of(plan, plan_metric) if plan_metric else None
    definition = METRIC_BY_ID.get(engine_id or "")
    flow = definition is not None and definition.kind == "flow"
    higher = definition.higher_is_better if definition else True
    series = _series(weeks, values, flow) if values is not None else []

    def result(status: Status, reason: Text, projected: float | None = None, gap: float | None = None) -> GoalProgress:
        return GoalProgress(
            goal=goal.id,
            title=goal.title,
            metric=plan_metric,
            engine_metric=engine_id,
            target=target.value if target else None,
            baseline=target.baseline if target else None,
            deadline=target.deadline if target else None,
            current=series[-1].value if series else None,
            projected=projected,
            gap_closed=gap,
            status=status,
            reason=reason,
            series=series,
        )

    if target is None:
        return result("no_target", Text(en="The goal has no target yet.", he="למטרה אין עדיין יעד."))
    if values is None or engine_id is None:
        return result(
            "not_measured",
            Text(
                en="The store has no data source for this metric; record it by hand or import it.",
                he="אין במאגר מקור נתונים למדד הזה; רשמו אותו ידנית או ייבאו אותו.",
            ),
        )
    if all(v is None or v.value is None for v in values):
        return result("no_data", Text(en="No data in the report period.", he="אין נתונים בתקופת הדוח."))

    def met(value: float) -> bool:
        return value >= target.value if higher else value <= target.value

    current = series[-1].value
    if met(current):
        return result("achieved", Text(en="The latest value meets the target.", he="הערך האחרון עומד ביעד."))
    deadline = target.deadline
    if deadline is not None and as_of > deadline:
        return result(
            "off_track",
            Text(en="The deadline has passed and the target was not met.", he="המועד עבר והיעד לא הושג."),
        )
    if deadline is None or len(series) < MIN_POINTS:
        return result(
            "at_risk",
            Text(
                en="Not met yet, and there is no deadline or too few weeks of data to project a trend.",
                he="היעד עוד לא הושג, ואין מועד יעד או שיש מעט מדי שבועות של נתונים כדי לחזות מגמה.",
            ),
        )
    slope, intercept = _fit(series)
    projected = intercept + slope * (deadline - series[0].date).days
    if definition is not None and _never_negative(definition):
        # A straight line through a falling count runs below zero; no count or rate can.
        projected = max(projected, 0.0)
    origin = target.baseline if target.baseline is not None else (0.0 if flow else series[0].value)
    gap = target.value - origin
    closed = (projected - origin) / gap if gap else (1.0 if met(projected) else 0.0)
    numbers = {"projected": f"{projected:,.2f}", "target": f"{target.value:,.2f}"}
    if met(projected):
        return result(
            "on_track",
            _with_deadline(
                Text(
                    en="At the current trend it reaches {projected} by {deadline} (target {target}).",
                    he="במגמה הנוכחית יגיע ל-{projected} עד {deadline} (היעד {target}).",
                ),
                deadline,
                **numbers,
            ),
            projected,
            closed,
        )
    status: Status = "at_risk" if closed >= AT_RISK_SHARE else "off_track"
    return result(
        status,
        _with_deadline(
            Text(
                en="At the current trend it reaches only {projected} by {deadline} (target {target}).",
                he="במגמה הנוכחית יגיע רק ל-{projected} עד {deadline} (היעד {target}).",
            ),
            deadline,
            **numbers,
        ),
        projected,
        closed,
    )


def _never_negative(definition: MetricDef) -> bool:
    """Counts, money and per-post or per-session rates stay at zero or above; a growth rate and
    a sentiment score can fall below it."""
    return definition.unit != "score" and "growth" not in definition.id


def _with_deadline(sentence: Text, deadline: dt.date, **numbers: str) -> Text:
    """The sentence with its numbers and the deadline written as each language writes dates."""
    return Text.each(lambda lang: sentence(lang).format(deadline=format_date(deadline, lang), **numbers))
