"""Views: parse the request, ask ``access``, call a service or a selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialplan.i18n import Lang
from socialplan.measure.importers.base import ColumnMapping
from socialplan.measure.metrics import METRIC_BY_ID
from socialplan.measure.report import MetricResult, format_number
from socialplan.method.types import MEASUREMENT_TYPE_IDS, STRATEGY_IDS, MeasurementTypeId
from socialplan.report import labels as L
from socialplan.report.measure_charts import LABELS as CHART_LABELS
from socialplan.report.measure_charts import ChartView, dashboard_views, goal_cards, goals_takeaway
from socialplan.report.measure_data import HEADLINE_METRICS, MeasurementDashboard
from socialplan.report.takeaways import relative_change
from socialplan.web import access
from socialplan.web.dashboard import selectors, services
from socialplan.web.dashboard.analytics import StoreBusy
from socialplan.web.dashboard.forms import MAPPED_FIELDS, FilterForm, MappingForm, UploadForm
from socialplan.web.dashboard.models import ImportFile, ImportStatus, MetricsImport
from socialplan.web.models import Workspace
from socialplan.web.views.plans import DOCUMENT_FORMATS

PAGES = ("overview", *MEASUREMENT_TYPE_IDS, "channels")
PAGE_CONTEXT_VERSION = 2  # 2: the measurement-type pages' metrics table
WEB_CHART_FONT = '"Noto Sans", "Noto Sans Hebrew", Arial, "Liberation Sans", sans-serif'


def _lang() -> Lang:
    return "he" if (get_language() or "en").startswith("he") else "en"


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _can_edit(request: HttpRequest, workspace_id: int) -> bool:
    return access.role_allows(access.role_in(request.user, workspace_id), "edit")


def _import_for(request: HttpRequest, workspace_id: int, import_id: int, need: access.Need) -> MetricsImport:
    workspace = access.workspace_for(request.user, workspace_id, need)
    return get_object_or_404(MetricsImport, pk=import_id, workspace=workspace)


# ── uploads and imports ────────────────────────────────────────────────────────────────


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The import history, and the drop zone for new files (editors and owners)."""
    need: access.Need = "edit" if request.method == "POST" else "view"
    workspace = access.workspace_for(request.user, workspace_id, need)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        staged = services.import_stage(workspace=workspace, user=_user(request), uploads=form.cleaned_data["exports"])
        return redirect("dashboard_import_detail", workspace_id=workspace.pk, import_id=staged.pk)
    context = {
        "workspace": workspace,
        "form": form,
        "imports": selectors.imports_of(workspace=workspace),
        "can_edit": _can_edit(request, workspace.pk),
        "plans": workspace.plans.all(),
    }
    return render(request, "dashboard/import_list.html", context, status=400 if form.errors else 200)


