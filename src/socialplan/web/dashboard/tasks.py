"""Background tasks (django-tasks): an import runs outside the request that confirmed it."""

from __future__ import annotations

import logging

from django_tasks import task

from socialplan.web.dashboard import selectors, services
from socialplan.web.dashboard.models import ImportStatus
from socialplan.web.models import Workspace

log = logging.getLogger(__name__)


@task()
def metrics_import_task(import_id: int) -> str:
    done = services.import_run(import_id=import_id)
    if done.status == ImportStatus.DONE:
        _dashboards_warm(done.workspace)
    return str(done.status)


@task()
def dashboards_warm_task(workspace_id: int) -> int:
    """Recompute each plan's default dashboard after the data changed outside an import (an undo)."""
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    return _dashboards_warm(workspace) if workspace is not None else 0


def _dashboards_warm(workspace: Workspace) -> int:
    """Compute each plan's default dashboard now, so the first view after a change is a warm one."""
    warmed = 0
    for record in workspace.plans.all():
        try:
            selectors.plan_dashboard(record=record, query=selectors.DashboardQuery())
            warmed += 1
        except Exception:  # a dashboard that fails here fails again, visibly, when it is opened
            log.exception("warming the dashboard of plan %s failed", record.pk)
    return warmed
