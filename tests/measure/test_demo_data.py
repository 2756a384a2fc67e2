"""The demo data set: deterministic, dated before the given day, in formats the importers read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from socialplan.i18n import Lang
from socialplan.measure.demo_data import BAKERY, BRANDS, DEMO_DAYS, STUDIO, DemoBrand, DemoExport, demo_exports
from socialplan.measure.importers import ImportOptions, detect_format, export_import
from socialplan.plan.io import load_profile

DEMO_PROFILES = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "web" / "demo"
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("brand", BRANDS, ids=lambda b: b.slug)
def test_the_same_day_gives_the_same_files_and_another_day_moves_them(brand: DemoBrand) -> None:
    first = demo_exports(brand=brand, today=TODAY)
    assert demo_exports(brand=brand, today=TODAY) == first
    later = demo_exports(brand=brand, today=TODAY + dt.timedelta(days=1))
    assert [e.data for e in later] != [e.data for e in first]
    assert demo_exports(brand=brand, today=TODAY, seed=1) != first


def _platforms(exports: list[DemoExport]) -> list[str | None]:
    return [e.mapping.platform for e in exports if e.mapping is not None and e.mapping.table == "posts"]


def test_each_brand_has_its_own_files_and_only_the_bakery_pins() -> None:
    bakery = demo_exports(brand=BAKERY, today=TODAY)
    studio = demo_exports(brand=STUDIO, today=TODAY)
    assert not {e.name for e in bakery} & {e.name for e in studio}
    assert _platforms(bakery) == ["pinterest"]
    assert _platforms(studio) == ["instagram"]
    for exports, brand, other in ((bakery, BAKERY, STUDIO), (studio, STUDIO, BAKERY)):
        text = b"".join(e.data for e in exports).decode("utf-8-sig")
        assert brand.name in text
        assert brand.competitor in text
        assert brand.site in text
        assert other.name not in text
        assert other.competitor not in text
        assert other.site not in text


def test_the_brands_are_the_demo_profiles_businesses_and_competitors() -> None:
    # The focus group finds the brand by the plan's business name: the two must agree.
    profiles = {
        (p.business.name, tuple(p.competitors)) for p in map(load_profile, DEMO_PROFILES.glob("*.profile.yaml"))
    }
    assert {(b.name, (b.competitor,)) for b in BRANDS} == profiles


@pytest.mark.parametrize("brand", BRANDS, ids=lambda b: b.slug)
def test_every_file_imports_whole_and_its_data_ends_the_day_before(tmp_path: Path, brand: DemoBrand) -> None:
    tables: dict[str, int] = {}
    last_days = []
    for export in demo_exports(brand=brand, today=TODAY):
        path = tmp_path / export.name
        path.write_bytes(export.data)
        if export.mapping is None:
            detection = detect_format(path)
            assert detection is not None, export.name
            assert detection.confidence >= 0.5, export.name
        batch = export_import(path, ImportOptions(account=export.account or None, mapping=export.mapping))
        assert batch.rows_read, export.name
        assert not batch.rejected, (export.name, batch.rejected[:1])
        for name, frame in batch.tables.items():
            tables[name] = tables.get(name, 0) + len(frame)
            column = {"posts": "published_at", "mentions": "published_at", "web_sessions": "date"}.get(name)
            if column is not None:
                days = [d.date() if isinstance(d, dt.datetime) else d for d in frame[column]]
                assert min(days) >= TODAY - dt.timedelta(days=DEMO_DAYS), export.name
                last_days.append(max(days))
    assert max(last_days) == TODAY - dt.timedelta(days=1)
    assert all(tables[name] for name in ("posts", "post_metrics", "web_sessions", "mentions", "interaction_edges"))
    # Small: seconds to import, yet a 90-day period and six 28-day equity periods have data.
    assert sum(tables.values()) < 5_000


def test_mentions_are_in_english_and_hebrew_with_both_praise_and_complaints() -> None:
    from socialplan.opinion.sentiment import texts_sentiment

    langs: tuple[Lang, Lang] = ("en", "he")
    for brand, lang in zip(BRANDS, langs, strict=True):
        praise = texts_sentiment(list(brand.praise), langs=[lang] * len(brand.praise))
        complaints = texts_sentiment(list(brand.complaints), langs=[lang] * len(brand.complaints))
        assert sum(r.label == "positive" for r in praise) > len(praise) / 2, brand.name
        assert sum(r.label == "negative" for r in complaints) > len(complaints) / 2, brand.name


def test_too_short_a_span_is_refused() -> None:
    with pytest.raises(ValueError, match="28-day"):
        demo_exports(brand=BAKERY, today=TODAY, days=7)
