from __future__ import annotations

import datetime as dt

import pytest

from socialplan.calendar import Entry, TransitionError, allowed_transitions, entry_transition
from socialplan.calendar.checks import approval_skipped

AT = dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)


def _entry() -> Entry:
    return Entry(id="a", start=AT, channel="x", status="draft")


def test_editor_submits_owner_approves_and_history_is_kept() -> None:
    entry = entry_transition(_entry(), "in_review", role="editor", by="Omer", at=AT)
    with pytest.raises(TransitionError) as caught:
        entry_transition(entry, "approved", role="editor", by="Omer", at=AT)
    assert "owner" in caught.value.message.en
    assert caught.value.message.he
    approved = entry_transition(entry, "approved", role="owner", by="Dana", at=AT)
    scheduled = entry_transition(approved, "scheduled", role="editor", by="Omer", at=AT)
    assert [c.status for c in scheduled.history] == ["in_review", "approved", "scheduled"]
    assert not approval_skipped(scheduled)


def test_viewer_changes_nothing_and_steps_cannot_be_skipped() -> None:
    assert allowed_transitions("draft", "viewer") == []
    with pytest.raises(TransitionError):
        entry_transition(_entry(), "in_review", role="viewer", by="Guest", at=AT)
    with pytest.raises(TransitionError, match="cannot go from draft to scheduled"):
        entry_transition(_entry(), "scheduled", role="owner", by="Dana", at=AT)
    assert allowed_transitions("in_review", "owner") == ["draft", "approved"]
