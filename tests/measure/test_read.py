"""Reading export files: encodings, delimiters, containers, limits and line numbers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from socialplan.measure.read import (
    ImportInputError,
    decode_text,
    export_parse,
    export_read,
    file_kind,
    sniff_delimiter,
)

HEBREW = "תאריך,תוכן\n05/03/2024,שלום עולם\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (HEBREW.encode("utf-8"), "utf-8"),
        (HEBREW.encode("utf-8-sig"), "utf-8-sig"),
        (HEBREW.encode("utf-16"), "utf-16"),
        (HEBREW.encode("utf-16-le"), "utf-16-le"),
        (HEBREW.encode("cp1255"), "cp1255"),
    ],
)
def test_hebrew_text_is_decoded_whatever_the_encoding(data: bytes, encoding: str) -> None:
    text, found = decode_text(data, "x.csv")
    assert text.lstrip("\ufeff") == HEBREW
    assert found == encoding


@pytest.mark.parametrize("western", ["name,city\nRené,Zürich\n", "text\nCafé crème à la française, très bien\n"])
def test_western_code_page_is_recognised(western: str) -> None:
    # é, è and à share their byte values with Hebrew letters in Windows-1255.
    text, found = decode_text(western.encode("cp1252"), "x.csv")
    assert text == western
    assert found == "cp1252"


def test_an_explicit_encoding_that_does_not_fit_is_a_clear_error() -> None:
    with pytest.raises(ImportInputError, match=r"x\.csv: .*encoding"):
        decode_text("שלום".encode("cp1255"), "x.csv", "utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed_even_below_a_caption(delimiter: str) -> None:
    rows = ["A caption line without delimiters", delimiter.join(["Date", "Views", "Likes"])]
    rows += [delimiter.join(["2024-01-0" + str(d), "1,5" if delimiter == ";" else "15", "3"]) for d in range(1, 6)]
    assert sniff_delimiter("\n".join(rows)) == delimiter


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Date", "Views"])
    book.active.append(["2024-01-01", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_container_is_decided_by_content_not_name() -> None:
    assert file_kind(_xlsx_bytes(), "renamed.csv") == "xlsx"
    assert file_kind(b"PAR1....", "events.bin") == "parquet"
    assert file_kind(b"Date,Views\n", "report.txt") == "csv"


@pytest.mark.parametrize("name", ["report.xlsx", "report.xls", "events.parquet"])
def test_a_file_that_is_not_what_its_name_claims_is_refused(name: str) -> None:
    data = b"\x00\x01binary garbage\x00" * 10 if name.endswith(".xls") else b"Date,Views\n2024-01-01,5\n"
    with pytest.raises(ImportInputError, match=rf"^{name}: .*not in that format"):
        file_kind(data, name)


def test_plain_xml_is_not_taken_for_a_workbook() -> None:
    with pytest.raises(ImportInputError, match="not an Excel SpreadsheetML"):
        file_kind(b'<?xml version="1.0"?><rss></rss>', "feed.xls")


def test_size_limit_and_empty_files(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"1,2\n" * 1000)
    with pytest.raises(ImportInputError, match="larger than the import limit"):
        export_read(big, max_bytes=1000)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportInputError, match="empty"):
        export_read(empty)
    with pytest.raises(ImportInputError, match="cannot be read"):
        export_read(tmp_path / "missing.csv")


def test_line_numbers_follow_multi_line_cells_and_captions() -> None:
    data = (
        b"Report caption\n"
        b"Id,Text,Views\n"
        b'1,"first line\nsecond line\nthird line",10\n'
        b"\n"
        b"2,plain,20\n"
        b'3,"two\nlines",30\n'
        b"4,last,40\n"
    )
    export = export_parse(Path("m.csv"), data)
    sheet = export.sheets[0]
    assert sheet.preview[0] == ["Report caption"]
    table = sheet.table(1)
    assert table.header == ["Id", "Text", "Views"]
    assert table.header_line == 2
    assert list(table.frame[0]) == ["1", "2", "3", "4"]
    assert table.lines() == [3, 7, 8, 10]


def test_stop_at_blank_ends_the_table() -> None:
    data = b"# comment\nDate,Sessions\n20240101,5\n20240102,6\n\n# Totals\nDate,Sessions\n,11\n"
    table = export_parse(Path("ga.csv"), data).sheets[0].table(1, stop_at_blank=True)
    assert list(table.frame[1]) == ["5", "6"]


def test_rows_with_too_many_fields_name_the_line() -> None:
    data = b"a,b\n1,2\n3,4\n5,6,7\n"
    with pytest.raises(ImportInputError) as raised:
        export_parse(Path("r.csv"), data).sheets[0].table(0)
    assert raised.value.line == 4


def test_spreadsheetml_cells_with_gaps_keep_their_columns() -> None:
    xml = (
        '<?xml version="1.0"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Data"><Table>'
        '<Row><Cell><Data ss:Type="String">Date</Data></Cell><Cell><Data ss:Type="String">A</Data></Cell>'
        '<Cell><Data ss:Type="String">B</Data></Cell></Row>'
        '<Row ss:Index="3"><Cell><Data ss:Type="DateTime">2024-01-02T00:00:00.000</Data></Cell>'
        '<Cell ss:Index="3"><Data ss:Type="Number">7</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>"
    )
    export = export_parse(Path("legacy.xls"), xml.encode())
    assert export.kind == "spreadsheetml"
    table = export.sheets[0].table(0)
    assert table.header == ["Date", "A", "B"]
    assert table.frame.iloc[0].tolist()[1:] == [None, 7.0]
    assert table.frame.iloc[0, 0].year == 2024
    assert table.lines() == [3]


def test_a_damaged_workbook_is_a_clear_error() -> None:
    data = _xlsx_bytes()
    with pytest.raises(ImportInputError, match=r"^cut\.xlsx: The XLSX workbook could not be opened"):
        export_parse(Path("cut.xlsx"), data[: len(data) // 2])


def test_a_workbook_that_unpacks_to_gigabytes_is_not_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (200 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ImportInputError, match="would unpack to 210 MB"):
        export_parse(Path("bomb.xlsx"), data)
