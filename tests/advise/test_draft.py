"""Drafting plans from profiles: complete, explainable, sized to the team, and clean under review."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from socialplan.advise.draft import plan_draft
from socialplan.advise.review import has_errors, plan_review
from socialplan.advise.sizing import channel_hours_available, strategies_supported
from socialplan.examples import example_names, example_profile
from socialplan.plan.io import parse_profile, plan_to_yaml
from socialplan.plan.profile import Profile

AS_OF = dt.date(2026, 12, 1)
HEBREW = re.compile(r"[\u05d0-\u05ea]")


def _profile(text: str) -> Profile:
    return parse_profile(text, "test-profile.yaml")


def test_draft_is_deterministic() -> None:
    profile = example_profile("he")
    assert plan_to_yaml(plan_draft(profile, today=AS_OF)) == plan_to_yaml(plan_draft(profile, today=AS_OF))


@pytest.mark.parametrize("name", example_names())
def test_every_recommendation_says_which_step_it_comes_from(name: str) -> None:
    plan = plan_draft(example_profile(name=name), today=AS_OF)
    step_word = "שלב" if plan.language == "he" else "Step"
    for goal in plan.goals:
        assert goal.why.startswith(f"{step_word} 1"), goal.why
        assert goal.proposed
    for choice in plan.strategies:
        assert choice.why.startswith(f"{step_word} 3"), choice.why
    for channel in plan.channels:
        assert channel.why.startswith(f"{step_word} 4"), channel.why
    for objective in plan.objectives:
        assert objective.reason


@pytest.mark.parametrize("name", example_names())
def test_channel_hours_fit_the_team(name: str) -> None:
    plan = plan_draft(example_profile(name=name), today=AS_OF)
    assert plan.channels
    assert plan.weekly_hours_planned <= channel_hours_available(plan.weekly_hours_available) + 1e-6
    assert len(plan.strategies) <= strategies_supported(plan.weekly_hours_available)


def test_small_team_keeps_few_es_and_large_team_may_run_all_four() -> None:
    small = plan_draft(example_profile(name="maafiat-hashchuna"), today=AS_OF)
    large = plan_draft(example_profile(name="northwind-analytics"), today=AS_OF)
    assert 1 <= len(small.strategies) <= 2
    assert len(large.strategies) == 4
    assert len(large.channels) > len(small.channels)


def test_hebrew_profile_gives_a_hebrew_plan() -> None:
    plan = plan_draft(example_profile("he"), today=AS_OF)
    assert plan.language == "he"
    assert all(HEBREW.search(g.title) for g in plan.goals)
    assert all(HEBREW.search(o.reason) for o in plan.objectives)
    assert all(HEBREW.search(c.why) for c in plan.channels)


def test_unserved_objective_is_marked_with_a_reason_and_gets_no_goal() -> None:
    plan = plan_draft(example_profile(name="northwind-analytics"), today=AS_OF)
    hosting = next(o for o in plan.objectives if "hosting" in o.text)
    assert hosting.purpose is None
    assert hosting.reason
    assert all(g.objective != hosting.id for g in plan.goals)
    served = [o for o in plan.objectives if o.purpose is not None]
    assert {g.objective for g in plan.goals} == {o.id for o in served}


def test_named_platforms_are_preferred_and_b2b_gets_linkedin() -> None:
    coffee = plan_draft(example_profile("en"), today=AS_OF)
    assert "instagram" in {c.id for c in coffee.channels}
    northwind = plan_draft(example_profile(name="northwind-analytics"), today=AS_OF)
    assert "linkedin" in {c.id for c in northwind.channels}
    assert "tiktok" not in {c.id for c in northwind.channels}


def test_deadlines_follow_the_as_of_date() -> None:
    plan = plan_draft(example_profile("en"), today=AS_OF)
    for goal in plan.goals:
        assert goal.target is not None
        assert goal.target.deadline is not None
        assert AS_OF < goal.target.deadline <= AS_OF + dt.timedelta(days=400)
        assert goal.target.metric in goal.metrics


def test_every_goal_is_measured_across_types_and_every_equity_component_fed() -> None:
    plan = plan_draft(example_profile(name="galgal-yarok"), today=AS_OF)
    metric_ids = {m.id for m in plan.metrics}
    for goal in plan.goals:
        assert set(goal.metrics) <= metric_ids
    assert len({m.measurement_type for m in plan.metrics}) >= 3
    for component in ("relationship_strength", "familiarity", "efficiency", "value_creation"):
        assert getattr(plan.equity, component).indicators


PROFILES = {
    "tiny, no platforms": """
