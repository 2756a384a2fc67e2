"""The document model: sections in the method's order, in both languages, with the plan's content."""

from __future__ import annotations

import pytest

from socialplan.advise.findings import Finding
from socialplan.advise.review import plan_review
from socialplan.i18n import Lang, Text
from socialplan.method import load_method
from socialplan.report import Document, plan_document
from socialplan.report.document import BulletList, Chart, Heading, Notice, Paragraph, Table
from socialplan.report.labels import NO_FINDINGS, NOTICE, SECTION_TITLES

from .conftest import PREPARED_ON
from .sample_plans import sample_plan

SECTION_ORDER = [
    "summary",
    "goal",
    "landscape",
    "strategy",
    "tools",
    "measurement",
    "fuel",
    "return",
    "findings",
    "notice",
]


def _texts(doc: Document) -> str:
    parts = []
    for section in doc.sections:
        parts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Table):
                parts += [cell for row in (block.header, *block.rows) for cell in row]
            elif isinstance(block, BulletList):
                parts += block.items
            elif isinstance(block, Paragraph | Notice):
                parts.append(block.text)
            elif not isinstance(block, Chart):
                parts.append(str(block))
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_sections_follow_the_seven_steps_in_the_documents_language(documents: dict[Lang, Document], lang: Lang) -> None:
    doc = documents[lang]
    assert [s.id for s in doc.sections] == SECTION_ORDER
    assert doc.headings() == [SECTION_TITLES[s](lang) for s in SECTION_ORDER]
    other: Lang = "en" if lang == "he" else "he"
    assert not set(doc.headings()) & {t(other) for t in SECTION_TITLES.values()}


@pytest.mark.parametrize("lang", ["en", "he"])
def test_every_goal_channel_metric_and_risk_of_the_plan_appears(documents: dict[Lang, Document], lang: Lang) -> None:
    plan = sample_plan(lang)
    text = _texts(documents[lang])
    for goal in plan.goals:
        assert goal.title in text
    for metric in plan.metrics:
        assert metric.name in text
    for risk in plan.return_.risks:
        assert risk.description in text
    for person in plan.resources.people:
        assert person.name in text


def test_catalogue_channels_take_the_name_in_the_documents_language(documents: dict[Lang, Document]) -> None:
    instagram = load_method().channel("instagram").name
    assert instagram.he in _texts(documents["he"])
    assert instagram.en in _texts(documents["en"])
    assert instagram.he != instagram.en


def test_executive_summary_reports_hours_and_equity_target(documents: dict[Lang, Document]) -> None:
    plan = sample_plan("en")
    summary = _texts(documents["en"]).split(SECTION_TITLES["goal"].en)[0]
    assert f"{plan.weekly_hours_planned:g} planned of {plan.weekly_hours_available:g} available" in summary
    assert f"{plan.equity.index_target:g} of 100" in summary


def test_without_findings_the_appendix_says_so_and_with_them_lists_each() -> None:
    plan = sample_plan("en")
    empty = plan_document(plan, "en", today=PREPARED_ON)
    assert NO_FINDINGS.en in _texts(empty)
    finding = Finding(
        step="fuel",
        rule="fuel.test",
        severity="warning",
        message=Text(en="The only designer works four hours a week.", he="המעצבת היחידה עובדת ארבע שעות בשבוע."),
        path="resources.people[2].weekly_hours",
    )
    with_finding = plan_document(plan, "he", [finding], today=PREPARED_ON)
    appendix = with_finding.sections[SECTION_ORDER.index("findings")]
    fuel_step = load_method().step("fuel")
    assert Heading(f"{fuel_step.number}. {fuel_step.title.he}") in appendix.blocks
    table = next(b for b in appendix.blocks if isinstance(b, Table))
    assert table.rows == (("אזהרה", finding.message.he, finding.path),)
    assert NO_FINDINGS.he not in _texts(with_finding)


def test_review_findings_reach_the_appendix_and_the_summary() -> None:
    plan = sample_plan("en").model_copy(deep=True)
    plan.resources.people = plan.resources.people[:1]  # one part-time owner: the review must complain
    findings = plan_review(plan)
    assert findings, "the review should find something in a one-person plan"
    doc = plan_document(plan, "en", findings, today=PREPARED_ON)
    appendix_rows = [row for b in doc.sections[-2].blocks if isinstance(b, Table) for row in b.rows]
    assert [row[1] for row in appendix_rows] == [f.message.en for f in findings]  # step order kept
    summary_text = _texts(doc).split(SECTION_TITLES["goal"].en)[0]
    worst = min(findings, key=lambda f: {"error": 0, "warning": 1, "info": 2}[f.severity])
    assert worst.message.en in summary_text


def test_the_notice_closes_every_document(documents: dict[Lang, Document]) -> None:
    for lang, doc in documents.items():
        assert doc.sections[-1].blocks == (Notice(NOTICE(lang)),)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_an_empty_plan_still_makes_every_format(lang: Lang) -> None:
    from socialplan.plan.model import Plan
    from socialplan.report import document_render
    from socialplan.report.labels import NO_CHANNELS, NO_GOALS, NO_PEOPLE

    doc = plan_document(Plan.model_validate({"business": {"name": "Tiny"}}), lang, [], today=PREPARED_ON)
    assert doc.headings() == [SECTION_TITLES[s](lang) for s in SECTION_ORDER]
    markdown = document_render(doc, "md").decode("utf-8")
    for sentence in (NO_GOALS, NO_CHANNELS, NO_PEOPLE):
        assert sentence(lang) in markdown
    assert document_render(doc, "docx")[:2] == b"PK"
    assert document_render(doc, "pdf")[:5] == b"%PDF-"
