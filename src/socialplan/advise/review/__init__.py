"""Review a plan against the seven steps of the method.

Each rule is a small registered function (see :mod:`registry`); importing the rule modules
registers them. :func:`plan_review` runs them all and returns the findings in step order.
"""

from __future__ import annotations

import datetime as dt

from socialplan.advise.findings import SEVERITY_ORDER, Finding
from socialplan.advise.review import (  # noqa: F401  (imported for their @rule registrations)
    fuel_rules,
    goal_rules,
    landscape_rules,
    measurement_rules,
    return_rules,
    strategy_rules,
    tools_rules,
)
from socialplan.advise.review.registry import RULES, RuleSpec, review_context
from socialplan.method.types import STEP_IDS, Method
from socialplan.plan.model import Plan

__all__ = ["RULES", "RuleSpec", "has_errors", "plan_review"]


def plan_review(plan: Plan, *, today: dt.date | None = None, method: Method | None = None) -> list[Finding]:
    """All findings for the plan, ordered by step, then severity, then where they point."""
    context = review_context(plan, today=today, method=method)
    findings = [finding for spec in RULES.values() for finding in spec.run(context)]
    return sorted(findings, key=lambda f: (STEP_IDS.index(f.step), SEVERITY_ORDER[f.severity], f.path, f.rule))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