def _file_context(import_file: ImportFile, workspace: Workspace, data: Any = None) -> dict[str, Any]:
    preview = selectors.file_preview(import_file=import_file)
    headers = preview[0] if preview else []
    form = None
    if import_file.status in ("needs_mapping", "mapped"):
        initial = MappingForm.initial_from(import_file.mapping) if import_file.mapping else None
        form = MappingForm(data, headers=headers, initial=initial, prefix=f"f{import_file.pk}")
    return {
        "file": import_file,
        "preview": preview,
        "form": form,
        "tables": [(table, form.fields_of(table)) for table in MAPPED_FIELDS] if form else [],
        "error": import_file.error_he if _lang() == "he" else import_file.error_en,
        "rejected": [
            {"line": r["line"], "field": r["field"], "reason": r["he"] if _lang() == "he" else r["en"]}
            for r in import_file.rejected[:50]
        ],
        "more_rejected": max(0, len(import_file.rejected) - 50),
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, workspace_id: int, import_id: int) -> HttpResponse:
    """Before: each file's detected format, a preview and the column mapping. After: progress and results."""
    need: access.Need = "edit" if request.method == "POST" else "view"
    metrics_import = _import_for(request, workspace_id, import_id, need)
    workspace = metrics_import.workspace
    files = list(metrics_import.files.all())
    mapped_file = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if metrics_import.status != ImportStatus.STAGED:
            raise Http404("the import is no longer waiting for confirmation")
        if action == "discard":
            services.import_discard(metrics_import=metrics_import)
            messages.info(request, _("The upload was discarded; nothing was imported."))
            return redirect("dashboard_imports", workspace_id=workspace.pk)
        if action == "confirm":
            if any(f.status == "needs_mapping" for f in files):
                messages.error(request, _("Map the columns of every file that was not recognised first."))
            else:
                services.import_confirm(metrics_import=metrics_import)
                return redirect("dashboard_import_detail", workspace_id=workspace.pk, import_id=metrics_import.pk)
        if action == "map":
            mapped_file = get_object_or_404(ImportFile, pk=request.POST.get("file"), metrics_import=metrics_import)
        if action == "preset":
            mapped_file = get_object_or_404(ImportFile, pk=request.POST.get("file"), metrics_import=metrics_import)
            preset = get_object_or_404(selectors.presets_of(workspace=workspace), pk=request.POST.get("preset"))
            services.import_file_map(import_file=mapped_file, mapping=ColumnMapping(**preset.mapping))
            return redirect("dashboard_import_detail", workspace_id=workspace.pk, import_id=metrics_import.pk)
    entries = []
    status = 200
    for import_file in files:
        data = request.POST if mapped_file is not None and import_file.pk == mapped_file.pk else None
        entry = _file_context(import_file, workspace, data)
        if data is not None and entry["form"] is not None:
            form = entry["form"]
            if form.is_valid():
                mapping = form.mapping()
                services.import_file_map(import_file=import_file, mapping=mapping, account=form.cleaned_data["account"])
                if form.cleaned_data["preset_name"]:
                    services.mapping_preset_save(
                        workspace=workspace, name=form.cleaned_data["preset_name"], mapping=mapping
                    )
                return redirect("dashboard_import_detail", workspace_id=workspace.pk, import_id=metrics_import.pk)
            status = 400
        entries.append(entry)
    context = {
        "workspace": workspace,
        "import": metrics_import,
        "entries": entries,
        "progress": selectors.import_progress(metrics_import=metrics_import),
        "presets": selectors.presets_of(workspace=workspace),
        "can_edit": _can_edit(request, workspace.pk),
        "plans": workspace.plans.all(),
    }
    return render(request, "dashboard/import_detail.html", context, status=status)


@login_required
@require_GET
def import_progress(request: HttpRequest, workspace_id: int, import_id: int) -> JsonResponse:
    metrics_import = _import_for(request, workspace_id, import_id, "view")
    return JsonResponse(selectors.import_progress(metrics_import=metrics_import))


@login_required
@require_POST
def import_undo(request: HttpRequest, workspace_id: int, import_id: int) -> HttpResponse:
    metrics_import = _import_for(request, workspace_id, import_id, "edit")
    if metrics_import.status not in (ImportStatus.DONE, ImportStatus.FAILED):
        raise Http404("only a finished import can be undone")
    removed = services.import_undo(metrics_import=metrics_import)
    messages.success(request, _("The import was undone: %(rows)d rows removed.") % {"rows": removed})
    return redirect("dashboard_imports", workspace_id=workspace_id)


# ── dashboards ─────────────────────────────────────────────────────────────────────────


def _chart_context(view: ChartView) -> dict[str, Any]:
    spec = view.chart.to_dict(validate=False) if view.chart is not None else None
    if spec is not None:
        # The documents' packaged font is not served to browsers: draw with the page's own fonts.
        spec.setdefault("config", {})["font"] = WEB_CHART_FONT
    return {
        "id": view.id,
        "spec_id": f"spec-{view.id}",
        "title": view.title,
        "spec": spec,
        "takeaway": view.takeaway,
        "empty": view.empty,
        "headings": view.table.header,
        "rows": view.table.rows,
        "numeric": view.table.numeric,
    }


def _filter_form(request: HttpRequest, plan: Any, platforms: tuple[str, ...], lang: Lang) -> FilterForm:
    return FilterForm(
        request.GET or None,
        channels=[(p, L.platform_name(p, lang)) for p in platforms],
        strategies=[(s, L.strategy_name(s, lang)) for s in STRATEGY_IDS],
        goals=[(g.id, g.title) for g in plan.goals],
    )


