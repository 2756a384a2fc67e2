"""The measurement charts as Altair specs, each with its data table and one-line takeaway.

Every view is a pure function of a :class:`~socialplan.report.measure_data.MeasurementDashboard`
and a language and returns a :class:`ChartView`: the same spec is rendered to an image in the
documents (vl-convert) and drawn interactively in the web dashboard (the vendored Vega bundle);
the table beside it carries the same numbers for screen readers and Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Final, Literal

import altair as alt

from socialplan.i18n import Lang, Text
from socialplan.measure.metrics import METRIC_BY_ID, Period
from socialplan.measure.progress import STATUS_LABELS, GoalProgress
from socialplan.measure.report import format_number
from socialplan.method.types import MEASUREMENT_TYPE_IDS, STRATEGY_IDS, MeasurementTypeId
from socialplan.report import labels as L
from socialplan.report import takeaways as T
from socialplan.report.charts import FEW_TICKS, FONT_FAMILY, WIDTH
from socialplan.report.document import Table
from socialplan.report.measure_data import HEADLINE_METRICS, INDEX, MeasurementDashboard

_LINE_COLOUR = "#3d6fb6"
_PREVIOUS_COLOUR = "#9bb7dd"
_TARGET_COLOUR = "#c0392b"
STATUS_COLOURS: Final[dict[str, str]] = {
    "achieved": "#2e7d32", "on_track": "#2e7d32", "at_risk": "#b26a00", "off_track": "#c0392b",
    "no_data": "#6b6b6b", "no_target": "#6b6b6b", "not_measured": "#6b6b6b",
}  # fmt: skip


@dataclass(frozen=True)
class ChartView:
    """A chart (``None`` when there is nothing to draw), the numbers behind it, and what they say."""

    id: str
    title: str
    chart: Any
    table: Table
    takeaway: str
    empty: str = ""  # what to upload next, when the data for this view is missing


LABELS: Final[dict[str, Text]] = {
    "equity": Text(en="Social media equity over time", he="ההון העצמי במדיה החברתית לאורך זמן"),
    "period_end": Text(en="Period ending", he="תקופה שמסתיימת ב"),
    "component": Text(en="Component", he="רכיב"),
    "score": Text(en="Score (0-100)", he="ציון (0-100)"),
    "goal_chart": Text(en="Progress: {goal}", he="התקדמות: {goal}"),
    "week_ending": Text(en="Week ending", he="שבוע שמסתיים ב"),
    "value": Text(en="Value", he="ערך"),
    "series": Text(en="Series", he="סדרה"),
    "actual": Text(en="Actual", he="בפועל"),
    "target": Text(en="Target", he="יעד"),
    "projection": Text(en="Projection", he="תחזית"),
    "type_chart": Text(en="{metric} week by week", he="{metric} שבוע אחר שבוע"),
    "channels": Text(en="Channel comparison", he="השוואת ערוצים"),
    "channel": Text(en="Channel", he="ערוץ"),
    "posts": Text(en="Posts", he="פוסטים"),
    "impressions": Text(en="Impressions", he="חשיפות"),
    "engagements": Text(en="Engagements", he="מעורבויות"),
    "engagement_rate": Text(en="Engagement rate (%)", he="שיעור מעורבות (%)"),
    "previous_rate": Text(en="Engagement rate before (%)", he="שיעור מעורבות קודם (%)"),
    "this_period": Text(en="This period", he="התקופה הזאת"),
    "previous_period": Text(en="Previous period", he="התקופה הקודמת"),
    "change": Text(en="Change", he="שינוי"),
    "period": Text(en="Period", he="תקופה"),
    "strategy_channel": Text(en="Which E works on which channel", he="איזו אסטרטגיה עובדת באיזה ערוץ"),
    "strategy": Text(en="E", he="אסטרטגיה"),
    "top_posts": Text(en="Top posts", he="הפוסטים המובילים"),
    "published": Text(en="Published", he="פורסם"),
    "post": Text(en="Post", he="פוסט"),
    "themes": Text(en="What people talk about", he="על מה מדברים"),
    "theme": Text(en="Theme", he="נושא"),
    "mentions": Text(en="Mentions", he="אזכורים"),
    "net": Text(en="Net sentiment", he="סנטימנט נטו"),
    "web_channels": Text(en="Sessions from social by network", he="ביקורים ממדיה חברתית לפי רשת"),
    "sessions": Text(en="Sessions", he="ביקורים"),
    "conversions": Text(en="Conversions", he="המרות"),
    "status": Text(en="Status", he="מצב"),
    "current": Text(en="Current", he="נוכחי"),
    "projected": Text(en="Projected", he="צפי"),
    "deadline": Text(en="Deadline", he="מועד יעד"),
    "gap_closed": Text(en="Gap closed by the deadline", he="החלק מהפער שייסגר עד המועד"),
}

# What to upload when a view has no data: the export that fills it, named as the platform names it.
EMPTY_STATES: Final[dict[str, Text]] = {
    "pr_media": Text(
        en="No posts yet: export your posts from Meta Business Suite (Insights → Content → Export), "
        "LinkedIn, X, TikTok or YouTube Studio and upload the files.",
        he="עדיין אין פוסטים: ייצאו את הפוסטים מ-Meta Business Suite (תובנות ← תוכן ← ייצוא), "
        "מלינקדאין, מ-X, מטיקטוק או מ-YouTube Studio והעלו את הקבצים.",
    ),
    "word_of_mouth": Text(
        en="No posts yet: upload a post export with likes, comments and shares to see word of mouth.",
        he="עדיין אין פוסטים: העלו ייצוא פוסטים עם לייקים, תגובות ושיתופים כדי לראות את השיח.",
    ),
    "web_analytics": Text(
        en="No web analytics yet: export GA4's Traffic acquisition report (Reports → Acquisition → "
        "Traffic acquisition → Share → Download CSV) and upload it.",
        he="עדיין אין נתוני אתר: ייצאו מ-GA4 את הדוח Traffic acquisition (דוחות ← רכישה ← "
        "רכישת תנועה ← שיתוף ← הורדת CSV) והעלו אותו.",
    ),
    "opinion_research": Text(
        en="No mentions yet: upload a CSV of mentions or comments (text, date, subject) from your "
        "listening tool to hear what people say.",
        he="עדיין אין אזכורים: העלו קובץ CSV של אזכורים או תגובות (טקסט, תאריך, נושא) מכלי ההאזנה "
        "שלכם כדי לשמוע מה אומרים.",
    ),
    "equity": Text(
        en="No equity score yet: upload post exports and your accounts' follower history for at least two periods.",
        he="עדיין אין ציון הון עצמי: העלו ייצוא פוסטים והיסטוריית עוקבים של החשבונות לפחות לשתי תקופות.",
    ),
    "goals": Text(
        en="The plan has no goal with a measurable target yet: give a goal a metric, a value and a deadline.",
        he="לתוכנית אין עדיין מטרה עם יעד מדיד: תנו למטרה מדד, ערך ומועד.",
    ),
}


def _label(key: str, lang: Lang) -> str:
    return LABELS[key](lang)


def _configured(chart: Any) -> Any:
    return (
        chart.configure(font=FONT_FAMILY, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .configure_legend(labelFontSize=11, titleFontSize=11, orient="bottom")
    )


def _x_reverse(lang: Lang) -> bool:
    # Time and magnitudes run right-to-left in Hebrew, as the page does.
    return lang == "he"


def _short_date(day: dt.date, lang: Lang) -> str:
    """A day as an axis label: "21 Nov 26" / "21.11.26" (the year matters when periods span years)."""
    if lang == "he":
        return f"{day.day}.{day.month}.{day.year % 100:02d}"
    return f"{day.day} {L.MONTHS.en.split()[day.month - 1][:3]} {day.year % 100:02d}"


def _day_format(lang: Lang) -> str:
    # Vega formats month names in English only: Hebrew axes show day/month numbers instead.
    return "%d/%m" if lang == "he" else "%d %b"


def _y_orient(lang: Lang) -> Literal["left", "right"]:
    return "right" if lang == "he" else "left"


def _num(value: float | None, unit: str, lang: Lang, currency: str = "") -> str:
    return format_number(value, unit, lang, currency=currency)


def _platform(platform: str) -> Text:
    return Text(en=L.platform_name(platform, "en"), he=L.platform_name(platform, "he"))


def _strategy(strategy: str) -> Text:
    if strategy not in STRATEGY_IDS:
        return Text(en=strategy, he=strategy)
    return Text(en=L.strategy_name(strategy, "en"), he=L.strategy_name(strategy, "he"))


def _previous(dash: MeasurementDashboard) -> Period:
    return Period(*dash.report.previous_period)


# ── equity over time ───────────────────────────────────────────────────────────────────


def equity_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """The index (thick) and its four components (thin) in each period, 0-100."""
    periods = sorted({p.end for p in dash.equity_history})
    labels = [_short_date(end, lang) for end in periods]
    rows = [
        {"end": _short_date(p.end, lang), "component": p.name(lang), "score": round(p.score, 1),
         "is_index": p.component == INDEX}
        for p in dash.equity_history
        if p.score is not None
    ]  # fmt: skip
    names = list(dict.fromkeys(p.name(lang) for p in dash.equity_history))
    table_rows = []
    for end in periods:
        by_name = {p.name(lang): p.score for p in dash.equity_history if p.end == end}
        table_rows.append((L.date(end, lang), *(_num(by_name.get(n), "score", lang) for n in names)))
    table = Table(header=(_label("period_end", lang), *names), rows=tuple(table_rows),
                  numeric=frozenset(range(1, len(names) + 1)))  # fmt: skip
    series = [(p.component, p.name, p.score) for p in dash.equity_history]
    takeaway = T.equity_takeaway(series)(lang)
    if not rows:
        return ChartView("equity", _label("equity", lang), None, table, takeaway, EMPTY_STATES["equity"](lang))
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(point=True)
        .encode(
            # Ordinal labels, one per period: a time axis would add ticks between periods and repeat months.
            x=alt.X("end:O", title=_label("period_end", lang), sort=labels[::-1] if _x_reverse(lang) else labels,
                    axis=alt.Axis(labelAngle=0)),
            y=alt.Y("score:Q", title=_label("score", lang), scale=alt.Scale(domain=[0, 100]),
                    axis=alt.Axis(orient=_y_orient(lang))),
            color=alt.Color("component:N", title=_label("component", lang), sort=names),
            strokeWidth=alt.condition("datum.is_index", alt.value(3.5), alt.value(1.5)),
            tooltip=[alt.Tooltip("component:N", title=_label("component", lang)),
                     alt.Tooltip("end:O", title=_label("period_end", lang)),
                     alt.Tooltip("score:Q", title=_label("score", lang))],
        )
        .properties(width=WIDTH, height=220)
    )  # fmt: skip
    return ChartView("equity", _label("equity", lang), _configured(chart), table, takeaway)


# ── goals ──────────────────────────────────────────────────────────────────────────────


def goal_cards(dash: MeasurementDashboard, lang: Lang) -> list[dict[str, Any]]:
    """One card per goal: actual against target, the projection and the state, ready to print."""
    cards = []
    for g in dash.report.goals:
        unit = METRIC_BY_ID[g.engine_metric].unit if g.engine_metric in METRIC_BY_ID else "ratio"
        share = None
        if g.current is not None and g.target:
            share = max(0.0, min(1.0, g.current / g.target))
        cards.append(
            {
                "goal": g.goal,
                "title": g.title,
                "status": g.status,
                "status_label": STATUS_LABELS[g.status](lang),
                "colour": STATUS_COLOURS[g.status],
                "reason": g.reason(lang),
                "current": _num(g.current, unit, lang, dash.report.currency),
                "target": _num(g.target, unit, lang, dash.report.currency),
                "projected": _num(g.projected, unit, lang, dash.report.currency),
                "deadline": L.date(g.deadline, lang) if g.deadline else "",
                "progress_percent": round(share * 100) if share is not None else None,
            }
        )
    return cards


def goals_table(dash: MeasurementDashboard, lang: Lang) -> Table:
    cards = goal_cards(dash, lang)
    return Table(
        header=(L.GOAL(lang), _label("current", lang), _label("target", lang), _label("projected", lang),
           _label("deadline", lang), _label("status", lang)),
        rows=tuple((c["title"], c["current"], c["target"], c["projected"], c["deadline"], c["status_label"])
                   for c in cards),
        numeric=frozenset({1, 2, 3}),
    )  # fmt: skip


def goals_takeaway(dash: MeasurementDashboard, lang: Lang) -> str:
    return T.goals_takeaway([(g.title, g.status) for g in dash.report.goals])(lang)


def goal_view(dash: MeasurementDashboard, goal: GoalProgress, lang: Lang) -> ChartView:
    """The goal's weekly values, its target as a line and the projection to the deadline (dashed)."""
    title = LABELS["goal_chart"].format(goal=goal.title)(lang)
    unit = METRIC_BY_ID[goal.engine_metric].unit if goal.engine_metric in METRIC_BY_ID else "ratio"
    actual = _label("actual", lang)
    rows: list[dict[str, Any]] = [{"date": p.date.isoformat(), "value": p.value, "series": actual} for p in goal.series]
    if goal.projected is not None and goal.deadline and goal.series:
        last = goal.series[-1]
        projection = _label("projection", lang)
        rows += [{"date": last.date.isoformat(), "value": last.value, "series": projection},
                 {"date": goal.deadline.isoformat(), "value": goal.projected, "series": projection}]  # fmt: skip
    table = Table(
        header=(_label("week_ending", lang), _label("value", lang)),
        rows=tuple((L.date(p.date, lang), _num(p.value, unit, lang, dash.report.currency)) for p in goal.series),
        numeric=frozenset({1}),
    )
    # Drafted goal titles are sentences ending with a full stop; "….: Achieved" read badly.
    takeaway = f"{goal.title.rstrip('. ')}: {STATUS_LABELS[goal.status](lang)}. {goal.reason(lang)}"
    if not goal.series:
        return ChartView(f"goal-{goal.goal}", title, None, table, takeaway)
    reverse = _x_reverse(lang)
    lines = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=None, scale=alt.Scale(reverse=reverse),
                    axis=alt.Axis(format=_day_format(lang), labelAngle=0)),
            y=alt.Y("value:Q", title=_label("value", lang), axis=alt.Axis(orient=_y_orient(lang))),
            color=alt.Color("series:N", title=None, scale=alt.Scale(range=[_LINE_COLOUR, _PREVIOUS_COLOUR])),
            strokeDash=alt.condition(alt.datum.series == actual, alt.value([1, 0]), alt.value([5, 4])),
            tooltip=[alt.Tooltip("date:T"), alt.Tooltip("value:Q", title=_label("value", lang), format=",.2f")],
        )
    )  # fmt: skip
    layers = [lines]
    if goal.target is not None:
        target_rows = [{"target": goal.target, "label": f"{_label('target', lang)} {_num(goal.target, unit, lang)}"}]
        rule = alt.Chart(alt.InlineData(values=target_rows)).mark_rule(color=_TARGET_COLOUR, strokeDash=[2, 2])
        layers.append(rule.encode(y="target:Q", tooltip=[alt.Tooltip("label:N", title=_label("target", lang))]))
    chart = alt.layer(*layers).properties(width=WIDTH, height=180)
    return ChartView(f"goal-{goal.goal}", title, _configured(chart), table, takeaway)


