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
from socialplan.web import access, findings, selectors, services
from socialplan.web.findings import FindingView
from socialplan.web.models import Plan
from socialplan.web.views.plans import ui_lang
from socialplan.web.views.workspaces import _user
from socialplan.web.wizard_form import (
    StepState,
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
    latest = selectors.version_latest_number(plan=record)
    if request.method == "GET":
        return render(
            request, "web/wizard_step.html", _context(request, record, step, StepState(record.data, {}), {}, latest)
        )
    action, argument = form_action(request.POST)
    state = step_apply(record.data, step, request.POST)
    based_on = request.POST.get("based_on", "")
    if action == "add":
        state = item_add(state, step, argument)
    elif action == "remove":
        state = item_remove(state, step, argument)
    elif based_on != str(latest):
        # Someone saved the plan after this form was opened: keep the user's inputs on screen and
        # let a second save (now based on the latest version) decide, so nobody's work vanishes.
        messages.warning(
            request,
            _(
                "Someone else saved this plan (version %(number)d) after you opened this page. "
                "Your changes are still in the form: compare them with the latest version, then save again."
            )
            % {"number": latest},
        )
        context = _context(request, record, step, state, {}, latest)
        return render(request, "web/wizard_step.html", context, status=409)
    else:
        plan, errors = plan_validate(state.data)
        if plan is None:
            context = _context(request, record, step, state, errors, int(based_on))
            return render(request, "web/wizard_step.html", context, status=400)
        services.plan_save(
            record=record, plan=plan, author=_user(request), note=request.POST.get("note", "")[:300], step=step
        )
        messages.success(request, _("Saved. The plan's history keeps this version."))
        following = STEP_IDS[min(STEP_IDS.index(step) + 1, len(STEP_IDS) - 1)]
        return redirect("wizard_step", plan_id=record.pk, step=following if action == "next" else step)
    # Rows added or removed: shown, not saved; the form stays based on the version it came from.
    context = _context(request, record, step, state, {}, int(based_on) if based_on.isdigit() else latest)
    return render(request, "web/wizard_step.html", context)


@login_required
@require_POST
def wizard_review(request: HttpRequest, plan_id: int, step: str) -> HttpResponse:
    """The findings for what is in the form right now (htmx swaps them in as the user types)."""
    _step_or_404(step)
    record = access.plan_for(request.user, plan_id, "view")
    state = step_apply(record.data, step, request.POST)
    lang = ui_lang()
    sections = step_view(state.data, step, lang, {}, state.origins)
    context = {"findings": _step_findings(state.data, step, lang, known_ids(sections))}
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
    request: HttpRequest, record: Plan, step: str, state: StepState, errors: dict[str, str], based_on: int
) -> dict[str, Any]:
    lang = ui_lang()
    method = load_method()
    data = state.data
    sections = step_view(data, step, lang, errors, state.origins)
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
        "based_on": based_on,
    }