@login_required
@require_GET
def dashboard(request: HttpRequest, plan_id: int, page: str = "overview") -> HttpResponse:
    if page not in PAGES:
        raise Http404("no such dashboard page")
    record = access.plan_for(request.user, plan_id, "view")
    plan = record.plan()
    lang = _lang()
    try:
        platforms = selectors.store_platforms(workspace_id=record.workspace_id)
    except StoreBusy:
        platforms = ()  # the page says why below
    form = _filter_form(request, plan, platforms, lang)
    query = form.query() if request.GET else selectors.DashboardQuery()
    context: dict[str, Any] = {
        "record": record,
        "workspace": record.workspace,
        "page": page,
        "pages": [(p, _page_title(p, lang)) for p in PAGES],
        "page_title": _page_title(page, lang),
        "form": form,
        "query_string": request.GET.urlencode(),
        "charts": [],
        "can_edit": _can_edit(request, record.workspace_id),
        "formats": [("pdf", "PDF"), ("docx", "Word (DOCX)"), ("html", "HTML"), ("md", "Markdown")],
    }
    try:
        context.update(_page_context(record, query, page, lang))
    except StoreBusy:
        context.update({"has_data": False, "busy": True})
        return render(request, "dashboard/dashboard.html", context, status=503)
    return render(request, "dashboard/dashboard.html", context)


def _page_context(record: Any, query: selectors.DashboardQuery, page: str, lang: Lang) -> dict[str, Any]:
    """What one page shows of the dashboard, built once per store state, plan state, query, page and
    language: a later view of the page reads it back without touching the dashboard's data."""
    base = selectors.dashboard_key(record=record, query=query)
    # The version changes when what a page holds does: a page cached by older code is not reused.
    key = f"{base}:page:{PAGE_CONTEXT_VERSION}:{page}:{lang}"
    found: dict[str, Any] | None = cache.get(key) if base else None
    if found is not None:
        return found
    dash = selectors.plan_dashboard(record=record, query=query).dashboard
    if dash is None:
        return {"has_data": False}
    context: dict[str, Any] = {
        "has_data": True,
        "period": (L.date(dash.period.start, lang), L.date(dash.period.end, lang)),
    }
    if page == "overview":
        # The overview's takeaways and "upload next" notes come from every view.
        views = dashboard_views(dash, lang)
        context["cards"] = goal_cards(dash, lang)
        context["goals_takeaway"] = goals_takeaway(dash, lang)
        # A goal without weekly values has nothing to draw: its card already says why.
        chosen = ["equity", *(f"goal-{g.goal}" for g in dash.report.goals if g.series)]
        context["takeaways"] = [v.takeaway for v in views.values() if not v.empty]
        context["missing"] = list(dict.fromkeys(v.empty for v in views.values() if v.empty))
    elif page == "channels":
        chosen = ["channels", "strategy-channel", "top-posts"]
    elif page == "web_analytics":
        chosen = [page, "web-channels"]
    elif page == "opinion_research":
        chosen = [page, "themes"]
        if dash.focus_group is not None:
            context["focus_group"] = dash.focus_group
            context["focus_headline"] = dash.focus_group.headline(lang)
            context["focus_points"] = [point(lang) for point in dash.focus_group.points]
    else:
        chosen = [page]
    if page != "overview":
        views = dashboard_views(dash, lang, only=chosen)  # only the charts this page shows
    context["charts"] = [_chart_context(views[c]) for c in chosen if c in views]
    type_id = next((t for t in MEASUREMENT_TYPE_IDS if t == page), None)
    if type_id is not None:
        context["metrics"] = _metrics_table(dash, type_id, lang)
        for chart in context["charts"]:
            if chart["id"] == type_id:
                chart.update(_weekly_table(dash, type_id, lang))
    if base:
        cache.set(key, context, timeout=24 * 3600)
    return context


