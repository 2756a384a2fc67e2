"""Building blocks the importers share: header aliases, cell parsing with per-row rejection,
and assembling canonical frames. Parsing is vectorised (Arrow compute on the CSV reader's Arrow
string columns, pandas for the rest) so a million-row export takes well under a second; the slow
path runs only on the cells the fast path could not read. Text leaves here as Arrow-backed
strings (``TEXT``), which the store hands to DuckDB without a conversion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, RowError
from socialplan.measure.read import ExportFile, ImportInputError, Sheet, Table
from socialplan.measure.schema import TABLES

# Cells that mean "no value" in exports: X prints '-' for promoted metrics of unpromoted posts,
# TikTok prints 'undefined'.
MISSING: frozenset[str] = frozenset({"", "-", "--", "—", "undefined", "null", "none", "n/a", "na", "nan"})
_MISSING_ARROW = pa.array(sorted(MISSING), pa.string())
# The canonical text dtype: Arrow-backed, missing values are ``pd.NA``.
TEXT = pd.StringDtype("pyarrow")


def header_key(name: object) -> str:
    """A header name folded for comparison: case, spacing, BOM and quotes do not matter."""
    text = unicodedata.normalize("NFKC", str(name or "")).replace("\ufeff", "")
    return re.sub(r"\s+", " ", text.strip().strip('"').strip()).casefold()


def find_header(sheet: Sheet, required: Iterable[str]) -> int | None:
    """The preview record that holds every required header (captions may sit above it)."""
    wanted = {header_key(name) for name in required}
    for index, record in enumerate(sheet.preview):
        if wanted <= {header_key(cell) for cell in record}:
            return index
    return None


def detect_by_header(
    export: ExportFile,
    importer_id: str,
    required: Sequence[str],
    *,
    any_of: Sequence[str] = (),
    absent: Sequence[str] = (),
    sheet_names: Sequence[str] = (),
) -> Detection | None:
    """A detection when some sheet has all ``required`` headers, one of ``any_of`` (if given),
    and none of ``absent``; a matching sheet name raises the confidence."""
    for sheet in export.sheets:
        index = find_header(sheet, required)
        if index is None:
            continue
        present = {header_key(c) for c in sheet.preview[index]}
        if any_of and not present & {header_key(a) for a in any_of}:
            continue
        if present & {header_key(a) for a in absent}:
            continue
        named = bool(sheet_names) and header_key(sheet.name) in {header_key(n) for n in sheet_names}
        return Detection(
            importer_id,
            1.0 if named else 0.9,
            Text(
                en=f"The header has the columns {', '.join(required)}.",
                he=f"בשורת הכותרת יש את העמודות {', '.join(required)}.",
            ),
        )
    return None


def column_positions(table: Table, aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Canonical field → column position, for the first header matching any alias of a field."""
    keys = [header_key(h) for h in table.header]
    found: dict[str, int] = {}
    for canonical, names in aliases.items():
        for name in names:
            key = header_key(name)
            if key in keys:
                found[canonical] = keys.index(key)
                break
    return found


class RowRejections:
    """Collects the rows a parse rejects; the first problem per row is reported."""

    def __init__(self, table: Table):
        self.table = table
        self.bad = np.zeros(len(table.frame), dtype=bool)
        self._problems: dict[int, tuple[str, Text]] = {}

    def reject(self, mask: np.ndarray | pd.Series, field: str, message: Text) -> None:
        rows = np.flatnonzero(np.asarray(mask, dtype=bool) & ~self.bad)
        for row in rows:
            self._problems.setdefault(int(row), (field, message))
        self.bad |= np.asarray(mask, dtype=bool)

    def errors(self) -> list[RowError]:
        if not self._problems:
            return []
        lines = self.table.lines()
        return [
            RowError(lines[row] if row < len(lines) else row + self.table.header_line + 1, field, message)
            for row, (field, message) in sorted(self._problems.items())
        ]

    @property
    def keep(self) -> np.ndarray:
        return ~self.bad


