"""The approval workflow: idea → draft → in review → approved → scheduled → published.

Who may take a step depends on the role in the workspace: an editor writes and submits, an
owner approves (and may do everything an editor does), a viewer only looks. The web app checks
the role through its access layer and then calls :func:`entry_transition`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from socialplan.i18n import Text

from .model import STATUS_NAMES, Entry, Status, StatusChange

Role = Literal["owner", "editor", "viewer"]

# (from, to) → roles allowed to make the move. Moving back to draft is how a reviewer
# returns a post for changes.
TRANSITIONS: dict[tuple[Status, Status], frozenset[Role]] = {
    ("idea", "draft"): frozenset({"editor", "owner"}),
    ("draft", "idea"): frozenset({"editor", "owner"}),
    ("draft", "in_review"): frozenset({"editor", "owner"}),
    ("in_review", "draft"): frozenset({"editor", "owner"}),
    ("in_review", "approved"): frozenset({"owner"}),
    ("approved", "draft"): frozenset({"owner"}),
    ("approved", "scheduled"): frozenset({"editor", "owner"}),
    ("scheduled", "approved"): frozenset({"editor", "owner"}),
    ("scheduled", "published"): frozenset({"editor", "owner"}),
}


class TransitionError(ValueError):
    """A workflow step that is not allowed; ``message`` says why in both languages."""

    def __init__(self, message: Text) -> None:
        self.message = message
        super().__init__(message.en)


def allowed_transitions(status: Status, role: Role) -> list[Status]:
    return [to for (start, to), roles in TRANSITIONS.items() if start == status and role in roles]


def entry_transition(entry: Entry, to: Status, *, role: Role, by: str, at: dt.datetime) -> Entry:
    """A copy of the entry in the new status, with the step recorded in its history."""
    roles = TRANSITIONS.get((entry.status, to))
    if roles is None:
        raise TransitionError(Text(
            en=f"A post cannot go from {STATUS_NAMES[entry.status].en} to {STATUS_NAMES[to].en}.",
            he=f"פוסט לא יכול לעבור מהמצב {STATUS_NAMES[entry.status].he} למצב {STATUS_NAMES[to].he}.",
        ))
    if role not in roles:
        if to == "approved":
            raise TransitionError(Text(
                en="Only an owner of the workspace can approve a post.",
                he="רק בעלים של סביבת העבודה יכולים לאשר פוסט.",
            ))
        raise TransitionError(Text(
            en="Your role in this workspace cannot change the status of posts.",
            he="התפקיד שלך בסביבת העבודה הזו אינו מאפשר לשנות את מצב הפוסטים.",
        ))
    change = StatusChange(status=to, by=by, at=at)
    return entry.model_copy(update={"status": to, "history": [*entry.history, change]})
