"""The analytics store: where it lives, atomic writes, no double counting, undo."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from socialplan.measure.importers import export_import, metrics_import
from socialplan.measure.importers.base import ImportBatch
from socialplan.measure.schema import TABLES
from socialplan.measure.store import ANALYTICS_FILE, CODED, AnalyticsStore, StoreError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
X_FILE = "tweet_activity_metrics_acme_books_20160301_20160401_en.csv"
FIRST_POST = "100000000000000001"


@pytest.fixture
def store(tmp_path: Path) -> AnalyticsStore:
    opened = AnalyticsStore.open(f"duckdb:///{tmp_path / 'store.duckdb'}")
    yield opened
    opened.close()


def x_export(tmp_path: Path, impressions: str, name: str) -> Path:
    """The X fixture with the first post's impressions changed: a later export of the same posts."""
    text = (FIXTURES / X_FILE).read_text(encoding="utf-8")
    assert '"1500.0"' in text
    path = tmp_path / name
    path.write_text(text.replace('"1500.0"', f'"{impressions}"', 1), encoding="utf-8")
    return path


def impressions_of_first_post(store: AnalyticsStore) -> list[float]:
    pm = store.table("post_metrics")
    rows = pm.filter((pm.post_id == FIRST_POST) & (pm.metric == "impressions") & (pm.paid == "organic"))
    return sorted(rows.select("value").to_pandas().value.tolist())


def test_default_location_is_a_duckdb_file_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOCIALPLAN_ANALYTICS_URL", raising=False)
    monkeypatch.setenv("SOCIALPLAN_DATA_DIR", str(tmp_path / "data"))
    with AnalyticsStore.open() as opened:
        assert opened.url.endswith(f"/data/{ANALYTICS_FILE}")
    assert (tmp_path / "data" / ANALYTICS_FILE).is_file()


def test_analytics_url_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIALPLAN_ANALYTICS_URL", f"duckdb:///{tmp_path / 'elsewhere.duckdb'}")
    with AnalyticsStore.open(data_dir=tmp_path / "data") as opened:
        opened.write(export_import(FIXTURES / X_FILE))
    assert (tmp_path / "elsewhere.duckdb").is_file()
    assert not (tmp_path / "data" / ANALYTICS_FILE).exists()


def test_tables_have_the_canonical_schema(store: AnalyticsStore) -> None:
    for name, schema in TABLES.items():
        stored = store.table(name).schema()
        assert stored.names == schema.names
        for column, dtype in schema.items():
            # DuckDB reports its timestamp precision (microseconds); the schema leaves it open.
            if dtype.is_timestamp():
                assert stored[column].is_timestamp()
                assert stored[column].timezone is None
            else:
                assert stored[column] == dtype, (name, column)


def test_a_failing_file_leaves_nothing_and_keeps_existing_data(store: AnalyticsStore) -> None:
    store.write(export_import(FIXTURES / "instagram_posts.csv"))
    before = {name: store.table(name).count().execute() for name in TABLES}
    broken = export_import(FIXTURES / X_FILE)
    # Posts are written first; then the observations fail to convert.
    broken.tables["post_metrics"] = broken.tables["post_metrics"].assign(value="not a number")
    with pytest.raises(Exception, match=r"not a number|Could not convert|float"):
        store.write(broken)
    assert before == {name: store.table(name).count().execute() for name in TABLES}
    assert store.table("posts").filter(store.table("posts").platform == "x").count().execute() == 0


def test_overlapping_exports_replace_values_instead_of_adding(store: AnalyticsStore, tmp_path: Path) -> None:
    first = store.write(export_import(x_export(tmp_path, "1500.0", "march.csv")))
    second = store.write(export_import(x_export(tmp_path, "1650.0", "march_again.csv")))
    assert second.status == "imported"
    assert second.replaced == first.rows_written["post_metrics"] + first.rows_written["posts"]
    assert impressions_of_first_post(store) == [1650.0]
    assert store.table("posts").count().execute() == 3


