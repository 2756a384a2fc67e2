"""Background tasks (django-tasks): an import runs outside the request that confirmed it."""

from __future__ import annotations

import logging

from django_tasks import task

from socialplan.web.dashboard import selectors, services
from socialplan.web.dashboard.models import ImportStatus

log = logging.getLogger(__name__)


@task()
def metrics_import_task(import_id: int) -> str:
    done = services.import_run(import_id=import_id)
    if done.status == ImportStatus.DONE:
        # Compute each plan's default dashboard now, so the first view after an import is a warm one.
        for record in done.workspace.plans.all():
            try:
                selectors.plan_dashboard(record=record, query=selectors.DashboardQuery())
            except Exception:  # a dashboard that fails here fails again, visibly, when it is opened
                log.exception("warming the dashboard of plan %s failed", record.pk)
    return str(done.status)
