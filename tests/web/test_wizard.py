from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Goal, Indicator, Metric, Objective, Tactic, Target
from socialplan.web import services
from socialplan.web.models import PlanVersion
from socialplan.web.wizard_spec import field_id, path_parts

from .web_helpers import client_for as _client


@pytest.fixture
def goal_plan(two_workspaces: dict[str, Any]) -> dict[str, Any]:
    """Plan A with one objective, one goal (target without a deadline) and one metric."""
    record = two_workspaces["plan_a"]
    plan = record.plan()
    plan.objectives.append(Objective(id="o1", text="Sell more bread", purpose="marketing"))
    plan.goals.append(
        Goal(
            id="g1",
            title="More weekend visits",
            objective="o1",
            purpose="marketing",
            target=Target(metric="m1", value=10),
            metrics=["m1"],
        )
    )
    plan.metrics.append(Metric(id="m1", name="Visits", measurement_type="web_analytics", goals=["g1"]))
    plan.equity.familiarity.indicators.append(Indicator(metric="m1", weight=2, target=50))
    services.plan_save(record=record, plan=plan, author=None)
    return two_workspaces


def _form_data(html: str) -> dict[str, list[str]]:
    """What a browser would submit for the wizard form as rendered (inputs, selects, textareas)."""
    form = html[html.index('id="wizard-form"') :]
    data: dict[str, list[str]] = {}
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if "name" not in attrs or attrs.get("type") == "submit":
            continue
        if attrs.get("type") == "checkbox" and "checked" not in tag.group(0):
            continue
        data.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data.setdefault(match.group(1), []).append(match.group(2))
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        # Like a browser: the selected option, else the first one.
        selected = re.search(r'<option value="([^"]*)" selected', match.group(2))
        first = re.search(r'<option value="([^"]*)"', match.group(2))
        chosen = selected or first
        data.setdefault(match.group(1), []).append(chosen.group(1) if chosen else "")
    return data


def test_equity_indicators_are_editable(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["owner_a"])
    record = goal_plan["plan_a"]
    url = reverse("wizard_step", args=[record.pk, "measurement"])
    data = _form_data(client.get(url).content.decode())
    assert data["equity.familiarity.indicators[0].weight"] == ["2"]
    data["equity.familiarity.indicators[0].weight"] = ["3.5"]
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.plan().equity.familiarity.indicators[0].weight == 3.5


def test_field_ids_are_derived_from_plan_paths() -> None:
    assert path_parts("goals[1].target.deadline") == ["goals", 1, "target", "deadline"]
    assert field_id("goals[1].target.deadline") == "f-goals-1-target-deadline"
    assert field_id("return.risks[0].impact") == "f-return-risks-0-impact"


@pytest.mark.parametrize("step", STEP_IDS)
@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_step_shows_its_guidance_and_a_labelled_form(goal_plan: dict[str, Any], step: str, lang: str) -> None:
    from socialplan.method import load_method

    client = _client(goal_plan["owner_a"])
    client.cookies["django_language"] = lang
    response = client.get(reverse("wizard_step", args=[goal_plan["plan_a"].pk, step]))
    html = response.content.decode()
    assert response.status_code == 200
    guide = load_method().step(step)
    assert escape(guide.title(lang)) in html  # type: ignore[arg-type]
    assert escape(guide.summary(lang)) in html  # type: ignore[arg-type]
    ids = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', html)
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert ids
    assert [i for i in ids if i not in labelled] == []


def test_saving_a_step_stores_a_version_and_remembers_the_step(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["editor_a"])
    record = goal_plan["plan_a"]
    url = reverse("wizard_step", args=[record.pk, "goal"])
    data = _form_data(client.get(url).content.decode())
    assert data["goals[0].title"] == ["More weekend visits"]
    data["goals[0].target.deadline"] = ["2027-06-30"]
    data["note"] = ["deadline set"]
    data["action"] = ["next"]
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("wizard_step", args=[record.pk, "landscape"])
    record.refresh_from_db()
    plan = record.plan()
    assert str(plan.goals[0].target.deadline) == "2027-06-30"  # type: ignore[union-attr]
    assert plan.goals[0].metrics == ["m1"]  # fields of other inputs survive the round trip
    assert plan.objectives[0].text == "Sell more bread"
    assert record.step == "goal"
    latest = PlanVersion.objects.filter(plan=record).order_by("-number").first()
    assert latest is not None
    assert latest.note == "deadline set"


