"""Uploads in the browser's place: stage, detect, preview, map, import in the background, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pytest_django.fixtures import Settings

from socialplan.web.dashboard.analytics import workspace_store
from socialplan.web.dashboard.models import ImportFile, ImportStatus, MappingPreset, MetricsImport

from .dashboard_helpers import IMMEDIATE_TASKS, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Settings, tmp_path: Path) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    # Database ids are reused between tests: each test gets its own data directory for the stores.
    settings.SOCIALPLAN_DATA_DIR = tmp_path


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _stage(client: Client, workspace_id: int, *files: Any) -> MetricsImport:
    response = client.post(reverse("dashboard_imports", args=[workspace_id]), {"exports": list(files)})
    assert response.status_code == 302, response.content[:500]
    return MetricsImport.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_upload_detects_each_file_and_previews_it(two_workspaces: dict[str, Any]) -> None:
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    staged = _stage(client, ws.pk, upload("instagram_posts.csv"), upload("ga4_traffic_daily.csv"))
    files = {f.name: f for f in staged.files.all()}
    assert staged.status == ImportStatus.STAGED
    assert files["instagram_posts.csv"].detected_format == "instagram_posts"
    assert files["ga4_traffic_daily.csv"].detected_format.startswith("ga4")
    page = client.get(reverse("dashboard_import_detail", args=[ws.pk, staged.pk]))
    text = page.content.decode()
    assert "instagram_posts" in text
    assert "Publish time" in text  # the preview shows the file's own header
    with workspace_store(ws.pk) as store:
        assert store.table("posts").count().execute() == 0  # nothing imported before confirming


def test_confirm_imports_in_the_background_and_reports_per_file(two_workspaces: dict[str, Any]) -> None:
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    staged = _stage(client, ws.pk, upload("instagram_posts.csv"), upload("ga4_traffic_daily.csv"))
    response = client.post(reverse("dashboard_import_detail", args=[ws.pk, staged.pk]), {"action": "confirm"})
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.status == ImportStatus.DONE
    assert staged.task_id
    progress = client.get(reverse("dashboard_import_progress", args=[ws.pk, staged.pk])).json()
    assert progress == {"status": "done", "files_done": 2, "files_total": 2, "finished": True}
    instagram = staged.files.get(name="instagram_posts.csv")
    with workspace_store(ws.pk) as store:
        posts = store.table("posts").count().execute()
    assert instagram.status == "imported"
    assert instagram.rows_imported > 0
    assert posts == instagram.rows_read
    page = client.get(reverse("dashboard_import_detail", args=[ws.pk, staged.pk])).content.decode()
    assert "rows imported from" in page


def test_rejected_rows_are_listed_with_line_and_reason(two_workspaces: dict[str, Any]) -> None:
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    mentions = (
        b"text,author,date\n"
        b"Lovely bread,ann,2026-03-01 10:00\n"
        b"Cold coffee,ben,not a date\n"
        b"Friendly staff,cat,2026-03-02 11:00\n"
    )
    staged = _stage(client, ws.pk, upload("mentions.csv", mentions))
    client.post(reverse("dashboard_import_detail", args=[ws.pk, staged.pk]), {"action": "confirm"})
    done = ImportFile.objects.get(metrics_import=staged)
    assert done.status == "imported"
    assert [r["line"] for r in done.rejected] == [3]
    page = client.get(reverse("dashboard_import_detail", args=[ws.pk, staged.pk])).content.decode()
    assert "1 row rejected" in page
    assert escape(done.rejected[0]["en"]) in page


def test_unrecognised_file_needs_a_mapping_which_is_saved_for_the_workspace(two_workspaces: dict[str, Any]) -> None:
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    staged = _stage(client, ws.pk, upload("pinterest_pins.csv"))
    pins = staged.files.get()
    assert pins.status == "needs_mapping"
    url = reverse("dashboard_import_detail", args=[ws.pk, staged.pk])
    client.post(url, {"action": "confirm"})
    staged.refresh_from_db()
    assert staged.status == ImportStatus.STAGED  # refused until the columns are mapped
    prefix = f"f{pins.pk}"
    invalid = client.post(url, {"action": "map", "file": pins.pk, f"{prefix}-table": "posts"})
    assert invalid.status_code == 400  # no post id, date or network chosen
    form = {
        "action": "map", "file": pins.pk, f"{prefix}-table": "posts", f"{prefix}-platform": "pinterest",
        f"{prefix}-account": "acme", f"{prefix}-posts__post_id": "Pin ID", f"{prefix}-posts__published_at": "Created",
        f"{prefix}-posts__text": "Title", f"{prefix}-posts__m__impressions": "Impressions",
        f"{prefix}-posts__m__saves": "Saves", f"{prefix}-preset_name": "Pinterest pins",
    }  # fmt: skip
    assert client.post(url, form).status_code == 302
    preset = MappingPreset.objects.get(workspace=ws)
    assert preset.name == "Pinterest pins"
    assert preset.mapping["metrics"] == {"Impressions": "impressions", "Saves": "saves"}
    client.post(url, {"action": "confirm"})
    pins.refresh_from_db()
    assert pins.status == "imported"
    assert pins.rows_imported > 0
    # the saved mapping is offered for the next file of the same kind
    again = _stage(client, ws.pk, upload("pinterest_pins.csv"))
    page = client.get(reverse("dashboard_import_detail", args=[ws.pk, again.pk])).content.decode()
    assert "Pinterest pins" in page


def test_undo_removes_exactly_the_import(two_workspaces: dict[str, Any]) -> None:
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    first = _stage(client, ws.pk, upload("instagram_posts.csv"))
    client.post(reverse("dashboard_import_detail", args=[ws.pk, first.pk]), {"action": "confirm"})
    second = _stage(client, ws.pk, upload("ga4_traffic_daily.csv"))
    client.post(reverse("dashboard_import_detail", args=[ws.pk, second.pk]), {"action": "confirm"})
    with workspace_store(ws.pk) as store:
        web_before = store.table("web_sessions").count().execute()
        posts_before = store.table("posts").count().execute()
    assert web_before > 0
    response = client.post(reverse("dashboard_import_undo", args=[ws.pk, second.pk]))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == ImportStatus.UNDONE
    with workspace_store(ws.pk) as store:
        assert store.table("web_sessions").count().execute() == 0
        assert store.table("posts").count().execute() == posts_before
    history = client.get(reverse("dashboard_imports", args=[ws.pk])).content.decode()
    assert "Undone" in history


def test_roles_and_workspaces_are_enforced(two_workspaces: dict[str, Any]) -> None:
    ws_a, ws_b = two_workspaces["ws_a"], two_workspaces["ws_b"]
    viewer = _client(two_workspaces["viewer_a"])
    assert viewer.get(reverse("dashboard_imports", args=[ws_a.pk])).status_code == 200
    refused = viewer.post(reverse("dashboard_imports", args=[ws_a.pk]), {"exports": [upload("instagram_posts.csv")]})
    assert refused.status_code == 403
    editor = _client(two_workspaces["editor_a"])
    staged = _stage(editor, ws_a.pk, upload("instagram_posts.csv"))
    outsider = _client(two_workspaces["owner_b"])
    assert outsider.get(reverse("dashboard_imports", args=[ws_a.pk])).status_code == 404
    assert outsider.get(reverse("dashboard_import_detail", args=[ws_a.pk, staged.pk])).status_code == 404
    # an import of workspace A asked for under workspace B is not found either
    assert outsider.get(reverse("dashboard_import_detail", args=[ws_b.pk, staged.pk])).status_code == 404
    assert outsider.post(reverse("dashboard_import_undo", args=[ws_b.pk, staged.pk])).status_code == 404
    assert (
        viewer.post(reverse("dashboard_import_detail", args=[ws_a.pk, staged.pk]), {"action": "confirm"}).status_code
        == 403
    )


def test_imported_mentions_are_stored_with_their_language_and_sentiment(two_workspaces: dict[str, Any]) -> None:
    # The opinion metrics (net sentiment, share of positive mentions) read the stored labels.
    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    text = (
        "text,author,date\n"
        "The sourdough here is wonderful and the staff are lovely,ann,2026-03-01\n"
        "Terrible service and a stale loaf. Very disappointed.,ben,2026-03-02\n"
        "השיעור היה מעולה והמורה נהדרת,dana,2026-03-03\n"
    )
    staged = _stage(client, ws.pk, upload("mentions.csv", text.encode("utf-8")))
    client.post(reverse("dashboard_import_detail", args=[ws.pk, staged.pk]), {"action": "confirm"})
    with workspace_store(ws.pk) as store:
        rows = store.table("mentions").order_by("published_at").to_pyarrow().to_pylist()
    assert [(r["lang"], r["sentiment_label"]) for r in rows] == [
        ("en", "positive"),
        ("en", "negative"),
        ("he", "positive"),
    ]
    assert all(-1 <= r["sentiment_score"] <= 1 for r in rows)


def test_undo_rebuilds_the_dashboards_in_the_background(
    two_workspaces: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialplan.web.dashboard import tasks

    ws = two_workspaces["ws_a"]
    client = _client(two_workspaces["editor_a"])
    staged = _stage(client, ws.pk, upload("instagram_posts.csv"))
    client.post(reverse("dashboard_import_detail", args=[ws.pk, staged.pk]), {"action": "confirm"})
    warmed: list[int] = []
    monkeypatch.setattr(tasks, "_dashboards_warm", lambda workspace: warmed.append(workspace.pk) or 0)
    client.post(reverse("dashboard_import_undo", args=[ws.pk, staged.pk]))
    assert warmed == [ws.pk]
    client.post(reverse("dashboard_import_undo", args=[ws.pk, staged.pk]))  # already undone: nothing changes
    assert warmed == [ws.pk]