# ── one page per measurement type ──────────────────────────────────────────────────────


def _relative(value: float | None, previous: float | None, unit: str, lang: Lang, currency: str) -> str:
    """Period over period: points for percentages, else the difference and the relative change."""
    if value is None or previous is None:
        return ""
    difference = format_number(value - previous, unit, lang, currency=currency, signed=True)
    share = T.relative_change(previous, value)
    if unit == "percent" or share is None:
        return difference
    return f"{difference} ({share * 100:+.0f}%)"


def type_view(dash: MeasurementDashboard, type_id: MeasurementTypeId, lang: Lang) -> ChartView:
    """The type's headline metric week by week, with the whole section's metrics in the table."""
    metric = METRIC_BY_ID[HEADLINE_METRICS[type_id]]
    title = LABELS["type_chart"].format(metric=metric.name(lang))(lang)
    points = dash.weekly_of(metric.id)
    section = next(s for s in dash.report.sections if s.id == type_id)
    currency = dash.report.currency
    table = Table(
        header=(L.METRIC(lang), _label("this_period", lang), _label("previous_period", lang), _label("change", lang)),
        rows=tuple(
            (m.name(lang), format_number(m.value, m.unit, lang, lower_bound=m.lower_bound, currency=currency),
             format_number(m.previous, m.unit, lang, currency=currency),
             _relative(m.value, m.previous, m.unit, lang, currency))
            for m in section.metrics
        ),
        numeric=frozenset({1, 2, 3}),
    )  # fmt: skip
    if not dash.has_type(type_id):
        empty = EMPTY_STATES[type_id](lang)
        return ChartView(type_id, title, None, table, empty, empty)
    # A last week cut short by the period's end would read as a fall: the trend compares whole weeks.
    whole = [p for p in points if (p.end - p.start).days == 6] or points
    takeaway = T.trend_takeaway(metric.name, [(p.start, p.value) for p in whole])(lang)
    rows = [{"week": p.end.isoformat(), "value": p.value} for p in points if p.value is not None]
    if not rows:
        # The source has rows but not the parts this metric needs (TikTok exports count no impressions).
        return ChartView(type_id, title, None, table, takeaway)
    value_title = metric.name(lang) + (" (%)" if metric.unit == "percent" else "")
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(point=True, color=_LINE_COLOUR)
        .encode(
            x=alt.X("week:T", title=_label("week_ending", lang), scale=alt.Scale(reverse=_x_reverse(lang)),
                    axis=alt.Axis(format=_day_format(lang), labelAngle=0)),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(orient=_y_orient(lang))),
            tooltip=[alt.Tooltip("week:T", title=_label("week_ending", lang)),
                     alt.Tooltip("value:Q", title=value_title, format=",.2f")],
        )
        .properties(width=WIDTH, height=180)
    )  # fmt: skip
    return ChartView(type_id, title, _configured(chart), table, takeaway)


