"""The plan's charts as Altair specifications: pure functions of a plan and a language.

Documents render them to images with vl-convert (no browser, no network); the web app can
show the same specs interactively. Each chart has a ``*_rows`` twin that returns the numbers
behind it, which the documents also print as a table (Markdown, screen readers).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Final, Literal

import altair as alt

from socialplan.i18n import Lang
from socialplan.method.types import MEASUREMENT_TYPE_IDS, STRATEGY_IDS
from socialplan.plan.model import Plan
from socialplan.report import labels as L

# One packaged family holds Latin, digits and Hebrew (Noto Sans and Noto Sans Hebrew merged), so the
# chart renderer never falls back glyph by glyph to whatever weight a machine happens to have.
FONT_FAMILY = "Socialplan Sans"
# A browser showing the SVG (HTML export, web app) may lack the packaged font: then system fonts
# with Hebrew glyphs take over; vl-convert always finds the first one.
_CHART_FONTS = f"{FONT_FAMILY}, Noto Sans, Noto Sans Hebrew, Arial, sans-serif"
WIDTH = 460
_PLANNED_COLOUR = "#3d6fb6"
_OVER_COLOUR = "#c0392b"
_AVAILABLE_COLOUR = "#6aa84f"


def fonts_directory() -> str:
    """The folder of the fonts that ship with the package (Socialplan Sans, from Noto, OFL)."""
    return str(resources.files("socialplan.report").joinpath("fonts"))


@cache
def vl_convert_ready() -> None:
    """Teach vl-convert the packaged fonts once per process, so Hebrew never falls back to tofu."""
    import vl_convert

    vl_convert.register_font_directory(fonts_directory())


def _configured(chart: Any, lang: Lang) -> Any:
    # 11 px labels sit close to the documents' 9 pt table text once the image is placed at its own size.
    return (
        chart.configure(font=_CHART_FONTS, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11)
    )


# A few labelled ticks on quantity axes: charts are shrunk to fit narrow boxes (a half-width card,
# a PDF column), and a tick every 0.2 hours ran its labels together ("0.20.0").
FEW_TICKS: Final = alt.Axis(tickCount=5, labelOverlap=True)


def _axis_orient(lang: Lang) -> Literal["left", "right"]:
    # In Hebrew the category labels sit on the right and the bars grow leftwards, as a reader expects.
    return "right" if lang == "he" else "left"


# ── hours per channel ──────────────────────────────────────────────────────────────────


def hours_by_channel_rows(plan: Plan, lang: Lang) -> list[dict[str, Any]]:
    return [{"channel": L.channel_name(channel, lang), "hours": channel.weekly_hours} for channel in plan.channels]


def chart_hours_by_channel(plan: Plan, lang: Lang) -> Any:
    """Weekly hours of each channel, and below it all channels together against the team's hours."""
    rows = hours_by_channel_rows(plan, lang)
    planned = plan.weekly_hours_planned
    available = plan.weekly_hours_available
    over = planned > available
    hours_title = L.HOURS_PER_WEEK(lang)
    reverse = lang == "he"
    x_domain = [0, max(planned, available, 1.0)]

    per_channel = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar(color=_PLANNED_COLOUR)
        .encode(
            x=alt.X("hours:Q", title=hours_title, scale=alt.Scale(reverse=reverse), axis=FEW_TICKS),
            y=alt.Y(
                "channel:N",
                title=None,
                sort="-x",
                axis=alt.Axis(orient=_axis_orient(lang), labelLimit=160),
            ),
            tooltip=[
                alt.Tooltip("channel:N", title=L.CHANNEL(lang)),
                alt.Tooltip("hours:Q", title=hours_title),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(16))
    )
    totals = [
        {
            "what": L.TOTAL_PLANNED(lang),
            "hours": planned,
            "colour": _OVER_COLOUR if over else _PLANNED_COLOUR,
        },
        {"what": L.AVAILABLE(lang), "hours": available, "colour": _AVAILABLE_COLOUR},
    ]
    against_available = (
        alt.Chart(alt.InlineData(values=totals))
        .mark_bar()
        .encode(
            x=alt.X("hours:Q", title=hours_title, scale=alt.Scale(domain=x_domain, reverse=reverse), axis=FEW_TICKS),
            y=alt.Y("what:N", title=None, sort=None, axis=alt.Axis(orient=_axis_orient(lang), labelLimit=160)),
            color=alt.Color("colour:N", scale=None),
            tooltip=[alt.Tooltip("hours:Q", title=hours_title)],
        )
        .properties(width=WIDTH, height=alt.Step(22))
    )
    return _configured(alt.vconcat(per_channel, against_available, spacing=18), lang)


# ── the mix of the four Es ─────────────────────────────────────────────────────────────


