"""Every write of the dashboards: staging uploads, running and undoing imports, saving mappings.

Keyword-only functions named ``<entity>_<action>``; views call them after ``access`` said yes.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from socialplan.measure.importers.base import ColumnMapping, ImportOptions
from socialplan.measure.read import ImportInputError
from socialplan.web.dashboard.analytics import uploads_dir, workspace_store
from socialplan.web.dashboard.models import ImportFile, ImportStatus, MappingPreset, MetricsImport
from socialplan.web.models import Workspace

_UNSAFE = re.compile(r"[^\w.\- ]+")


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .") or "export"
    return cleaned[:120]


def import_stage(*, workspace: Workspace, user: User | None, uploads: Iterable[UploadedFile[Any]]) -> MetricsImport:
    """Keep the uploaded files on disk and detect each one's format; nothing is imported yet."""
    from socialplan.measure.importers.registry import MIN_CONFIDENCE, detect_format
    from socialplan.measure.read import export_read

    with transaction.atomic():
        metrics_import = MetricsImport.objects.create(workspace=workspace, created_by=user)
        folder = uploads_dir(workspace.pk, metrics_import.pk)
        folder.mkdir(parents=True, exist_ok=True)
        for position, upload in enumerate(uploads):
            name = upload.name or f"export-{position + 1}"
            path = folder / f"{position:02d}-{_safe_name(name)}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            record = ImportFile(
                metrics_import=metrics_import,
                position=position,
                name=name,
                stored_path=str(path),
                size=path.stat().st_size,
            )
            try:
                detection = detect_format(export_read(path))
            except ImportInputError as error:
                record.status = "unreadable"
                record.error_en, record.error_he = error.describe("en"), error.describe("he")
            else:
                if detection is not None and detection.confidence >= MIN_CONFIDENCE:
                    record.detected_format = detection.importer_id
                    record.detected_reason = detection.reason.en
                    record.status = "detected"
                else:
                    record.status = "needs_mapping"
            record.save()
    return metrics_import


def import_file_map(*, import_file: ImportFile, mapping: ColumnMapping, account: str = "") -> ImportFile:
    """Give a file the generic importer's column mapping (and the account it belongs to)."""
    import_file.mapping = dataclasses.asdict(mapping)
    import_file.account = account
    import_file.status = "mapped"
    import_file.save(update_fields=["mapping", "account", "status"])
    return import_file


def mapping_preset_save(*, workspace: Workspace, name: str, mapping: ColumnMapping) -> MappingPreset:
    preset, _ = MappingPreset.objects.update_or_create(
        workspace=workspace, name=name.strip()[:120], defaults={"mapping": dataclasses.asdict(mapping)}
    )
    return preset


def import_confirm(*, metrics_import: MetricsImport) -> MetricsImport:
    """Queue the import as a background task; the progress page follows it."""
    from socialplan.web.dashboard.tasks import metrics_import_task

    metrics_import.status = ImportStatus.QUEUED
    metrics_import.save(update_fields=["status"])
    # Enqueue after the commit, so a worker never looks for a row it cannot see yet.
    pk = metrics_import.pk

    def enqueue() -> None:
        result = metrics_import_task.enqueue(pk)
        MetricsImport.objects.filter(pk=pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return metrics_import


def _rejected(rows: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"line": r.line, "field": r.field, "en": r.message.en, "he": r.message.he} for r in rows]


def import_run(*, import_id: int) -> MetricsImport:
    """The task body: import each file in its own store transaction, recording progress per file."""
    from socialplan.measure.importers.registry import export_import
    from socialplan.opinion.measures import batch_mentions_score

    metrics_import = MetricsImport.objects.select_related("workspace").get(pk=import_id)
    if metrics_import.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return metrics_import  # undone or already finished: a repeated task changes nothing
    metrics_import.status = ImportStatus.RUNNING
    metrics_import.save(update_fields=["status"])
    imported = 0
    files = list(metrics_import.files.all())
    with workspace_store(metrics_import.workspace_id) as store:
        for done, import_file in enumerate(files, start=1):
            mapping = ColumnMapping(**import_file.mapping) if import_file.mapping else None
            options = ImportOptions(account=import_file.account or None, mapping=mapping)
            try:
                batch = export_import(Path(import_file.stored_path), options)
            except ImportInputError as error:
                import_file.status = "failed"
                import_file.error_en, import_file.error_he = error.describe("en"), error.describe("he")
            else:
                batch = batch_mentions_score(batch)
                result = store.write(batch)
                import_file.status = result.status
                import_file.detected_format = batch.format
                import_file.store_import_id = result.import_id or ""
                import_file.rows_read = result.rows_read
                import_file.rows_imported = sum(result.rows_written.values())
                import_file.rejected = _rejected(result.rejected)
                if result.error is not None:
                    import_file.error_en, import_file.error_he = result.error.en, result.error.he
                imported += result.status == "imported"
            import_file.save()
            MetricsImport.objects.filter(pk=import_id).update(files_done=done)
    metrics_import.refresh_from_db()
    already = all(f.status == "already_imported" for f in files)
    metrics_import.status = ImportStatus.DONE if imported or already else ImportStatus.FAILED
    metrics_import.save(update_fields=["status"])
    return metrics_import


def import_undo(*, metrics_import: MetricsImport) -> int:
    """Remove every row the import wrote (earlier rows it replaced come back); returns rows removed."""
    if metrics_import.status == ImportStatus.UNDONE:
        return 0
    removed = 0
    with workspace_store(metrics_import.workspace_id) as store:
        for import_file in metrics_import.files.exclude(store_import_id=""):
            removed += store.undo(import_file.store_import_id)
    metrics_import.status = ImportStatus.UNDONE
    metrics_import.undone_at = timezone.now()
    metrics_import.save(update_fields=["status", "undone_at"])
    if removed:
        # The data changed: rebuild the dashboards in the background, as an import does, so the
        # next view does not pay for it.
        from socialplan.web.dashboard.tasks import dashboards_warm_task

        workspace_id = metrics_import.workspace_id
        transaction.on_commit(lambda: dashboards_warm_task.enqueue(workspace_id))
    return removed


def import_discard(*, metrics_import: MetricsImport) -> None:
    """Drop a staged import the user did not confirm, with its files."""
    folder = uploads_dir(metrics_import.workspace_id, metrics_import.pk)
    metrics_import.delete()
    shutil.rmtree(folder, ignore_errors=True)