def _change(m: MetricResult, lang: Lang) -> dict[str, str] | None:
    """Period over period as the unit calls for: percentage points for percentages, the difference
    for scores (a relative change of a score that can be negative or near zero misleads), the
    relative change for counts, ratios and money. None when there is nothing to compare."""
    if m.value is None or m.previous is None:
        return None
    if m.unit == "percent":
        points = m.value - m.previous
        number = f"{points:+,.1f}" if points else "0.0"  # no sign: neither up nor down
        return {"number": number, "unit": _("pp"), "unit_title": _("percentage points")}
    if m.unit == "score":
        return {"number": format_number(m.value - m.previous, "score", lang, signed=True), "unit": ""}
    share = relative_change(m.previous, m.value)
    if share is None:
        return None
    if share == 0:
        return {"number": "0%", "unit": ""}  # no sign: neither up nor down
    decimals = 1 if abs(share) < 0.1 else 0  # small changes keep a decimal, so +0.4% does not read +0%
    return {"number": f"{share * 100:+,.{decimals}f}%", "unit": ""}


def _metrics_table(dash: MeasurementDashboard, type_id: MeasurementTypeId, lang: Lang) -> dict[str, Any]:
    """Every metric of the type the report computed, this period against the one before.

    Read from the report the dashboard already holds: nothing is asked of the store again. A
    metric with a value in neither period is left out; one missing in one period says so there.
    """
    section = next(s for s in dash.report.sections if s.id == type_id)
    currency = dash.report.currency
    rows = []
    for m in section.metrics:
        if m.value is None and m.previous is None:
            continue
        parts = None
        if m.numerator is not None and m.denominator is not None:
            parts = f"{L.number(m.numerator)} / {L.number(m.denominator)}"
        rows.append(
            {
                "id": m.id,
                "name": m.name(lang),
                "value": None if m.value is None else format_number(
                    m.value, m.unit, lang, lower_bound=m.lower_bound, currency=currency),
                "previous": None if m.previous is None else format_number(m.previous, m.unit, lang, currency=currency),
                "change": _change(m, lang),
                "parts": parts,
            }
        )  # fmt: skip
    previous = dash.report.previous_period
    return {
        "type_name": L.measurement_type_name(type_id, lang),
        "rows": rows if dash.has_type(type_id) else [],
        "previous_period": (L.date(previous[0], lang), L.date(previous[1], lang)),
    }


def _weekly_table(dash: MeasurementDashboard, type_id: MeasurementTypeId, lang: Lang) -> dict[str, Any]:
    """The numbers the type's weekly chart draws (its own table lists every metric, which the page
    now shows in full below the charts)."""
    metric = METRIC_BY_ID[HEADLINE_METRICS[type_id]]
    weeks = [p for p in dash.weekly_of(metric.id) if p.value is not None] if dash.has_type(type_id) else []
    return {
        "headings": (CHART_LABELS["week_ending"](lang), metric.name(lang)),
        "rows": [(L.date(p.end, lang), format_number(p.value, metric.unit, lang)) for p in weeks],
        "numeric": frozenset({1}),
    }


def _page_title(page: str, lang: Lang) -> str:
    if page == "overview":
        return _("Overview")
    if page == "channels":
        return _("Channels and Es")
    return L.measurement_type_name(page, lang)


@login_required
@require_GET
def dashboard_report(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The measurement report of the dashboard's period and filters, as a document."""
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("unknown document format")
    from socialplan.report import FORMATS, document_render
    from socialplan.report.measure_document import measure_document

    record = access.plan_for(request.user, plan_id, "view")
    lang = _lang()
    try:
        platforms = selectors.store_platforms(workspace_id=record.workspace_id)
        query = (
            _filter_form(request, record.plan(), platforms, lang).query() if request.GET else selectors.DashboardQuery()
        )
        result = selectors.plan_dashboard(record=record, query=query)
    except StoreBusy:
        return HttpResponse(_("An import is running: try again in a moment."), status=503)
    if result.dashboard is None:
        raise Http404("no data to report yet")
    document_format = next(f for f in FORMATS if f == fmt)
    body = document_render(measure_document(result.dashboard, lang), document_format)
    content_type, extension = DOCUMENT_FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    start, end = result.dashboard.report.period
    response["Content-Disposition"] = f'attachment; filename="measurement-{record.pk}-{start}-{end}.{extension}"'
    return response
