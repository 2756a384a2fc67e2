from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialplan.calendar import STATUSES
from socialplan.method.formats import FORMAT_NAMES
from socialplan.plan.model import Plan

MAX_WEEKS = 26


class GenerateForm(forms.Form):
    weeks = forms.IntegerField(label=_("Weeks"), min_value=1, max_value=MAX_WEEKS, initial=4)
    start = forms.DateField(label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    avoid_shabbat = forms.BooleanField(label=_("Keep Shabbat and holiday eves free"), required=False)


class EntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    channel = forms.ChoiceField(label=_("Channel"))
    strategy = forms.ChoiceField(label=_("Strategy (E)"), required=False)
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    media_notes = forms.CharField(
        label=_("Media notes"), required=False, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    hours = forms.FloatField(label=_("Estimated hours"), min_value=0, max_value=200, initial=1)

    def __init__(self, *args: Any, plan: Plan, lang: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = [("", "—")]
        fields: dict[str, Any] = self.fields
        fields["channel"].choices = [(c.id, c.name or c.id) for c in plan.channels]
        fields["strategy"].choices = none + [(s.id, s.id) for s in plan.strategies]
        fields["goal"].choices = none + [(g.id, f"{g.id}: {g.title}") for g in plan.goals]
        fields["format"].choices = none + [(k, v("he" if lang == "he" else "en")) for k, v in FORMAT_NAMES.items()]
        fields["assignee"].choices = none + [(p.name, p.name) for p in plan.resources.people]


class MoveForm(forms.Form):
    date = forms.DateField(label=_("Move to"), widget=forms.DateInput(attrs={"type": "date"}))


class DuplicateForm(forms.Form):
    date = forms.DateField(label=_("Copy to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, s) for s in STATUSES])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Bulk CSV file"))
    channel = forms.ChoiceField(label=_("Channel for files without a channel column"), required=False)
    day_first = forms.BooleanField(label=_("Dates are written day first (30/11/2026)"), required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: Any = [("", "—")] + [(c.id, c.name or c.id) for c in plan.channels]
        self.fields["channel"].choices = choices  # type: ignore[attr-defined]


def local_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
