"""The measurement report of a period as a document: the same renderer as plan documents.

``measure_document(dashboard, lang)`` lays out what the dashboard shows (takeaways first, then
equity, goals, the four measurement types, channels, E × channel, top posts and the opinion
"focus group") as :mod:`socialplan.report.document` blocks, so
:func:`socialplan.report.document_render` writes it as PDF, DOCX, HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from socialplan.i18n import Lang, Text
from socialplan.measure.metrics import Period
from socialplan.measure.report import LABELS as REPORT_LABELS
from socialplan.measure.report import REFERENCE_LABELS
from socialplan.method.types import MEASUREMENT_TYPE_IDS
from socialplan.opinion.report import FocusGroupReport
from socialplan.report import labels as L
from socialplan.report.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Heading,
    KeyValues,
    Notice,
    Paragraph,
    Section,
    Table,
)
from socialplan.report.measure_charts import ChartView, dashboard_views, goal_cards, goals_table, goals_takeaway
from socialplan.report.measure_data import MeasurementDashboard

TITLES: Final[dict[str, Text]] = {
    "document": Text(en="Measurement report", he="דוח מדידה"),
    "subtitle": Text(en="{business} · {start} to {end}, compared with {pstart} to {pend}",
                     he="{business} · {start} עד {end}, בהשוואה ל-{pstart} עד {pend}"),
    "footer": Text(en="{business}: measurement report", he="{business}: דוח מדידה"),
    "summary": Text(en="The period at a glance", he="התקופה במבט אחד"),
    "equity": Text(en="Social media equity", he="הון עצמי במדיה חברתית"),
    "goals": Text(en="Goals", he="מטרות"),
    "channels": Text(en="Channels and the four Es", he="ערוצים וארבע האסטרטגיות"),
    "focus_group": Text(en="What people say: the focus group", he="מה אומרים עלינו: קבוצת המיקוד"),
    "notes": Text(en="How to read these numbers", he="איך לקרוא את המספרים"),
    "filters": Text(en="Filters", he="מסננים"),
    "coverage": Text(en="Equity weight with data", he="משקל ההון העצמי שיש לו נתונים"),
    "subjects": Text(en="The brand and its competitors", he="המותג והמתחרים"),
    "subject": Text(en="Subject", he="נושא"),
    "mentions": Text(en="Mentions", he="אזכורים"),
    "positive": Text(en="Positive", he="חיוביים"),
    "negative": Text(en="Negative", he="שליליים"),
    "net": Text(en="Net sentiment", he="סנטימנט נטו"),
    "positive_voice": Text(en="Share of positive voice", he="נתח הקול החיובי"),
    "praise": Text(en="What people praise, in their words", he="מה משבחים, במילים שלהם"),
    "criticism": Text(en="What people criticise, in their words", he="מה מבקרים, במילים שלהם"),
    "alerts": Text(en="Alerts", he="התראות"),
    "no_goals": Text(en="The plan has no goals yet.", he="בתוכנית אין עדיין מטרות."),
}  # fmt: skip


def _t(key: str, lang: Lang) -> str:
    """Our own titles, else the measurement report's labels (one wording for the same column)."""
    return (TITLES.get(key) or REPORT_LABELS[key])(lang)


def _chart_blocks(view: ChartView) -> list[Block]:
    """A view as blocks: its takeaway, then the chart (with its table) or the table alone."""
    blocks: list[Block] = []
    if view.empty:
        blocks.append(Notice(view.empty))
    else:
        blocks.append(Paragraph(view.takeaway))
    if view.chart is not None:
        blocks.append(Chart(view.title, view.chart, view.table))
    elif view.table.rows:
        blocks.append(Heading(view.title, 3))
        blocks.append(view.table)
    return blocks


def _score(value: float | None, lang: Lang, signed: bool = False) -> str:
    if value is None:
        return L.NONE_YET(lang)
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def _equity(dash: MeasurementDashboard, views: dict[str, ChartView], lang: Lang) -> Section:
    equity = dash.report.equity
    rows = [
        (c.name(lang), _score(c.score, lang), _score(c.previous_score, lang), _score(c.change, lang, True),
         f"{c.weight:.2f}")
        for c in equity.components
    ]  # fmt: skip
    rows.append((_t("index", lang), _score(equity.index, lang), _score(equity.previous_index, lang),
                 _score(equity.change, lang, True), "1.00"))  # fmt: skip
    header = tuple(_t(k, lang) for k in ("component", "score", "previous", "change", "weight"))
    indicators = []
    for c in equity.components:
        for i in c.indicators:
            reference = REFERENCE_LABELS[i.reference_kind](lang)
            if i.reference is not None:
                reference += f" {L.number(i.reference)}"
            value = L.number(i.value) if i.value is not None else L.NONE_YET(lang)
            indicators.append((c.name(lang), i.name(lang), value, reference, _score(i.score, lang)))
    blocks: list[Block] = [
        *_chart_blocks(views["equity"]),
        Table(header, tuple(rows), numeric=frozenset({1, 2, 3, 4})),
        Table(tuple(_t(k, lang) for k in ("component", "indicator", "value", "reference", "score")),
              tuple(indicators), numeric=frozenset({2, 4})),
    ]  # fmt: skip
    return Section("equity", _t("equity", lang), tuple(blocks))