def web_channels_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """Sessions from social per network (GA4), for the web analytics page."""
    rows: list[dict[str, Any]] = [
        {"network": L.platform_name(r.social_platform or r.channel_group, lang), "sessions": r.sessions,
         "conversions": r.conversions}
        for r in dash.report.web_by_channel
    ]  # fmt: skip
    table = Table(
        header=(_label("channel", lang), _label("sessions", lang), _label("conversions", lang)),
        rows=tuple((r["network"], L.number(r["sessions"]), L.number(r["conversions"])) for r in rows),
        numeric=frozenset({1, 2}),
    )
    title = _label("web_channels", lang)
    if not rows:
        empty = EMPTY_STATES["web_analytics"](lang)
        return ChartView("web-channels", title, None, table, empty, empty)
    leader = max(rows, key=lambda r: r["sessions"])
    total = sum(r["sessions"] for r in rows) or 1.0
    takeaway = T.fill(
        Text(en="{network} brings {share} of the sessions from social.",
             he="המקור המוביל: {network}, עם {share} מהביקורים ממדיה חברתית."),
        network=leader["network"], share=T.percent(leader["sessions"] / total),
    )(lang)  # fmt: skip
    chart = _bars(rows, "network", "sessions", _label("sessions", lang), lang)
    return ChartView("web-channels", title, chart, table, takeaway)


