from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.plan.io import parse_plan, plan_to_yaml
from socialplan.plan.model import Goal
from socialplan.web import services
from socialplan.web.models import Plan, PlanVersion

from .web_helpers import client_for as _client

DEMO = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "web" / "demo"


def test_a_profile_form_drafts_a_plan_and_opens_the_wizard(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["editor_a"])
    response = client.post(
        reverse("plan_new", args=[two_workspaces["ws_a"].pk]),
        {
            "name": "מאפיית השכונה",
            "industry": "מזון",
            "employees": "5",
            "language": "he",
            "region": "il",
            "objectives": "להביא יותר משפחות לחנות בסופי שבוע\nלקבל יותר הזמנות לעוגות",
            "audiences": "משפחות בשכונה: instagram, facebook",
            "team": "דנה, 4",
            "monthly_budget": "500",
            "currency": "ils",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Plan.objects.get(name="מאפיית השכונה")
    assert response["Location"] == reverse("wizard_step", args=[record.pk, "goal"])
    plan = record.plan()
    assert plan.language == "he"
    assert plan.business.regions == ["IL"]
    assert len(plan.objectives) == 2
    assert plan.resources.people[0].name == "דנה"
    assert record.versions.count() == 1  # type: ignore[attr-defined]


def test_a_profile_with_a_malformed_team_line_is_refused_with_the_line_number(
    two_workspaces: dict[str, Any],
) -> None:
    client = _client(two_workspaces["owner_a"])
    before = Plan.objects.count()
    response = client.post(
        reverse("plan_new", args=[two_workspaces["ws_a"].pk]),
        {"name": "X", "employees": "1", "language": "en", "objectives": "Sell more", "team": "Dana, 4\nSam"},
    )
    assert response.status_code == 400
    assert "Line 2" in response.content.decode()
    assert Plan.objects.count() == before


def _yaml_upload(text: str, name: str = "plan.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/yaml")


def test_yaml_round_trip_export_then_import_gives_the_same_plan(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"])
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.goals.append(Goal(id="g1", title="Weekend visits"))
    services.plan_save(record=record, plan=plan, author=None)
    exported = client.get(reverse("plan_export_yaml", args=[record.pk]))
    assert exported.status_code == 200
    assert "attachment" in exported["Content-Disposition"]
    text = exported.content.decode()
    assert parse_plan(text, "export") == plan
    response = client.post(reverse("plan_import", args=[two_workspaces["ws_a"].pk]), {"file": _yaml_upload(text)})
    assert response.status_code == 302
    imported = Plan.objects.exclude(pk=record.pk).get(workspace=two_workspaces["ws_a"], name="Bakery A")
    assert imported.plan() == plan


def test_a_broken_yaml_upload_names_the_line_and_writes_nothing(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"])
    before = (Plan.objects.count(), PlanVersion.objects.count())
    broken = "business:\n  name: Bakery\n  employees: many\n"
    response = client.post(reverse("plan_import", args=[two_workspaces["ws_a"].pk]), {"file": _yaml_upload(broken)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "plan.yaml:3" in page
    assert "employees" in page
    assert (Plan.objects.count(), PlanVersion.objects.count()) == before


def test_uploads_are_limited_in_size_and_type(two_workspaces: dict[str, Any], settings: Settings) -> None:
    settings.SOCIALPLAN_UPLOAD_MAX_BYTES = 1024
    client = _client(two_workspaces["owner_a"])
    url = reverse("plan_import", args=[two_workspaces["ws_a"].pk])
    big = client.post(url, {"file": _yaml_upload("business:\n  name: x\n" + "#" * 2000)})
    assert big.status_code == 400
    assert "larger than 1 kilobytes" in big.content.decode()
    exe = client.post(url, {"file": _yaml_upload("business:\n  name: x\n", name="plan.exe")})
    assert exe.status_code == 400


def test_replacing_a_plan_with_yaml_keeps_a_new_version(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["editor_a"])
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.business.name = "Bakery A, edited as code"
    response = client.post(reverse("plan_replace_yaml", args=[record.pk]), {"file": _yaml_upload(plan_to_yaml(plan))})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.plan().business.name == "Bakery A, edited as code"
    assert PlanVersion.objects.filter(plan=record).count() == 2


def test_versions_list_diff_and_restore(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"])
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.business.employees = 12
    services.plan_save(record=record, plan=plan, author=two_workspaces["owner_a"], note="grew")
    listing = client.get(reverse("version_list", args=[record.pk])).content.decode()
    assert "grew" in listing
    diff = client.get(reverse("version_detail", args=[record.pk, 2])).content.decode()
    assert "business.employees" in diff
    assert "12" in diff
    response = client.post(reverse("version_restore", args=[record.pk, 1]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.plan().business.employees == 1
    assert "Restored from version 1" in client.get(reverse("version_list", args=[record.pk])).content.decode()


@pytest.mark.parametrize(("fmt", "magic"), [("md", b"#"), ("html", b"<"), ("docx", b"PK")])
def test_downloads_come_in_each_document_format(two_workspaces: dict[str, Any], fmt: str, magic: bytes) -> None:
    client = _client(two_workspaces["viewer_a"])
    response = client.get(reverse("plan_download", args=[two_workspaces["plan_a"].pk, fmt]))
    assert response.status_code == 200
    assert response.content.lstrip().startswith(magic)
    assert f'-en.{fmt}"' in response["Content-Disposition"]


def test_an_unknown_format_is_404(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"])
    assert client.get(reverse("plan_download", args=[two_workspaces["plan_a"].pk, "exe"])).status_code == 404


def test_the_plan_page_shows_findings_linked_to_their_fields_and_the_charts(
    two_workspaces: dict[str, Any],
) -> None:
    page = _client(two_workspaces["viewer_a"]).get(reverse("plan_detail", args=[two_workspaces["plan_a"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    # The empty plan has no goals: the review says so and links to the goals section of step 1.
    assert reverse("wizard_step", args=[two_workspaces["plan_a"].pk, "goal"]) + "#f-goals" in html
    assert '<script id="chart-1-spec" type="application/json">' in html  # chart specs for the browser
    assert reverse("vega_bundle") in html


def test_editors_rename_and_only_owners_delete_a_plan(two_workspaces: dict[str, Any]) -> None:
    record = two_workspaces["plan_a"]
    editor = _client(two_workspaces["editor_a"])
    assert editor.post(reverse("plan_rename", args=[record.pk]), {"name": "Weekend plan"}).status_code == 302
    record.refresh_from_db()
    assert record.name == "Weekend plan"
    assert editor.get(reverse("plan_delete", args=[record.pk])).status_code == 403
    assert editor.post(reverse("plan_delete", args=[record.pk])).status_code == 403
    owner = _client(two_workspaces["owner_a"])
    assert "cannot be undone" in owner.get(reverse("plan_delete", args=[record.pk])).content.decode()
    assert Plan.objects.filter(pk=record.pk).exists()  # asking deletes nothing
    response = owner.post(reverse("plan_delete", args=[record.pk]))
    assert response["Location"] == reverse("workspace_detail", args=[two_workspaces["ws_a"].pk])
    assert not Plan.objects.filter(pk=record.pk).exists()
    assert not PlanVersion.objects.filter(plan_id=record.pk).exists()


def test_documents_come_in_either_language_whatever_the_interface_speaks(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["viewer_a"], "en")
    url = reverse("plan_download", args=[two_workspaces["plan_a"].pk, "md"])
    english, hebrew = client.get(url).content.decode(), client.get(url + "?lang=he").content.decode()
    assert not re.search("[\u0590-\u05ff]", english)
    assert re.search("[\u0590-\u05ff]", hebrew)
    assert client.get(url + "?lang=fr").status_code == 404
    page = client.get(reverse("plan_detail", args=[two_workspaces["plan_a"].pk])).content.decode()
    assert page.index("?lang=en") < page.index("?lang=he")  # the interface's language first
