from __future__ import annotations

import stat
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from socialplan.measure.demo_data import BRANDS
from socialplan.web import services
from socialplan.web.calendar.models import ContentCalendar
from socialplan.web.demo import DEMO_USERNAME, OLD_DEMO_WORKSPACE, demo_ensure, demo_password, demo_plans
from socialplan.web.models import Membership, Plan, Role, Workspace


@pytest.mark.django_db
def test_each_demo_business_has_its_own_workspace_and_plan(tmp_path: Path) -> None:
    found = demo_ensure(tmp_path)
    assert [d.brand for d in found] == list(BRANDS)
    user = User.objects.get(username=DEMO_USERNAME)
    languages = []
    for demo in found:
        assert demo.workspace.name == demo.brand.name  # the studio's in Hebrew
        assert Membership.objects.get(workspace=demo.workspace, user=user).role == Role.OWNER
        (record,) = Plan.objects.filter(workspace=demo.workspace)
        plan = record.plan()
        assert plan.business.name == demo.brand.name
        assert plan.goals
        assert plan.channels
        assert plan.metrics
        # The calendar page opens filled: a calendar drafted from the plan, Shabbat kept free in Hebrew.
        calendar = ContentCalendar.objects.get(plan=record).calendar()
        assert calendar.entries
        assert calendar.keeps_shabbat == (plan.language == "he")
        if calendar.keeps_shabbat:
            assert all(entry.local_start(calendar.timezone).weekday() != 5 for entry in calendar.entries)
        languages.append(plan.language)
    assert languages == ["en", "he"]
    password = demo_password(tmp_path)
    assert password
    assert stat.S_IMODE((tmp_path / "demo_password").stat().st_mode) == 0o600
    assert User.objects.get(username=DEMO_USERNAME).check_password(password)


@pytest.mark.django_db
def test_the_workspace_list_offers_both_demo_workspaces(tmp_path: Path) -> None:
    found = demo_ensure(tmp_path)
    client = Client()
    client.force_login(User.objects.get(username=DEMO_USERNAME))
    html = client.get(reverse("workspace_list")).content.decode()
    for demo in found:
        assert demo.workspace.name.replace("&", "&amp;") in html


@pytest.mark.django_db
def test_a_second_start_keeps_the_demo_as_the_user_left_it(tmp_path: Path) -> None:
    found = demo_ensure(tmp_path)
    Plan.objects.filter(workspace=found[0].workspace).delete()
    found[1].workspace.delete()
    again = demo_ensure(tmp_path)
    assert again == found[:1]
    assert Workspace.objects.count() == 1
    assert not Plan.objects.filter(workspace=found[0].workspace).exists()


@pytest.mark.django_db
def test_a_demo_from_the_one_workspace_layout_is_left_as_it_is(tmp_path: Path, settings: Settings) -> None:
    # What earlier versions made: the demo account owning one workspace with both plans.
    user = User.objects.create_user(DEMO_USERNAME, password="an earlier password")
    (tmp_path / "demo_password").write_text("an earlier password\n", encoding="utf-8")
    old = services.workspace_create(name=OLD_DEMO_WORKSPACE, owner=user)
    for _, plan in demo_plans():
        services.plan_create(workspace=old, plan=plan, author=user)
    assert demo_ensure(tmp_path) == []
    settings.SOCIALPLAN_DATA_DIR = tmp_path
    out = StringIO()
    call_command("socialplan_demo", stdout=out)
    assert OLD_DEMO_WORKSPACE in out.getvalue()
    assert list(Workspace.objects.all()) == [old]
    assert Plan.objects.filter(workspace=old).count() == len(BRANDS)
    assert demo_password(tmp_path) == "an earlier password"


@pytest.mark.django_db
def test_the_sign_in_page_shows_demo_credentials_only_in_demo_mode(tmp_path: Path, settings: Settings) -> None:
    demo_ensure(tmp_path)
    settings.SOCIALPLAN_DATA_DIR = tmp_path
    settings.SOCIALPLAN_DEMO = False
    assert "<code>" not in Client().get(reverse("login")).content.decode()
    settings.SOCIALPLAN_DEMO = True
    assert f"<code>{demo_password(tmp_path)}</code>" in Client().get(reverse("login")).content.decode()
