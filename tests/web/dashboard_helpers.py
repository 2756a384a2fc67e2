"""Shared set-up of the dashboard tests: members of a workspace, files to upload, a filled store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from socialplan.measure.schema import TABLES
from socialplan.web.dashboard.analytics import workspace_store_path

FIXTURES = Path(__file__).resolve().parents[1] / "measure" / "fixtures"
PASSWORD = "a long enough pass phrase"
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="text/csv")


def login(client: Any, user: User) -> None:
    client.force_login(user)


def fill_store(workspace_id: int, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write canonical rows straight into the workspace's store (as finished imports would)."""
    import ibis

    path = workspace_store_path(workspace_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = ibis.duckdb.connect(str(path))
    for name, schema in TABLES.items():
        arrow_schema = schema.to_pyarrow()
        records = [{f: row.get(f) for f in arrow_schema.names} for row in rows.get(name, [])]
        con.create_table(name, pa.Table.from_pylist(records, schema=arrow_schema), overwrite=True)
    con.disconnect()