def test_every_step_round_trips_unchanged(goal_plan: dict[str, Any]) -> None:
    """Submitting a step's form as rendered changes nothing in the plan."""
    client = _client(goal_plan["owner_a"])
    record = goal_plan["plan_a"]
    before = record.plan()
    for step in STEP_IDS:
        url = reverse("wizard_step", args=[record.pk, step])
        response = client.post(url, _form_data(client.get(url).content.decode()))
        problems = re.findall(r'<p class="(?:error|form-errors)"[^>]*>([^<]*)<', response.content.decode())
        assert response.status_code == 302, (step, problems)
    record.refresh_from_db()
    assert record.plan() == before


def test_an_invalid_edit_is_not_saved_and_the_error_sits_at_its_field(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["owner_a"])
    record = goal_plan["plan_a"]
    url = reverse("wizard_step", args=[record.pk, "goal"])
    data = _form_data(client.get(url).content.decode())
    data["goals[0].title"] = [""]
    data["goals[0].target.value"] = ["lots"]
    versions = PlanVersion.objects.filter(plan=record).count()
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="f-goals-0-title-error"' in html
    assert 'id="f-goals-0-target-value-error"' in html
    assert "Enter a number." in html
    assert PlanVersion.objects.filter(plan=record).count() == versions
    assert 'value="lots"' in html  # the user's input is kept for correction


def test_add_and_remove_rows_without_saving_then_save(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["owner_a"])
    record = goal_plan["plan_a"]
    url = reverse("wizard_step", args=[record.pk, "return"])
    data = _form_data(client.get(url).content.decode())
    added = client.post(url, {**data, "action": ["add:return.risks"]})
    assert added.status_code == 200
    assert 'id="f-return-risks-0-description"' in added.content.decode()
    data = _form_data(added.content.decode())
    data["return.risks[0].description"] = ["Nobody has time in December"]
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.plan().return_.risks[0].description == "Nobody has time in December"
    data = _form_data(client.get(url).content.decode())
    removed = client.post(url, {**data, "action": ["remove:return.risks[0]"]})
    assert 'id="f-return-risks-0-description"' not in removed.content.decode()
    record.refresh_from_db()
    assert len(record.plan().return_.risks) == 1  # removing is only saved with Save


def test_live_review_finding_appears_and_disappears_and_links_to_its_field(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["editor_a"])
    record = goal_plan["plan_a"]
    data = _form_data(client.get(reverse("wizard_step", args=[record.pk, "goal"])).content.decode())
    review = reverse("wizard_review", args=[record.pk, "goal"])
    without = client.post(review, data, headers={"HX-Request": "true"}).content.decode()
    assert 'data-rule="goal.deadline"' in without
    assert 'href="#f-goals-0-target-deadline"' in without
    assert "<html" not in without  # a fragment for htmx, not a page
    data["goals[0].target.deadline"] = ["2027-06-30"]
    with_deadline = client.post(review, data, headers={"HX-Request": "true"}).content.decode()
    assert 'data-rule="goal.deadline"' not in with_deadline


def test_live_review_reports_input_errors_at_their_fields(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["editor_a"])
    record = goal_plan["plan_a"]
    data = _form_data(client.get(reverse("wizard_step", args=[record.pk, "goal"])).content.decode())
    data["business.employees"] = ["0"]
    html = client.post(reverse("wizard_review", args=[record.pk, "goal"]), data).content.decode()
    assert 'href="#f-business-employees"' in html


def test_a_viewer_sees_the_form_disabled(goal_plan: dict[str, Any]) -> None:
    html = _client(goal_plan["viewer_a"]).get(reverse("wizard_step", args=[goal_plan["plan_a"].pk, "goal"]))
    text = html.content.decode()
    assert '<fieldset class="plain" disabled>' in text
    assert 'value="save"' not in text


def test_an_unknown_step_is_404(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["owner_a"])
    assert client.get(reverse("wizard_step", args=[goal_plan["plan_a"].pk, "nope"])).status_code == 404


