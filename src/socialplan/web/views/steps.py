"""The plan wizard: one page per step of the method, saved as a version on every save."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from socialplan.i18n import Lang
from socialplan.method import load_method
from socialplan.method.types import STEP_IDS, Step
from socialplan.web import access, findings, services
from socialplan.web.findings import FindingView
from socialplan.web.models import Plan
from socialplan.web.views.plans import ui_lang
from socialplan.web.views.workspaces import _user
from socialplan.web.wizard_form import (
    form_action,
    item_add,
    item_remove,
    known_ids,
    plan_validate,
    step_apply,
    step_view,
)


def _step_or_404(step: str) -> str:
    if step not in STEP_IDS:
        raise Http404("no such step")
    return step


@login_required
@require_http_methods(["GET", "POST"])
def wizard_step(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    _step_or_404(step)
    record = access.plan_for(request.user, plan_id, "edit" if request.method == "POST" else "view")
    data: dict[str, Any] = record.data
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        action, argument = form_action(request.POST)
        data = step_apply(record.data, step, request.POST)
        if action == "add":
            data = item_add(data, step, argument)
        elif action == "remove":
            data = item_remove(data, step, argument)
        else:
            plan, errors = plan_validate(data)
            if plan is not None:
                services.plan_save(
                    record=record,
                    plan=plan,
                    author=_user(request),
                    note=request.POST.get("note", "")[:300],
                    step=step,
                )
                messages.success(request, _("Saved. The plan's history keeps this version."))
                following = STEP_IDS[min(STEP_IDS.index(step) + 1, len(STEP_IDS) - 1)]
                return redirect("wizard_step", plan_id=record.pk, step=following if action == "next" else step)
            status = 400
    return render(request, "web/wizard_step.html", _context(request, record, step, data, errors), status=status)


@login_required
@require_POST
def wizard_review(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    """The findings for what is in the form right now (htmx swaps them in as the user types)."""
    _step_or_404(step)
    record = access.plan_for(request.user, plan_id, "view")
    data = step_apply(record.data, step, request.POST)
    lang = ui_lang()
    sections = step_view(data, step, lang, {})
    context = {"findings": _step_findings(data, step, lang, known_ids(sections))}
    return render(request, "web/_findings.html", context)


def _step_findings(data: dict[str, Any], step: str, lang: Lang, ids: set[str]) -> list[FindingView]:
    plan, errors = plan_validate(data)
    if plan is None:
        # Until the inputs make a valid plan, the input errors are the findings.
        return [
            FindingView(step, "input", "error", message, path, findings.finding_anchor(path, ids))
            for path, message in errors.items()
        ]
    return findings.plan_findings(plan, lang, step=step, ids=ids)


def _guide(step: Step, lang: Lang) -> dict[str, Any]:
    """The method's guidance for a step in one language (templates cannot call ``Text``)."""
    return {
        "number": step.number,
        "title": step.title(lang),
        "metaphor": step.metaphor(lang),
        "summary": step.summary(lang),
        "software": step.software(lang),
        "substeps": [{"title": sub.title(lang), "guidance": sub.guidance(lang)} for sub in step.substeps],
    }


def _context(
    request: HttpRequest, record: Plan, step: str, data: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    lang = ui_lang()
    method = load_method()
    sections = step_view(data, step, lang, errors)
    ids = known_ids(sections)
    general_errors = [message for path, message in errors.items() if findings.finding_anchor(path, ids) == ""]
    return {
        "record": record,
        "step": step,
        "guide": _guide(method.step(step), lang),
        "lang": lang,
        "steps": [(s, method.step(s).number, method.step(s).title(lang)) for s in STEP_IDS],
        "sections": sections,
        "errors": errors,
        "general_errors": general_errors,
        "findings": _step_findings(data, step, lang, ids),
        "can_edit": access.role_allows(access.role_in(request.user, record.workspace_id), "edit"),
        "is_last": step == STEP_IDS[-1],
    }
