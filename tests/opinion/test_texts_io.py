from __future__ import annotations

from pathlib import Path

import pytest

from socialplan.opinion.texts_io import TextsInputError, read_mentions_csv, read_texts_csv


def test_texts_keep_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "texts.csv"
    path.write_text('id,text\n1,"Great, really"\n\n2,שירות גרוע\n', encoding="utf-8-sig")
    texts, rows = read_texts_csv(path)
    assert texts == ["Great, really", "שירות גרוע"]
    assert rows[1] == {"id": "2", "text": "שירות גרוע"}


def test_a_missing_column_names_the_file_and_the_header(tmp_path: Path) -> None:
    path = tmp_path / "texts.csv"
    path.write_text("id,body\n1,hi\n", encoding="utf-8")
    with pytest.raises(TextsInputError, match=r"texts.csv:1: no column comment \(the header has: id, body\)"):
        read_texts_csv(path, "comment")


def test_legacy_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "texts.csv"
    path.write_bytes("text\nשירות מצוין ומהיר מאוד\nתודה רבה לכם על הכל\n".encode("cp1255"))
    texts, _ = read_texts_csv(path)
    assert texts[0] == "שירות מצוין ומהיר מאוד"


def test_mentions_need_a_readable_time_and_subject(tmp_path: Path) -> None:
    path = tmp_path / "mentions.csv"
    path.write_text(
        "text,published_at,subject,reach\nhi,2025-01-02T10:00:00+02:00,Acme,5\nyo,yesterday,Acme,\n",
        encoding="utf-8",
    )
    with pytest.raises(TextsInputError, match=r"mentions.csv:3: published_at: 'yesterday' is not a date"):
        read_mentions_csv(path)
    path.write_text("text,published_at,subject\nhi,2025-01-02 10:00,\n", encoding="utf-8")
    with pytest.raises(TextsInputError, match=r"mentions.csv:2: subject: empty"):
        read_mentions_csv(path)


def test_mentions_become_the_store_shape(tmp_path: Path) -> None:
    path = tmp_path / "mentions.csv"
    path.write_text(
        "text,published_at,subject,reach,is_competitor\nhi,2025-01-02T10:00:00+02:00,Acme,5,no\n",
        encoding="utf-8",
    )
    frame = read_mentions_csv(path)
    assert str(frame["published_at"].iloc[0]) == "2025-01-02 08:00:00"  # naive UTC
    assert frame["reach"].iloc[0] == 5.0
    assert not frame["is_competitor"].iloc[0]
    assert frame["mention_id"].iloc[0] == "mentions.csv:2"


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(TextsInputError, match="no such file"):
        read_texts_csv(tmp_path / "absent.csv")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(TextsInputError, match="the file is empty"):
        read_texts_csv(tmp_path / "empty.csv")