business: {name: Solo Yoga, industry: yoga studio, employees: 1, languages: [en], regions: [GB]}
objectives: [Fill more weekly classes, Build a friendly local community]
audience: [{name: Local adults, description: busy professionals who want to relax}]
resources: {people: [{name: Kim, titles: [Owner, Teacher], weekly_hours: 2}]}
""",
    "nothing served": """
business: {name: Acme Steel, industry: steel, employees: 300, languages: [en], b2b: true}
objectives: [Cut production costs by 8%, Fix the supply chain delays]
resources: {people: [{name: Bo, titles: [Marketing manager], weekly_hours: 10}]}
""",
    "no people": """
business: {name: חנות הספרים, languages: [he], regions: [IL]}
objectives: [למכור יותר ספרים באתר, לבנות קהילה של קוראים]
audience: [{name: קוראים, description: אוהבי ספרות בכל הגילים}]
""",
    "b2b hebrew": """
business: {name: טכנו-סולאר, industry: התקנת מערכות סולאריות לעסקים, employees: 60, languages: [he, en],
           regions: [IL], b2b: true}
objectives: [להגדיל את מספר הלידים מחברות ומפעלים, לחזק את המוניטין של החברה אחרי כתבה שלילית,
             לגייס מהנדסים לצוות]
audience: [{name: מנהלי מפעלים, description: מקבלי החלטות בתעשייה ובחקלאות}]
competitors: [סולאר-אדג', אנרג'י-פלוס]
resources:
  people:
    - {name: רון, titles: [מנהל שיווק דיגיטלי], weekly_hours: 25, skills: [LinkedIn, Canva, GA4, Hootsuite]}
    - {name: שירה, titles: [מעצבת גרפית], weekly_hours: 10, skills: [Figma, Photoshop]}
  monthly_budget: 8000
""",
}


@pytest.mark.parametrize("name", PROFILES)
def test_any_profile_drafts_a_plan_without_errors(name: str) -> None:
    plan = plan_draft(_profile(PROFILES[name]), today=AS_OF)
    findings = plan_review(plan, today=AS_OF)
    assert not has_errors(findings), [f.message.en for f in findings if f.severity == "error"]
    assert plan.goals
    assert plan.strategies
    assert plan.channels
    assert plan.metrics
    assert plan.return_.risks


@pytest.mark.parametrize(
    ("language", "objectives"),
    [
        ("en", ["Bring more families to the shops on weekend mornings", "Take more orders for celebration cakes"]),
        ("he", ["להביא יותר משפחות לחנויות בבקרי סוף השבוע", "לקבל יותר הזמנות של עוגות לאירועים"]),
    ],
)
def test_objectives_with_one_purpose_get_distinct_goals_that_name_them(language: str, objectives: list[str]) -> None:
    listed = "\n".join(f"  - {text}" for text in objectives)
    profile = _profile(
        f"business:\n  name: A bakery\n  languages: [{language}]\nobjectives:\n{listed}\n"
        "resources:\n  people:\n    - name: Dana\n      weekly_hours: 4\n"
    )
    plan = plan_draft(profile, today=AS_OF)
    purposes = [o.purpose for o in plan.objectives]
    assert purposes[0] is not None
    assert purposes[0] == purposes[1], purposes
    titles = [g.title for g in plan.goals]
    assert len(set(titles)) == len(titles) == 2
    for title, objective in zip(titles, objectives, strict=True):
        assert title.startswith(f"{objective}: ")
