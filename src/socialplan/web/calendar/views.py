"""Calendar views: they parse the request, ask :mod:`socialplan.web.access` who may do what,
and call the services; every write is a POST."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialplan.calendar import STATUSES, Calendar, Entry, TransitionError, allowed_transitions, calendar_check
from socialplan.calendar.actual import calendar_adherence
from socialplan.calendar.edit import EntryFilter, entries_filter, month_weeks, week_days
from socialplan.calendar.exports import calendar_to_csv, calendar_to_hootsuite, calendar_to_ics
from socialplan.calendar.imports import FIELD_NAMES, MAX_IMPORT_BYTES, ImportReport, bulk_import_check
from socialplan.calendar.model import STATUS_NAMES, campaign_name
from socialplan.calendar.workflow import Role
from socialplan.i18n import Lang
from socialplan.method import load_method
from socialplan.plan.io import PlanInputError
from socialplan.plan.model import Plan as PlanModel
from socialplan.report.labels import platform_name
from socialplan.web import access
from socialplan.web.calendar import services
from socialplan.web.calendar.forms import (
    DuplicateForm,
    EntryForm,
    GenerateForm,
    ImportForm,
    MoveForm,
    StatusForm,
    local_date,
)
from socialplan.web.calendar.models import CalendarFeed, ContentCalendar
from socialplan.web.models import Plan

VIEWS = ("month", "week", "list")
MAX_ISSUES_SHOWN = 30
_SESSION_IMPORT = "calendar-import-{plan}"


def _lang() -> Lang:
    return "he" if (get_language() or "en").startswith("he") else "en"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


def _stored(record: Plan) -> ContentCalendar:
    stored = ContentCalendar.objects.filter(plan=record).select_related("plan").first()
    if stored is None:
        raise Http404("this plan has no calendar yet")
    return stored


def _back(record: Plan, request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    base = reverse("calendar_page", args=[record.pk])
    # Only back to this plan's own calendar pages: never an open redirect.
    return redirect(target if target.startswith(base) else base)


def _entry_view(entry: Entry, calendar: Calendar, plan: PlanModel, role: str | None, lang: Lang) -> dict[str, Any]:
    local = entry.local_start(calendar.timezone)
    goal = plan.goal(entry.goal) if entry.goal else None
    transitions = allowed_transitions(entry.status, role) if role in ("owner", "editor") else []  # type: ignore[arg-type]
    return {
        "entry": entry,
        # Naive wall-clock time: Django's template filters would otherwise convert an aware
        # value to the server's zone, and posts must show in the calendar's own zone.
        "local": local.replace(tzinfo=None),
        "iso": local.isoformat(),
        "status_name": STATUS_NAMES[entry.status](lang),
        # People read the channel's and the goal's names, not the ids the calendar keeps.
        "channel_name": platform_name(entry.channel, lang),
        "goal_title": goal.title if goal else (entry.goal or ""),
        "strategy_name": load_method().strategy(entry.strategy).name(lang) if entry.strategy else "",
        "transitions": [(s, STATUS_NAMES[s](lang)) for s in transitions],
    }


@login_required
@require_GET
def calendar_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "view")
    role = access.role_in(request.user, record.workspace_id)
    can_edit = access.role_allows(role, "edit")
    lang = _lang()
    stored = ContentCalendar.objects.filter(plan=record).first()
    context: dict[str, Any] = {
        "record": record,
        "can_edit": can_edit,
        "can_own": access.role_allows(role, "own"),
        "generate_form": GenerateForm(),
    }
    if stored is None:
        return render(request, "calendar/calendar.html", context)
    calendar, plan = stored.calendar(), record.plan()
    view = request.GET.get("view", "month")
    view = view if view in VIEWS else "month"
    today = dt.datetime.now(calendar.zone).date()
    first_entry = calendar.entries[0].local_start(calendar.timezone).date() if calendar.entries else today
    day = local_date(request.GET.get("date")) or first_entry
    status = request.GET.get("status") or None
    wanted = EntryFilter(
        channel=request.GET.get("channel") or None,
        strategy=request.GET.get("strategy") or None,
        goal=request.GET.get("goal") or None,
        assignee=request.GET.get("assignee") or None,
        status=status if status in STATUSES else None,
    )

    def shown(entries: list[Entry]) -> list[dict[str, Any]]:
        return [_entry_view(e, calendar, plan, role, lang) for e in entries]

    if view == "month":
        weeks: list[list[dict[str, Any]]] = [
            [{"day": d, "entries": shown(d.entries)} for d in week]
            for week in month_weeks(calendar, day.year, day.month, wanted=wanted)
        ]
        context |= {
            "weeks": weeks,
            "weekdays": [d["day"].date for d in weeks[0]],
            "previous": (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1),
            "next": (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1),
        }
    elif view == "week":
        days = week_days(calendar, day, wanted=wanted)
        context |= {
            "days": [{"day": d, "entries": shown(d.entries)} for d in days],
            "previous": day - dt.timedelta(days=7),
            "next": day + dt.timedelta(days=7),
        }
    else:
        context["entries"] = shown(entries_filter(calendar, wanted))
    posts = _published_posts(record.workspace_id, calendar)
    if posts is not None:
        report = calendar_adherence(calendar, posts)
        unplanned = [r for r in report.results if r.status == "unplanned"]
        context["adherence"] = {
            "counts": {s: report.count(s) for s in ("on_time", "late", "skipped", "upcoming", "unplanned")},
            "rate": None if report.adherence_rate is None else round(report.adherence_rate * 100),
            # Entries late or missed are the plan's own to act on; posts outside the plan are a
            # list to look through, folded and cut short.
            "issues": [r for r in report.results if r.status in ("late", "skipped")][:MAX_ISSUES_SHOWN],
            "unplanned": [
                {"platform": platform_name(r.platform or "", lang), "post_id": r.post_id}
                for r in unplanned[:MAX_ISSUES_SHOWN]
            ],
            "unplanned_more": max(len(unplanned) - MAX_ISSUES_SHOWN, 0),
        }
    feed = CalendarFeed.objects.filter(workspace_id=record.workspace_id).first() if context["can_own"] else None
    context |= {
        "calendar": calendar,
        "plan": plan,
        "view": view,
        "day": day,
        "wanted": wanted,
        "views": VIEWS,
        "statuses": [(s, STATUS_NAMES[s](lang)) for s in STATUSES],
        "strategy_choices": [(s.id, load_method().strategy(s.id).name(lang)) for s in plan.strategies],
        "findings": [f.as_dict(lang) for f in calendar_check(calendar, plan, today=today, posts=posts)],
        "holidays": [(h, h.title(lang)) for h in calendar.holidays],
        "feed_url": request.build_absolute_uri(reverse("calendar_feed", args=[feed.token])) if feed else "",
    }
    return render(request, "calendar/calendar.html", context)


@login_required
@require_POST
def calendar_generate_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "edit")
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The calendar was not generated: check the number of weeks and the first day."))
        return redirect("calendar_page", plan_id=record.pk)
    shabbat = True if form.cleaned_data["avoid_shabbat"] else None
    services.calendar_create(
        record=record, weeks=form.cleaned_data["weeks"], start=form.cleaned_data["start"], avoid_shabbat=shabbat
    )
    messages.success(request, _("The calendar was generated from the plan."))
    return redirect("calendar_page", plan_id=record.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, plan_id: int, entry_id: str | None = None) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "edit")
    stored = _stored(record)
    calendar, plan = stored.calendar(), record.plan()
    existing = calendar.entry(entry_id) if entry_id else None
    if entry_id and existing is None:
        raise Http404("no such entry")
    initial: dict[str, Any] = {}
    if existing is not None:
        local = existing.local_start(calendar.timezone)
        initial = {
            "date": local.date(),
            "time": local.time().replace(second=0),
            "channel": existing.channel,
            "strategy": existing.strategy or "",
            "goal": existing.goal or "",
            "format": existing.format,
            "text": existing.text,
            "media_notes": existing.media,
            "link": existing.link,
            "assignee": existing.assignee or "",
            "hours": existing.hours,
        }
    form = EntryForm(request.POST or None, initial=initial, plan=plan, lang=_lang())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = dt.datetime.combine(data["date"], data["time"], tzinfo=calendar.zone)
        goal = data["goal"] or None
        new_id = existing.id if existing else _new_id(calendar, data["channel"], start)
        entry = Entry(
            id=new_id,
            start=start,
            channel=data["channel"],
            strategy=data["strategy"] or None,
            goal=goal,
            format=data["format"],
            text=data["text"],
            media=data["media_notes"],
            link=data["link"],
            campaign=campaign_name(plan.business.name, goal),
            assignee=data["assignee"] or None,
            hours=data["hours"],
        )
        services.entry_save(stored=stored, entry=entry)
        messages.success(request, _("The post was saved."))
        return redirect(f"{reverse('calendar_page', args=[record.pk])}?date={data['date'].isoformat()}")
    context = {"record": record, "form": form, "entry": existing, "calendar": calendar}
    return render(request, "calendar/entry_form.html", context, status=400 if form.errors else 200)


def _published_posts(workspace_id: int, calendar: Calendar) -> Any:
    """The posts imported on the workspace's dashboard for the calendar's channels, or None."""
    from socialplan.web.dashboard.analytics import workspace_has_store, workspace_store

    if not workspace_has_store(workspace_id):
        return None
    channels = sorted({e.channel for e in calendar.entries})
    try:
        with workspace_store(workspace_id) as store:
            posts = store.table("posts")
            frame = posts.filter(posts.platform.isin(channels)).to_pandas()
    except Exception:  # a store being written by an import, or unreadable: the calendar still shows
        return None
    return frame if len(frame) else None


def _problem_rows(report: ImportReport, lang: Lang) -> list[tuple[int, str, str]]:
    names = FIELD_NAMES
    return [(p.line, names[p.field](lang) if p.field in names else p.field, p.message(lang)) for p in report.problems]


def _new_id(calendar: Calendar, channel: str, start: dt.datetime) -> str:
    taken = {e.id for e in calendar.entries}
    number = 1
    while f"{channel}-{start:%Y%m%d}-{number}" in taken:
        number += 1
    return f"{channel}-{start:%Y%m%d}-{number}"


def _entry_for_edit(request: HttpRequest, plan_id: int, entry_id: str) -> tuple[Plan, ContentCalendar]:
    record = access.plan_for(request.user, plan_id, "edit")
    stored = _stored(record)
    if stored.calendar().entry(entry_id) is None:
        raise Http404("no such entry")
    return record, stored


@login_required
@require_POST
def entry_move_view(request: HttpRequest, plan_id: int, entry_id: str) -> HttpResponse:
    record, stored = _entry_for_edit(request, plan_id, entry_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The post was not moved: choose a day."))
    else:
        services.entry_move_to(stored=stored, entry_id=entry_id, day=form.cleaned_data["date"])
        messages.success(request, _("The post was moved."))
    return _back(record, request)


@login_required
@require_POST
def entry_duplicate_view(request: HttpRequest, plan_id: int, entry_id: str) -> HttpResponse:
    record, stored = _entry_for_edit(request, plan_id, entry_id)
    form = DuplicateForm(request.POST)
    day = form.cleaned_data["date"] if form.is_valid() else None
    services.entry_copy(stored=stored, entry_id=entry_id, day=day)
    messages.success(request, _("A copy of the post was added as an idea."))
    return _back(record, request)


@login_required
@require_POST
def entry_status_view(request: HttpRequest, plan_id: int, entry_id: str) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "edit")
    role = access.role_in(request.user, record.workspace_id)
    stored = _stored(record)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return _back(record, request)
    workflow_role: Role = "owner" if role == "owner" else "editor"
    try:
        services.entry_status_set(
            stored=stored,
            entry_id=entry_id,
            status=form.cleaned_data["status"],
            role=workflow_role,
            user=_user(request),
        )
    except KeyError:
        raise Http404("no such entry") from None
    except TransitionError as error:
        messages.error(request, error.message(_lang()))
        return _back(record, request)
    messages.success(request, _("The status of the post was changed."))
    return _back(record, request)


@login_required
@require_GET
def calendar_export(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "view")
    calendar = _stored(record).calendar()
    if fmt == "ics":
        body: str | bytes = calendar_to_ics(calendar, lang=_lang())
        kind, suffix = "text/calendar; charset=utf-8", "ics"
    elif fmt == "csv":
        body, kind, suffix = calendar_to_csv(calendar), "text/csv; charset=utf-8", "csv"
    elif fmt == "hootsuite":
        channel = request.GET.get("channel") or None
        body, kind, suffix = calendar_to_hootsuite(calendar, channel=channel).text, "text/csv; charset=utf-8", "csv"
    else:
        raise Http404("unknown format")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="calendar-{record.pk}-{fmt}.{suffix}"'
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The workspace's calendars as one subscribable ICS feed; the secret token is the only key."""
    feed = CalendarFeed.objects.filter(token=token).select_related("workspace").first()
    if feed is None or len(token) < 32:
        raise Http404("no such feed")
    entries: list[Entry] = []
    holidays = []
    timezone = "UTC"
    for stored in ContentCalendar.objects.filter(plan__workspace=feed.workspace).order_by("plan_id"):
        calendar = stored.calendar()
        timezone = calendar.timezone if timezone == "UTC" else timezone
        # Entry ids are unique per plan: the plan's id keeps them apart in one feed.
        entries += [e.model_copy(update={"id": f"p{stored.plan_id}-{e.id}"}) for e in calendar.entries]
        holidays += [h for h in calendar.holidays if h not in holidays]
    merged = Calendar(plan=feed.workspace.name, timezone=timezone, holidays=holidays, entries=entries)
    return HttpResponse(calendar_to_ics(merged), content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def feed_rotate(request: HttpRequest, plan_id: int) -> HttpResponse:
    record = access.plan_for(request.user, plan_id, "own")
    services.feed_token_rotate(workspace=record.workspace)
    messages.success(request, _("A new subscription address was made; the old one no longer works."))
    return redirect("calendar_page", plan_id=record.pk)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Upload → a row-by-row report, nothing written; confirm → the valid rows are added."""
    record = access.plan_for(request.user, plan_id, "edit")
    stored = ContentCalendar.objects.filter(plan=record).first()
    plan = record.plan()
    from socialplan.calendar.generate import default_timezone

    calendar = stored.calendar() if stored else Calendar(plan=plan.business.name, timezone=default_timezone(plan))
    key = _SESSION_IMPORT.format(plan=record.pk)
    form = ImportForm(request.POST or None, request.FILES or None, plan=plan)
    context: dict[str, Any] = {"record": record, "form": form}
    if request.method == "POST" and request.POST.get("confirm") and key in request.session:
        pending = request.session.pop(key)
        report = bulk_import_check(
            base64.b64decode(pending["data"]),
            pending["name"],
            calendar=calendar,
            plan=plan,
            channel=pending["channel"],
            day_first=pending["day_first"],
        )
        if report.valid:
            services.entries_import(record=record, calendar=calendar, report=report)
            messages.success(request, _("The valid rows were added to the calendar as drafts."))
        return redirect("calendar_page", plan_id=record.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is too large."))
        else:
            data = upload.read()
            channel = form.cleaned_data["channel"] or None
            try:
                report = bulk_import_check(
                    data,
                    upload.name,
                    calendar=calendar,
                    plan=plan,
                    channel=channel,
                    day_first=form.cleaned_data["day_first"],
                )
            except PlanInputError as error:
                form.add_error("file", str(error))
            else:
                request.session[key] = {
                    "data": base64.b64encode(data).decode(),
                    "name": upload.name,
                    "channel": channel,
                    "day_first": form.cleaned_data["day_first"],
                }
                lang = _lang()
                context |= {"report": report, "problems": _problem_rows(report, lang)}
    return render(request, "calendar/import.html", context, status=400 if form.errors else 200)
