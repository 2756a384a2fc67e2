from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.web.demo import DEMO_USERNAME, demo_ensure, demo_password
from socialplan.web.models import Plan, Workspace


@pytest.mark.django_db
def test_the_demo_workspace_holds_drafted_plans_in_both_languages(tmp_path: Path) -> None:
    workspace = demo_ensure(tmp_path)
    plans = [record.plan() for record in Plan.objects.filter(workspace=workspace)]
    assert {plan.language for plan in plans} == {"en", "he"}
    assert all(plan.goals and plan.channels and plan.metrics for plan in plans)
    password = demo_password(tmp_path)
    assert password
    assert stat.S_IMODE((tmp_path / "demo_password").stat().st_mode) == 0o600
    assert User.objects.get(username=DEMO_USERNAME).check_password(password)


@pytest.mark.django_db
def test_a_second_start_keeps_the_demo_as_the_user_left_it(tmp_path: Path) -> None:
    workspace = demo_ensure(tmp_path)
    Plan.objects.filter(workspace=workspace).first().delete()  # type: ignore[union-attr]
    again = demo_ensure(tmp_path)
    assert again == workspace
    assert Workspace.objects.count() == 1
    assert Plan.objects.filter(workspace=workspace).count() == 1


@pytest.mark.django_db
def test_the_sign_in_page_shows_demo_credentials_only_in_demo_mode(tmp_path: Path, settings: Settings) -> None:
    demo_ensure(tmp_path)
    settings.SOCIALPLAN_DATA_DIR = tmp_path
    settings.SOCIALPLAN_DEMO = False
    assert "<code>" not in Client().get(reverse("login")).content.decode()
    settings.SOCIALPLAN_DEMO = True
    assert f"<code>{demo_password(tmp_path)}</code>" in Client().get(reverse("login")).content.decode()
