"""Brand opinion measurements over the store's ``mentions`` table, and alerts on them.

The measurements are Ibis expressions over a table with the ``socialplan.measure.schema.MENTIONS``
columns, so the same definition runs on the default DuckDB store and on any other Ibis
backend; a pandas frame with those columns works too. Scoring (filling ``sentiment_score`` and
``sentiment_label``) needs the texts and runs in Python, once, at import time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal

import ibis
import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pandas as pd
from ibis import _
from pydantic import BaseModel, ConfigDict

from socialplan.i18n import Lang, Text
from socialplan.measure.importers.base import ImportBatch
from socialplan.measure.schema import MENTIONS
from socialplan.method.formats import format_date
from socialplan.opinion.sentiment import texts_sentiment

Period = Literal["day", "week", "month"]
_TRUNCATE: Final[dict[Period, Literal["D", "W", "M"]]] = {"day": "D", "week": "W", "month": "M"}
# The MAD of a normal distribution is 0.6745 σ; this factor makes k·MAD read as k standard deviations.
_MAD_TO_SIGMA: Final = 1.4826


def mentions_table(mentions: ir.Table | pd.DataFrame) -> ir.Table:
    """An Ibis table; a pandas frame gets the store's column types (an all-empty column has none)."""
    if not isinstance(mentions, pd.DataFrame):
        return mentions
    schema = ibis.schema({name: MENTIONS[name] for name in mentions.columns if name in MENTIONS.names})
    return ibis.memtable(mentions[list(schema.names)], schema=schema)


def mentions_score(mentions: pd.DataFrame, *, default_lang: Lang = "en") -> pd.DataFrame:
    """A copy with ``lang``, ``sentiment_score`` and ``sentiment_label`` filled where missing.

    Rows already scored keep their values; rows without text (past retention) stay as they are.
    """
    scored = mentions.copy()
    for column, dtype in (("lang", "object"), ("sentiment_score", "float64"), ("sentiment_label", "object")):
        if column not in scored.columns:
            scored[column] = pd.Series([None] * len(scored), index=scored.index, dtype=dtype)
    has_text = scored["text"].notna() & (scored["text"].astype("string").str.strip() != "")
    todo = scored.index[has_text & (scored["sentiment_score"].isna() | scored["sentiment_label"].isna())]
    if len(todo):
        known = [lang if lang in ("en", "he") else None for lang in scored.loc[todo, "lang"]]
        results = texts_sentiment(
            [str(text) for text in scored.loc[todo, "text"]], langs=known, default_lang=default_lang
        )
        scored.loc[todo, "lang"] = [r.lang for r in results]
        scored.loc[todo, "sentiment_score"] = [r.score for r in results]
        scored.loc[todo, "sentiment_label"] = [r.label for r in results]
    return scored


def batch_mentions_score(batch: ImportBatch) -> ImportBatch:
    """The parsed file with its mentions scored (see ``mentions_score``), ready to store.

    Every import path calls this between parsing and storing, the CLI's and the web's alike: the
    opinion metrics (net sentiment, share of positive mentions) read the stored labels, and the
    measure package, which parses and stores, knows nothing of sentiment. A batch without
    mentions comes back as it is.
    """
    mentions = batch.tables.get("mentions")
    if mentions is None or not len(mentions):
        return batch
    return dataclasses.replace(batch, tables={**batch.tables, "mentions": mentions_score(mentions)})


def brand_sentiment(mentions: ir.Table | pd.DataFrame, *, period: Period = "week") -> ir.Table:
    """Per period and subject: volume, label counts, mean score, net sentiment, share of positive voice.

    Net sentiment is (positive − negative) / scored mentions, in -1..1. Share of positive voice is
    the subject's positive mentions over all subjects' positive mentions in the same period
    (the brand against the competitors named in the plan), 0 when nobody was positive.
    """
    table = mentions_table(mentions).filter(_.sentiment_label.notnull() & _.subject.notnull())
    counts = table.group_by(
        period=_.published_at.truncate(_TRUNCATE[period]).cast("date"),
        subject=_.subject,
    ).aggregate(
        is_competitor=_.is_competitor.fill_null(False).max(),
        mentions=_.count(),
        positive=(_.sentiment_label == "positive").sum().cast("int64"),
        negative=(_.sentiment_label == "negative").sum().cast("int64"),
        neutral=(_.sentiment_label == "neutral").sum().cast("int64"),
        mean_score=_.sentiment_score.mean(),
        reach=_.reach.sum(),
    )
    in_period = ibis.window(group_by="period")
    all_positive = _.positive.sum().over(in_period)
    return counts.mutate(
        net_sentiment=(_.positive - _.negative) / _.mentions,
        share_of_voice=_.mentions / _.mentions.sum().over(in_period),
        share_of_positive_voice=ibis.ifelse(all_positive > 0, _.positive / all_positive, 0.0),
    ).order_by(["period", "subject"])


AlertMeasure = Literal["negative_volume", "net_sentiment"]


class OpinionAlert(BaseModel):
    """A period whose value left the normal range set by the periods before it."""

    model_config = ConfigDict(frozen=True)

    period: dt.date
    subject: str
    measure: AlertMeasure
    value: float
    baseline: float  # median of the prior periods
    low: float
    high: float
    direction: Literal["up", "down"]
    message: Text