def _bars(rows: list[dict[str, Any]], category: str, value: str, value_title: str, lang: Lang) -> Any:
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar(color=_LINE_COLOUR)
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, scale=alt.Scale(reverse=_x_reverse(lang)),
                    axis=FEW_TICKS),
            y=alt.Y(f"{category}:N", title=None, sort="-x", axis=alt.Axis(orient=_y_orient(lang), labelLimit=200)),
            tooltip=[alt.Tooltip(f"{category}:N", title=None), alt.Tooltip(f"{value}:Q", title=value_title)],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )  # fmt: skip
    return _configured(chart)


# ── channels ───────────────────────────────────────────────────────────────────────────


def channels_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """Engagement rate of each channel this period beside the previous period."""
    this, before = _label("this_period", lang), _label("previous_period", lang)
    rate = _label("engagement_rate", lang)
    # Channels that export no impressions (TikTok counts views) still compare by engagements.
    by_rate = any(r.engagement_rate is not None or r.previous_engagement_rate is not None for r in dash.channels)
    measure = rate if by_rate else _label("engagements", lang)
    rows: list[dict[str, Any]] = []
    for r in dash.channels:
        name = L.platform_name(r.platform, lang)
        pairs = (
            ((before, r.previous_engagement_rate), (this, r.engagement_rate))
            if by_rate
            else ((before, r.previous_engagements), (this, r.engagements))
        )
        for label, value in pairs:
            if value is not None:
                rows.append({"channel": name, "period": label, "rate": round(value, 2)})
    table = Table(
        header=(_label("channel", lang), _label("posts", lang), _label("impressions", lang),
                _label("engagements", lang), rate, _label("previous_rate", lang)),
        rows=tuple((L.platform_name(r.platform, lang), L.number(r.posts), L.number(r.impressions),
                    L.number(r.engagements), _num(r.engagement_rate, "ratio", lang),
                    _num(r.previous_engagement_rate, "ratio", lang)) for r in dash.channels),
        numeric=frozenset({1, 2, 3, 4, 5}),
    )  # fmt: skip
    values = [
        (_platform(r.platform), r.previous_engagement_rate, r.engagement_rate)
        if by_rate
        else (_platform(r.platform), r.previous_engagements or None, r.engagements)
        for r in dash.channels
    ]
    takeaway = T.channels_takeaway(values, _previous(dash), by_rate=by_rate)(lang)
    title = _label("channels", lang)
    if not rows:
        empty = EMPTY_STATES["pr_media"](lang)
        return ChartView("channels", title, None, table, empty, empty)
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("rate:Q", title=measure, scale=alt.Scale(reverse=_x_reverse(lang)),
                    axis=FEW_TICKS),
            y=alt.Y("period:N", title=None, sort=[before, this], axis=None),
            row=alt.Row("channel:N", title=None,
                        header=alt.Header(labelAngle=0, labelAlign="left" if lang == "en" else "right",
                                          labelOrient=_y_orient(lang))),
            color=alt.Color("period:N", title=_label("period", lang), sort=[before, this],
                            scale=alt.Scale(range=[_PREVIOUS_COLOUR, _LINE_COLOUR])),
            tooltip=[alt.Tooltip("channel:N", title=_label("channel", lang)),
                     alt.Tooltip("period:N", title=_label("period", lang)), alt.Tooltip("rate:Q", title=measure)],
        )
        .properties(width=WIDTH, height=alt.Step(12))
    )  # fmt: skip
    return ChartView("channels", title, _configured(chart.configure_facet(spacing=4)), table, takeaway)


