"""Every read of the dashboards: import history and progress, previews, and a plan's dashboard."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import ibis
from django.core.cache import cache
from django.db.models import QuerySet

from socialplan.measure.metrics import Filters, Period, Tables
from socialplan.report.measure_data import MeasurementDashboard, measurement_dashboard
from socialplan.web.dashboard.analytics import workspace_has_store, workspace_store
from socialplan.web.dashboard.models import ImportFile, ImportStatus, MappingPreset, MetricsImport
from socialplan.web.models import Plan as PlanRecord
from socialplan.web.models import Workspace

PREVIEW_ROWS: Final = 6
PERIOD_DAYS: Final = (7, 28, 90)
DEFAULT_DAYS: Final = 28


def imports_of(*, workspace: Workspace) -> QuerySet[MetricsImport]:
    return MetricsImport.objects.filter(workspace=workspace).prefetch_related("files").select_related("created_by")


def presets_of(*, workspace: Workspace) -> QuerySet[MappingPreset]:
    return MappingPreset.objects.filter(workspace=workspace)


def file_preview(*, import_file: ImportFile, rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first records of the file as the reader sees them (header included), for a glance before importing."""
    from socialplan.measure.read import ImportInputError, export_read

    try:
        export = export_read(Path(import_file.stored_path))
    except (ImportInputError, OSError):
        return []
    if export.sheets:
        return [list(record) for record in export.sheets[0].preview[:rows]]
    if export.records is not None:
        frame = export.records.head(rows - 1)
        return [list(map(str, frame.columns)), *([str(v) for v in row] for row in frame.itertuples(index=False))]
    return []


def import_progress(*, metrics_import: MetricsImport) -> dict[str, Any]:
    """What the progress bar polls: how many files are done, and whether the import finished."""
    total = metrics_import.files.count()
    finished = metrics_import.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.UNDONE)
    return {
        "status": metrics_import.status,
        "files_done": total if finished else metrics_import.files_done,
        "files_total": total,
        "finished": finished,
    }


def store_stamp(*, workspace_id: int) -> str:
    """Changes whenever an import or an undo changes the workspace's rows (the dashboard cache key)."""
    latest = (
        MetricsImport.objects.filter(workspace_id=workspace_id)
        .exclude(status__in=(ImportStatus.STAGED, ImportStatus.QUEUED, ImportStatus.RUNNING))
        .order_by("-id")
        .values_list("id", "status", "undone_at")
        .first()
    )
    count = MetricsImport.objects.filter(workspace_id=workspace_id, status=ImportStatus.UNDONE).count()
    # Hashed: cache keys must be short and free of spaces on every cache backend.
    return hashlib.sha256(f"{latest}:{count}".encode()).hexdigest()[:16]


def data_last_day(tables: Tables) -> dt.date | None:
    """The latest day any post, account figure, session or mention falls on (one query)."""
    lasts = [
        table.aggregate(day=table[column].max().cast("date"))
        for table, column in (
            (tables.posts, "published_at"),
            (tables.account_daily, "date"),
            (tables.web_sessions, "date"),
            (tables.mentions, "published_at"),
        )
    ]
    days = [day for day in ibis.union(*lasts).to_pyarrow().column("day").to_pylist() if day is not None]
    return max(days) if days else None


@dataclass(frozen=True)
class DashboardQuery:
    """What the user asked for in the filter form, already validated."""

    days: int = DEFAULT_DAYS
    end: dt.date | None = None  # None: the last day with data
    platforms: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()

    def filters(self) -> Filters:
        return Filters(platforms=self.platforms, strategies=self.strategies, goals=self.goals)

    def key(self) -> str:
        return repr(self)


@dataclass(frozen=True)
class DashboardResult:
    dashboard: MeasurementDashboard | None  # None: the workspace has no data yet
    period: Period | None
    platforms: tuple[str, ...]  # the channels with data, for the filter
    key: str = ""  # the cache key of this result: what a page built from it can be cached under


def store_platforms(*, workspace_id: int) -> tuple[str, ...]:
    """The channels that have posts in the workspace's store, for the channel filter."""
    if not workspace_has_store(workspace_id):
        return ()
    key = f"socialplan:platforms:{workspace_id}:{store_stamp(workspace_id=workspace_id)}"
    found: tuple[str, ...] | None = cache.get(key)
    if found is None:
        with workspace_store(workspace_id) as store:
            column = store.table("posts").select("platform").distinct().to_pyarrow().column(0).to_pylist()
        found = tuple(sorted(p for p in column if p))
        cache.set(key, found, timeout=24 * 3600)
    return found


def dashboard_key(*, record: PlanRecord, query: DashboardQuery) -> str | None:
    """The cache key of the plan's dashboard for the query in the store's current state (None: no store)."""
    if not workspace_has_store(record.workspace_id):
        return None
    stamp = store_stamp(workspace_id=record.workspace_id)
    raw = f"{record.workspace_id}:{stamp}:{record.pk}:{record.updated_at.isoformat()}:{query.key()}"
    return "socialplan:dashboard:" + hashlib.sha256(raw.encode()).hexdigest()


def plan_dashboard(*, record: PlanRecord, query: DashboardQuery) -> DashboardResult:
    """The plan's dashboard for the query; computed once per store state, plan state and query."""
    workspace_id = record.workspace_id
    key = dashboard_key(record=record, query=query)
    if key is None:
        return DashboardResult(None, None, ())
    found: DashboardResult | None = cache.get(key)
    if found is not None:
        return found
    with workspace_store(workspace_id) as store:
        tables = Tables.from_backend(store.con)
        last = query.end or data_last_day(tables)
        platforms = store_platforms(workspace_id=workspace_id)
        if last is None:
            result = DashboardResult(None, None, platforms, key)
        else:
            period = Period(last - dt.timedelta(days=query.days - 1), last)
            dashboard = measurement_dashboard(record.plan(), tables, period, filters=query.filters())
            result = DashboardResult(dashboard, period, platforms, key)
    cache.set(key, result, timeout=24 * 3600)
    return result