_ALERT_TEXTS: Final[dict[tuple[AlertMeasure, str], Text]] = {
    ("negative_volume", "up"): Text(
        en="Negative mentions of {subject} rose to {value:.0f} in the period starting {period}, "
        "above the usual range of {low:.0f} to {high:.0f}.",
        he="האזכורים השליליים של {subject} עלו ל-{value:.0f} בתקופה שהחלה ב-{period}, "
        "מעל הטווח הרגיל של {low:.0f} עד {high:.0f}.",
    ),
    ("negative_volume", "down"): Text(
        en="Negative mentions of {subject} fell to {value:.0f} in the period starting {period}, "
        "below the usual range of {low:.0f} to {high:.0f}.",
        he="האזכורים השליליים של {subject} ירדו ל-{value:.0f} בתקופה שהחלה ב-{period}, "
        "מתחת לטווח הרגיל של {low:.0f} עד {high:.0f}.",
    ),
    ("net_sentiment", "down"): Text(
        en="Net sentiment about {subject} dropped to {value:+.2f} in the period starting {period}, "
        "below the usual range of {low:+.2f} to {high:+.2f}.",
        he="הסנטימנט נטו כלפי {subject} ירד ל-{value:+.2f} בתקופה שהחלה ב-{period}, "
        "מתחת לטווח הרגיל של {low:+.2f} עד {high:+.2f}.",
    ),
    ("net_sentiment", "up"): Text(
        en="Net sentiment about {subject} rose to {value:+.2f} in the period starting {period}, "
        "above the usual range of {low:+.2f} to {high:+.2f}.",
        he="הסנטימנט נטו כלפי {subject} עלה ל-{value:+.2f} בתקופה שהחלה ב-{period}, "
        "מעל הטווח הרגיל של {low:+.2f} עד {high:+.2f}.",
    ),
}
# Smallest spread of the normal range, so a perfectly flat history does not alert on noise.
_MIN_SPREAD: Final[dict[AlertMeasure, float]] = {"negative_volume": 2.0, "net_sentiment": 0.1}


def opinion_alerts(
    sentiment: ir.Table | pd.DataFrame,
    *,
    period: Period = "week",
    subjects: Sequence[str] | None = None,
    k: float = 3.0,
    baseline_periods: int = 8,
    min_history: int = 4,
) -> list[OpinionAlert]:
    """Alerts from ``brand_sentiment`` output: values beyond median ± k·MAD of the prior periods.

    The baseline is the ``baseline_periods`` periods before each one (at least ``min_history``
    of them with a value), so a lasting change becomes the new normal after a while instead of
    alerting forever. A period without mentions counts as zero negative mentions and has no net
    sentiment. Negative volume alerts when it rises, net sentiment in both directions.
    """
    frame = sentiment.to_pandas() if isinstance(sentiment, ir.Table) else sentiment
    alerts: list[OpinionAlert] = []
    for subject, rows in frame.groupby("subject", sort=True):
        if subjects is not None and subject not in subjects:
            continue
        series = _every_period(rows, period)
        for measure in ("negative_volume", "net_sentiment"):
            column = "negative" if measure == "negative_volume" else "net_sentiment"
            values = series[column].to_numpy(dtype=float)
            for i in range(len(values)):
                history = values[max(0, i - baseline_periods) : i]
                history = history[~np.isnan(history)]
                if len(history) < min_history or np.isnan(values[i]):
                    continue
                alert = _alert(str(subject), measure, series.index[i].date(), float(values[i]), history, k)
                if alert is not None:
                    alerts.append(alert)
    return sorted(alerts, key=lambda alert: (alert.period, alert.subject, alert.measure))


_FREQUENCY: Final[dict[Period, str]] = {"day": "D", "week": "W-MON", "month": "MS"}


def _every_period(rows: pd.DataFrame, period: Period) -> pd.DataFrame:
    """One row per period from the first to the last, including periods without mentions."""
    by_period = rows.assign(period=pd.to_datetime(rows["period"])).set_index("period").sort_index()
    every = pd.date_range(by_period.index.min(), by_period.index.max(), freq=_FREQUENCY[period])
    complete = by_period[["negative", "net_sentiment"]].reindex(every.union(by_period.index))
    complete["negative"] = complete["negative"].fillna(0)
    return complete


def _alert(
    subject: str, measure: AlertMeasure, period: dt.date, value: float, history: npt.NDArray[np.float64], k: float
) -> OpinionAlert | None:
    median = float(np.median(history))
    spread = max(_MAD_TO_SIGMA * float(np.median(np.abs(history - median))), _MIN_SPREAD[measure])
    low, high = median - k * spread, median + k * spread
    if measure == "negative_volume":
        low = max(low, 0.0)
    if value > high:
        direction: Literal["up", "down"] = "up"
    elif value < low and measure == "net_sentiment":
        direction = "down"
    else:
        return None
    text = _ALERT_TEXTS[(measure, direction)]

    def message(lang: Lang) -> str:
        # The period's first day as each language writes dates ("3 March 2025", "3.3.2025").
        return text(lang).format(subject=subject, value=value, period=format_date(period, lang), low=low, high=high)

    return OpinionAlert(
        period=period,
        subject=subject,
        measure=measure,
        value=value,
        baseline=median,
        low=low,
        high=high,
        direction=direction,
        message=Text.each(message),
    )
