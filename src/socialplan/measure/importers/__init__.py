"""Platform export importers: one module per export format, all returning canonical tables.

``metrics_import`` reads, recognises, parses and stores files; ``detect_format`` only looks.
See ``docs/importers.md`` for the formats and ``docs/analytics-schema.md`` for the tables.
"""

from socialplan.measure.importers.base import (
    ColumnMapping,
    Detection,
    ImportBatch,
    Importer,
    ImportOptions,
    RowError,
)
from socialplan.measure.importers.registry import (
    choose_importer,
    detect_format,
    export_import,
    importers,
    metrics_import,
)

__all__ = [
    "ColumnMapping",
    "Detection",
    "ImportBatch",
    "ImportOptions",
    "Importer",
    "RowError",
    "choose_importer",
    "detect_format",
    "export_import",
    "importers",
    "metrics_import",
]
