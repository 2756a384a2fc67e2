"""Forms that start a plan: a business profile (drafted by the plan core) or a plan file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as ModelError

from socialplan.plan.io import PlanInputError, parse_plan
from socialplan.plan.model import Plan as PlanModel
from socialplan.plan.profile import Profile

LANGUAGE_CHOICES = (("he", _("Hebrew")), ("en", _("English")))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("،", ",").split(",") if part.strip()]


class ProfileForm(forms.Form):
    """What an owner knows before there is a plan; the plan core drafts the plan from it."""

    name = forms.CharField(label=_("Business name"), max_length=200)
    industry = forms.CharField(label=_("Industry"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What the business does"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    employees = forms.IntegerField(label=_("Number of employees"), min_value=1, initial=1)
    language = forms.ChoiceField(label=_("Language of the plan"), choices=LANGUAGE_CHOICES)
    region = forms.RegexField(
        label=_("Country code (two letters, e.g. IL)"), regex=r"^[A-Za-z]{2}$", required=False, max_length=2
    )
    objectives = forms.CharField(label=_("Business objectives, one per line"), widget=forms.Textarea(attrs={"rows": 4}))
    audiences = forms.CharField(
        label=_("Audiences, one per line: name, then a colon and the platforms they use"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    competitors = forms.CharField(label=_("Competitors, separated by commas"), required=False)
    team = forms.CharField(
        label=_("Team, one person per line: name, then a comma and weekly hours for social media"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    monthly_budget = forms.DecimalField(label=_("Monthly budget"), min_value=0, required=False)
    currency = forms.RegexField(
        label=_("Currency (three letters, e.g. ILS)"), regex=r"^[A-Za-z]{3}$", required=False, max_length=3
    )

    def clean_objectives(self) -> list[str]:
        objectives = _lines(self.cleaned_data["objectives"])
        if not objectives:
            raise ValidationError(gettext("Write at least one business objective."))
        return objectives

    def clean_audiences(self) -> list[dict[str, Any]]:
        audiences = []
        for line in _lines(self.cleaned_data["audiences"]):
            name, _sep, platforms = line.partition(":")
            if not name.strip():
                raise ValidationError(gettext("Each audience line needs a name before the colon."))
            audiences.append({"name": name.strip(), "platforms": _split(platforms)})
        return audiences

    def clean_team(self) -> list[dict[str, Any]]:
        people = []
        for number, line in enumerate(_lines(self.cleaned_data["team"]), start=1):
            name, _sep, hours = line.rpartition(",")
            try:
                weekly_hours = float(hours.strip())
            except ValueError:
                raise ValidationError(
                    gettext("Line %(number)d: write the name, a comma, then the weekly hours (e.g. Dana, 4).")
                    % {"number": number}
                ) from None
            if not name.strip() or not 0 <= weekly_hours <= 80:
                raise ValidationError(
                    gettext("Line %(number)d: the name is missing or the hours are not between 0 and 80.")
                    % {"number": number}
                )
            people.append({"name": name.strip(), "weekly_hours": weekly_hours})
        return people

    def profile(self) -> Profile:
        """The validated profile; call after ``is_valid()``."""
        data = self.cleaned_data
        region = (data.get("region") or "").upper()
        budget = data.get("monthly_budget")
        try:
            return Profile.model_validate(
                {
                    "business": {
                        "name": data["name"],
                        "industry": data.get("industry", ""),
                        "description": data.get("description", ""),
                        "employees": data["employees"],
                        "languages": [data["language"]],
                        "regions": [region] if region else [],
                    },
                    "objectives": data["objectives"],
                    "audience": data["audiences"],
                    "competitors": _split(data.get("competitors", "")),
                    "resources": {
                        "people": data["team"],
                        "monthly_budget": float(budget) if budget is not None else None,
                        "currency": (data.get("currency") or "").upper() or None,
                    },
                }
            )
        except ModelError as error:
            raise ValidationError(str(error)) from error


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Plan file (YAML or JSON)"))

    def clean_file(self) -> PlanModel:
        upload = self.cleaned_data["file"]
        limit: int = settings.SOCIALPLAN_UPLOAD_MAX_BYTES
        if upload.size is None or upload.size > limit:
            raise ValidationError(
                gettext("The file is larger than %(size)d kilobytes; a plan file is much smaller.")
                % {"size": limit // 1024}
            )
        name = upload.name or "plan.yaml"
        if not name.lower().endswith((".yaml", ".yml", ".json")):
            raise ValidationError(gettext("Upload a .yaml, .yml or .json plan file."))
        try:
            return parse_plan(upload.read(), source=name)
        except PlanInputError as error:
            raise ValidationError(
                gettext("The plan file could not be read: %(reason)s") % {"reason": str(error)}
            ) from error


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Plan name"), max_length=200)