def strategy_mix_rows(plan: Plan, lang: Lang) -> list[dict[str, Any]]:
    """Each of the four Es with its planned share in percent.

    The plan's own ``share`` values win; when it gives none, the Es are weighted by how many
    channels carry them, which is what the plan commits effort to.
    """
    chosen = {choice.id: choice for choice in plan.strategies}
    if any(choice.share is not None for choice in plan.strategies):
        weights = {sid: (chosen[sid].share or 0.0) if sid in chosen else 0.0 for sid in STRATEGY_IDS}
    else:
        weights = {sid: float(sum(sid in channel.strategies for channel in plan.channels)) for sid in STRATEGY_IDS}
        if not any(weights.values()):
            weights = {sid: 1.0 if sid in chosen else 0.0 for sid in STRATEGY_IDS}
    total = sum(weights.values()) or 1.0
    return [
        {
            "strategy": L.strategy_name(sid, lang),
            "share": round(100 * weights[sid] / total, 1),
            "chosen": sid in chosen,
        }
        for sid in STRATEGY_IDS
    ]


def chart_strategy_mix(plan: Plan, lang: Lang) -> Any:
    rows = strategy_mix_rows(plan, lang)
    share_title = L.SHARE(lang) + " (%)"
    bars = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar(color=_PLANNED_COLOUR)
        .encode(
            x=alt.X("share:Q", title=share_title, scale=alt.Scale(domain=[0, 100], reverse=lang == "he")),
            y=alt.Y("strategy:N", title=None, sort=None, axis=alt.Axis(orient=_axis_orient(lang))),
            tooltip=[
                alt.Tooltip("strategy:N", title=L.STRATEGY(lang)),
                alt.Tooltip("share:Q", title=share_title),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(26))
    )
    return _configured(bars, lang)


# ── measurement map coverage ───────────────────────────────────────────────────────────


def measurement_coverage_rows(plan: Plan, lang: Lang) -> list[dict[str, Any]]:
    """How many metrics measure each goal in each of the four measurement types (zeros are the gaps)."""
    goals = [(goal.id, goal.title) for goal in plan.goals]
    unlinked = [m for m in plan.metrics if not m.goals and not any(m.id in g.metrics for g in plan.goals)]
    if unlinked or not goals:
        goals.append(("", L.NO_GOAL(lang)))
    rows = []
    for goal_id, goal_title in goals:
        goal = plan.goal(goal_id) if goal_id else None
        for type_id in MEASUREMENT_TYPE_IDS:
            count = 0
            for metric in plan.metrics:
                if metric.measurement_type != type_id:
                    continue
                linked = goal_id in metric.goals or (goal is not None and metric.id in goal.metrics)
                if linked or (not goal_id and metric in unlinked):
                    count += 1
            rows.append({"goal": goal_title, "type": L.MEASUREMENT_TYPE_SHORT[type_id](lang), "metrics": count})
    return rows


def chart_measurement_coverage(plan: Plan, lang: Lang) -> Any:
    rows = measurement_coverage_rows(plan, lang)
    type_order = [L.MEASUREMENT_TYPE_SHORT[t](lang) for t in MEASUREMENT_TYPE_IDS]
    if lang == "he":
        type_order.reverse()  # read from the right, like the page
    base = alt.Chart(alt.InlineData(values=rows)).encode(
        x=alt.X(
            "type:N",
            title=None,
            sort=type_order,
            # Short names rather than wrapped labels: Vega's line-split labels garble right-to-left text.
            axis=alt.Axis(orient="top", labelAngle=0, labelLimit=100),
        ),
        y=alt.Y("goal:N", title=None, sort=None, axis=alt.Axis(orient=_axis_orient(lang), labelLimit=270)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "metrics:Q",
            title=L.METRICS_COUNT(lang),
            # A gap (no metric) stands out in red; covered cells grow darker blue with more metrics.
            scale=alt.Scale(type="threshold", domain=[1, 2, 3], range=["#f4c7c3", "#c6dbef", "#6baed6", "#2171b5"]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("goal:N", title=L.GOAL(lang)),
            alt.Tooltip("type:N", title=L.MEASUREMENT_TYPE(lang)),
            alt.Tooltip("metrics:Q", title=L.METRICS_COUNT(lang)),
        ],
    )
    counts = base.mark_text(fontSize=12).encode(
        text="metrics:Q",
        color=alt.condition("datum.metrics >= 3", alt.value("white"), alt.value("black")),
    )
    return _configured((cells + counts).properties(width=alt.Step(100), height=alt.Step(22)), lang)


def chart_svg(chart: Any) -> str:
    vl_convert_ready()
    import vl_convert

    return str(vl_convert.vegalite_to_svg(chart.to_dict()))


def chart_png(chart: Any, scale: float = 2.0) -> bytes:
    vl_convert_ready()
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(chart.to_dict(), scale=scale))
