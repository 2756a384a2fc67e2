"""Review: a clean drafted plan, then one defect injected at a time for every step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from socialplan.advise.findings import Finding
from socialplan.advise.review import RULES, has_errors, plan_review
from socialplan.examples import example_names, example_plan
from socialplan.method.types import STEP_IDS
from socialplan.plan.model import Cadence, ChannelPlan, Person, Plan, Tactic

from ..conftest import EXAMPLES_AS_OF

Defect = Callable[[Plan], None]


def _review(plan: Plan) -> list[Finding]:
    return plan_review(plan, today=EXAMPLES_AS_OF)


@pytest.fixture
def plan() -> Plan:
    """A well-staffed drafted plan: clean, so each injected defect stands alone."""
    return example_plan(name="galgal-yarok").model_copy(deep=True)


@pytest.mark.parametrize("name", example_names())
def test_drafted_examples_have_no_errors(name: str) -> None:
    findings = _review(example_plan(name=name))
    assert not has_errors(findings), [f.message.en for f in findings if f.severity == "error"]


def test_clean_plan_is_clean(plan: Plan) -> None:
    assert [f for f in _review(plan) if f.severity != "info"] == []


def _set_owner_titles(titles: list[str]) -> Defect:
    def inject(plan: Plan) -> None:
        owner = plan.person(plan.resources.owner or "")
        assert owner is not None
        owner.titles = titles

    return inject


def _add_channels(count: int) -> Defect:
    def inject(plan: Plan) -> None:
        spare = ["x", "threads", "pinterest", "reddit", "snapchat", "telegram", "whatsapp_channels", "medium",
                 "bluesky", "quora", "vimeo", "twitch"]
        for channel_id in spare[:count]:
            plan.channels.append(ChannelPlan(id=channel_id, category="networking", cadence=Cadence(posts=1),
                                             weekly_hours=0.5, strategies=[]))

    return inject


DEFECTS: dict[str, tuple[Defect, str, str, str]] = {
    # name: (inject, expected rule, expected severity, expected path prefix)
    "no goals": (lambda p: setattr(p, "goals", []), "goal.missing", "error", "goals"),
    "goal without deadline": (
        lambda p: setattr(p.goals[1].target, "deadline", None), "goal.deadline", "error", "goals[1].target.deadline"),
    "deadline passed": (
        lambda p: setattr(p.goals[0].target, "deadline", dt.date(2020, 1, 31)), "goal.deadline", "warning",
        "goals[0].target.deadline"),
    "goal without target": (lambda p: setattr(p.goals[2], "target", None), "goal.measurable", "error",
                            "goals[2].target"),
    "target metric not in map": (lambda p: setattr(p.goals[0].target, "metric", "vibes"), "goal.measurable", "error",
                                 "goals[0].target.metric"),
    "goal not aligned": (lambda p: setattr(p.goals[0], "objective", None), "goal.aligned", "warning",
                         "goals[0].objective"),
    "goal aligned to missing objective": (lambda p: setattr(p.goals[0], "objective", "o99"), "goal.aligned",
                                          "error", "goals[0].objective"),
    "goal without purpose": (lambda p: setattr(p.goals[0], "purpose", None), "goal.not-served", "error",
                             "goals[0].purpose"),
    "goal social media cannot serve": (
        lambda p: setattr(p.goals[0], "title", "Cut production costs by 10% by renegotiating with suppliers"),
        "goal.not-served", "error", "goals[0].title"),
    "no audience": (lambda p: setattr(p.landscape, "audiences", []), "landscape.audience", "error",
                    "landscape.audiences"),
    "unsolicited tactic": (
        lambda p: p.landscape.tactics.append(Tactic(id="cold", text="DM every follower of our competitors",
                                                    outreach="unsolicited")),
        "landscape.personal-spaces", "error", "landscape.tactics"),
    "spammy tactic text": (
        lambda p: p.landscape.tactics.append(Tactic(id="bulk", text="Send bulk messages to a purchased list")),
        "landscape.personal-spaces", "warning", "landscape.tactics"),
    "broadcast only": (
        lambda p: [setattr(c, "mode", "broadcast") for c in p.channels], "landscape.conversation", "warning",
        "channels"),
    "polished only": (
        lambda p: [setattr(c, "production", "polished") for c in p.channels], "landscape.authenticity", "warning",
        "channels"),
    "no Es": (lambda p: setattr(p, "strategies", []), "strategy.missing", "error", "strategies"),
    "E serving no goal": (lambda p: setattr(p.strategies[0], "serves", []), "strategy.serves-goal", "error",
                          "strategies[0].serves"),
    "E serving a missing goal": (lambda p: setattr(p.strategies[0], "serves", ["g99"]), "strategy.serves-goal",
                                 "error", "strategies[0].serves"),
    "too many Es for a tiny team": (
        lambda p: setattr(p.resources, "people", [Person(name="Solo", titles=["Social media manager"],
                                                         weekly_hours=5, skills=[])]),
        "strategy.fit-to-size", "warning", "strategies"),
    "no channels": (lambda p: setattr(p, "channels", []), "tools.missing", "error", "channels"),
    "channels beyond capacity": (lambda p: setattr(p.channels[0], "weekly_hours", 500), "tools.capacity", "error",
                                 "channels"),
    "twenty sites": (_add_channels(12), "tools.too-many", "warning", "channels"),
    "cadence without hours": (
        lambda p: (setattr(p.channels[0], "cadence", Cadence(posts=3, per="day")),
                   setattr(p.channels[0], "weekly_hours", 1)),
        "tools.hours-per-channel", "warning", "channels[0].weekly_hours"),
    "channel fits no E": (
        lambda p: (setattr(p, "strategies", [s for s in p.strategies if s.id == "education"]),
                   p.channels.append(ChannelPlan(id="roblox", category="entertainment", cadence=Cadence(posts=1),
                                                 weekly_hours=3))),
        "tools.strategy-fit", "warning", "channels"),
    "wrong category": (lambda p: setattr(p.channels[0], "category", "entertainment"), "tools.catalogue", "warning",
                       "channels[0].category"),
    "goal without metrics": (lambda p: setattr(p.goals[0], "metrics", []), "measurement.goal-unmeasured", "error",
                             "goals[0].metrics"),
    "followers only": (
        lambda p: (setattr(p, "metrics", [m for m in p.metrics if m.id in ("reach",)] or p.metrics[:0]),),
        "measurement.goal-unmeasured", "error", "goals"),
    "equity component empty": (lambda p: setattr(p.equity.efficiency, "indicators", []), "measurement.equity",
                               "warning", "equity.efficiency"),
    "no owner": (lambda p: setattr(p.resources, "owner", None), "fuel.dedicated-team", "error", "resources.owner"),
    "owner with three jobs": (_set_owner_titles(["Sales, Marketing and Social Media Manager"]),
                              "fuel.dedicated-team", "warning", "resources.people"),
    "owner is an IT ticket": (lambda p: setattr(p.resources, "owner", "IT helpdesk ticket"), "fuel.it-ticket",
                              "error", "resources.owner"),
    "stale channel": (lambda p: setattr(p.channels[0], "cadence", Cadence(posts=1, per="month")),
                      "fuel.fresh-content", "warning", "channels[0].cadence"),
    "no creative people": (
        lambda p: [setattr(person, "titles", ["Manager"]) or setattr(person, "skills", ["Excel"])
                   or setattr(person, "role", "other") for person in p.resources.people],
        "fuel.creative", "warning", "resources.people"),
    "few tool skills": (lambda p: [setattr(person, "skills", ["Instagram"]) for person in p.resources.people],
                        "fuel.tool-skills", "warning", "resources.people"),
    "no people": (lambda p: setattr(p.resources, "people", []), "fuel.time", "error", "resources.people"),
    "no investment": (lambda p: setattr(p.return_, "investment", None), "return.investment", "warning",
                      "return.investment"),
    "no expected value": (lambda p: setattr(p.return_, "expected_value", []), "return.expected-value", "warning",
                          "return.expected_value"),
    "does not pay back": (lambda p: [setattr(v, "monthly_value", 1) for v in p.return_.expected_value],
                          "return.expected-value", "warning", "return.expected_value"),
    "no risks": (lambda p: setattr(p.return_, "risks", []), "return.risks", "warning", "return.risks"),
}


@pytest.mark.parametrize("name", DEFECTS)
def test_each_injected_defect_is_found(plan: Plan, name: str) -> None:
    inject, rule_id, severity, path = DEFECTS[name]
    before = {(f.rule, f.path) for f in _review(plan)}
    inject(plan)
    found = [f for f in _review(plan) if f.rule == rule_id and f.severity == severity and f.path.startswith(path)]
    assert found, f"{name}: expected {severity} {rule_id} at {path}"
    assert all((f.rule, f.path) not in before for f in found)
    assert found[0].message.en
    assert found[0].message.he != found[0].message.en


def test_loyalty_without_equity(plan: Plan) -> None:
    plan.metrics = [m for m in plan.metrics if m.id in ("reach", "conversions")]
    for metric in plan.metrics:
        metric.definition = None
        metric.id = "followers" if metric.id == "conversions" else metric.id
        metric.name = "Followers"
    for goal in plan.goals:
        goal.metrics = ["followers"]
        if goal.target:
            goal.target.metric = "followers"
    for component in ("relationship_strength", "familiarity", "efficiency", "value_creation"):
        getattr(plan.equity, component).indicators = []
    rules = {f.rule: f for f in _review(plan)}
    assert rules["measurement.loyalty-without-equity"].severity == "error"


def test_every_step_has_rules_and_every_rule_explains_itself() -> None:
    assert {spec.step for spec in RULES.values()} == set(STEP_IDS)
    for spec in RULES.values():
        assert spec.why.en
        assert spec.why.he


def test_findings_are_sorted_by_step(plan: Plan) -> None:
    plan.goals[0].target = None
    plan.return_.risks = []
    plan.channels[0].category = "entertainment"
    steps = [STEP_IDS.index(f.step) for f in _review(plan)]
    assert steps == sorted(steps)


def test_every_rule_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "review-rules.md").read_text(encoding="utf-8")
    missing = [rule_id for rule_id in RULES if f"`{rule_id}`" not in doc]
    assert not missing, f"add these rules to docs/review-rules.md: {missing}"
