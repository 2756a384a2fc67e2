"""A review finding: what is wrong or worth a look, where, and how badly."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang, Text
from socialplan.method.types import StepId

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}


class Finding(BaseModel):
    """One result of a review rule.

    ``path`` points at the plan element concerned, in the dotted form used by the plan's
    JSON (``goals[1].target.deadline``); the web app turns it into a link to that field.
    """

    model_config = ConfigDict(frozen=True)

    step: StepId
    rule: str  # e.g. "goal.deadline"
    severity: Severity
    message: Text
    path: str

    def as_dict(self, lang: Lang) -> dict[str, str]:
        return {
            "step": self.step,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
            "path": self.path,
        }
