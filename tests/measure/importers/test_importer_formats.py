"""What each importer makes of its format's quirks, checked value by value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from socialplan.measure.importers import ColumnMapping, ImportBatch, ImportOptions, export_import
from socialplan.measure.read import ImportInputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHARED_EXPORTS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "exports"


def load(name: str, **options: object) -> ImportBatch:
    return export_import(FIXTURES / name, ImportOptions(**options))  # type: ignore[arg-type]


def value(batch: ImportBatch, table: str, **where: object) -> float:
    frame = batch.tables[table]
    for column, wanted in where.items():
        frame = frame[frame[column] == wanted]
    assert len(frame) == 1, (where, frame)
    return float(frame.value.iloc[0])


def metric_flags(batch: ImportBatch, table: str = "post_metrics") -> dict[str, bool]:
    frame = batch.tables[table]
    return dict(zip(frame.metric, frame.unique, strict=True))


# ------------------------------------------------------------------ X


@pytest.mark.parametrize(
    "name",
    [
        "tweet_activity_metrics_acme_books_20150301_20150401_en.csv",
        "tweet_activity_metrics_acme_books_20160301_20160401_en.csv",
    ],
)
def test_x_favorites_and_likes_are_both_likes(name: str) -> None:
    batch = load(name)
    assert batch.account_id == "x:acme_books"
    assert value(batch, "post_metrics", post_id="100000000000000001", metric="likes", paid="organic") == 12
    # '-' in the promoted columns of an unpromoted post is no value, not zero.
    first = batch.tables["post_metrics"].query("post_id == '100000000000000001'")
    assert set(first.paid) == {"organic"}
    assert value(batch, "post_metrics", post_id="100000000000000003", metric="likes", paid="paid") == 15
    assert value(batch, "post_metrics", post_id="100000000000000003", metric="shares", paid="organic") == 10
    assert "engagement rate" not in set(batch.tables["post_metrics"].metric)


def test_x_text_that_looks_like_a_formula_is_kept_verbatim_and_utm_is_read() -> None:
    posts = load("tweet_activity_metrics_acme_books_20160301_20160401_en.csv").tables["posts"].set_index("post_id")
    assert posts.loc["100000000000000002", "text"].startswith('=HYPERLINK("http://example.org")')
    first = posts.loc["100000000000000001"]
    assert (first.utm_source, first.utm_medium, first.utm_campaign) == ("x", "social", "spring")
    assert first.published_at == pd.Timestamp("2015-03-02 09:15", tz="UTC")


def test_x_daily_account_export() -> None:
    batch = load("account_activity_metrics_acme_books_20240101_20240104_en.csv")
    assert batch.account_id == "x:acme_books"
    daily = batch.tables["account_daily"]
    assert sorted(set(daily.date.dt.date)) == [dt.date(2024, 1, d) for d in range(1, 5)]
    assert value(batch, "account_daily", date=pd.Timestamp("2024-01-02"), metric="impressions") == 520
    assert value(batch, "account_daily", date=pd.Timestamp("2024-01-02"), metric="posts_published") == 1


# ------------------------------------------------------------------ Facebook and Instagram


def test_facebook_legacy_reads_unique_flags_from_the_description_row() -> None:
    batch = load("facebook_legacy_posts.csv")
    assert batch.rows_read == 2  # the description row is not a post
    assert value(batch, "post_metrics", post_id="111_201", metric="reach", paid="total") == 350
    assert value(batch, "post_metrics", post_id="111_201", metric="reach", paid="paid") == 50
    # Two columns named "Lifetime Organic Video Views": a count of views and a count of people.
    assert value(batch, "post_metrics", post_id="111_202", metric="video_views", paid="organic") == 420
    assert value(batch, "post_metrics", post_id="111_202", metric="video_viewers", paid="organic") == 380
    flags = metric_flags(batch)
    assert flags["video_viewers"]
    assert not flags["video_views"]
    assert flags["likers"]
    assert not flags["likes"]
    assert flags["engaged_users"]


def test_facebook_legacy_times_are_pacific_unless_told() -> None:
    posts = load("facebook_legacy_posts.csv").tables["posts"].set_index("post_id")
    assert posts.loc["111_201", "published_at"] == pd.Timestamp("2017-03-02 17:03:47", tz="UTC")
    in_israel = load("facebook_legacy_posts.csv", timezone="Asia/Jerusalem").tables["posts"].set_index("post_id")
    assert in_israel.loc["111_201", "published_at"] == pd.Timestamp("2017-03-02 07:03:47", tz="UTC")


def test_meta_business_suite_facebook_posts() -> None:
    batch = load("meta_facebook_posts.csv")
    assert batch.account_id == "facebook:555"
    assert batch.tables["accounts"].name.iloc[0] == "Acme Books"
    assert value(batch, "post_metrics", post_id="9001", metric="impressions") == 2400
    assert value(batch, "post_metrics", post_id="9002", metric="watch_time_seconds") == 12000
    assert metric_flags(batch)["reach"]
    posts = batch.tables["posts"].set_index("post_id")
    assert posts.loc["9001", "format"] == "image"
    assert posts.loc["9002", "format"] == "short_video"
    assert posts.loc["9001", "utm_source"] == "facebook"


def test_instagram_posts() -> None:
    batch = load("instagram_posts.csv")
    assert batch.account_id == "instagram:acme.books"
    assert value(batch, "post_metrics", post_id="17900000000000002", metric="saves") == 120
    assert value(batch, "post_metrics", post_id="17900000000000001", metric="profile_visits") == 30
    assert list(batch.tables["posts"].format) == ["carousel", "short_video"]


# ------------------------------------------------------------------ LinkedIn


def test_linkedin_xlsx_reposts_are_shares_and_sponsored_is_paid() -> None:
    batch = load("linkedin_content.xlsx", account="Acme Books")
    assert batch.account_id == "linkedin:acme books"
    post = "7100000000000000002"
    assert value(batch, "post_metrics", post_id=post, metric="shares", paid="paid") == 9
    assert value(batch, "post_metrics", post_id="7100000000000000001", metric="shares", paid="organic") == 3
    assert batch.tables["posts"].set_index("post_id").loc[post, "campaign"] == "Spring report"
    day = pd.Timestamp("2024-06-02")
    assert value(batch, "account_daily", date=day, metric="shares", paid="total") == 2
    assert value(batch, "account_daily", date=day, metric="reach", paid="organic") == 160
    assert metric_flags(batch, "account_daily")["reach"]
    assert any("Location" in note.en for note in batch.notes)


def test_linkedin_spreadsheetml_with_serial_dates() -> None:
    batch = load("linkedin_page_spreadsheetml.xls")
    posts = batch.tables["posts"]
    assert posts.published_at.iloc[0] == pd.Timestamp("2020-04-04", tz="UTC")
    assert value(batch, "account_daily", date=pd.Timestamp("2020-04-02"), metric="page_views") == 6
    assert value(batch, "account_daily", date=pd.Timestamp("2020-04-02"), metric="unique_visitors") == 3
    # (desktop) and (mobile) columns are parts of (total) and are not stored twice.
    assert len(batch.tables["account_daily"].query("metric == 'page_views'")) == 3


# ------------------------------------------------------------------ YouTube and TikTok


def test_youtube_table_skips_the_total_row_and_converts_hours() -> None:
    batch = load("Table data.csv", account="acme")
    assert batch.rows_read == 2
    assert set(batch.tables["posts"].post_id) == {"abcDEF12345", "ghiJKL67890"}
    assert value(batch, "post_metrics", post_id="abcDEF12345", metric="watch_time_seconds") == 120.25 * 3600
    assert metric_flags(batch)["reach"]
    formats = batch.tables["posts"].set_index("post_id").format
    assert (formats["abcDEF12345"], formats["ghiJKL67890"]) == ("short_video", "long_video")


def test_youtube_chart_is_daily_per_video_and_totals_daily_per_channel() -> None:
    chart = load("Chart data.csv")
    assert set(chart.tables["post_metrics"].grain) == {"daily"}
    assert value(chart, "post_metrics", date=pd.Timestamp("2024-03-05"), metric="video_views") == 2000
    totals = load("Totals.csv")
    assert value(totals, "account_daily", date=pd.Timestamp("2024-03-06"), metric="video_views") == 1100


def test_tiktok_overview_infers_years_across_new_year_and_skips_undefined() -> None:
    batch = load("Overview.csv", reference_date=dt.date(2024, 1, 3))
    days = sorted(set(batch.tables["account_daily"].date.dt.date))
    assert days == [dt.date(2023, 12, 30), dt.date(2023, 12, 31), dt.date(2024, 1, 2)]
    assert value(batch, "account_daily", date=pd.Timestamp("2023-12-31"), metric="video_views") == 300
    assert batch.rejected == []
    assert any("2024-01-03" in note.en for note in batch.notes)


def test_tiktok_content_dates_fall_on_or_before_the_reference() -> None:
    batch = load("Content.csv", reference_date=dt.date(2024, 1, 3))
    posts = batch.tables["posts"].set_index("post_id")
    assert posts.loc["7300000000000000001", "published_at"] == pd.Timestamp("2023-12-28", tz="UTC")
    assert posts.loc["7300000000000000002", "published_at"] == pd.Timestamp("2024-01-01", tz="UTC")
    assert posts.loc["7300000000000000001", "text"].endswith("📦")
    second = batch.tables["post_metrics"].query("post_id == '7300000000000000002'")
    assert "comments" not in set(second.metric)  # 'undefined'


# ------------------------------------------------------------------ Google Analytics 4


def test_ga4_csv_daily_rows_with_source_medium() -> None:
    sessions = load("ga4_traffic_daily.csv").tables["web_sessions"]
    assert len(sessions) == 4  # the totals section after the blank line is not data
    facebook = sessions[sessions.source == "l.facebook.com"].iloc[0]
    assert (facebook.medium, facebook.social_platform, facebook.days) == ("referral", "facebook", 1)
    assert facebook.date == pd.Timestamp("2024-03-01")
    assert facebook.revenue == 120.5
    assert sessions.sessions.sum() == 425


def test_ga4_csv_without_dates_covers_the_report_range() -> None:
    sessions = load("ga4_channels_range.csv").tables["web_sessions"]
    assert set(sessions.date) == {pd.Timestamp("2024-03-01")}
    assert set(sessions.days) == {3}
    assert dict(zip(sessions.channel_group, sessions.sessions, strict=True)) == {
        "Organic Social": 65,
        "Direct": 410,
    }


def test_a_report_without_dates_or_range_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "referrers.csv"
    path.write_text("Session source / medium,Sessions\ngoogle / organic,5\n", encoding="utf-8")
    with pytest.raises(ImportInputError, match="cannot be placed in time"):
        export_import(path)


@pytest.mark.parametrize("name", ["events_20240301.parquet", "events_20240301.jsonl"])
def test_ga4_bigquery_events_roll_up_into_sessions(name: str) -> None:
    sessions = load(name).tables["web_sessions"].set_index("source")
    social = sessions.loc["facebook"]
    assert (social.sessions, social.engaged_sessions, social.users) == (2, 1, 2)
    assert (social.conversions, social.revenue) == (1.0, 42.0)
    assert (social.channel_group, social.social_platform, social.campaign) == (
        "Organic Social",
        "facebook",
        "spring",
    )
    direct = sessions.loc["(direct)"]
    assert (direct.sessions, direct.channel_group) == (1, "Direct")


# ------------------------------------------------------------------ generic


def test_hebrew_mentions_in_windows_1255_with_reply_edges() -> None:
    batch = load("mentions_he_cp1255.csv")
    mentions = batch.tables["mentions"].set_index("mention_id")
    assert mentions.loc["m1", "text"] == "החנות החדשה של אקמי מקסימה, ממליצה!"
    assert mentions.loc["m1", "lang"] == "he"
    assert mentions.loc["m3", "lang"] == "en"
    # Hebrew files write the day first.
    assert mentions.loc["m1", "published_at"] == pd.Timestamp("2024-03-05 10:15", tz="UTC")
    assert mentions.loc["m1", "reach"] == 1200
    edges = batch.tables["interaction_edges"]
    assert edges[["source_id", "target_id", "kind"]].values.tolist() == [["m2", "m1", "reply"]]


def test_utf16_mentions_keep_formula_like_text_verbatim() -> None:
    mentions = load("mentions_utf16.tsv").tables["mentions"].set_index("mention_id")
    assert mentions.loc["t2", "text"].startswith("=cmd|' /C calc'!A0")
    assert mentions.loc["t1", "published_at"] == pd.Timestamp("2024-03-05 10:15", tz="UTC")


def test_mentions_without_ids_get_stable_ones(tmp_path: Path) -> None:
    path = tmp_path / "listening.csv"
    path.write_text("Date,Author,Text\n2024-03-01 10:00,ann,Nice shop\n2024-03-01 11:00,ben,Slow queue\n")
    first = export_import(path).tables["mentions"].mention_id.tolist()
    second = export_import(path).tables["mentions"].mention_id.tolist()
    assert first == second
    assert len(set(first)) == 2


def test_generic_posts_with_a_saved_mapping() -> None:
    mapping = ColumnMapping(
        table="posts",
        platform="pinterest",
        columns={"post_id": "Pin ID", "published_at": "Created", "text": "Title"},
        metrics={"Impressions": "impressions", "Saves": "saves"},
    )
    batch = load("pinterest_pins.csv", mapping=mapping, account="acme")
    assert batch.account_id == "pinterest:acme"
    assert value(batch, "post_metrics", post_id="p-2", metric="saves") == 64
    assert "clicks" not in set(batch.tables["post_metrics"].metric)


def test_a_mapping_naming_a_missing_column_is_a_clear_error() -> None:
    mapping = ColumnMapping(
        table="posts",
        platform="pinterest",
        columns={"post_id": "Pin ID", "published_at": "Created"},
        metrics={"Repins": "shares"},
    )
    with pytest.raises(ImportInputError, match="'Repins' is not in the file"):
        load("pinterest_pins.csv", mapping=mapping)


# ------------------------------------------------------------------ choosing the importer


def test_platform_option_picks_among_that_platforms_importers() -> None:
    assert load("Totals.csv", platform="youtube").format == "youtube_totals"
    assert load("Totals.csv", platform="youtube_totals").format == "youtube_totals"
    with pytest.raises(ImportInputError, match="does not look like any tiktok export"):
        load("Totals.csv", platform="tiktok")
    with pytest.raises(ImportInputError, match="neither a platform nor an import format"):
        load("Totals.csv", platform="myspace")


def test_an_unknown_file_asks_for_the_platform(tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("alpha,beta\n1,2\n")
    with pytest.raises(ImportInputError, match="--platform"):
        export_import(path)


def test_a_file_whose_rows_are_all_rejected_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Totals.csv"
    path.write_text("Date,Views\n2024-03-01,=1+1\n2024-03-02,@A1\n")
    with pytest.raises(ImportInputError, match="Every row was rejected"):
        export_import(path)


# ------------------------------------------------------------------ real exports

REAL = {
    "x_twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv": ("x_tweet_activity", 37),
    "facebook__Facebook_Insights_Data_Export_Post_Level_USC_Clinical_Trials_2017-01-19.csv": (
        "facebook_legacy_posts",
        1,
    ),
    "linkedin__NPLF_LinkedIn_Q1_raw.xls": ("linkedin_page", 192),
    "tiktok__htupycollabs__Overview.csv": ("tiktok_overview", 365),
    "tiktok__htupycollabs__Content.csv": ("tiktok_content", 13),
    "youtube_studio__priyankapatel05__Table_data.csv": ("youtube_table", 442),
}


@pytest.mark.parametrize(("name", "expected"), REAL.items(), ids=list(REAL))
def test_real_exports_import_without_rejections(name: str, expected: tuple[str, int]) -> None:
    path = SHARED_EXPORTS / name
    if not path.is_file():
        pytest.skip(f"the shared export {path} is absent on this machine")
    batch = export_import(path, ImportOptions(reference_date=dt.date(2026, 2, 27)))
    assert (batch.format, batch.rows_read) == expected
    assert batch.rejected == []
    assert batch.rows_written > batch.rows_read


def test_real_x_export_values() -> None:
    path = SHARED_EXPORTS / "x_twitter__tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv"
    if not path.is_file():
        pytest.skip(f"the shared export {path} is absent on this machine")
    batch = export_import(path)
    assert batch.account_id == "x:ropensci"
    assert value(batch, "post_metrics", post_id="812369747765362688", metric="impressions") == 1938
    assert value(batch, "post_metrics", post_id="812369747765362688", metric="clicks") == 15


def test_real_linkedin_posts_have_their_created_dates() -> None:
    path = SHARED_EXPORTS / "linkedin__NPLF_LinkedIn_Q1_raw.xls"
    if not path.is_file():
        pytest.skip(f"the shared export {path} is absent on this machine")
    batch = export_import(path)
    posts = batch.tables["posts"].set_index("post_id")
    assert posts.loc["6682292579746279424", "published_at"] == pd.Timestamp("2020-06-26", tz="UTC")
    assert len(posts) == 10


def test_tiktok_years_count_back_from_the_day_the_file_was_saved(tmp_path: Path) -> None:
    import os
    import shutil

    path = tmp_path / "Overview.csv"
    shutil.copyfile(FIXTURES / "Overview.csv", path)
    saved = dt.datetime(2024, 1, 3, 12, 0).timestamp()
    os.utime(path, (saved, saved))
    days = sorted(set(export_import(path).tables["account_daily"].date.dt.date))
    assert days == [dt.date(2023, 12, 30), dt.date(2023, 12, 31), dt.date(2024, 1, 2)]


def test_bytes_already_in_memory_import_like_a_file() -> None:
    data = (FIXTURES / "Totals.csv").read_bytes()
    from_bytes = export_import("upload/Totals.csv", data=data)
    from_file = export_import(FIXTURES / "Totals.csv")
    assert from_bytes.sha256 == from_file.sha256
    assert from_bytes.source == "Totals.csv"
    pd.testing.assert_frame_equal(from_bytes.tables["account_daily"], from_file.tables["account_daily"])
    with pytest.raises(ImportInputError, match="larger than the import limit"):
        export_import("Totals.csv", data=data, max_bytes=10)
    with pytest.raises(ImportInputError, match="empty"):
        export_import("Totals.csv", data=b"\xef\xbb\xbf\r\n")


def test_facebook_legacy_workbook_reads_the_key_metrics_sheet() -> None:
    from_csv = load("facebook_legacy_posts.csv")
    from_xlsx = load("facebook_legacy_posts.xlsx")
    pd.testing.assert_frame_equal(from_xlsx.tables["post_metrics"], from_csv.tables["post_metrics"])
    pd.testing.assert_frame_equal(from_xlsx.tables["posts"], from_csv.tables["posts"])
