"""The contract every importer keeps, checked on a fixture of each format in the registry."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from socialplan.measure.importers import ImportOptions, detect_format, export_import, importers
from socialplan.measure.importers.common import schema_dtypes
from socialplan.measure.importers.generic import mapping_load
from socialplan.measure.read import ImportInputError, decode_text, sniff_delimiter
from socialplan.measure.store import AnalyticsStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REFERENCE = dt.date(2024, 1, 3)

UNIQUE_METRICS = {"reach", "engaged_users", "unique_visitors", "video_viewers", "clickers", "likers"}
COUNT_METRICS = {"impressions", "likes", "comments", "shares", "video_views", "clicks", "saves"}


@dataclass(frozen=True)
class Case:
    file: str
    # A numeric column and the data record (0-based, after the header) that gets a formula.
    numeric: str | None = None
    record: int = 0
    # Records between the header and the data (Facebook's description row).
    skip: int = 0
    mapping: str | None = None
    detected: bool = True

    def options(self) -> ImportOptions:
        mapping = mapping_load(FIXTURES / self.mapping) if self.mapping else None
        return ImportOptions(reference_date=REFERENCE, mapping=mapping)


CASES: dict[str, list[Case]] = {
    "x_tweet_activity": [
        Case("tweet_activity_metrics_acme_books_20160301_20160401_en.csv", numeric="impressions", record=1),
        Case("tweet_activity_metrics_acme_books_20150301_20150401_en.csv", numeric="favorites"),
    ],
    "x_account_daily": [
        Case("account_activity_metrics_acme_books_20240101_20240104_en.csv", numeric="impressions", record=2)
    ],
    "facebook_legacy_posts": [
        Case("facebook_legacy_posts.csv", numeric="Lifetime Post Total Reach", record=1, skip=1),
        Case("facebook_legacy_posts.xlsx", numeric="Lifetime Post Total Reach", record=1, skip=1),
    ],
    "meta_facebook_posts": [Case("meta_facebook_posts.csv", numeric="Reach")],
    "instagram_posts": [Case("instagram_posts.csv", numeric="Saves", record=1)],
    "linkedin_page": [
        Case("linkedin_content.xlsx", numeric="Impressions", record=1),
        Case("linkedin_page_spreadsheetml.xls"),
    ],
    "youtube_table": [Case("Table data.csv", numeric="Views", record=1)],
    "youtube_chart": [Case("Chart data.csv", numeric="Views")],
    "youtube_totals": [Case("Totals.csv", numeric="Views", record=2)],
    "tiktok_overview": [Case("Overview.csv", numeric="Likes", record=1)],
    "tiktok_content": [Case("Content.csv", numeric="Total views")],
    "ga4_csv": [
        Case("ga4_traffic_daily.csv", numeric="Sessions", record=2),
        Case("ga4_channels_range.csv", numeric="Engaged sessions"),
    ],
    "ga4_bigquery": [Case("events_20240301.parquet"), Case("events_20240301.jsonl")],
    "generic": [
        Case("mentions_he_cp1255.csv", numeric="חשיפה", record=1),
        Case("mentions_utf16.tsv", numeric="reach"),
        Case("pinterest_pins.csv", numeric="Saves", mapping="pinterest_pins.mapping.json", detected=False),
    ],
}
ALL = [
    pytest.param(importer_id, case, id=f"{importer_id}:{case.file}")
    for importer_id, cases in CASES.items()
    for case in cases
]


def test_every_registered_importer_has_a_contract_case() -> None:
    assert set(CASES) == set(importers())


@pytest.mark.parametrize(("importer_id", "case"), ALL)
def test_detection_picks_the_importer(importer_id: str, case: Case) -> None:
    detection = detect_format(FIXTURES / case.file)
    if case.detected:
        assert detection is not None
        assert detection.importer_id == importer_id
        assert detection.reason.en
        assert detection.reason.he
    else:
        assert detection is None or detection.importer_id != importer_id or detection.confidence < 0.9


@pytest.mark.parametrize(("importer_id", "case"), ALL)
def test_parse_yields_canonical_frames(importer_id: str, case: Case) -> None:
    batch = export_import(FIXTURES / case.file, case.options())
    assert batch.format == importer_id
    assert batch.rejected == []
    assert batch.rows_written > 0
    for table, frame in batch.tables.items():
        expected = schema_dtypes(table)
        assert list(frame.columns) == list(expected), table
        for column, dtype in expected.items():
            assert frame[column].dtype == dtype, (table, column, frame[column].dtype)
    for table, column in (("posts", "published_at"), ("mentions", "published_at")):
        if table in batch.tables:
            stamps = batch.tables[table][column]
            assert str(stamps.dt.tz) == "UTC"
            assert stamps.notna().all()
    for table in ("post_metrics", "account_daily"):
        frame = batch.tables.get(table)
        if frame is None:
            continue
        assert frame.value.notna().all()
        assert set(frame.paid) <= {"organic", "paid", "total"}
        flags = dict(zip(frame.metric, frame.unique, strict=True))
        for metric, unique in flags.items():
            if metric in UNIQUE_METRICS:
                assert unique, metric
            if metric in COUNT_METRICS:
                assert not unique, metric


@pytest.mark.parametrize(("importer_id", "case"), ALL)
def test_importing_twice_changes_nothing(importer_id: str, case: Case, tmp_path: Path) -> None:
    store = AnalyticsStore.open(f"duckdb:///{tmp_path / 'a.duckdb'}")
    first = store.write(export_import(FIXTURES / case.file, case.options()))
    counts = {name: store.table(name).count().execute() for name in first.rows_written}
    # A copy under another name is still the same file.
    copy = tmp_path / case.file
    shutil.copyfile(FIXTURES / case.file, copy)
    second = store.write(export_import(copy, case.options()))
    assert first.status == "imported"
    assert second.status == "already_imported"
    assert second.import_id == first.import_id
    assert counts == {name: store.table(name).count().execute() for name in first.rows_written}
    assert all(n > 0 for n in counts.values())
    store.close()


def _truncated(case: Case, tmp_path: Path) -> Path:
    data = (FIXTURES / case.file).read_bytes()
    target = tmp_path / case.file
    if case.file.endswith((".csv", ".tsv", ".jsonl")):
        text, encoding = decode_text(data, case.file)
        lines = text.splitlines(keepends=True)
        header = _header_line(case, text) if not case.file.endswith(".jsonl") else 0
        first_data = header + case.skip  # 0-based index of the first data line
        cut = "".join(lines[:first_data]) + lines[first_data][: len(lines[first_data]) // 2]
        target.write_bytes(cut.encode(encoding))
    else:
        target.write_bytes(data[: len(data) * 6 // 10])
    return target


@pytest.mark.parametrize(("importer_id", "case"), ALL)
def test_truncated_file_is_a_clear_error(importer_id: str, case: Case, tmp_path: Path) -> None:
    with pytest.raises(ImportInputError) as raised:
        export_import(_truncated(case, tmp_path), case.options())
    message = str(raised.value)
    assert message.startswith(case.file)
    assert raised.value.message.he


def _header_line(case: Case, text: str) -> int:
    """The 1-based line of the header holding ``case.numeric`` (or the first non-comment line)."""
    delimiter = sniff_delimiter(text)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        cells = next(csv.reader([line], delimiter=delimiter))
        if case.numeric is None or case.numeric in [c.strip().lstrip("\ufeff") for c in cells]:
            return number
    raise AssertionError("no header")


def _with_formula(case: Case, tmp_path: Path, formula: str) -> tuple[Path, int]:
    """A copy of the fixture with ``formula`` in the numeric cell; the file line of that record."""
    assert case.numeric is not None
    source = FIXTURES / case.file
    target = tmp_path / case.file
    if source.suffix == ".xlsx":
        book = openpyxl.load_workbook(source)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                names = [c.value for c in row]
                if case.numeric in names:
                    line = row[0].row + 1 + case.skip + case.record
                    sheet.cell(line, names.index(case.numeric) + 1, formula)
                    book.save(target)
                    return target, line
        raise AssertionError("no header")
    text, encoding = decode_text(source.read_bytes(), case.file)
    delimiter = sniff_delimiter(text)
    header = _header_line(case, text)
    lines = text.splitlines(keepends=True)
    header_cells = [c.strip().lstrip("\ufeff") for c in next(csv.reader([lines[header - 1]], delimiter=delimiter))]
    index = header + case.skip + case.record  # 0-based index of the record's line
    cells = next(csv.reader([lines[index]], delimiter=delimiter))
    cells[header_cells.index(case.numeric)] = formula
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=lines[index][len(lines[index].rstrip("\r\n")) :]).writerow(
        cells
    )
    lines[index] = buffer.getvalue()
    target.write_bytes("".join(lines).encode(encoding))
    return target, index + 1


FORMULA_CASES = [p for p in ALL if p.values[1].numeric is not None]


@pytest.mark.parametrize(("importer_id", "case"), FORMULA_CASES)
@pytest.mark.parametrize("formula", ["=1+2", "@SUM(A1:A3)", "+1+cmd|' /C calc'!A0", "-2+3"])
def test_formula_in_a_number_cell_rejects_only_that_row(
    importer_id: str, case: Case, formula: str, tmp_path: Path
) -> None:
    clean = export_import(FIXTURES / case.file, case.options())
    path, line = _with_formula(case, tmp_path, formula)
    batch = export_import(path, case.options())
    assert [(e.line, e.field) for e in batch.rejected] == [(line, case.numeric)]
    assert "formula" in batch.rejected[0].message.en
    assert batch.rows_read == clean.rows_read
    assert 0 < batch.rows_written < clean.rows_written