def test_undo_restores_what_an_import_replaced(store: AnalyticsStore, tmp_path: Path) -> None:
    old = store.write(export_import(x_export(tmp_path, "1500.0", "a.csv")))
    middle = store.write(export_import(x_export(tmp_path, "1600.0", "b.csv")))
    new = store.write(export_import(x_export(tmp_path, "1700.0", "c.csv")))
    assert old.import_id is not None
    assert middle.import_id is not None
    assert new.import_id is not None
    # Undoing the middle import keeps the newest value; the oldest now waits behind the newest.
    store.undo(middle.import_id)
    assert impressions_of_first_post(store) == [1700.0]
    store.undo(new.import_id)
    assert impressions_of_first_post(store) == [1500.0]
    assert store.undo(old.import_id) > 0
    assert impressions_of_first_post(store) == []
    assert store.imports().empty
    for name in ("posts", "post_metrics"):
        assert store.con.table(f"{name}__superseded").count().execute() == 0


def test_undo_then_reimport_is_allowed(store: AnalyticsStore) -> None:
    first = store.write(export_import(FIXTURES / X_FILE))
    assert first.import_id is not None
    store.undo(first.import_id)
    again = store.write(export_import(FIXTURES / X_FILE))
    assert again.status == "imported"
    assert again.import_id != first.import_id
    assert impressions_of_first_post(store) == [1500.0]


def test_undo_of_an_unknown_import_is_a_clear_error(store: AnalyticsStore) -> None:
    with pytest.raises(StoreError, match="no import"):
        store.undo("does-not-exist")


def test_imports_record_file_format_and_counts(store: AnalyticsStore) -> None:
    results = metrics_import([FIXTURES / X_FILE, FIXTURES / "Overview.csv"], store=store)
    assert [r.status for r in results] == ["imported", "imported"]
    imports = store.imports()
    assert list(imports.file_name) == [X_FILE, "Overview.csv"]
    assert list(imports.format) == ["x_tweet_activity", "tiktok_overview"]
    assert list(imports.rows) == [3, 4]
    assert imports.sha256.str.len().eq(64).all()


def test_other_tables_in_the_file_are_never_touched(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'shared.duckdb'}"
    with AnalyticsStore.open(url) as opened:
        opened.con.con.execute("CREATE TABLE my_notes (note VARCHAR)")
        opened.con.con.execute("INSERT INTO my_notes VALUES ('keep me')")
        result = opened.write(export_import(FIXTURES / X_FILE))
        assert result.import_id is not None
        opened.undo(result.import_id)
    with AnalyticsStore.open(url) as reopened:
        notes = reopened.con.con.execute("SELECT note FROM my_notes").fetchall()
    assert notes == [("keep me",)]


def test_timestamps_are_stored_as_utc(store: AnalyticsStore) -> None:
    store.write(export_import(FIXTURES / X_FILE))
    posts = store.table("posts").order_by("post_id").to_pandas()
    assert posts.published_at.iloc[0] == pd.Timestamp("2015-03-02 09:15:00")


def test_a_failed_file_does_not_stop_the_others(store: AnalyticsStore, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"this is not a workbook")
    results = metrics_import([bad, FIXTURES / X_FILE], store=store)
    assert [r.status for r in results] == ["failed", "imported"]
    assert results[0].error is not None
    assert results[0].error.en.startswith("broken.xlsx")


def test_an_older_export_imported_late_does_not_lower_lifetime_counts(store: AnalyticsStore, tmp_path: Path) -> None:
    newer = store.write(export_import(x_export(tmp_path, "1650.0", "april.csv")))
    older = store.write(export_import(x_export(tmp_path, "1500.0", "march.csv")))
    assert older.kept == 1
    assert older.rows_written["post_metrics"] == newer.rows_written["post_metrics"] - 1
    assert impressions_of_first_post(store) == [1650.0]
    assert older.import_id is not None
    store.undo(older.import_id)
    assert impressions_of_first_post(store) == [1650.0]
    total = store.table("post_metrics").count().execute()
    assert total == newer.rows_written["post_metrics"]


