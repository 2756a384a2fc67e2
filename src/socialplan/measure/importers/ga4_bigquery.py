"""Google Analytics 4 BigQuery export (tables ``events_YYYYMMDD``), saved as Parquet or JSON rows.

One row per event with ``event_date``, ``event_timestamp`` (microseconds), ``event_name``,
``user_pseudo_id``, ``event_params`` (a list of ``{key, value: {string_value, int_value, …}}``),
``collected_traffic_source`` (the session's UTM values) and ``ecommerce.purchase_revenue``.
Events are rolled up into sessions (``user_pseudo_id`` + the ``ga_session_id`` parameter) and
the sessions into ``web_sessions`` rows per day, source, medium and campaign, with a default
channel group computed from GA4's published rules (simplified).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import RowRejections, batch
from socialplan.measure.importers.ga4_csv import social_platform
from socialplan.measure.read import ExportFile, ImportInputError, Table

REQUIRED = ("event_name", "event_timestamp", "user_pseudo_id")
# Events GA4 marks as key events by default, plus common lead events.
KEY_EVENTS = frozenset(
    {"purchase", "generate_lead", "sign_up", "submit_form", "contact", "conversion", "close_convert_lead"}
)
PAID_MEDIUMS = frozenset({"cpc", "ppc", "paid", "paidsocial", "paid_social", "paid-social", "cpm", "retargeting"})
SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm", "social network", "social media"})
SEARCH_SOURCES = frozenset({"google", "bing", "yahoo", "duckduckgo", "baidu", "yandex", "ecosia"})


def _param(params: Any, key: str) -> Any:
    if not isinstance(params, list | tuple | np.ndarray):
        return None  # missing, or not the list of {key, value} records the schema has
    for item in params:
        if isinstance(item, dict) and item.get("key") == key:
            value = item.get("value")
            if not isinstance(value, dict):
                return None
            for field in ("string_value", "int_value", "double_value", "float_value"):
                found = value.get(field)
                if found is not None and not (isinstance(found, float) and np.isnan(found)):
                    return found
    return None


def _get(record: Any, key: str) -> Any:
    return record.get(key) if isinstance(record, dict) else None


def channel_group(source: str | None, medium: str | None) -> str:
    """A simplified GA4 default channel group from a session's source and medium."""
    src = (source or "").casefold()
    med = (medium or "").casefold()
    social = social_platform(src) is not None or med in SOCIAL_MEDIUMS
    if src in {"", "(direct)"} and med in {"", "(none)", "(not set)"}:
        return "Direct"
    if med in PAID_MEDIUMS:
        if social:
            return "Paid Social"
        return "Paid Search" if src in SEARCH_SOURCES else "Paid Other"
    if social:
        return "Organic Social"
    if med == "organic" or src in SEARCH_SOURCES:
        return "Organic Search"
    if med in {"email", "e-mail", "newsletter"}:
        return "Email"
    if med == "referral":
        return "Referral"
    return "Unassigned"


