"""What every importer is and returns: the contract the shared test checks for each module."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from socialplan.i18n import Text
from socialplan.measure.read import ExportFile, FileKind


@dataclass(frozen=True)
class RowError:
    """One rejected record: the file line it starts on, the field and why."""

    line: int
    field: str
    message: Text

    def describe(self, source: str, lang: str = "en") -> str:
        return f"{source}:{self.line} [{self.field}]: {self.message('he' if lang == 'he' else 'en')}"


@dataclass(frozen=True)
class Detection:
    importer_id: str
    confidence: float  # 0..1; a header signature match is 0.9, a sheet name plus header 1.0
    reason: Text


@dataclass(frozen=True)
class ImportOptions:
    """What the user can tell an import that the file does not say."""

    account: str | None = None  # the handle or page name the file belongs to
    platform: str | None = None  # catalogue channel id, for the generic importer
    mapping: ColumnMapping | None = None  # generic importer: which column is which field
    # Exports that print dates without a year (TikTok) are read as the latest such date on or
    # before this day; today when not given.
    reference_date: dt.date | None = None
    # Local time of exports that print times without an offset, when the platform documents none.
    timezone: str | None = None
    # Privacy: turns a mention author's handle into a pseudonym before anything is stored (the
    # opinion package's keyed ``author_pseudonym``, bound to the workspace's secret).
    author_pseudonym: Callable[[str], str] | None = None


@dataclass
class ImportBatch:
    """One file parsed into canonical tables (see ``socialplan.measure.schema``), before storing.

    Frames carry every column of their table except ``import_id``, with these dtypes: strings as
    Arrow-backed ``string[pyarrow]`` (missing is ``pd.NA``; the store reads their Arrow buffers
    without a copy), ``float64``, ``Int64`` for integers, ``boolean``, ``datetime64[ns, UTC]``
    for timestamps and ``datetime64[ns]`` at midnight for dates. The store also accepts ``object``
    text columns (``str`` or ``None``) and converts them.
    """

    format: str
    source: str
    sha256: str
    tables: dict[str, pd.DataFrame]
    rows_read: int
    rejected: list[RowError] = field(default_factory=list)
    account_id: str | None = None
    notes: list[Text] = field(default_factory=list)

    @property
    def rows_written(self) -> int:
        return sum(len(frame) for name, frame in self.tables.items() if name != "accounts")


class Importer(ABC):
    """One platform export format. Subclasses are stateless; the registry keeps one instance."""

    id: str
    name: Text
    platform: str | None  # catalogue channel id; None when the file says (generic, GA4)
    file_kinds: frozenset[FileKind]

    @abstractmethod
    def detect(self, export: ExportFile) -> Detection | None:
        """A confidence that ``export`` is this format, from its headers and sheet names."""

    @abstractmethod
    def parse(self, export: ExportFile, options: ImportOptions) -> ImportBatch:
        """The canonical tables; raises ``ImportInputError`` for a file it cannot read at all."""


@dataclass(frozen=True)
class ColumnMapping:
    """A saved mapping for the generic importer: which file column fills which canonical field.

    ``columns`` maps canonical field names of ``table`` to the file's header names; ``metrics``
    maps file headers to metric names (wide metric columns become long observations).
    """

    table: str  # mentions | posts | account_daily | web_sessions
    columns: dict[str, str] = field(default_factory=dict)
    metrics: dict[str, str] = field(default_factory=dict)
    platform: str | None = None
    date_format: str | None = None
    timezone: str | None = None
    subject: str | None = None  # mentions: the brand the file is about
    is_competitor: bool = False
