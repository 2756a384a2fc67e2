"""Forms of the dashboards: several export files at once, a column mapping, the dashboard filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from socialplan.measure.importers.base import ColumnMapping
from socialplan.measure.read import DEFAULT_MAX_BYTES
from socialplan.method.types import STRATEGY_IDS
from socialplan.web.dashboard.selectors import DEFAULT_DAYS, PERIOD_DAYS, DashboardQuery

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ExportFilesField(forms.FileField):
    """Several files in one field (Django's documented recipe for multiple uploads)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "class": "drop-input"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in files if item]


class UploadForm(forms.Form):
    exports = ExportFilesField(label=_("Export files"))

    def clean_exports(self) -> list[Any]:
        files = self.cleaned_data["exports"]
        if not files:
            raise forms.ValidationError(_("Choose at least one export file."))
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Upload at most %(count)d files at once.") % {"count": MAX_FILES})
        limit = getattr(settings, "SOCIALPLAN_EXPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        for upload in files:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("%(name)s is larger than the import limit of %(mb)d MB.")
                    % {"name": upload.name, "mb": limit // 1_000_000}
                )
        return list(files)


TABLE_CHOICES = (
    ("posts", _("Posts (one row per post)")),
    ("account_daily", _("Account figures (one row per day)")),
    ("mentions", _("Mentions or comments (one row per mention)")),
)
# Canonical fields the mapping screen offers per table: (field, label, required).
MAPPED_FIELDS: dict[str, tuple[tuple[str, Any, bool], ...]] = {
    "posts": (
        ("post_id", _("Post id"), True),
        ("published_at", _("Publishing date"), True),
        ("text", _("Post text"), False),
        ("url", _("Link"), False),
        ("strategy", _("E tag (education, entertainment, engagement, empowerment)"), False),
    ),
    "account_daily": (("date", _("Day"), True),),
    "mentions": (
        ("text", _("Mention text"), True),
        ("published_at", _("Date"), True),
        ("author", _("Author"), False),
        ("platform", _("Network"), False),
        ("subject", _("Brand or competitor"), False),
    ),
}
MAPPED_METRICS: dict[str, tuple[tuple[str, Any], ...]] = {
    "posts": (
        ("impressions", _("Impressions")),
        ("reach", _("Reach")),
        ("engagements", _("Engagements")),
        ("likes", _("Likes")),
        ("comments", _("Comments")),
        ("shares", _("Shares")),
        ("saves", _("Saves")),
        ("clicks", _("Link clicks")),
    ),
    "account_daily": (("followers", _("Followers")), ("impressions", _("Impressions")), ("reach", _("Reach"))),
    "mentions": (),
}


class MappingForm(forms.Form):
    """Which column of the file is which field, for files no importer recognises."""

    table = forms.ChoiceField(label=_("The file holds"), choices=TABLE_CHOICES)
    platform = forms.CharField(label=_("Network (e.g. pinterest)"), max_length=40, required=False)
    account = forms.CharField(label=_("Account or page name"), max_length=200, required=False)
    preset_name = forms.CharField(label=_("Save this mapping as"), max_length=120, required=False)

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("(none)")), *((h, h) for h in headers if h)]
        for table, fields in MAPPED_FIELDS.items():
            for name, label, _required in fields:
                self.fields[f"{table}__{name}"] = forms.ChoiceField(label=label, choices=options, required=False)
            for metric, label in MAPPED_METRICS[table]:
                self.fields[f"{table}__m__{metric}"] = forms.ChoiceField(label=label, choices=options, required=False)

    def fields_of(self, table: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(f"{table}__")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        table = data.get("table")
        if not table:
            return data
        for name, label, required in MAPPED_FIELDS[table]:
            if required and not data.get(f"{table}__{name}"):
                self.add_error(f"{table}__{name}", _("Choose the column for “%(field)s”.") % {"field": label})
        if table != "mentions" and not data.get("platform"):
            self.add_error("platform", _("Name the network these figures come from."))
        return data

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data
        table = data["table"]
        columns = {name: data[f"{table}__{name}"] for name, _l, _r in MAPPED_FIELDS[table] if data[f"{table}__{name}"]}
        metrics = {data[f"{table}__m__{m}"]: m for m, _l in MAPPED_METRICS[table] if data[f"{table}__m__{m}"]}
        return ColumnMapping(table=table, columns=columns, metrics=metrics, platform=data.get("platform") or None)

    @staticmethod
    def initial_from(mapping: dict[str, Any]) -> dict[str, Any]:
        """Form values that show a saved mapping again."""
        table = mapping.get("table", "posts")
        initial: dict[str, Any] = {"table": table, "platform": mapping.get("platform") or ""}
        for name, header in (mapping.get("columns") or {}).items():
            initial[f"{table}__{name}"] = header
        for header, metric in (mapping.get("metrics") or {}).items():
            initial[f"{table}__m__{metric}"] = header
        return initial


class FilterForm(forms.Form):
    """The dashboard's filters: period length and end, channel, E and goal (GET, so links share them)."""

    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[(7, _("7 days")), (28, _("28 days")), (90, _("90 days"))],
        initial=DEFAULT_DAYS,
        required=False,
    )
    end = forms.DateField(label=_("Ending on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    strategy = forms.ChoiceField(label=_("E"), required=False)
    goal = forms.ChoiceField(label=_("Goal"), required=False)

    def __init__(self, *args: Any, channels: list[tuple[str, str]], strategies: list[tuple[str, str]],
                 goals: list[tuple[str, str]], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        for name, options in (("channel", channels), ("strategy", strategies), ("goal", goals)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [everything, *options]

    def query(self) -> DashboardQuery:
        if not self.is_valid():
            return DashboardQuery()
        data = self.cleaned_data
        days = data.get("days") or DEFAULT_DAYS
        return DashboardQuery(
            days=days if days in PERIOD_DAYS else DEFAULT_DAYS,
            end=data.get("end"),
            platforms=(data["channel"],) if data.get("channel") else (),
            strategies=(data["strategy"],) if data.get("strategy") in STRATEGY_IDS else (),
            goals=(data["goal"],) if data.get("goal") else (),
        )