def strategy_channel_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """A heatmap of engagement rate by E (rows) and channel (columns), posts in each cell's tooltip."""
    rate = _label("engagement_rate", lang)
    cells = dash.strategy_channel
    # Each cell's label is rounded once, as the takeaway rounds it (rounding the 2-decimal value
    # again in the chart showed 8.7 beside a sentence saying 8.6%).
    rows: list[dict[str, Any]] = [
        {"strategy": _strategy(c.strategy)(lang), "channel": L.platform_name(c.platform, lang), "posts": c.posts,
         "rate": round(c.engagement_rate, 2) if c.engagement_rate is not None else None,
         "label": f"{c.engagement_rate:.1f}" if c.engagement_rate is not None else ""}
        for c in cells
    ]  # fmt: skip
    table = Table(
        header=(_label("strategy", lang), _label("channel", lang), _label("posts", lang), rate),
        rows=tuple((r["strategy"], r["channel"], L.number(r["posts"]), _num(r["rate"], "ratio", lang)) for r in rows),
        numeric=frozenset({2, 3}),
    )
    takeaway = T.strategy_channel_takeaway(
        [(_strategy(c.strategy), _platform(c.platform), c.posts, c.engagement_rate) for c in cells]
    )(lang)
    title = _label("strategy_channel", lang)
    if not rows:
        empty = Text(
            en="No post carries an E tag yet: tag posts with education, entertainment, engagement or "
            "empowerment (a 'strategy' column in the export, or the column mapping) to see which E works where.",
            he="עדיין אין פוסט שמתויג באסטרטגיה: תייגו פוסטים בחינוך, בידור, מעורבות או העצמה (עמודת "
            "strategy בייצוא, או מיפוי העמודות) כדי לראות איזו אסטרטגיה עובדת איפה.",
        )(lang)
        return ChartView("strategy-channel", title, None, table, empty, empty)
    order = [_strategy(s)(lang) for s in STRATEGY_IDS]
    channels = sorted({r["channel"] for r in rows})
    if lang == "he":
        channels.reverse()
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        x=alt.X("channel:N", title=None, sort=channels, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("strategy:N", title=None, sort=order, axis=alt.Axis(orient=_y_orient(lang))),
    )
    heat = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("rate:Q", title=rate, scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("strategy:N", title=_label("strategy", lang)),
                 alt.Tooltip("channel:N", title=_label("channel", lang)),
                 alt.Tooltip("posts:Q", title=_label("posts", lang)), alt.Tooltip("rate:Q", title=rate)],
    )  # fmt: skip
    text = base.mark_text(fontSize=12).encode(text=alt.Text("label:N"))
    chart = (heat + text).properties(width=alt.Step(90), height=alt.Step(30))
    return ChartView("strategy-channel", title, _configured(chart), table, takeaway)