def test_a_database_error_midway_rolls_back_the_whole_file(store: AnalyticsStore, tmp_path: Path) -> None:
    store.write(export_import(x_export(tmp_path, "1500.0", "march.csv")))
    before = {name: store.table(name).count().execute() for name in TABLES}
    later = export_import(x_export(tmp_path, "1650.0", "april.csv"))
    # Without its shadow table the observations fail in SQL, after the posts of the same file
    # were already written inside the transaction.
    store.con.con.execute("DROP TABLE post_metrics__superseded")
    with pytest.raises(Exception, match=r"post_metrics__superseded"):
        store.write(later)
    assert before == {name: store.table(name).count().execute() for name in TABLES}
    assert impressions_of_first_post(store) == [1500.0]


def observations(
    posts: range, days: pd.DatetimeIndex, value_offset: float, label: str, account: str = "youtube:bench"
) -> ImportBatch:
    """A synthetic file of daily and lifetime observations (lifetime rows have no date)."""
    post_ids = [f"v{number}" for number in posts]
    daily = pd.DataFrame([(post, day) for post in post_ids for day in days], columns=["post_id", "date"]).assign(
        grain="daily"
    )
    lifetime = pd.DataFrame({"post_id": post_ids, "date": pd.NaT, "grain": "lifetime"})
    frame = pd.concat([daily, lifetime], ignore_index=True)
    frame = frame.assign(
        platform="youtube",
        account_id=account,
        metric="video_views",
        value=[float(i) + value_offset for i in range(len(frame))],
        unique=pd.array([False] * len(frame), dtype="boolean"),
        paid="total",
    )[list(TABLES["post_metrics"].names[:-1])]
    frame["date"] = pd.to_datetime(frame["date"])
    return ImportBatch(
        format="test", source=label, sha256=label * 8, tables={"post_metrics": frame}, rows_read=len(frame)
    )


def stored_observations(store: AnalyticsStore, account: str = "youtube:bench") -> pd.DataFrame:
    table = store.table("post_metrics")
    frame = table.filter(table.account_id == account).drop("import_id").to_pandas()
    return frame.sort_values(["post_id", "grain", "date"], na_position="first").reset_index(drop=True)


def test_overlapping_files_at_scale_replace_by_key_and_undo_restores_every_row(store: AnalyticsStore) -> None:
    days = pd.date_range("2025-01-01", periods=30, freq="D")
    # Another account with the same post ids and days: a natural key includes the account.
    store.write(observations(range(150), days, 0.0, "other", account="youtube:other"))
    other = stored_observations(store, "youtube:other")
    first = store.write(observations(range(100), days, 0.0, "a"))
    before = stored_observations(store)
    # A later export: half the same posts (days and lifetime totals, all higher) plus new posts.
    second = store.write(observations(range(50, 150), days, 10_000.0, "b"))
    assert first.rows_written["post_metrics"] == 100 * 31
    assert second.replaced == 50 * 31
    after = stored_observations(store)
    assert len(after) == 150 * 31  # the shared keys once each, not twice
    assert not after.duplicated(["post_id", "grain", "date"]).any()
    shared = after[after.post_id.isin([f"v{n}" for n in range(50, 100)])]
    assert (shared.value >= 10_000.0).all()
    kept = after[after.post_id.isin([f"v{n}" for n in range(50)])].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before[before.post_id.isin(kept.post_id)].reset_index(drop=True))
    assert second.import_id is not None
    assert store.undo(second.import_id) == 100 * 31
    pd.testing.assert_frame_equal(stored_observations(store), before)
    assert store.con.table("post_metrics__superseded").count().execute() == 0
    pd.testing.assert_frame_equal(stored_observations(store, "youtube:other"), other)


