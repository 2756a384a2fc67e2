"""Reading export files whatever their container: CSV in any delimiter and encoding, XLS, XLSX,
SpreadsheetML XML saved as .xls, Parquet and JSON rows (the GA4 BigQuery export).

The kind of file is decided from its first bytes, never from its name, so a file that is not
what its name claims fails with a clear message instead of a parser's traceback. Everything is
read into memory once (a size limit guards that), and every table keeps enough information to
name the line a bad cell came from.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import pandas as pd

from socialplan.i18n import Text

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
PREVIEW_RECORDS = 40

FileKind = Literal["csv", "xlsx", "xls", "spreadsheetml", "parquet", "json"]
Cell = str | float | int | datetime | None


class ImportInputError(ValueError):
    """A file that cannot be imported: names the file and, when known, the line and field."""

    def __init__(self, source: str, message: Text, *, line: int | None = None, field: str | None = None):
        self.source = source
        self.message = message
        self.line = line
        self.field = field
        super().__init__(self.describe("en"))

    def describe(self, lang: Literal["en", "he"]) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message(lang)}"


@dataclass(frozen=True)
class Table:
    """One header row and the records under it. ``frame`` has positional integer columns
    because exports repeat header names (Facebook's unique/total pairs)."""

    source: str
    sheet: str
    header: list[str]
    frame: pd.DataFrame
    header_line: int
    _line_numbers: Callable[[], list[int]]

    def lines(self) -> list[int]:
        """The 1-based file line (or sheet row) where each record of ``frame`` starts."""
        return self._line_numbers()


@dataclass
class Sheet:
    """A sheet of a workbook, or the single table of a CSV file, before its header is known."""

    name: str
    preview: list[list[str]]
    _load: Callable[[int, bool], Table]

    def table(self, header_index: int, *, stop_at_blank: bool = False) -> Table:
        """The table whose header is preview record ``header_index``."""
        return self._load(header_index, stop_at_blank)


@dataclass
class ExportFile:
    """A file read into memory: its kind, its sheets, and for column stores its frame."""

    path: Path
    data: bytes
    kind: FileKind
    sheets: list[Sheet] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    records: pd.DataFrame | None = None  # parquet / JSON rows

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def sheet(self, name: str) -> Sheet | None:
        wanted = name.casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == wanted), None)


def file_kind(data: bytes, source: str) -> FileKind:
    """The container format from the first bytes; the name's extension only sharpens errors."""
    suffix = Path(source).suffix.lower()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if data.startswith(b"PAR1"):
        return "parquet"
    if head.startswith((b"<?xml", b"<Workbook")):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
            return "spreadsheetml"
        raise ImportInputError(
            source,
            Text(
                en="This is an XML file but not an Excel SpreadsheetML workbook.",
                he="זהו קובץ XML אך לא חוברת SpreadsheetML של Excel.",
            ),
        )
    if suffix in {".xlsx", ".xlsm", ".parquet"} or (suffix == ".xls" and not _looks_textual(data)):
        raise ImportInputError(
            source,
            Text(
                en=f"The file is named {suffix} but its contents are not in that format; it may be damaged or renamed.",
                he=f"שם הקובץ מסתיים ב-{suffix} אך תוכנו אינו בתבנית הזו; ייתכן שהוא פגום או ששמו שונה.",
            ),
        )
    if head[:1] in (b"{", b"[") and suffix in {".json", ".jsonl", ".ndjson"}:
        return "json"
    return "csv"