def _goals(dash: MeasurementDashboard, views: dict[str, ChartView], lang: Lang) -> Section:
    if not dash.report.goals:
        return Section("goals", _t("goals", lang), (Paragraph(_t("no_goals", lang)),))
    blocks: list[Block] = [Paragraph(goals_takeaway(dash, lang)), goals_table(dash, lang)]
    for card in goal_cards(dash, lang):
        view = views[f"goal-{card['goal']}"]
        blocks.append(Heading(card["title"], 3))
        blocks.append(Paragraph(view.takeaway))
        if view.chart is not None:
            blocks.append(Chart(view.title, view.chart, view.table))
    return Section("goals", _t("goals", lang), tuple(blocks))


def _focus_group(report: FocusGroupReport | None, views: dict[str, ChartView], lang: Lang) -> Section:
    title = _t("focus_group", lang)
    if report is None:
        return Section("focus-group", title, (Notice(views["themes"].empty),))
    blocks: list[Block] = [Paragraph(report.headline(lang))]
    if report.points:
        blocks.append(BulletList(tuple(point(lang) for point in report.points)))
    if report.subjects:
        blocks.append(Heading(_t("subjects", lang), 3))
        blocks.append(
            Table(
                tuple(_t(k, lang) for k in ("subject", "mentions", "positive", "negative", "net", "positive_voice")),
                tuple((s.subject, L.number(s.mentions), L.number(s.positive), L.number(s.negative),
                       f"{s.net_sentiment:+.2f}", f"{s.share_of_positive_voice:.0%}") for s in report.subjects),
                numeric=frozenset({1, 2, 3, 4, 5}),
            )
        )  # fmt: skip
    blocks += _chart_blocks(views["themes"])
    for key, themes, praise in (
        ("praise", report.themes.most_praised, True),
        ("criticism", report.themes.most_criticised, False),
    ):
        quotes = [
            f"{theme.phrase}: “{quote.text}”"
            for theme in themes
            for quote in (theme.praise_quotes if praise else theme.criticism_quotes)
        ]
        if quotes:
            blocks += [Heading(_t(key, lang), 3), BulletList(tuple(quotes))]
    if report.alerts:
        blocks += [Heading(_t("alerts", lang), 3), BulletList(tuple(a.message(lang) for a in report.alerts))]
    return Section("focus-group", title, tuple(blocks))


def measure_document(dash: MeasurementDashboard, lang: Lang, *, today: dt.date | None = None) -> Document:
    """The measurement report of the dashboard's period, in ``lang``."""
    report = dash.report
    views = dashboard_views(dash, lang)
    period, previous = Period(*report.period), Period(*report.previous_period)
    business = report.plan

    def day(value: dt.date) -> str:
        return L.date(value, lang)

    summary: list[Block] = []
    facts = [(_t("coverage", lang), f"{report.equity.coverage:.0%}")]
    if report.filters:
        facts.append((_t("filters", lang), "; ".join(f"{k}: {', '.join(v)}" for k, v in report.filters.items())))
    summary.append(KeyValues(tuple(facts)))
    summary.append(BulletList(tuple(v.takeaway for v in views.values() if not v.empty)))
    missing = list(dict.fromkeys(v.empty for v in views.values() if v.empty))
    summary += [Notice(text) for text in missing]

    types = []
    for type_id in MEASUREMENT_TYPE_IDS:
        blocks = _chart_blocks(views[type_id])
        if views[type_id].chart is not None:
            blocks.append(views[type_id].table)  # every metric of the type, not only the charted one
        if type_id == "web_analytics" and not views["web-channels"].empty:
            blocks += _chart_blocks(views["web-channels"])
        types.append(Section(type_id, L.measurement_type_name(type_id, lang), tuple(blocks)))

    channels: list[Block] = []
    for view_id in ("channels", "strategy-channel", "top-posts"):
        view = views[view_id]
        channels.append(Heading(view.title))
        channels += _chart_blocks(view)

    sections = (
        Section("summary", _t("summary", lang), tuple(summary)),
        _equity(dash, views, lang),
        _goals(dash, views, lang),
        *types,
        Section("channels", _t("channels", lang), tuple(channels)),
        _focus_group(dash.focus_group, views, lang),
        Section("notes", _t("notes", lang), (BulletList(tuple(note(lang) for note in report.notes)),)),
    )
    subtitle = TITLES["subtitle"].format(business=business, start=day(period.start), end=day(period.end),
                                         pstart=day(previous.start), pend=day(previous.end))(lang)  # fmt: skip
    return Document(
        lang=lang,
        title=_t("document", lang),
        subtitle=subtitle,
        sections=sections,
        footer=TITLES["footer"].format(business=business)(lang),
        meta={"date": (today or dt.date.today()).isoformat()},
    )
