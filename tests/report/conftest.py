"""Shared fixtures: the sample plans, their documents, and each rendering made once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from socialplan.i18n import Lang
from socialplan.plan.model import Plan
from socialplan.report import Document, Format, document_render, plan_document

from .sample_plans import sample_plan

PREPARED_ON = dt.date(2026, 11, 26)

Render = Callable[[Lang, Format], bytes]


@pytest.fixture(scope="session")
def plans() -> dict[Lang, Plan]:
    return {"en": sample_plan("en"), "he": sample_plan("he")}


@pytest.fixture(scope="session")
def documents(plans: dict[Lang, Plan]) -> dict[Lang, Document]:
    return {lang: plan_document(plan, lang, today=PREPARED_ON) for lang, plan in plans.items()}


@pytest.fixture(scope="session")
def render(documents: dict[Lang, Document]) -> Render:
    """Renderings are slow (charts, page layout): each language and format is made once, on first use."""
    made: dict[tuple[Lang, Format], bytes] = {}

    def rendered(lang: Lang, fmt: Format) -> bytes:
        if (lang, fmt) not in made:
            made[lang, fmt] = document_render(documents[lang], fmt)
        return made[lang, fmt]

    return rendered