def _looks_textual(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in sample


def export_read(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> ExportFile:
    """Read a file into memory and split it into sheets. Raises ``ImportInputError``."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportInputError(
            source,
            Text(
                en=f"The file cannot be read: {error.strerror}.",
                he=f"לא ניתן לקרוא את הקובץ: {error.strerror}.",
            ),
        ) from error
    if size > max_bytes:
        raise ImportInputError(
            source,
            Text(
                en=f"The file is {size / 1e6:.1f} MB, larger than the import limit of {max_bytes / 1e6:.0f} MB.",
                he=f"גודל הקובץ {size / 1e6:.1f} MB, מעבר למגבלת הייבוא של {max_bytes / 1e6:.0f} MB.",
            ),
        )
    return export_parse(path, path.read_bytes(), encoding=encoding)


def export_parse(path: Path, data: bytes, *, encoding: str | None = None) -> ExportFile:
    """Split bytes already in memory into sheets (the web upload path has no file on disk)."""
    source = path.name
    if not data.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n"):
        raise ImportInputError(source, Text(en="The file is empty.", he="הקובץ ריק."))
    kind = file_kind(data, source)
    export = ExportFile(path=path, data=data, kind=kind)
    if kind == "csv":
        text, export.encoding = decode_text(data, source, encoding)
        export.delimiter = sniff_delimiter(text)
        export.sheets = [_csv_sheet(source, text, export.delimiter)]
    elif kind == "xlsx":
        export.sheets = _xlsx_sheets(source, data)
    elif kind == "xls":
        export.sheets = _xls_sheets(source, data)
    elif kind == "spreadsheetml":
        export.sheets = _spreadsheetml_sheets(source, data)
    elif kind == "parquet":
        export.records = _parquet_records(source, data)
    else:
        export.records = _json_records(source, data)
    return export


# ---------------------------------------------------------------- text and CSV

# Hebrew words in Windows-1255 are runs of bytes E0-FA; accented Latin letters in Windows-1252
# fall in the same range but stand alone between ASCII letters.
_HEBREW_CP1255 = re.compile(rb"[\xe0-\xfa]{2,}")


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text export: BOMs first, then strict UTF-8, then UTF-16 without a BOM, then the
    Windows code page that fits (Hebrew exports from Excel are Windows-1255)."""
    candidates: list[str]
    if encoding:
        candidates = [encoding]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8"]
        sample = data[:4096]
        # UTF-16 without a BOM: ASCII characters leave NUL bytes on one side of each pair.
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 10 and even * 4 < odd:
            candidates.insert(0, "utf-16-le")
        elif even > len(sample) // 10 and odd * 4 < even:
            candidates.insert(0, "utf-16-be")
        high = re.findall(rb"[\x80-\xff]", sample)
        hebrew = b"".join(_HEBREW_CP1255.findall(sample))
        candidates += ["cp1255", "cp1252"] if high and len(hebrew) * 2 >= len(high) else ["cp1252", "cp1255"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" in text:
            continue
        return text, candidate
    raise ImportInputError(
        source,
        Text(
            en=f"The file's text encoding could not be recognised (tried {', '.join(candidates)}); "
            "save it as UTF-8 and import again.",
            he=f"קידוד הטקסט של הקובץ לא זוהה (נוסו {', '.join(candidates)}); שמרו אותו כ-UTF-8 וייבאו שוב.",
        ),
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first non-comment lines into the most, equal, fields."""
    lines = [ln for ln in text[:65536].splitlines() if ln.strip() and not ln.startswith("#")][:20]
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([ln], delimiter=delimiter), [])) for ln in lines]
        if not counts or max(counts) < 2:
            continue
        # Caption rows above the header have one field; the common count is what matters.
        common = max(set(counts), key=counts.count)
        score = common * counts.count(common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_sheet(source: str, text: str, delimiter: str) -> Sheet:
    preview: list[list[str]] = []
    starts: list[int] = []  # 1-based line where each preview record starts
    reader = csv.reader(io.StringIO(text[: 1 << 20]), delimiter=delimiter)
    line = 1
    try:
        for record in reader:
            if record:
                preview.append([c.strip() for c in record])
                starts.append(line)
            line = reader.line_num + 1
            if len(preview) >= PREVIEW_RECORDS:
                break
    except csv.Error as error:
        raise ImportInputError(
            source,
            Text(en=f"The CSV text is malformed: {error}.", he=f"טקסט ה-CSV פגום: {error}."),
            line=line,
        ) from error

    def load(header_index: int, stop_at_blank: bool) -> Table:
        header_line = starts[header_index]
        offset = _offset_of_line(text, header_line)
        body = text[offset:]
        if stop_at_blank:
            body = _cut_at_blank(body)
        frame = _read_csv_arrow(body, delimiter)
        if frame is None:
            # The C parser is slower but names the line of a malformed record.
            try:
                frame = pd.read_csv(
                    io.StringIO(body),
                    sep=delimiter,
                    header=None,
                    dtype=str,
                    keep_default_na=False,
                    na_filter=False,
                    skip_blank_lines=True,
                    engine="c",
                )
            except pd.errors.ParserError as error:
                raise _parser_error(source, str(error), header_line) from error
            except pd.errors.EmptyDataError as error:
                raise ImportInputError(source, Text(en="The file has no table.", he="אין בקובץ טבלה.")) from error
        header = [str(c).strip() for c in frame.iloc[0].tolist()]
        _check_last_record(source, body, delimiter, len(header), header_line)
        frame = frame.iloc[1:].reset_index(drop=True).fillna("")

        def line_numbers() -> list[int]:
            numbers: list[int] = []
            lines_reader = csv.reader(io.StringIO(body), delimiter=delimiter)
            start = 1
            for record in lines_reader:
                if record:
                    numbers.append(header_line + start - 1)
                start = lines_reader.line_num + 1
            return numbers[1:]

        return Table(source, "", header, frame, header_line, line_numbers)

    return Sheet("", preview, load)


def _read_csv_arrow(body: str, delimiter: str) -> pd.DataFrame | None:
    """The table as Arrow-backed string columns (multi-threaded, vectorised string operations
    downstream), or None when Arrow refuses the text, so the C parser can name the bad line."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    first = next(csv.reader(io.StringIO(body[: 1 << 20]), delimiter=delimiter), None)
    if not first:
        return None
    width = len(first)
    try:
        table = pcsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pcsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pcsv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if table.num_columns != width:
        return None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = range(width)
    return frame


def _parser_error(source: str, message: str, header_line: int) -> ImportInputError:
    unclosed = re.search(r"EOF inside string starting at row (\d+)", message)
    if unclosed:
        return ImportInputError(
            source,
            Text(
                en="A quoted cell starting here is never closed: the file seems truncated or damaged.",
                he="תא במירכאות שמתחיל כאן לא נסגר: נראה שהקובץ קטוע או פגום.",
            ),
            line=header_line + int(unclosed.group(1)),
        )
    match = re.search(r"line (\d+), saw (\d+)", message)
    expected = re.search(r"Expected (\d+) fields", message)
    if match and expected:
        line = header_line + int(match.group(1)) - 1
        return ImportInputError(
            source,
            Text(
                en=f"This line has {match.group(2)} fields where the header has {expected.group(1)}; "
                "the file may be truncated, damaged or use another delimiter.",
                he=f"בשורה זו {match.group(2)} שדות בעוד שבכותרת {expected.group(1)}; "
                "ייתכן שהקובץ קטוע, פגום או משתמש במפריד אחר.",
            ),
            line=line,
        )
    return ImportInputError(
        source,
        Text(
            en=f"The file could not be read as CSV ({message.strip()}); it may be truncated.",
            he=f"לא ניתן לקרוא את הקובץ כ-CSV ({message.strip()}); ייתכן שהוא קטוע.",
        ),
    )


def _check_last_record(source: str, body: str, delimiter: str, width: int, header_line: int) -> None:
    """A file cut off in the middle of its last row: fewer fields than the header and no
    final line break (complete exports may omit the break, but then the row is whole)."""
    if body.endswith(("\n", "\r")) or not body.strip():
        return
    tail = body[body.rfind("\n") + 1 :]
    fields = next(csv.reader([tail], delimiter=delimiter), [])
    if len(fields) < width:
        raise ImportInputError(
            source,
            Text(
                en=f"The last row has {len(fields)} of the header's {width} fields and no line end: "
                "the file seems truncated. Export it again.",
                he=f"בשורה האחרונה {len(fields)} מתוך {width} השדות שבכותרת ואין סוף שורה: "
                "נראה שהקובץ קטוע. ייצאו אותו שוב.",
            ),
            line=header_line + body.count("\n"),
        )


def _offset_of_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def _cut_at_blank(body: str) -> str:
    match = re.search(r"\n[ \t,;]*\r?\n|\n#", body)
    return body[: match.start() + 1] if match else body


# ---------------------------------------------------------------- workbooks


def _rows_sheet(source: str, name: str, rows: list[list[Cell]]) -> Sheet:
    """A sheet whose rows are already in memory; sheet row numbers serve as line numbers."""
    numbered = [(i + 1, row) for i, row in enumerate(rows) if any(_present(c) for c in row)]
    preview = [[_cell_text(c) for c in row] for _, row in numbered[:PREVIEW_RECORDS]]

    def load(header_index: int, stop_at_blank: bool) -> Table:
        header_row, header = numbered[header_index]
        body = numbered[header_index + 1 :]
        if stop_at_blank:
            # A blank row ends the table, as in a CSV.
            end = next(
                (k for k, (number, _) in enumerate(body) if number != header_row + k + 1),
                len(body),
            )
            body = body[:end]
        width = len(header)
        while width and not _present(header[width - 1]):
            width -= 1
        records = [list(row[:width]) + [None] * (width - len(row)) for _, row in body]
        frame = pd.DataFrame(records, columns=range(width), dtype=object)
        numbers = [number for number, _ in body]
        return Table(source, name, [_cell_text(c) for c in header[:width]], frame, header_row, lambda: numbers)

    return Sheet(name, preview, load)


def _present(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# What a damaged XLSX raises on the way through zipfile, zlib, the XML parser and openpyxl.
_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    EOFError,
    IndexError,
    NotImplementedError,  # a compression method or ZIP version zipfile does not know
)


# A workbook is a ZIP of XML; a small file can unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024


def _check_unpacked_size(source: str, data: bytes) -> None:
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except _WORKBOOK_ERRORS as error:
        raise _damaged(source, "XLSX", error) from error
    if unpacked > min(MAX_UNPACKED_BYTES, max(len(data), 1 << 20) * MAX_UNPACKED_RATIO):
        raise ImportInputError(
            source,
            Text(
                en=f"The workbook would unpack to {unpacked / 1e6:.0f} MB, far more than a real export; "
                "it was not opened.",
                he=f"החוברת הייתה נפרסת ל-{unpacked / 1e6:.0f} MB, הרבה יותר מייצוא אמיתי; היא לא נפתחה.",
            ),
        )


def _xlsx_sheets(source: str, data: bytes) -> list[Sheet]:
    import openpyxl

    _check_unpacked_size(source, data)
    try:
        # data_only=False: a formula cell reads as its formula text, never as a computed value,
        # so a number column holding a formula is rejected instead of silently empty.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _WORKBOOK_ERRORS as error:
        raise _damaged(source, "XLSX", error) from error
    sheets: list[Sheet] = []
    try:
        for worksheet in book.worksheets:
            rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
            sheets.append(_rows_sheet(source, worksheet.title, rows))
    except _WORKBOOK_ERRORS as error:
        raise _damaged(source, "XLSX", error) from error
    finally:
        book.close()
    return sheets


def _xls_sheets(source: str, data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as error:  # xlrd raises bare Exception subclasses of many kinds
        raise _damaged(source, "XLS", error) from error
    sheets: list[Sheet] = []
    for worksheet in book.sheets():
        rows: list[list[Cell]] = []
        for r in range(worksheet.nrows):
            row: list[Cell] = []
            for cell in worksheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                else:
                    row.append(cell.value)
            rows.append(row)
        sheets.append(_rows_sheet(source, worksheet.name, rows))
    return sheets


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _spreadsheetml_sheets(source: str, data: bytes) -> list[Sheet]:
    """Excel 2003 XML. Parsed with the standard library: expat refuses external entities and
    limits entity expansion, so a hostile file cannot reach the network or exhaust memory."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise _damaged(source, "SpreadsheetML", error) from error
    sheets: list[Sheet] = []
    for worksheet in root.iter(f"{_SS}Worksheet"):
        rows: list[list[Cell]] = []
        for row_el in worksheet.iter(f"{_SS}Row"):
            index = row_el.get(f"{_SS}Index")
            if index:
                rows.extend([] for _ in range(int(index) - 1 - len(rows)))
            row: list[Cell] = []
            for cell_el in row_el.findall(f"{_SS}Cell"):
                cell_index = cell_el.get(f"{_SS}Index")
                if cell_index:
                    row.extend([None] * (int(cell_index) - 1 - len(row)))
                data_el = cell_el.find(f"{_SS}Data")
                row.append(_spreadsheetml_value(data_el))
            rows.append(row)
        sheets.append(_rows_sheet(source, worksheet.get(f"{_SS}Name", ""), rows))
    return sheets


def _spreadsheetml_value(data_el: ElementTree.Element | None) -> Cell:
    if data_el is None:
        return None
    value = "".join(data_el.itertext())
    kind = data_el.get(f"{_SS}Type", "String")
    if kind == "Number":
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _damaged(source: str, kind: str, error: BaseException) -> ImportInputError:
    return ImportInputError(
        source,
        Text(
            en=f"The {kind} workbook could not be opened ({error}); it may be truncated or damaged.",
            he=f"לא ניתן לפתוח את חוברת ה-{kind} ({error}); ייתכן שהיא קטועה או פגומה.",
        ),
    )


# ---------------------------------------------------------------- column stores


def _parquet_records(source: str, data: bytes) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(io.BytesIO(data)).to_pandas()
    except (pa.ArrowException, OSError, ValueError, UnicodeDecodeError) as error:
        raise _damaged(source, "Parquet", error) from error


def _json_records(source: str, data: bytes) -> pd.DataFrame:
    import json

    text, _ = decode_text(data, source)
    try:
        if text.lstrip().startswith("["):
            rows: Any = json.loads(text)
        else:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as error:
        raise ImportInputError(
            source,
            Text(
                en=f"The JSON is malformed ({error.msg}); the file may be truncated.",
                he=f"ה-JSON פגום ({error.msg}); ייתכן שהקובץ קטוע.",
            ),
            line=error.lineno,
        ) from error
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ImportInputError(source, Text(en="The JSON is not a list of records.", he="ה-JSON אינו רשימת רשומות."))
    return pd.DataFrame(rows)
