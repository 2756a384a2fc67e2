"""Social media equity: four component scores (0-100) and an index, period over period.

Our own construct, built on the method's idea that loyalty and eyeballs alone do not show that
social media pays: what a business owns is the strength of its relationships, how well people
know it, how efficiently its message travels and whether value is created. Exactly how it is
computed, and why, is in ``docs/equity.md``; in short:

1. Each component has indicators: the plan's own (``plan.equity.<component>.indicators``, each
   naming a plan metric, with a weight and an optional target), else the method's defaults
   (``method/data/equity.yaml``). Indicators the store cannot measure are listed, not scored.
2. Each indicator gets a 0-100 score against a reference, first found of:
   the indicator's target, the plan metric's target (100 = target reached, linear from 0,
   capped at 100); the plan metric's baseline, else the account's own trailing baseline, the
   value in the period before (50 = as good as the baseline, 100 = twice as good, capped).
3. A component score is the weighted mean of its scored indicators; the index is the weighted
   mean of the scored components with :data:`DEFAULT_WEIGHTS` (renormalised over the scored
   ones, and ``coverage`` says how much of the weight had data).
4. The previous period is scored the same way (its trailing baseline is the period before it),
   and the report shows both and the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Text
from socialplan.measure.metrics import METRIC_BY_ID, MetricValue
from socialplan.method import load_method
from socialplan.method.types import EQUITY_COMPONENT_IDS, EquityComponentId
from socialplan.plan.model import Metric, Plan

# Value creation weighs most: the method's warning is that awareness and loyalty without value
# cannot show the investment worked. Relationships come next (they are what the community
# gives back); familiarity and efficiency share the rest. Equal weights would let an account
# that is merely seen a lot score as well as one that earns money.
DEFAULT_WEIGHTS: Final[dict[EquityComponentId, float]] = {
    "relationship_strength": 0.25,
    "familiarity": 0.20,
    "efficiency": 0.20,
    "value_creation": 0.35,
}
BASELINE_SCORE: Final = 50.0

ReferenceKind = Literal["target", "plan_baseline", "trailing_baseline", "none"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IndicatorScore(Frozen):
    metric: str  # engine metric id
    plan_metric: str | None  # the plan metric it comes from, when the plan chose it
    name: Text
    weight: float
    value: float | None
    reference: float | None
    reference_kind: ReferenceKind
    score: float | None
    measured: bool  # False: the store has no data source for this metric at all


class ComponentScore(Frozen):
    id: EquityComponentId
    name: Text
    weight: float
    score: float | None
    previous_score: float | None
    change: float | None
    indicators: list[IndicatorScore]
    previous_indicators: list[IndicatorScore]


class EquityResult(Frozen):
    index: float | None
    previous_index: float | None
    change: float | None
    coverage: float  # share of the components' weight that had a score, 0-1
    index_target: float | None
    components: list[ComponentScore]


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator to score: ``key`` is what the value resolver looks up."""

    key: str
    metric: str
    plan_metric: str | None
    weight: float
    target: float | None
    baseline: float | None
    higher_is_better: bool


def indicator_score(
    value: float | None, reference: float | None, kind: ReferenceKind, higher_is_better: bool = True
) -> float | None:
    """A 0-100 score of ``value`` against a target (100 = reached) or a baseline (50 = equal).

    Ratios are used when the reference is positive. A zero or negative reference (net
    sentiment, a shrinking audience) makes a ratio meaningless, so the score then moves one
    point per unit of difference: for a target, 100 at or past it; for a baseline, from 50.
    """
    if value is None or reference is None or kind == "none":
        return None
    full = 100.0 if kind == "target" else BASELINE_SCORE
    if reference > 0 and (higher_is_better or value > 0):
        ratio = value / reference if higher_is_better else reference / value
        score = full * ratio
    else:
        difference = value - reference if higher_is_better else reference - value
        score = full + difference if kind != "target" or difference < 0 else 100.0
    return max(0.0, min(100.0, score))


def equity_indicators(plan: Plan) -> dict[EquityComponentId, list[IndicatorSpec]]:
    """The indicators of each component: the plan's own, else the method's defaults."""
    method = load_method()
    out: dict[EquityComponentId, list[IndicatorSpec]] = {}
    for component in EQUITY_COMPONENT_IDS:
        chosen = getattr(plan.equity, component).indicators
        if chosen:
            out[component] = [
                _spec(plan, plan.metric(i.metric), i.metric, weight=i.weight, target=i.target) for i in chosen
            ]
        else:
            out[component] = [
                _spec(plan, next((m for m in plan.metrics if m.definition == metric_id), None), metric_id)
                for metric_id in method.equity_component(component).indicators
            ]
    return out


