"""Every write of the calendar app, keyword-only, each in one transaction.

The calendar is edited with the core's pure functions (:mod:`socialplan.calendar.edit`,
:mod:`socialplan.calendar.workflow`) and stored whole, validated, so a failed edit leaves the
stored calendar as it was.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import transaction

from socialplan.calendar import Calendar, Entry, Status, calendar_generate, entry_transition
from socialplan.calendar.edit import entry_duplicate, entry_move
from socialplan.calendar.imports import ImportReport, bulk_import_apply
from socialplan.calendar.workflow import Role
from socialplan.web.calendar.models import CalendarFeed, ContentCalendar
from socialplan.web.models import Plan, Workspace


def _fresh(stored: ContentCalendar) -> ContentCalendar:
    """The stored calendar re-read and locked for this transaction, so two people editing at
    once each apply their change to the other's result instead of overwriting it."""
    return ContentCalendar.objects.select_for_update().select_related("plan").get(pk=stored.pk)


def _store(*, record: Plan, calendar: Calendar) -> ContentCalendar:
    data = Calendar.model_validate(calendar.model_dump()).model_dump(mode="json")
    stored, _ = ContentCalendar.objects.update_or_create(plan=record, defaults={"data": data})
    return stored


@transaction.atomic
def calendar_create(
    *, record: Plan, weeks: int, start: dt.date | None = None, avoid_shabbat: bool | None = None
) -> ContentCalendar:
    """Generate the plan's calendar (replacing an earlier one)."""
    calendar = calendar_generate(record.plan(), weeks=weeks, start=start, avoid_shabbat=avoid_shabbat)
    return _store(record=record, calendar=calendar)


@transaction.atomic
def entry_save(*, stored: ContentCalendar, entry: Entry) -> ContentCalendar:
    """Add the entry, or replace the one with its id; its status and history are kept."""
    stored = _fresh(stored)
    calendar = stored.calendar()
    old = calendar.entry(entry.id)
    if old is not None:
        entry = entry.model_copy(update={"status": old.status, "history": old.history, "comments": old.comments})
    entries = [e for e in calendar.entries if e.id != entry.id] + [entry]
    entries.sort(key=lambda e: (e.start, e.channel, e.id))
    return _store(record=stored.plan, calendar=calendar.model_copy(update={"entries": entries}))


@transaction.atomic
def entry_move_to(*, stored: ContentCalendar, entry_id: str, day: dt.date) -> ContentCalendar:
    stored = _fresh(stored)
    return _store(record=stored.plan, calendar=entry_move(stored.calendar(), entry_id, day))


@transaction.atomic
def entry_copy(*, stored: ContentCalendar, entry_id: str, day: dt.date | None) -> tuple[ContentCalendar, str]:
    stored = _fresh(stored)
    calendar, copy_id = entry_duplicate(stored.calendar(), entry_id, day)
    return _store(record=stored.plan, calendar=calendar), copy_id


@transaction.atomic
def entry_status_set(
    *, stored: ContentCalendar, entry_id: str, status: Status, role: Role, user: User
) -> ContentCalendar:
    """Move the entry along the workflow; raises TransitionError when the role may not."""
    stored = _fresh(stored)
    calendar = stored.calendar()
    entry = calendar.entry(entry_id)
    if entry is None:
        raise KeyError(entry_id)
    changed = entry_transition(entry, status, role=role, by=user.get_username(), at=dt.datetime.now(dt.UTC))
    entries = [changed if e.id == entry_id else e for e in calendar.entries]
    return _store(record=stored.plan, calendar=calendar.model_copy(update={"entries": entries}))


@transaction.atomic
def entries_import(*, record: Plan, calendar: Calendar, report: ImportReport) -> ContentCalendar:
    """Add the report's valid rows to the plan's calendar as it is now (or to ``calendar`` when
    the plan has none yet)."""
    current = ContentCalendar.objects.select_for_update().filter(plan=record).first()
    base = current.calendar() if current is not None else calendar
    return _store(record=record, calendar=bulk_import_apply(base, report))


@transaction.atomic
def feed_token_rotate(*, workspace: Workspace) -> CalendarFeed:
    """A new secret for the workspace's feed: the old subscription URL stops working."""
    feed, _ = CalendarFeed.objects.update_or_create(workspace=workspace, defaults={"token": secrets.token_urlsafe(32)})
    return feed
