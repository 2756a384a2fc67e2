"""Where a workspace's analytics live: one DuckDB file per workspace under the data directory.

A file per workspace rather than a workspace column: the measurement engine and its store stay
unaware of workspaces, one workspace's rows can never leak into another's queries, and
removing a workspace's data is removing a folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from socialplan.measure.store import ANALYTICS_FILE, AnalyticsStore


def workspace_dir(workspace_id: int) -> Path:
    return Path(settings.SOCIALPLAN_DATA_DIR) / "workspaces" / str(int(workspace_id))


def workspace_store_path(workspace_id: int) -> Path:
    return workspace_dir(workspace_id) / ANALYTICS_FILE


def uploads_dir(workspace_id: int, import_id: int) -> Path:
    return workspace_dir(workspace_id) / "uploads" / str(int(import_id))


class StoreBusy(RuntimeError):
    """Another process (an import running in the worker) holds the workspace's store."""


@contextmanager
def workspace_store(workspace_id: int) -> Iterator[AnalyticsStore]:
    """The workspace's store, opened for the length of the block.

    DuckDB lets one process at a time open a file: while the worker imports, the web process
    gets :class:`StoreBusy` and the page says to come back when the import has finished.
    """
    import duckdb

    path = workspace_store_path(workspace_id)
    try:
        store = AnalyticsStore.open(f"duckdb:///{path.resolve()}")
    except duckdb.IOException as error:
        raise StoreBusy(str(error)) from error
    with store:
        yield store


def workspace_has_store(workspace_id: int) -> bool:
    return workspace_store_path(workspace_id).exists()