def _spec(
    plan: Plan,
    plan_metric: Metric | None,
    fallback_id: str,
    *,
    weight: float = 1.0,
    target: float | None = None,
) -> IndicatorSpec:
    """An indicator on a plan metric when there is one (its definition, target and baseline)."""
    engine_id = (plan_metric.definition if plan_metric else None) or (plan_metric.id if plan_metric else fallback_id)
    if target is None and plan_metric is not None:
        target = plan_metric.target
    return IndicatorSpec(
        key=plan_metric.id if plan_metric else fallback_id,
        metric=engine_id,
        plan_metric=plan_metric.id if plan_metric else None,
        weight=weight,
        target=target,
        baseline=plan_metric.baseline if plan_metric else None,
        higher_is_better=_higher_is_better(engine_id),
    )


def _higher_is_better(metric_id: str) -> bool:
    if metric_id in METRIC_BY_ID:
        return METRIC_BY_ID[metric_id].higher_is_better
    try:
        return load_method().metric(metric_id).higher_is_better
    except (KeyError, ValueError, LookupError):
        return True


def _metric_name(metric_id: str) -> Text:
    if metric_id in METRIC_BY_ID:
        return METRIC_BY_ID[metric_id].name
    try:
        return load_method().metric(metric_id).name
    except (KeyError, ValueError, LookupError):
        return Text(en=metric_id, he=metric_id)


def _weighted_mean(pairs: Sequence[tuple[float | None, float]]) -> float | None:
    scored = [(score, weight) for score, weight in pairs if score is not None]
    total = sum(weight for _, weight in scored)
    return sum(score * weight for score, weight in scored) / total if total else None


def _score_period(
    spec: IndicatorSpec, value: MetricValue | None, before: MetricValue | None, measured: bool
) -> IndicatorScore:
    current = value.value if value else None
    reference: float | None
    kind: ReferenceKind
    if spec.target is not None:
        reference, kind = spec.target, "target"
    elif spec.baseline is not None:
        reference, kind = spec.baseline, "plan_baseline"
    elif before is not None and before.value is not None:
        reference, kind = before.value, "trailing_baseline"
    else:
        reference, kind = None, "none"
    return IndicatorScore(
        metric=spec.metric,
        plan_metric=spec.plan_metric,
        name=_metric_name(spec.metric),
        weight=spec.weight,
        value=current,
        reference=reference,
        reference_kind=kind,
        score=indicator_score(current, reference, kind, spec.higher_is_better),
        measured=measured,
    )


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def equity_compute(
    plan: Plan,
    values: Callable[[IndicatorSpec], Sequence[MetricValue | None] | None],
    *,
    weights: Mapping[EquityComponentId, float] | None = None,
) -> EquityResult:
    """Score the equity of the current period (``values(spec)[0]``) against the previous one.

    ``values(spec)`` gives the indicator's value in three consecutive periods, newest first:
    the current one, the previous one and the one before it (the previous period's trailing
    baseline); ``None`` when the store has no data source for that metric at all.
    """
    weights = dict(weights or DEFAULT_WEIGHTS)
    method = load_method()
    components: list[ComponentScore] = []
    for component, specs in equity_indicators(plan).items():
        now_scores, before_scores = [], []
        for spec in specs:
            series = values(spec)
            measured = series is not None
            padded = [*(series or ()), None, None, None][:3]
            now_scores.append(_score_period(spec, padded[0], padded[1], measured))
            before_scores.append(_score_period(spec, padded[1], padded[2], measured))
        score = _weighted_mean([(s.score, s.weight) for s in now_scores])
        previous = _weighted_mean([(s.score, s.weight) for s in before_scores])
        components.append(
            ComponentScore(
                id=component,
                name=method.equity_component(component).name,
                weight=weights.get(component, 0.0),
                score=score,
                previous_score=previous,
                change=_change(score, previous),
                indicators=now_scores,
                previous_indicators=before_scores,
            )
        )
    index = _weighted_mean([(c.score, c.weight) for c in components])
    previous_index = _weighted_mean([(c.previous_score, c.weight) for c in components])
    total_weight = sum(c.weight for c in components)
    covered = sum(c.weight for c in components if c.score is not None)
    return EquityResult(
        index=index,
        previous_index=previous_index,
        change=_change(index, previous_index),
        coverage=covered / total_weight if total_weight else 0.0,
        index_target=plan.equity.index_target,
        components=components,
    )