def top_posts_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """The period's most engaging posts: a table (a chart would only repeat it)."""
    total = sum(r.engagements for r in dash.channels)
    table = Table(
        header=(_label("post", lang), _label("channel", lang), _label("strategy", lang), _label("published", lang),
                _label("impressions", lang), _label("engagements", lang), _label("engagement_rate", lang)),
        rows=tuple((p.text[:120] or p.post_id, L.platform_name(p.platform, lang),
                    _strategy(p.strategy)(lang) if p.strategy else "",
                    L.date(p.published, lang), L.number(p.impressions), L.number(p.engagements),
                    _num(p.engagement_rate, "ratio", lang)) for p in dash.top_posts),
        numeric=frozenset({4, 5, 6}),
    )  # fmt: skip
    top = dash.top_posts[0] if dash.top_posts else None
    takeaway = T.top_posts_takeaway(_platform(top.platform) if top else None, top.engagements if top else 0, total)
    empty = "" if top else EMPTY_STATES["pr_media"](lang)
    return ChartView("top-posts", _label("top_posts", lang), None, table, takeaway(lang), empty)


def themes_view(dash: MeasurementDashboard, lang: Lang) -> ChartView:
    """The focus group's themes: mentions per theme, coloured by net sentiment (red to green)."""
    report = dash.focus_group
    title = _label("themes", lang)
    themes = report.themes.themes if report else []
    rows: list[dict[str, Any]] = [
        {"theme": t.phrase, "mentions": t.mentions, "net": round(t.net_sentiment, 2)} for t in themes
    ]
    table = Table(
        header=(_label("theme", lang), _label("mentions", lang), _label("net", lang)),
        rows=tuple((r["theme"], L.number(r["mentions"]), f"{r['net']:+.2f}") for r in rows),
        numeric=frozenset({1, 2}),
    )
    if report is None:
        empty = EMPTY_STATES["opinion_research"](lang)
        return ChartView("themes", title, None, table, empty, empty)
    praised = report.themes.most_praised[0].phrase if report.themes.most_praised else None
    criticised = report.themes.most_criticised[0].phrase if report.themes.most_criticised else None
    takeaway = T.themes_takeaway(praised, criticised)(lang)
    if not rows:
        return ChartView("themes", title, None, table, takeaway)
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("mentions:Q", title=_label("mentions", lang), scale=alt.Scale(reverse=_x_reverse(lang)),
                    axis=FEW_TICKS),
            y=alt.Y("theme:N", title=None, sort="-x", axis=alt.Axis(orient=_y_orient(lang), labelLimit=220)),
            color=alt.Color("net:Q", title=_label("net", lang),
                            scale=alt.Scale(scheme="redyellowgreen", domain=[-1, 1])),
            tooltip=[alt.Tooltip("theme:N", title=_label("theme", lang)),
                     alt.Tooltip("mentions:Q", title=_label("mentions", lang)),
                     alt.Tooltip("net:Q", title=_label("net", lang), format="+.2f")],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )  # fmt: skip
    return ChartView("themes", title, _configured(chart), table, takeaway)


def dashboard_views(
    dash: MeasurementDashboard, lang: Lang, only: Collection[str] | None = None
) -> dict[str, ChartView]:
    """Every view of the dashboard by id, in the order a report presents them; with ``only``,
    just the views of those ids (a page that shows three charts does not build the rest)."""

    def wanted(view_id: str) -> bool:
        return only is None or view_id in only

    views = {"equity": equity_view(dash, lang)} if wanted("equity") else {}
    for goal in dash.report.goals:
        if wanted(f"goal-{goal.goal}"):
            view = goal_view(dash, goal, lang)
            views[view.id] = view
    for type_id in MEASUREMENT_TYPE_IDS:
        if wanted(type_id):
            views[type_id] = type_view(dash, type_id, lang)
    builders: dict[str, Callable[[MeasurementDashboard, Lang], ChartView]] = {
        "web-channels": web_channels_view,
        "channels": channels_view,
        "strategy-channel": strategy_channel_view,
        "top-posts": top_posts_view,
        "themes": themes_view,
    }
    for view_id, build in builders.items():
        if wanted(view_id):
            views[view_id] = build(dash, lang)
    return views
