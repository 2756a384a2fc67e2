from __future__ import annotations

import datetime as dt

import pytest

from socialplan.opinion.report import focus_group_markdown, focus_group_report

from .opinion_mentions import mentions_frame, weekly_mentions


def _mentions() -> list[dict[str, object]]:
    rows = weekly_mentions("Acme", [(6, 2), (5, 2), (6, 2), (5, 3), (6, 2), (2, 12)])
    rows += weekly_mentions("rival", [(2, 2)] * 6, competitor=True)
    rows += weekly_mentions("Unrelated", [(9, 0)])
    extra = [
        ("The delivery was late and the courier was rude", -0.7),
        ("Delivery took two weeks, terrible", -0.8),
        ("Slow delivery again, very disappointed", -0.6),
        ("The coffee beans are fresh and delicious", 0.8),
        ("Fresh coffee beans every time, love it", 0.9),
        ("coffee beans smell wonderful", 0.7),
    ]
    day = dt.datetime(2025, 2, 10, 9)
    rows += [
        {
            "subject": "Acme",
            "published_at": day,
            "text": text,
            "sentiment_score": score,
            "sentiment_label": "positive" if score > 0 else "negative",
            "lang": "en",
        }
        for text, score in extra
    ]
    return rows


def test_report_numbers_themes_and_alerts() -> None:
    report = focus_group_report(mentions_frame(_mentions()), brand="Acme", competitors=["Rival"])
    acme = report.subject("acme")
    rival = report.subject("Rival")
    assert acme is not None
    assert rival is not None
    assert report.subject("Unrelated") is None  # not named in the plan
    assert [s.subject for s in report.subjects] == ["Acme", "Rival"]
    assert acme.mentions == 59
    assert acme.positive == 33
    assert acme.negative == 26
    assert acme.share_of_positive_voice == pytest.approx(33 / (33 + 12))
    assert "Acme: 59 mentions, 56% positive and 44% negative" in report.headline.en
    assert [t.phrase for t in report.themes.most_praised][:1] == ["coffee beans"]
    assert [t.phrase for t in report.themes.most_criticised][:1] == ["delivery"]
    assert {a.measure for a in report.alerts} >= {"negative_volume"}
    assert all(a.subject == "Acme" for a in report.alerts)
    assert report.first_day == dt.date(2025, 1, 6)
    assert report.points[0].en == "Acme leads the positive voice with 73%, against one competitor."
    assert report.points[0].he == "Acme מוביל את הקול החיובי עם 73%, מול מתחרה אחד."


def test_positive_voice_counts_several_competitors_in_the_plural() -> None:
    rows = _mentions() + weekly_mentions("Other", [(1, 1)] * 6, competitor=True)
    report = focus_group_report(mentions_frame(rows), brand="Acme", competitors=["Rival", "Other"])
    assert report.points[0].en.endswith("against 2 competitors.")
    assert report.points[0].he.endswith("מול 2 מתחרים.")


@pytest.mark.parametrize("lang", ["en", "he"])
def test_markdown_reads_in_each_language(lang: str) -> None:
    report = focus_group_report(mentions_frame(_mentions()), brand="Acme", competitors=["Rival"])
    text = focus_group_markdown(report, "he" if lang == "he" else "en")
    heading = "קבוצת המיקוד" if lang == "he" else "the focus group"
    assert heading in text
    assert report.headline("he" if lang == "he" else "en") in text
    assert "> Delivery took two weeks, terrible" in text
    assert "| Rival" in text


def test_report_without_brand_mentions_says_so() -> None:
    rows = weekly_mentions("Rival", [(1, 1)], competitor=True)
    report = focus_group_report(mentions_frame(rows), brand="Acme", competitors=["Rival"])
    assert report.headline.en == "No scored mentions of Acme in this period."
    assert report.themes.themes == []
    assert "## " in focus_group_markdown(report, "he")


def test_a_single_competitor_that_leads_is_named() -> None:
    rows = weekly_mentions("Acme", [(2, 2)] * 3) + weekly_mentions("Rival", [(8, 1)] * 3, competitor=True)
    report = focus_group_report(mentions_frame(rows), brand="Acme", competitors=["Rival"])
    assert (
        report.points[0].en
        == "Acme holds 20% of the positive voice against its one competitor, Rival, which leads with 80%."
    )
    assert "המתחרה היחיד, Rival" in report.points[0].he


def test_the_trend_sentence_writes_dates_as_each_language_does() -> None:
    report = focus_group_report(mentions_frame(_mentions()), brand="Acme", competitors=["Rival"])
    trend = next(point for point in report.points if point.en.startswith("Net sentiment moved"))
    # The first week of the sample starts on Monday 6 January 2025.
    assert "between 6 January 2025 and " in trend.en
    assert "בין 6.1.2025 ל-" in trend.he
    assert "2025-01-06" not in trend.en + trend.he


def test_alerts_write_their_period_as_each_language_writes_dates() -> None:
    report = focus_group_report(mentions_frame(_mentions()), brand="Acme", competitors=["Rival"])
    alert = report.alerts[0]
    day = alert.period
    assert f"starting {day.day} " in alert.message.en
    assert f"{day.day}.{day.month}.{day.year}" in alert.message.he
    assert day.isoformat() not in alert.message.en + alert.message.he
