from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from socialplan.web import access, selectors, services
from socialplan.web.forms import MemberForm, WorkspaceForm
from socialplan.web.plan_forms import ProfileForm, UploadForm


def _user(request: HttpRequest) -> User:
    # login_required guarantees an authenticated user; this narrows the type for the services.
    assert isinstance(request.user, User)
    return request.user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("workspace_list")


@login_required
@require_http_methods(["GET", "POST"])
def workspace_list(request: HttpRequest) -> HttpResponse:
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workspace = services.workspace_create(name=form.cleaned_data["name"], owner=_user(request))
        return redirect("workspace_detail", workspace_id=workspace.pk)
    workspaces = selectors.workspaces_of(user=_user(request))
    return render(request, "web/workspace_list.html", {"workspaces": workspaces, "form": form})


@login_required
def workspace_detail(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = access.workspace_for(request.user, workspace_id, "view")
    role = access.role_in(request.user, workspace.pk)
    context = {
        "workspace": workspace,
        "plans": selectors.plans_of(workspace=workspace),
        "can_edit": access.role_allows(role, "edit"),
        "can_own": access.role_allows(role, "own"),
        "profile_form": ProfileForm(),
        "upload_form": UploadForm(),
    }
    return render(request, "web/workspace_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workspace_members(request: HttpRequest, workspace_id: int) -> HttpResponse:
    need: access.Need = "own" if request.method == "POST" else "view"
    workspace = access.workspace_for(request.user, workspace_id, need)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", _("There is no account with this user name."))
        else:
            services.membership_add(workspace=workspace, user=user, role=form.cleaned_data["role"])
            return redirect("workspace_members", workspace_id=workspace.pk)
    context = {
        "workspace": workspace,
        "members": selectors.memberships_of(workspace=workspace),
        "form": form,
        "can_own": access.role_allows(access.role_in(request.user, workspace.pk), "own"),
    }
    return render(request, "web/workspace_members.html", context, status=400 if form.errors else 200)
