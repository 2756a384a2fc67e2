from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialplan.i18n import LANGS, Lang
from socialplan.web import access, findings, selectors, services
from socialplan.web.plan_forms import ProfileForm, RenameForm, UploadForm
from socialplan.web.views.workspaces import _user
from socialplan.web.wizard_form import path_place

DOCUMENT_FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
}


def ui_lang() -> Lang:
    return "he" if (get_language() or "en").startswith("he") else "en"


@login_required
@require_http_methods(["GET", "POST"])
def plan_new_from_profile(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = access.workspace_for(request.user, workspace_id, "edit")
    form = ProfileForm(request.POST or None, initial={"language": ui_lang()})
    if request.method == "POST" and form.is_valid():
        from socialplan.advise.draft import plan_draft

        plan = plan_draft(form.profile())
        record = services.plan_create(workspace=workspace, plan=plan, author=_user(request))
        return redirect("wizard_step", plan_id=record.pk, step="goal")
    status = 400 if form.errors else 200
    return render(request, "web/plan_new.html", {"workspace": workspace, "form": form}, status=status)


@login_required
@require_POST
def plan_import(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = access.workspace_for(request.user, workspace_id, "edit")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        record = services.plan_create(workspace=workspace, plan=form.cleaned_data["file"], author=_user(request))
        return redirect("plan_detail", plan_id=record.pk)
    context = {"workspace": workspace, "upload_form": form}
    return render(request, "web/plan_import.html", context, status=400)


@login_required
@require_GET
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "view")
    plan = record.plan()
    lang = ui_lang()
    context = {
        "record": record,
        "plan": plan,
        "can_edit": access.role_allows(access.role_in(request.user, record.workspace_id), "edit"),
        "findings": findings.findings_by_step(plan, lang),
        "charts": findings.plan_charts_cached(record.pk, record.updated_at.isoformat(), plan, lang),
        "formats": list(DOCUMENT_FORMATS),
        # The interface's language first, then the other one.
        "document_langs": [lang, *(code for code in LANGS if code != lang)],
        "upload_form": UploadForm(),
        "rename_form": RenameForm(initial={"name": record.name}),
        "can_own": access.role_allows(access.role_in(request.user, record.workspace_id), "own"),
    }
    return render(request, "web/plan_detail.html", context)


@login_required
@require_POST
def plan_rename(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "edit")
    form = RenameForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    services.plan_rename(record=record, name=form.cleaned_data["name"])
    return redirect("plan_detail", plan_id=record.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Ask first (GET), delete on POST; only a workspace owner may."""
    record = access.plan_for(request.user, plan_id, "own")
    if request.method == "POST":
        workspace_id = record.workspace_id
        services.plan_delete(record=record)
        return redirect("workspace_detail", workspace_id=workspace_id)
    return render(request, "web/plan_delete.html", {"record": record})


@login_required
@require_GET
def plan_export_yaml(request: HttpRequest, plan_id: int) -> HttpResponse:
    from socialplan.plan.io import plan_to_yaml

    record = access.plan_for(request.user, plan_id, "view")
    response = HttpResponse(plan_to_yaml(record.plan()), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{record.pk}.yaml"'
    return response


@login_required
@require_POST
def plan_replace_yaml(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Plan as code: an edited YAML file becomes the plan's next version."""
    record = access.plan_for(request.user, plan_id, "edit")
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        services.plan_save(record=record, plan=form.cleaned_data["file"], author=_user(request), note="YAML")
        return redirect("plan_detail", plan_id=record.pk)
    context = {"workspace": record.workspace, "upload_form": form, "record": record}
    return render(request, "web/plan_import.html", context, status=400)


@login_required
@require_GET
def plan_download(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("unknown document format")
    from socialplan.report import FORMATS, plan_export

    record = access.plan_for(request.user, plan_id, "view")
    # The document's language may differ from the interface's (a Hebrew plan for an English reader).
    wanted = request.GET.get("lang", ui_lang())
    lang: Lang | None = next((code for code in LANGS if code == wanted), None)
    if lang is None:
        raise Http404("unknown language")
    document_format = next(f for f in FORMATS if f == fmt)  # narrows str to the Format literal
    content_type, extension = DOCUMENT_FORMATS[fmt]
    body = plan_export(record.plan(), document_format, lang)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="plan-{record.pk}-{lang}.{extension}"'
    return response


@login_required
@require_GET
def version_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "view")
    context = {
        "record": record,
        "versions": selectors.versions_of(plan=record),
        "can_edit": access.role_allows(access.role_in(request.user, record.workspace_id), "edit"),
    }
    return render(request, "web/version_list.html", context)


@login_required
@require_GET
def version_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = access.version_for(request.user, plan_id, number, "view")
    previous = selectors.version_before(version=version)
    context = {
        "record": version.plan,
        "version": version,
        "previous": previous,
        "changes": [
            {"change": change, "place": path_place(change.path)}
            for change in (selectors.version_diff(old=previous, new=version) if previous else [])
        ],
        "can_edit": access.role_allows(access.role_in(request.user, version.plan.workspace_id), "edit"),
    }
    return render(request, "web/version_detail.html", context)


@login_required
@require_POST
def version_restore(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = access.version_for(request.user, plan_id, number, "edit")
    services.plan_version_restore(version=version, author=_user(request))
    return redirect("version_list", plan_id=plan_id)
