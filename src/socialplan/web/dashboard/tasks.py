"""Background tasks (django-tasks): an import runs outside the request that confirmed it."""

from __future__ import annotations

from django_tasks import task

from socialplan.web.dashboard import services


@task()
def metrics_import_task(import_id: int) -> str:
    return str(services.import_run(import_id=import_id).status)
