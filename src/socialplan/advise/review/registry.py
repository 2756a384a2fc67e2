"""The rule registry: every review rule is a small function registered with its step and id.

A rule receives a :class:`ReviewContext` and yields findings. Rules never change the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from socialplan.advise.findings import Finding, Severity
from socialplan.i18n import Text
from socialplan.method import load_method
from socialplan.method.types import Method, StepId
from socialplan.plan.model import Plan


@dataclass(frozen=True)
class ReviewContext:
    plan: Plan
    method: Method
    today: dt.date

    def finding(self, rule: RuleSpec, severity: Severity, path: str, message: Text, **values: object) -> Finding:
        return Finding(step=rule.step, rule=rule.id, severity=severity, message=message.format(**values), path=path)


Check = Callable[["RuleSpec", ReviewContext], Iterable[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    id: str
    step: StepId
    why: Text  # what the rule protects, shown by `socialplan explain RULE`
    check: Check = field(compare=False)

    def run(self, context: ReviewContext) -> Iterator[Finding]:
        yield from self.check(self, context)


RULES: dict[str, RuleSpec] = {}


def rule(rule_id: str, step: StepId, *, why_en: str, why_he: str) -> Callable[[Check], Check]:
    """Register a rule. The id reads as ``<step area>.<what>``, e.g. ``fuel.dedicated-team``."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"review rule {rule_id!r} is registered twice")
        RULES[rule_id] = RuleSpec(id=rule_id, step=step, why=Text(en=why_en, he=why_he), check=check)
        return check

    return register


def review_context(plan: Plan, *, today: dt.date | None = None, method: Method | None = None) -> ReviewContext:
    return ReviewContext(plan=plan, method=method or load_method(), today=today or dt.date.today())