def _is_arrow_text(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def _all_strings(column: pd.Series) -> bool:
    return _is_arrow_text(column) or bool(pd.api.types.infer_dtype(column, skipna=False) == "string")


def _as_text(column: pd.Series) -> pd.Series:
    """Cells as stripped text; CSV columns (Arrow strings) take the vectorised path."""
    if _all_strings(column):
        return column.str.strip()
    return column.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())


def _arrow(text: pd.Series) -> pa.Array | pa.ChunkedArray:
    if _is_arrow_text(text):
        return pa.array(text)  # the column's own Arrow buffers (large_string), no conversion
    return pa.array(text, type=pa.string(), from_pandas=True)


def text_series(values: pa.Array | pa.ChunkedArray, index: pd.Index | None = None) -> pd.Series:
    """Arrow strings as a ``TEXT`` series, without going through Python objects."""
    return pd.Series(pd.arrays.ArrowStringArray(values), index=index, copy=False)


def _encode(text: pd.Series) -> pa.DictionaryArray:
    """Arrow text cells as codes into their distinct values (a null is a value of its own)."""
    array = _arrow(text)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.dictionary_encode(array, null_encoding="encode")


def _factorize(text: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Codes and distinct values of text cells. Exports repeat the same days, markers and ids,
    so per-cell work is done once per distinct value and spread back by code; Arrow strings
    are encoded by Arrow itself."""
    if _is_arrow_text(text):
        encoded = _encode(text)
        return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary
    codes, distinct = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    return codes, pa.array(distinct, pa.string(), from_pandas=True)


def _missing(text: pd.Series) -> np.ndarray:
    """Which stripped cells are missing markers ('', '-', 'undefined', 'N/A', …)."""
    return is_marker(text, _MISSING_ARROW)


def is_marker(text: pd.Series, words: pa.Array) -> np.ndarray:
    """Which cells, stripped and lower-cased, are one of ``words`` (lower-case Arrow strings)."""
    codes, distinct = _factorize(text if _all_strings(text) else _as_text(text))
    lowered = pc.utf8_lower(pc.utf8_trim_whitespace(distinct))
    found = pc.fill_null(pc.is_in(lowered, value_set=words), False).to_numpy(zero_copy_only=False)
    marked: np.ndarray = np.asarray(found, dtype=bool)[codes]
    return marked


def numbers(column: pd.Series, rejections: RowRejections, field: str) -> pd.Series:
    """Cells as float64; missing markers become NaN, anything else unreadable rejects its row.

    A cell like ``=1+2`` or ``@SUM(A1)`` (formula injection) is never a number, so it rejects
    its row instead of being read or evaluated.
    """
    if column.dtype.kind in "fi":
        return column.astype("float64")
    if _is_arrow_text(column):
        # Fastest path: a column of plain numbers casts as it is, with no trimming or markers.
        try:
            cast = pc.cast(_arrow(column), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
        else:
            return pd.Series(cast.to_numpy(zero_copy_only=False), index=column.index, dtype="float64")
    if _all_strings(column):
        # Fast path: Arrow casts the whole column at once; any unreadable cell sends the column
        # to the careful path below, which finds and reports the bad rows.
        text = _as_text(column)
        blank = pa.array(_missing(text))
        try:
            cast = pc.cast(pc.if_else(blank, pa.scalar(None, pa.string()), _arrow(text)), pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            column = text.astype(object)
        else:
            return pd.Series(cast.to_numpy(zero_copy_only=False), index=column.index, dtype="float64")
    values = pd.to_numeric(column, errors="coerce")
    failed = values.isna().to_numpy()
    if failed.any():
        raw = column[failed]
        text = _as_text(raw)
        missing = _missing(text)
        cleaned = text[~missing].str.replace(r"(?<=\d)[,\u00a0 ](?=\d{3}\b)", "", regex=True)
        percent = cleaned.str.endswith("%")
        cleaned = cleaned.str.rstrip("%")
        # Only plain decimals are accepted here: no expressions, no exotic forms.
        plain = cleaned.str.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
        parsed = pd.to_numeric(cleaned.where(plain), errors="coerce")
        parsed = parsed.where(~percent, parsed / 100)
        values = values.astype("float64")
        values.loc[parsed.index] = parsed
        bad_index = parsed.index[parsed.isna()]
        bad = np.zeros(len(column), dtype=bool)
        bad[column.index.get_indexer(bad_index)] = True
        if bad.any():
            sample = text.loc[bad_index[0]]
            kind = "formula" if sample[:1] in "=+-@" else "value"
            rejections.reject(
                bad,
                field,
                Text(
                    en=f"'{sample[:40]}' is not a number"
                    + (
                        " (a cell that starts like a spreadsheet formula is never read as one)."
                        if kind == "formula"
                        else "."
                    ),
                    he=f"'{sample[:40]}' אינו מספר"
                    + (" (תא שנראה כמו נוסחת גיליון אלקטרוני לעולם אינו נקרא כנוסחה)." if kind == "formula" else "."),
                ),
            )
    return values.astype("float64")


def timestamps(
    column: pd.Series,
    formats: Sequence[str],
    rejections: RowRejections,
    field: str,
    *,
    timezone: str = "UTC",
    required: bool = True,
) -> pd.Series:
    """Cells as UTC timestamps. Strings are tried against ``formats`` in turn (a format with
    ``%z`` carries its own offset; others are local to ``timezone``); spreadsheet datetimes and
    Excel serial day numbers are accepted too."""
    # Naive UTC nanoseconds, filled by position; the zone is attached once at the end.
    stamps = np.full(len(column), np.datetime64("NaT"), dtype="datetime64[ns]")
    if _all_strings(column):
        is_text = np.ones(len(column), dtype=bool)
        codes, distinct = _factorize(column)
    else:
        is_datetime = column.map(lambda v: hasattr(v, "year")).to_numpy(dtype=bool)
        is_serial = column.map(lambda v: isinstance(v, float | int) and not isinstance(v, bool)).to_numpy(dtype=bool)
        if is_datetime.any():
            stamps[is_datetime] = _utc_naive(_localise(pd.to_datetime(column[is_datetime]), timezone))
        if is_serial.any():
            serial = pd.to_datetime(column[is_serial].astype("float64"), unit="D", origin="1899-12-30")
            stamps[is_serial] = _utc_naive(_localise(serial, timezone))
        is_text = ~(is_datetime | is_serial)
        codes, distinct = _factorize(_as_text(column.where(is_text, "")))
    # Each distinct text is parsed once, then spread back to its rows by code.
    text = pd.Series(pc.utf8_trim_whitespace(distinct).to_pandas(), dtype=object).fillna("")
    blank = _missing(text)
    parsed = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = ~blank
    for fmt in formats:
        if not todo.any():
            break
        positions = np.flatnonzero(todo)
        subset = text.iloc[positions]
        if "%z" in fmt:
            once = pd.to_datetime(subset, format=fmt, errors="coerce", utc=True)
        else:
            once = _localise(pd.to_datetime(subset, format=fmt, errors="coerce"), timezone)
        values = _utc_naive(once)
        ok = ~np.isnat(values)
        parsed[positions[ok]] = values[ok]
        todo[positions[ok]] = False
    stamps[is_text] = parsed[codes][is_text]
    missing = blank[codes] & is_text
    pending = todo[codes] & is_text
    if pending.any():
        first = str(text.iloc[int(codes[int(np.argmax(pending))])])
        rejections.reject(
            pending,
            field,
            Text(
                en=f"'{first[:40]}' is not a date and time this export uses.",
                he=f"'{first[:40]}' אינו תאריך ושעה בתבנית של הייצוא הזה.",
            ),
        )
    if required and missing.any():
        rejections.reject(missing, field, Text(en="The date is missing.", he="התאריך חסר."))
    return pd.Series(stamps, index=column.index).dt.tz_localize("UTC")


def _utc_naive(values: pd.Series) -> np.ndarray:
    """UTC timestamps as naive ``datetime64[ns]`` values."""
    naive: np.ndarray = values.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="datetime64[ns]")
    return naive


def _localise(values: pd.Series, timezone: str) -> pd.Series:
    if values.dt.tz is not None:
        return values.dt.tz_convert("UTC")
    return values.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")


def dates(column: pd.Series, formats: Sequence[str], rejections: RowRejections, field: str) -> pd.Series:
    """Cells as calendar days (``datetime64[ns]`` at midnight, no time zone)."""
    stamps = timestamps(column, formats, rejections, field, timezone="UTC")
    return stamps.dt.tz_localize(None).dt.normalize()


def texts(column: pd.Series) -> pd.Series:
    """Cells as ``TEXT`` kept verbatim (trimmed); empty cells and missing markers become NA."""
    if _is_arrow_text(column):
        # Trimmed and checked once per distinct value (exports repeat ids, names and types);
        # when no value changes, the column itself is the answer and nothing is copied.
        encoded = _encode(column)
        kept = _kept_text(encoded.dictionary)
        if kept.null_count == 0 and kept.equals(encoded.dictionary):
            return column
        return text_series(kept.take(encoded.indices), column.index)
    return text_series(_kept_text(_arrow(_as_text(column))), column.index)


def _kept_text(cells: pa.Array) -> pa.Array:
    text = pc.utf8_trim_whitespace(cells)
    blank = pc.fill_null(pc.is_in(pc.utf8_lower(text), value_set=_MISSING_ARROW), True)
    return pc.if_else(blank, pa.scalar(None, text.type), text)


@dataclass(frozen=True)
class MetricColumn:
    """A header that holds one metric: its canonical name, whether it counts distinct people,
    and whether it is organic, paid or their total."""

    metric: str
    unique: bool = False
    paid: str = "total"
    scale: float = 1.0


def observations(
    keys: pd.DataFrame,
    values: Mapping[MetricColumn, pd.Series],
    keep: np.ndarray | None = None,
) -> pd.DataFrame:
    """Wide metric columns → long observations: one row per (key row, metric) with a value,
    from the rows ``keep`` marks (all when not given). ``values`` line up with ``keys``."""
    specs = list(values)
    if not specs or keys.empty:
        empty = text_series(pa.array([], pa.string()))
        return keys.iloc[0:0].assign(metric=empty, value=np.array([], "float64"), unique=np.array([], bool), paid=empty)
    matrix = np.column_stack([values[spec].to_numpy(dtype="float64") * spec.scale for spec in specs])
    present = ~np.isnan(matrix.T)
    if keep is not None:
        present &= np.asarray(keep, dtype=bool)
    # Metric-major order (all rows of the first metric, then the next), as people read them.
    metric_index, row_index = np.nonzero(present)
    if len(specs) == 1 and len(row_index) == len(keys):
        long = keys.reset_index(drop=True)  # one metric present in every row: no reordering to do
    else:
        long = keys.take(row_index).reset_index(drop=True)
    which = pa.array(metric_index)
    long["metric"] = _per_metric([spec.metric for spec in specs], which)
    long["value"] = matrix[row_index, metric_index]
    long["unique"] = np.array([spec.unique for spec in specs], dtype=bool)[metric_index]
    long["paid"] = _per_metric([spec.paid for spec in specs], which)
    return long


def _per_metric(names: list[str], which: pa.Array) -> pd.Series:
    """The ``TEXT`` column holding ``names[i]`` for each observation of metric ``i``."""
    if len(set(names)) == 1:
        return _constant(names[0], TEXT, len(which))
    return text_series(pa.array(names, pa.large_string()).take(which))


def key_frame(columns: Mapping[str, object], length: int) -> pd.DataFrame:
    """Key columns of ``length`` rows: series as given, a text constant as a ``TEXT`` column
    (built by Arrow, not a million Python strings), other constants broadcast."""
    built: dict[str, object] = {}
    for name, value in columns.items():
        if isinstance(value, pd.Series):
            built[name] = value.reset_index(drop=True)
        elif isinstance(value, str):
            built[name] = _constant(value, TEXT, length)
        else:
            built[name] = pd.Series(value, index=pd.RangeIndex(length))
    return pd.DataFrame(built, copy=False)


def daily_account_observations(
    platform: str, account: str, days: pd.Series, values: Mapping[MetricColumn, pd.Series], keep: np.ndarray
) -> pd.DataFrame:
    """Long ``account_daily`` observations of the kept rows of a per-day account export."""
    keys = key_frame({"platform": platform, "account_id": account, "date": days}, len(days))
    return observations(keys, {spec: series.reset_index(drop=True) for spec, series in values.items()}, keep)


def daily_post_observations(
    platform: str,
    account: str,
    post_ids: pd.Series,
    days: pd.Series,
    values: Mapping[MetricColumn, pd.Series],
    keep: np.ndarray,
) -> pd.DataFrame:
    """Long daily post observations of the kept rows of a per-day-and-post export."""
    keys = key_frame(
        {"platform": platform, "account_id": account, "post_id": post_ids, "grain": "daily", "date": days},
        len(post_ids),
    )
    return observations(keys, {spec: series.reset_index(drop=True) for spec, series in values.items()}, keep)


_PANDAS_DTYPES: dict[str, object] = {
    "string": TEXT,
    "float64": "float64",
    "int64": "Int64",
    "boolean": "boolean",
    "timestamp": "datetime64[ns, UTC]",
    "date": "datetime64[ns]",
}


def schema_dtypes(table: str) -> dict[str, object]:
    """The pandas dtype of each canonical column of ``table`` (without ``import_id``)."""
    dtypes: dict[str, object] = {}
    for name, dtype in TABLES[table].items():
        if name == "import_id":
            continue
        kind = "timestamp" if dtype.is_timestamp() else str(dtype).rstrip("!")
        dtypes[name] = _PANDAS_DTYPES[kind]
    return dtypes


def canonical(table: str, frame: pd.DataFrame | Mapping[str, object], length: int | None = None) -> pd.DataFrame:
    """A frame with exactly ``table``'s columns, in order, with canonical dtypes; columns not
    given are null (constants broadcast)."""
    source = frame if isinstance(frame, pd.DataFrame) else None
    if length is None:
        length = len(source) if source is not None else _length(frame)
    columns: dict[str, pd.Series] = {}
    for name, dtype in schema_dtypes(table).items():
        value = frame.get(name)
        if isinstance(value, pd.Series):
            series = value.reset_index(drop=True)
        elif isinstance(value, np.ndarray | list):
            series = pd.Series(value)
        else:
            columns[name] = _constant(value, dtype, length)
            continue
        if series.dtype == dtype:
            columns[name] = series
        elif dtype is TEXT and series.dtype != object:
            # Numbers or dates where text is expected: their text, nulls kept null.
            columns[name] = series.astype(object).where(series.notna(), None).astype(TEXT)
        else:
            columns[name] = series.astype(dtype)
    return pd.DataFrame(columns, copy=False)


def _constant(value: object, dtype: object, length: int) -> pd.Series:
    """A column holding one value (or null) in every row."""
    if dtype is TEXT:
        # large_string is what pandas keeps Arrow text in: built so, no cast follows.
        kind = pa.large_string()
        cells = pa.nulls(length, kind) if value is None else pa.repeat(pa.scalar(str(value), kind), length)
        return text_series(cells)
    return pd.Series(value, index=pd.RangeIndex(length), dtype=dtype)


def _length(frame: Mapping[str, object]) -> int:
    for value in frame.values():
        if isinstance(value, pd.Series | np.ndarray | list):
            return len(value)
    return 1


def account_id(platform: str, handle: str) -> str:
    """The store's account key: ``<platform>:<handle>``, handle without '@', lower case."""
    return f"{platform}:{handle.strip().lstrip('@').casefold()}"


def accounts_frame(platform: str, handle: str, name: str | None = None) -> pd.DataFrame:
    return canonical(
        "accounts",
        {
            "account_id": account_id(platform, handle),
            "platform": platform,
            "handle": handle.strip().lstrip("@"),
            "name": name or handle,
            "is_competitor": False,
        },
        1,
    )


UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")
_UTM_URL = re.compile(r"https?://\S*utm_\S*")


def utm_columns(values: pd.Series) -> dict[str, pd.Series]:
    """``utm_source``, ``utm_medium`` and ``utm_campaign`` of the first tagged URL in each cell
    (a URL or a post's text); None when there is none."""
    found = {key: np.full(len(values), None, dtype=object) for key in UTM_KEYS}
    cells = values.to_numpy(dtype=object)
    tagged = np.flatnonzero([isinstance(cell, str) and "utm_" in cell for cell in cells])
    parsed: dict[str, dict[str, list[str]]] = {}  # the same link recurs in many posts
    for row in tagged:
        cell = cells[row]
        if cell not in parsed:
            match = _UTM_URL.search(cell)
            parsed[cell] = parse_qs(urlsplit(match.group(0) if match else cell).query)
        for key in UTM_KEYS:
            found[key][row] = parsed[cell].get(key, [None])[0]
    return {key: pd.Series(column, index=values.index, dtype=object) for key, column in found.items()}


def marker_rows(column: pd.Series, *words: str) -> np.ndarray:
    """Which cells are one of ``words`` (case and surrounding spaces ignored), e.g. 'Total'."""
    return is_marker(column, pa.array([w.casefold() for w in words], pa.string()))


def batch(
    importer_id: str,
    export: ExportFile,
    tables: Mapping[str, pd.DataFrame],
    rejections: Sequence[RowRejections],
    rows_read: int,
    *,
    account: str | None = None,
    notes: Sequence[Text] = (),
) -> ImportBatch:
    """The batch with canonical frames for every table the importer filled."""
    errors = [error for r in rejections for error in r.errors()]
    return ImportBatch(
        format=importer_id,
        source=export.name,
        sha256=export.sha256,
        tables={name: canonical(name, frame) for name, frame in tables.items()},
        rows_read=rows_read,
        rejected=sorted(errors, key=lambda e: e.line),
        account_id=account,
        notes=list(notes),
    )


NO_HEADER = Text(
    en="The expected header row was not found in the first rows of the file.",
    he="שורת הכותרת הצפויה לא נמצאה בשורות הראשונות של הקובץ.",
)


def account_handle(options_account: str | None, inferred: str | None) -> tuple[str, list[Text]]:
    """The account a file belongs to: the user's word first, then what the file says, else
    ``default`` with a note asking for ``--account`` when several accounts share a platform."""
    if options_account:
        return options_account, []
    if inferred:
        return inferred, []
    return "default", [
        Text(
            en="The file does not name its account, so it was stored under 'default'; "
            "pass --account when you import files of several accounts of one platform.",
            he="הקובץ אינו מציין את החשבון, ולכן נשמר תחת 'default'; "
            "ציינו ‎--account כשמייבאים קבצים של כמה חשבונות באותה פלטפורמה.",
        )
    ]


def header_table(export: ExportFile, required: Sequence[str], *, sheet: Sheet | None = None) -> Table:
    """The table under the first row holding every ``required`` header (first sheet by default)."""
    chosen = sheet or export.sheets[0]
    index = find_header(chosen, required)
    if index is None:
        raise ImportInputError(export.name, NO_HEADER)
    return chosen.table(index)


def lifetime_keys(platform: str, account: str, post_ids: pd.Series) -> pd.DataFrame:
    """Key columns of lifetime post observations, one row per post id."""
    return key_frame(
        {
            "platform": platform,
            "account_id": account,
            "post_id": post_ids,
            "grain": "lifetime",
            "date": pd.Series(pd.NaT, index=pd.RangeIndex(len(post_ids)), dtype="datetime64[ns]"),
        },
        len(post_ids),
    )


def account_batch(
    importer_id: str,
    export: ExportFile,
    *,
    platform: str,
    handle: str,
    tables: Mapping[str, pd.DataFrame],
    rejections: RowRejections,
    rows_read: int,
    notes: Sequence[Text] = (),
    name: str | None = None,
) -> ImportBatch:
    """The batch of one account's export: the account row plus the importer's tables."""
    return batch(
        importer_id,
        export,
        {"accounts": accounts_frame(platform, handle, name), **tables},
        [rejections],
        rows_read,
        account=account_id(platform, handle),
        notes=notes,
    )


def text_map(text: pd.Series, action: Callable[[str], object]) -> pd.Series:
    """``action`` applied to each present text cell; missing cells stay None."""
    mapped = text.map(action, na_action="ignore").astype(object)
    return mapped.where(mapped.notna(), None)


def lookup(text: pd.Series, table: Mapping[str, str]) -> pd.Series:
    """Each text cell's entry in ``table`` (keys in lower case), None when it has none."""
    return text_map(text, lambda cell: table.get(cell.casefold()))


def column_texts(frame: pd.DataFrame, cols: Mapping[str, int], field: str) -> pd.Series:
    """The text cells of an optional column; all None when the file lacks it."""
    if field in cols:
        return texts(frame[cols[field]])
    return text_series(pa.nulls(len(frame), pa.string()), frame.index)


def lifetime_observations(
    platform: str, account: str, post_ids: pd.Series, values: Mapping[MetricColumn, pd.Series], keep: np.ndarray
) -> pd.DataFrame:
    """Long lifetime observations of the kept posts, one row per post and metric with a value."""
    keys = lifetime_keys(platform, account, post_ids)
    return observations(keys, {spec: series.reset_index(drop=True) for spec, series in values.items()}, keep)


def metric_values(
    table: Table, metrics: Mapping[str, MetricColumn], rejections: RowRejections
) -> dict[MetricColumn, pd.Series]:
    """The numbers of every column whose header names one of ``metrics`` (first column wins)."""
    values: dict[MetricColumn, pd.Series] = {}
    for position, header in enumerate(table.header):
        spec = metrics.get(header_key(header))
        if spec is not None and spec not in values:
            values[spec] = numbers(table.frame[position], rejections, header)
    return values


def first_text(text: pd.Series) -> str | None:
    """The first present cell of a text column, if any."""
    present = text.dropna()
    return str(present.iloc[0]) if len(present) else None


def posts_batch(
    importer_id: str,
    export: ExportFile,
    *,
    platform: str,
    handle: str,
    post_ids: pd.Series,
    columns: Mapping[str, object],
    values: Mapping[MetricColumn, pd.Series],
    keep: np.ndarray,
    rejections: RowRejections,
    rows_read: int,
    notes: Sequence[Text] = (),
    name: str | None = None,
) -> ImportBatch:
    """The batch of a per-post export (one post per row, lifetime metric columns): the account,
    the kept rows as ``posts`` (``columns`` holds the fields beyond the keys) and their
    lifetime observations."""
    account = account_id(platform, handle)
    posts = key_frame({"platform": platform, "account_id": account, "post_id": post_ids, **columns}, len(post_ids))
    return account_batch(
        importer_id,
        export,
        platform=platform,
        handle=handle,
        tables={
            "posts": posts[np.asarray(keep, dtype=bool)],
            "post_metrics": lifetime_observations(platform, account, post_ids, values, keep),
        },
        rejections=rejections,
        rows_read=rows_read,
        notes=notes,
        name=name,
    )
