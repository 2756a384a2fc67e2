"""Forms for accounts and workspaces; the plan's own forms live in :mod:`.plan_forms`."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from socialplan.web.models import Role


class SignupForm(UserCreationForm):  # type: ignore[type-arg]  # generic only in the stubs
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)


class WorkspaceForm(forms.Form):
    name = forms.CharField(label=_("Workspace name"), max_length=120)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)