class GA4BigQuery(Importer):
    id = "ga4_bigquery"
    name = Text(
        en="Google Analytics 4 BigQuery export (events_*)",
        he="ייצוא BigQuery של Google Analytics 4 (events_*)",
    )
    platform = None
    file_kinds = frozenset({"parquet", "json"})

    def detect(self, export: ExportFile) -> Detection | None:
        if export.records is None or not set(REQUIRED) <= set(export.records.columns):
            return None
        return Detection(
            self.id,
            0.95,
            Text(
                en="The rows have GA4's event_name, event_timestamp and user_pseudo_id.",
                he="בשורות יש event_name, event_timestamp ו-user_pseudo_id של GA4.",
            ),
        )

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        events = export.records
        if events is None or not set(REQUIRED) <= set(events.columns):
            raise ImportInputError(
                export.name,
                Text(
                    en=f"GA4 event rows need the columns {', '.join(REQUIRED)}.",
                    he=f"שורות אירוע של GA4 צריכות את העמודות {', '.join(REQUIRED)}.",
                ),
            )
        events = events.reset_index(drop=True)
        count = len(events)
        table = Table(export.name, "", list(events.columns), events, 0, lambda: list(range(1, count + 1)))
        rejections = RowRejections(table)
        stamp = pd.to_numeric(events["event_timestamp"], errors="coerce")
        rejections.reject(
            stamp.isna(),
            "event_timestamp",
            Text(en="The event time is missing or not a number.", he="זמן האירוע חסר או אינו מספר."),
        )
        rejections.reject(
            events["user_pseudo_id"].isna(),
            "user_pseudo_id",
            Text(en="The user id is missing.", he="מזהה המשתמש חסר."),
        )
        keep = rejections.keep
        events = events[keep]
        params = (
            events["event_params"] if "event_params" in events else pd.Series([None] * len(events), index=events.index)
        )
        collected = (
            events["collected_traffic_source"]
            if "collected_traffic_source" in events
            else pd.Series([None] * len(events), index=events.index)
        )
        ecommerce = (
            events["ecommerce"] if "ecommerce" in events else pd.Series([None] * len(events), index=events.index)
        )
        frame = pd.DataFrame(
            {
                "time": pd.to_datetime(stamp[keep], unit="us", utc=True),
                # event_date is the day in the property's own time zone; prefer it to UTC.
                "day": pd.to_datetime(events["event_date"].astype(str), format="%Y%m%d", errors="coerce")
                if "event_date" in events
                else pd.Series(pd.NaT, index=events.index),
                "user": events["user_pseudo_id"].astype(str),
                "session": params.map(lambda p: _param(p, "ga_session_id")),
                "engaged": params.map(lambda p: str(_param(p, "session_engaged")) in {"1", "true"}),
                "source": [
                    _get(c, "manual_source") or _param(p, "source") for c, p in zip(collected, params, strict=True)
                ],
                "medium": [
                    _get(c, "manual_medium") or _param(p, "medium") for c, p in zip(collected, params, strict=True)
                ],
                "campaign": [
                    _get(c, "manual_campaign_name") or _param(p, "campaign")
                    for c, p in zip(collected, params, strict=True)
                ],
                "key_event": events["event_name"].isin(KEY_EVENTS),
                "revenue": [_get(e, "purchase_revenue") for e in ecommerce],
            }
        )
        frame["session"] = frame["session"].fillna("").astype(str)
        frame = frame.sort_values("time", kind="stable")
        per_session = (
            frame.groupby(["user", "session"], sort=False)
            .agg(
                time=("time", "first"),
                day=("day", "first"),
                engaged=("engaged", "max"),
                source=("source", "first"),
                medium=("medium", "first"),
                campaign=("campaign", "first"),
                conversions=("key_event", "sum"),
                revenue=("revenue", lambda r: pd.to_numeric(r, errors="coerce").sum()),
            )
            .reset_index()
        )
        per_session["source"] = per_session["source"].fillna("(direct)")
        per_session["medium"] = per_session["medium"].fillna("(none)")
        per_session["date"] = per_session["day"].fillna(per_session["time"].dt.tz_localize(None).dt.normalize())
        grouped = (
            per_session.groupby(["date", "source", "medium", "campaign"], dropna=False)
            .agg(
                sessions=("session", "size"),
                engaged_sessions=("engaged", "sum"),
                users=("user", "nunique"),
                conversions=("conversions", "sum"),
                revenue=("revenue", "sum"),
            )
            .reset_index()
        )
        grouped["days"] = 1
        grouped["channel_group"] = [
            channel_group(s, m) for s, m in zip(grouped["source"], grouped["medium"], strict=True)
        ]
        grouped["social_platform"] = grouped["source"].map(social_platform)
        grouped["conversions"] = grouped["conversions"].astype("float64")
        grouped["campaign"] = grouped["campaign"].astype(object).where(grouped["campaign"].notna(), None)
        return batch(self.id, export, {"web_sessions": grouped}, [rejections], len(table.frame))
