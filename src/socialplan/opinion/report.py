"""The focus-group report: what people say about the brand, readable in two minutes.

``focus_group_report`` turns mentions into a structured ``FocusGroupReport`` (bilingual texts,
numbers, themes with quotes, alerts) that the measurement report, the documents and the
dashboard render; ``focus_group_markdown`` is its plain rendering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

import ibis.expr.types as ir
import pandas as pd
from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang, Text
from socialplan.method.formats import format_date
from socialplan.opinion.measures import OpinionAlert, Period, brand_sentiment, mentions_score, opinion_alerts
from socialplan.opinion.sentiment import Sentiment
from socialplan.opinion.themes import Theme, ThemeSummary, themes_summarise


class SubjectOpinion(BaseModel):
    model_config = ConfigDict(frozen=True)

    subject: str
    is_competitor: bool
    mentions: int
    positive: int
    negative: int
    neutral: int
    net_sentiment: float  # (positive − negative) / mentions
    share_of_voice: float  # of all mentions of the brand and the competitors
    share_of_positive_voice: float


class TrendPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    period: dt.date
    subject: str
    mentions: int
    negative: int
    net_sentiment: float
    share_of_positive_voice: float


class FocusGroupReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    brand: str
    competitors: list[str]
    first_day: dt.date | None
    last_day: dt.date | None
    mentions: int
    languages: dict[str, int]
    subjects: list[SubjectOpinion]  # the brand first, then competitors by mentions
    trend: list[TrendPoint]
    themes: ThemeSummary  # over the brand's mentions that still have their text
    alerts: list[OpinionAlert]
    headline: Text
    points: list[Text]

    def subject(self, name: str) -> SubjectOpinion | None:
        return next((s for s in self.subjects if s.subject.casefold() == name.casefold()), None)


_HEADLINE: Final = Text(
    en="{brand}: {mentions} mentions, {positive:.0%} positive and {negative:.0%} negative (net sentiment {net:+.2f}).",
    he="{brand}: {mentions} אזכורים, {positive:.0%} חיוביים ו-{negative:.0%} שליליים (סנטימנט נטו {net:+.2f}).",
)
_NO_BRAND: Final = Text(
    en="No scored mentions of {brand} in this period.",
    he="אין אזכורים מדורגים של {brand} בתקופה הזאת.",
)
_POSITIVE_VOICE: Final = Text(
    en="{brand} holds {share:.0%} of the positive voice among itself and {count} competitors "
    "({leader} leads with {leader_share:.0%}).",
    he="ל-{brand} {share:.0%} מהקול החיובי מבין המותג ו-{count} מתחרים ({leader} מוביל עם {leader_share:.0%}).",
)
# One competitor reads as a sentence of its own in both languages ("1 competitors", "1 מתחרים" do not).
_POSITIVE_VOICE_ONE: Final = Text(
    en="{brand} holds {share:.0%} of the positive voice against its one competitor, {leader}, "
    "which leads with {leader_share:.0%}.",
    he="ל-{brand} {share:.0%} מהקול החיובי מול המתחרה היחיד, {leader}, שמוביל עם {leader_share:.0%}.",
)
_POSITIVE_VOICE_LEAD: Final = Text(
    en="{brand} leads the positive voice with {share:.0%}, against {count} competitors.",
    he="{brand} מוביל את הקול החיובי עם {share:.0%}, מול {count} מתחרים.",
)
_POSITIVE_VOICE_LEAD_ONE: Final = Text(
    en="{brand} leads the positive voice with {share:.0%}, against one competitor.",
    he="{brand} מוביל את הקול החיובי עם {share:.0%}, מול מתחרה אחד.",
)
_PRAISED: Final = Text(
    en="Most praised: {themes}.",
    he="הכי משובחים: {themes}.",
)
_CRITICISED: Final = Text(
    en="Most criticised: {themes}.",
    he="הכי מבוקרים: {themes}.",
)
_TREND: Final = Text(
    en="Net sentiment moved from {first:+.2f} to {last:+.2f} between {first_period} and {last_period}.",
    he="הסנטימנט נטו השתנה מ-{first:+.2f} ל-{last:+.2f} בין {first_period} ל-{last_period}.",
)
_LABELS: Final[dict[str, Text]] = {
    "title": Text(en="What people say: the focus group", he="מה אומרים עלינו: קבוצת המיקוד"),
    "subjects": Text(en="Brand and competitors", he="המותג והמתחרים"),
    "subject": Text(en="Subject", he="נושא"),
    "mentions": Text(en="Mentions", he="אזכורים"),
    "positive": Text(en="Positive", he="חיוביים"),
    "negative": Text(en="Negative", he="שליליים"),
    "net": Text(en="Net sentiment", he="סנטימנט נטו"),
    "positive_voice": Text(en="Share of positive voice", he="נתח הקול החיובי"),
    "praised": Text(en="Most praised themes", he="הנושאים שזוכים לשבחים"),
    "criticised": Text(en="Most criticised themes", he="הנושאים שזוכים לביקורת"),
    "alerts": Text(en="Alerts", he="התראות"),
    "no_themes": Text(en="Not enough mentions to name themes yet.", he="עדיין אין מספיק אזכורים כדי לזהות נושאים."),
    "theme_line": Text(
        en="{phrase}: {mentions} mentions, net sentiment {net:+.2f}",
        he="{phrase}: {mentions} אזכורים, סנטימנט נטו {net:+.2f}",
    ),
    "competitor": Text(en="competitor", he="מתחרה"),
    "period": Text(en="Mentions from {first} to {last}.", he="אזכורים מ-{first} עד {last}."),
}


def focus_group_report(
    mentions: ir.Table | pd.DataFrame,
    *,
    brand: str,
    competitors: Sequence[str] = (),
    period: Period = "week",
    default_lang: Lang = "en",
    top: int = 3,
) -> FocusGroupReport:
    """The report over every mention of the brand and of the named competitors."""
    frame = mentions.to_pandas() if isinstance(mentions, ir.Table) else mentions
    wanted = {name.casefold(): name for name in [brand, *competitors]}
    frame = frame[frame["subject"].astype("string").str.casefold().isin(wanted)].copy()
    frame["subject"] = [wanted[str(s).casefold()] for s in frame["subject"]]
    frame["is_competitor"] = frame["subject"] != brand
    frame = mentions_score(frame, default_lang=default_lang)
    by_period = brand_sentiment(frame, period=period).to_pandas() if len(frame) else pd.DataFrame()
    subjects = _subjects(frame, brand)
    trend = [
        TrendPoint(
            period=pd.Timestamp(row.period).date(),
            subject=str(row.subject),
            mentions=int(row.mentions),
            negative=int(row.negative),
            net_sentiment=float(row.net_sentiment),
            share_of_positive_voice=float(row.share_of_positive_voice),
        )
        for row in by_period.itertuples()
    ]
    alerts = opinion_alerts(by_period, period=period, subjects=[brand]) if len(by_period) else []
    own = frame[(frame["subject"] == brand) & frame["text"].notna() & frame["sentiment_label"].notna()]
    sentiments = [
        Sentiment(label=label, score=float(score), lang="he" if lang == "he" else "en")
        for label, score, lang in zip(own["sentiment_label"], own["sentiment_score"], own["lang"], strict=True)
    ]
    themes = themes_summarise([str(t) for t in own["text"]], sentiments, top=top, exclude=[brand, *competitors])
    days = pd.to_datetime(frame["published_at"]).dropna()
    brand_row = next((s for s in subjects if s.subject == brand), None)
    return FocusGroupReport(
        brand=brand,
        competitors=list(competitors),
        first_day=days.min().date() if len(days) else None,
        last_day=days.max().date() if len(days) else None,
        mentions=len(frame),
        languages={str(k): int(v) for k, v in frame["lang"].value_counts().items()},
        subjects=subjects,
        trend=trend,
        themes=themes,
        alerts=alerts,
        headline=_headline(brand, brand_row),
        points=_points(brand, brand_row, subjects, themes, [p for p in trend if p.subject == brand]),
    )


def _subjects(frame: pd.DataFrame, brand: str) -> list[SubjectOpinion]:
    scored = frame[frame["sentiment_label"].notna()]
    total = len(scored)
    all_positive = int((scored["sentiment_label"] == "positive").sum())
    result: list[SubjectOpinion] = []
    for subject, rows in scored.groupby("subject", sort=False):
        labels = rows["sentiment_label"].value_counts()
        positive, negative = int(labels.get("positive", 0)), int(labels.get("negative", 0))
        result.append(
            SubjectOpinion(
                subject=str(subject),
                is_competitor=subject != brand,
                mentions=len(rows),
                positive=positive,
                negative=negative,
                neutral=int(labels.get("neutral", 0)),
                net_sentiment=(positive - negative) / len(rows),
                share_of_voice=len(rows) / total,
                share_of_positive_voice=positive / all_positive if all_positive else 0.0,
            )
        )
    return sorted(result, key=lambda s: (s.is_competitor, -s.mentions, s.subject))


def _headline(brand: str, row: SubjectOpinion | None) -> Text:
    if row is None:
        return _NO_BRAND.format(brand=brand)
    return _HEADLINE.format(
        brand=brand,
        mentions=row.mentions,
        positive=row.positive / row.mentions,
        negative=row.negative / row.mentions,
        net=row.net_sentiment,
    )


def _theme_names(themes: list[Theme]) -> str:
    return ", ".join(f"“{theme.phrase}”" for theme in themes)


def _points(
    brand: str,
    row: SubjectOpinion | None,
    subjects: list[SubjectOpinion],
    themes: ThemeSummary,
    trend: list[TrendPoint],
) -> list[Text]:
    points: list[Text] = []
    competitors = [s for s in subjects if s.is_competitor]
    if row is not None and competitors:
        leader = max(subjects, key=lambda s: s.share_of_positive_voice)
        one = len(competitors) == 1
        if leader.subject == brand:
            points.append(
                (_POSITIVE_VOICE_LEAD_ONE if one else _POSITIVE_VOICE_LEAD).format(
                    brand=brand, share=row.share_of_positive_voice, count=len(competitors)
                )
            )
        else:
            points.append(
                (_POSITIVE_VOICE_ONE if one else _POSITIVE_VOICE).format(
                    brand=brand,
                    share=row.share_of_positive_voice,
                    count=len(competitors),
                    leader=leader.subject,
                    leader_share=leader.share_of_positive_voice,
                )
            )
    if themes.most_praised:
        points.append(_PRAISED.format(themes=_theme_names(themes.most_praised)))
    if themes.most_criticised:
        points.append(_CRITICISED.format(themes=_theme_names(themes.most_criticised)))
    if len(trend) >= 2:
        first, last = trend[0], trend[-1]

        def trend_sentence(lang: Lang) -> str:
            # The periods' first days as each language writes dates ("26 October 2026", "26.10.2026").
            return _TREND(lang).format(
                first=first.net_sentiment,
                last=last.net_sentiment,
                first_period=format_date(first.period, lang),
                last_period=format_date(last.period, lang),
            )

        points.append(Text.each(trend_sentence))
    return points


def _markdown_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def focus_group_markdown(report: FocusGroupReport, lang: Lang) -> str:
    """The report as Markdown, in one language (quotes stay in the language they were written in)."""
    label = {key: text(lang) for key, text in _LABELS.items()}
    lines = [f"## {label['title']}", "", f"**{report.headline(lang)}**", ""]
    if report.first_day and report.last_day:
        lines += [_LABELS["period"].format(first=report.first_day, last=report.last_day)(lang), ""]
    lines += [f"- {point(lang)}" for point in report.points]
    if report.subjects:
        lines += [
            "",
            f"### {label['subjects']}",
            "",
            f"| {label['subject']} | {label['mentions']} | {label['positive']} | {label['negative']} "
            f"| {label['net']} | {label['positive_voice']} |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s in report.subjects:
            name = _markdown_cell(s.subject) + (f" ({label['competitor']})" if s.is_competitor else "")
            lines.append(
                f"| {name} | {s.mentions} | {s.positive} | {s.negative} | {s.net_sentiment:+.2f} "
                f"| {s.share_of_positive_voice:.0%} |"
            )
    for key, themes, praise in (
        ("praised", report.themes.most_praised, True),
        ("criticised", report.themes.most_criticised, False),
    ):
        lines += ["", f"### {label[key]}", ""]
        if not themes:
            lines.append(label["no_themes"])
        for theme in themes:
            line = _LABELS["theme_line"].format(phrase=theme.phrase, mentions=theme.mentions, net=theme.net_sentiment)
            lines.append(f"- **{line(lang)}**")
            for quote in theme.praise_quotes if praise else theme.criticism_quotes:
                lines.append(f"  > {_markdown_cell(quote.text)}")
    if report.alerts:
        lines += ["", f"### {label['alerts']}", ""]
        lines += [f"- {alert.message(lang)}" for alert in report.alerts]
    return "\n".join(lines) + "\n"
