"""X (Twitter) analytics daily account export ``account_activity_metrics_<handle>_….csv``:
one row per day with the same metric columns as the per-post export plus ``Tweets published``."""

from __future__ import annotations

import re

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.importers.common import (
    MetricColumn,
    RowRejections,
    account_batch,
    account_handle,
    account_id,
    daily_account_observations,
    dates,
    detect_by_header,
    header_key,
    header_table,
    numbers,
)
from socialplan.measure.importers.x_tweets import X_TIME_FORMATS, x_metric_columns
from socialplan.measure.read import ExportFile

X_DATE_FORMATS = (*X_TIME_FORMATS, "%m/%d/%Y", "%a, %b %d, %Y")


class XAccountActivity(Importer):
    id = "x_account_daily"
    name = Text(en="X (Twitter) daily account export", he="ייצוא יומי של חשבון X (טוויטר)")
    platform = "x"
    file_kinds = frozenset({"csv", "xlsx"})
    required = ("Date", "Tweets published", "impressions")

    def detect(self, export: ExportFile) -> Detection | None:
        return detect_by_header(export, self.id, self.required)

    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        table = header_table(export, self.required)
        rejections = RowRejections(table)
        keys = [header_key(h) for h in table.header]
        days = dates(table.frame[keys.index("date")], X_DATE_FORMATS, rejections, "Date")
        columns = x_metric_columns(table.header)
        columns[keys.index("tweets published")] = MetricColumn("posts_published", paid="organic")
        values = {spec: numbers(table.frame[pos], rejections, table.header[pos]) for pos, spec in columns.items()}
        match = re.match(r"account_activity_metrics_(.+?)_\d{8}_\d{8}", export.name)
        handle, notes = account_handle(options.account, match.group(1) if match else None)
        account = account_id("x", handle)
        keep = rejections.keep
        daily = daily_account_observations("x", account, days, values, keep)
        return account_batch(
            self.id,
            export,
            platform="x",
            handle=handle,
            tables={"account_daily": daily},
            rejections=rejections,
            rows_read=len(table.frame),
            notes=notes,
        )