def test_a_new_period_of_the_same_posts_replaces_nothing(store: AnalyticsStore) -> None:
    january = observations(range(40), pd.date_range("2025-01-01", periods=31, freq="D"), 0.0, "jan")
    # Lifetime totals are in both files; February's are newer (higher) and replace January's.
    february = observations(range(40), pd.date_range("2025-02-01", periods=28, freq="D"), 10_000.0, "feb")
    store.write(january)
    result = store.write(february)
    assert result.replaced == 40  # the lifetime rows only; every daily row is new
    frame = stored_observations(store)
    assert len(frame) == 40 * (31 + 28 + 1)
    assert frame[frame.grain == "daily"].date.dt.month.value_counts().to_dict() == {1: 40 * 31, 2: 40 * 28}


def test_a_write_leaves_the_connections_thread_setting_as_it_was(store: AnalyticsStore, tmp_path: Path) -> None:
    raw = store.con.con
    raw.execute("SET threads = 3")
    store.write(export_import(x_export(tmp_path, "1500.0", "march.csv")))
    assert raw.execute("SELECT current_setting('threads')").fetchone() == (3,)
    # A failure inside a bulk insert (its shadow table is gone) still gives the threads back.
    raw.execute("DROP TABLE post_metrics__superseded")
    with pytest.raises(Exception, match=r"post_metrics__superseded"):
        store.write(export_import(x_export(tmp_path, "1650.0", "april.csv")))
    assert raw.execute("SELECT current_setting('threads')").fetchone() == (3,)


def test_a_key_repeated_within_one_file_keeps_its_last_row(store: AnalyticsStore) -> None:
    batch = observations(range(3), pd.date_range("2025-03-01", periods=2, freq="D"), 0.0, "repeats")
    frame = batch.tables["post_metrics"]
    corrected = frame.iloc[[0]].assign(value=-1.0)  # the file lists the first row again, corrected
    batch.tables["post_metrics"] = pd.concat([frame, corrected], ignore_index=True)
    result = store.write(batch)
    assert result.rows_written["post_metrics"] == len(frame)
    stored = stored_observations(store)
    first = stored[(stored.post_id == frame.post_id.iloc[0]) & (stored.date == frame.date.iloc[0])]
    assert first.value.tolist() == [-1.0]


def test_a_repeated_lifetime_key_in_arrow_text_keeps_its_last_row(store: AnalyticsStore) -> None:
    # What the importers hand over: Arrow-backed text; lifetime rows have a null date in the key.
    batch = observations(range(3), pd.date_range("2025-03-01", periods=2, freq="D"), 0.0, "arrow")
    frame = batch.tables["post_metrics"]
    lifetime = frame[frame.grain == "lifetime"]
    corrected = lifetime.iloc[[1]].assign(value=-2.0)
    text = [name for name in frame.columns if frame[name].dtype == object]
    batch.tables["post_metrics"] = pd.concat([frame, corrected], ignore_index=True).astype(
        dict.fromkeys(text, "string[pyarrow]")
    )
    result = store.write(batch)
    assert result.rows_written["post_metrics"] == len(frame)
    stored = stored_observations(store)
    again = stored[(stored.post_id == lifetime.post_id.iloc[1]) & (stored.grain == "lifetime")]
    assert again.value.tolist() == [-2.0]
    assert len(stored) == len(frame)


# ---------------------------------------------------------------- coded storage and migration


