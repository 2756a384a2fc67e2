"""The shared parsing helpers on both kinds of column they meet: Arrow-backed text (CSV files)
and ``object`` cells (spreadsheets), which must give the same answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from socialplan.measure.importers.common import TEXT, RowRejections, numbers, texts, timestamps
from socialplan.measure.read import Table

CELLS = [" a ", "-", "", "N/A", "b", "a", "undefined"]


def table_of(cells: list[object], dtype: object) -> Table:
    frame = pd.DataFrame({0: pd.Series(cells, dtype=dtype)})
    return Table("t.csv", "", ["Cell"], frame, 1, lambda: list(range(2, len(cells) + 2)))


@pytest.mark.parametrize("dtype", [TEXT, object])
def test_texts_trim_and_turn_missing_markers_into_nulls(dtype: object) -> None:
    result = texts(table_of(CELLS, dtype).frame[0])
    assert result.dtype == TEXT
    assert [None if pd.isna(cell) else cell for cell in result] == ["a", None, None, None, "b", "a", None]


def test_texts_hand_back_a_clean_arrow_column_as_it_is() -> None:
    column = pd.Series(["x", "y", "x"], dtype=TEXT)
    assert texts(column) is column


@pytest.mark.parametrize("dtype", [TEXT, object])
def test_timestamps_parse_each_distinct_text_and_reject_the_rows_they_cannot_read(dtype: object) -> None:
    cells = ["2024-01-02", "2024-01-02", "02/01/2024", "soon", "", "2024-01-03"]
    table = table_of(cells, dtype)
    rejections = RowRejections(table)
    stamps = timestamps(table.frame[0], ("%Y-%m-%d", "%d/%m/%Y"), rejections, "Date")
    assert str(stamps.dtype) == "datetime64[ns, UTC]"
    days = [None if pd.isna(s) else s.date().isoformat() for s in stamps]
    assert days == ["2024-01-02", "2024-01-02", "2024-01-02", None, None, "2024-01-03"]
    errors = rejections.errors()
    assert [(e.line, e.field) for e in errors] == [(5, "Date"), (6, "Date")]
    assert "'soon'" in errors[0].message("en")
    assert errors[1].message("en") == "The date is missing."


@pytest.mark.parametrize("dtype", [TEXT, object])
def test_numbers_read_plain_and_formatted_cells_and_reject_formulas(dtype: object) -> None:
    table = table_of(["12", "1,234", "-", "50%", "=1+2", " 7 "], dtype)
    rejections = RowRejections(table)
    values = numbers(table.frame[0], rejections, "Views")
    assert values.dtype == np.float64
    assert values.tolist()[:4] == [12.0, 1234.0, pytest.approx(np.nan, nan_ok=True), 0.5]
    assert values.iloc[5] == 7.0
    assert [(e.line, e.field) for e in rejections.errors()] == [(6, "Views")]
    assert "formula" in rejections.errors()[0].message("en")


def test_numbers_of_a_clean_arrow_column_take_the_direct_cast() -> None:
    table = table_of(["1", "2.5", "1e3"], TEXT)
    rejections = RowRejections(table)
    assert numbers(table.frame[0], rejections, "Views").tolist() == [1.0, 2.5, 1000.0]
    assert rejections.errors() == []