def test_scripted_form_data_matches_what_the_page_renders(goal_plan: dict[str, Any]) -> None:
    from socialplan.web.wizard_form import step_form_data

    client = _client(goal_plan["owner_a"])
    record = goal_plan["plan_a"]
    for step in STEP_IDS:
        rendered = _form_data(client.get(reverse("wizard_step", args=[record.pk, step])).content.decode())
        rendered.pop("csrfmiddlewaretoken")
        rendered.pop("note")
        rendered.pop("based_on")
        scripted = step_form_data(record.data, step, "en")
        assert {k: v for k, v in rendered.items() if v != [""]} == {k: v for k, v in scripted.items() if v != [""]}


@pytest.mark.parametrize(
    ("path", "step", "anchor", "label"),
    [
        ("goals[0].target.deadline", "goal", "f-goals-0-target-deadline", "Goal 1: Deadline"),
        ("goals[1].metrics[2]", "goal", "f-goals-1-metrics", "Goal 2: Metrics that track it"),
        ("business.employees", "goal", "f-business-employees", "The business: Number of employees"),
        ("return.risks[0].impact", "return", "f-return-risks-0-impact", "Risk 1: Impact"),
        ("channels[0].cadence.posts", "tools", "f-channels-0-cadence-posts", "Channel 1: Posts"),
    ],
)
def test_a_changed_path_names_its_wizard_input(path: str, step: str, anchor: str, label: str) -> None:
    from socialplan.web.wizard_form import path_place

    place = path_place(path)
    assert place is not None
    assert (place.step, place.anchor) == (step, anchor)
    assert place.label.startswith(label)


def test_a_path_no_input_edits_has_no_place() -> None:
    from socialplan.web.wizard_form import path_place

    assert path_place("schema_version") is None
    assert path_place("goals[0].nonsense") is None


def test_channel_inputs_suggest_the_catalogue(goal_plan: dict[str, Any]) -> None:
    from socialplan.method import load_method

    record = goal_plan["plan_a"]
    plan = record.plan()
    plan.landscape.tactics.append(Tactic(id="t1", text="Answer every comment"))
    services.plan_save(record=record, plan=plan, author=None)
    html = _client(goal_plan["owner_a"]).get(reverse("wizard_step", args=[record.pk, "landscape"])).content.decode()
    assert 'list="f-landscape-tactics-0-channel-suggestions"' in html
    some = load_method().channels[0]
    assert f'<option value="{some.id}">{escape(some.name.en)}</option>' in html


def test_a_save_over_someone_elses_newer_save_asks_first_and_loses_nothing(goal_plan: dict[str, Any]) -> None:
    client = _client(goal_plan["editor_a"])
    record = goal_plan["plan_a"]
    url = reverse("wizard_step", args=[record.pk, "goal"])
    data = _form_data(client.get(url).content.decode())
    # Meanwhile the owner saves another step.
    plan = record.plan()
    plan.landscape.competitors = ["The Corner Loaf"]
    services.plan_save(record=record, plan=plan, author=goal_plan["owner_a"])
    versions = PlanVersion.objects.filter(plan=record).count()
    data["goals[0].title"] = ["Edited while someone else saved"]
    conflict = client.post(url, data)
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Someone else saved this plan" in html
    assert "Edited while someone else saved" in html  # the user's input is still there
    assert PlanVersion.objects.filter(plan=record).count() == versions
    again = client.post(url, _form_data(html))  # saving again, knowingly
    assert again.status_code == 302
    record.refresh_from_db()
    saved = record.plan()
    assert saved.goals[0].title == "Edited while someone else saved"
    assert saved.landscape.competitors == ["The Corner Loaf"]  # the other step's save survives


def test_removing_a_row_keeps_each_remaining_row_its_own_hidden_fields(goal_plan: dict[str, Any]) -> None:
    record = goal_plan["plan_a"]
    plan = record.plan()
    plan.metrics.append(Metric(id="m2", name="Reach", measurement_type="pr_media", definition="reach", goals=["g1"]))
    plan.metrics[0].definition = None
    services.plan_save(record=record, plan=plan, author=None)
    client = _client(goal_plan["owner_a"])
    url = reverse("wizard_step", args=[record.pk, "measurement"])
    removed = client.post(url, {**_form_data(client.get(url).content.decode()), "action": ["remove:metrics[0]"]})
    data = _form_data(removed.content.decode())
    data["equity.familiarity.indicators[0].metric"] = ["m2"]  # m1 is gone
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    metrics = record.plan().metrics
    assert [m.id for m in metrics] == ["m2"]
    assert metrics[0].definition == "reach"  # not m1's (empty) definition