def test_long_tables_keep_their_repeated_text_as_codes_behind_a_canonical_view(store: AnalyticsStore) -> None:
    store.write(export_import(FIXTURES / X_FILE))
    raw = store.con.con
    kinds = dict(raw.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    assert kinds["post_metrics"] == "VIEW"
    assert kinds["account_daily"] == "VIEW"
    types = dict(raw.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'post_metrics__rows'").fetchall())  # fmt: skip
    assert types["platform"] == types["metric"] == types["import_id"] == "INTEGER"
    assert types["post_id"] == "VARCHAR"
    # Decoded through the view, the values are the canonical text.
    pm = store.table("post_metrics")
    assert set(pm.platform.to_pandas()) == {"x"}
    assert "impressions" in set(pm.metric.to_pandas())
    assert set(pm.import_id.to_pandas()) == set(store.imports().import_id)


def test_loaded_rows_keep_nulls_in_coded_columns(store: AnalyticsStore) -> None:
    import pyarrow as pa

    rows = pa.Table.from_pylist(
        [
            {"platform": "x", "account_id": None, "post_id": "p1", "metric": "likes", "value": 3.0,
             "grain": "lifetime", "date": None, "unique": False, "paid": None, "import_id": "made"},
            {"platform": "x", "account_id": "x:acme", "post_id": "p2", "metric": "shares", "value": 1.0,
             "grain": "daily", "date": pd.Timestamp("2026-01-02").date(), "unique": None, "paid": "organic",
             "import_id": "made"},
        ],
        schema=TABLES["post_metrics"].to_pyarrow(),
    )
    store.load("post_metrics", rows)
    got = store.table("post_metrics").order_by("post_id").to_pyarrow().to_pylist()
    assert got == rows.to_pylist()


def test_a_failed_file_leaves_no_codes_behind(store: AnalyticsStore, tmp_path: Path) -> None:
    store.write(export_import(FIXTURES / X_FILE))
    codes_before = store.con.con.execute("SELECT count(*) FROM text_codes").fetchone()
    store.con.con.execute("DROP TABLE post_metrics__superseded")
    with pytest.raises(Exception, match=r"post_metrics__superseded"):
        store.write(export_import(x_export(tmp_path, "1650.0", "april.csv")))  # its import id is a new code
    assert store.con.con.execute("SELECT count(*) FROM text_codes").fetchone() == codes_before


def test_a_store_written_before_codes_is_converted_on_opening_without_losing_anything(tmp_path: Path) -> None:
    """Plain tables (a store from an earlier version, or one filled by other tools) move into the
    coded layout: every row and every replaced row kept for undo comes through, and undo works."""
    path = tmp_path / "old.duckdb"
    with AnalyticsStore.open(f"duckdb:///{path}") as store:
        first = store.write(export_import(x_export(tmp_path, "1500.0", "a.csv")))
        second = store.write(export_import(x_export(tmp_path, "1650.0", "b.csv")))
        canonical = {name: store.table(name).to_pandas() for name in ("post_metrics", "account_daily")}
        raw = store.con.con
        # Turn the store back into the plain layout of earlier versions.
        for name, coded in CODED.items():
            raw.execute(f"CREATE TABLE {name}__plain_copy AS SELECT * FROM {name}")
            decoded = ", ".join(
                f"(SELECT value FROM text_codes WHERE code = r.{c}) AS {c}" for c in (*coded, "superseded_by")
            )
            raw.execute(
                f"CREATE TABLE {name}__shadow_copy AS SELECT r.* EXCLUDE ({', '.join(coded)}, superseded_by), "
                f"{decoded} FROM {name}__superseded r"
            )
            raw.execute(f"DROP VIEW {name}")
            raw.execute(f"DROP TABLE {name}__rows")
            raw.execute(f"DROP TABLE {name}__superseded")
            raw.execute(f"ALTER TABLE {name}__plain_copy RENAME TO {name}")
            raw.execute(f"ALTER TABLE {name}__shadow_copy RENAME TO {name}__superseded")
        raw.execute("DROP TABLE text_codes")
    with AnalyticsStore.open(f"duckdb:///{path}") as store:
        for name, frame in canonical.items():
            again = store.table(name).to_pandas()
            key = list(frame.columns)
            pd.testing.assert_frame_equal(
                again.sort_values(key, na_position="first").reset_index(drop=True),
                frame.sort_values(key, na_position="first").reset_index(drop=True),
            )
        assert first.import_id is not None
        assert second.import_id is not None
        assert impressions_of_first_post(store) == [1650.0]
        store.undo(second.import_id)
        assert impressions_of_first_post(store) == [1500.0]
