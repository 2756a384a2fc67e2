"""The importer registry, format detection and the library entry point ``metrics_import``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from socialplan.i18n import Text
from socialplan.measure.importers.base import Detection, ImportBatch, Importer, ImportOptions
from socialplan.measure.read import DEFAULT_MAX_BYTES, ExportFile, ImportInputError, export_parse, export_read

# Detections below this are guesses; the user must name the format with --platform.
MIN_CONFIDENCE = 0.5

if TYPE_CHECKING:
    from socialplan.measure.store import AnalyticsStore, ImportResult


def importers() -> dict[str, Importer]:
    """Every importer by id, in the order detection tries them."""
    from socialplan.measure.importers import (
        facebook_legacy,
        ga4_bigquery,
        ga4_csv,
        generic,
        instagram_posts,
        linkedin_page,
        meta_posts,
        tiktok,
        x_account,
        x_tweets,
        youtube_studio,
    )

    found: list[Importer] = [
        x_tweets.XTweetActivity(),
        x_account.XAccountActivity(),
        facebook_legacy.FacebookLegacyPosts(),
        meta_posts.MetaFacebookPosts(),
        instagram_posts.InstagramPosts(),
        linkedin_page.LinkedInPage(),
        youtube_studio.YouTubeTable(),
        youtube_studio.YouTubeChart(),
        youtube_studio.YouTubeTotals(),
        tiktok.TikTokOverview(),
        tiktok.TikTokContent(),
        ga4_csv.GA4Csv(),
        ga4_bigquery.GA4BigQuery(),
        generic.GenericTable(),
    ]
    return {importer.id: importer for importer in found}


def detect_format(export: ExportFile | Path | str) -> Detection | None:
    """The most likely importer for a file, or None when no importer recognises it."""
    if not isinstance(export, ExportFile):
        export = export_read(export)
    best: Detection | None = None
    for importer in importers().values():
        if export.kind not in importer.file_kinds:
            continue
        detection = importer.detect(export)
        if detection is not None and (best is None or detection.confidence > best.confidence):
            best = detection
    return best


def choose_importer(export: ExportFile, platform: str | None) -> Importer:
    """The importer ``--platform`` names (an importer id or a platform id), else the detected one."""
    registry = importers()
    if platform:
        if platform in registry:
            return registry[platform]
        candidates = [imp for imp in registry.values() if imp.platform == platform and export.kind in imp.file_kinds]
        detections = [(imp, imp.detect(export)) for imp in candidates]
        matched = [(imp, d) for imp, d in detections if d is not None]
        if matched:
            return max(matched, key=lambda pair: pair[1].confidence)[0]
        if platform not in {imp.platform for imp in registry.values()}:
            raise ImportInputError(
                export.name,
                Text(
                    en=f"'{platform}' is neither a platform nor an import format; "
                    f"known formats: {', '.join(registry)}.",
                    he=f"'{platform}' אינו פלטפורמה או תבנית ייבוא; התבניות המוכרות: {', '.join(registry)}.",
                ),
            )
        raise ImportInputError(
            export.name,
            Text(
                en=f"The file does not look like any {platform} export this version reads.",
                he=f"הקובץ אינו נראה כמו ייצוא של {platform} שהגרסה הזו יודעת לקרוא.",
            ),
        )
    detection = detect_format(export)
    if detection is None or detection.confidence < MIN_CONFIDENCE:
        raise ImportInputError(
            export.name,
            Text(
                en="The file's format was not recognised; name it with --platform, "
                "or import it with a saved column mapping (--mapping).",
                he="תבנית הקובץ לא זוהתה; ציינו אותה עם ‎--platform, או ייבאו עם מיפוי עמודות שמור (‎--mapping).",
            ),
        )
    return registry[detection.importer_id]


def export_import(
    path: Path | str,
    options: ImportOptions | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> ImportBatch:
    """Read, recognise and parse one file into canonical tables (nothing is stored).

    ``data``: the file's bytes when they are already in memory (a web upload); ``path`` then
    only names the file in messages."""
    options = options or ImportOptions()
    if data is None:
        export = export_read(path, max_bytes=max_bytes)
    elif len(data) > max_bytes:
        raise ImportInputError(
            Path(path).name,
            Text(
                en=f"The file is larger than the import limit of {max_bytes / 1e6:.0f} MB.",
                he=f"הקובץ גדול ממגבלת הייבוא של {max_bytes / 1e6:.0f} MB.",
            ),
        )
    else:
        export = export_parse(Path(path), data)
    platform = options.platform
    if options.mapping is not None and platform is None:
        platform = "generic"
    importer = choose_importer(export, platform)
    result = importer.parse(export, options)
    mentions = result.tables.get("mentions")
    if options.author_pseudonym is not None and mentions is not None and len(mentions):
        pseudonym = options.author_pseudonym
        mentions["author"] = [
            None if author is None or pd.isna(author) else pseudonym(str(author)) for author in mentions["author"]
        ]
    if result.rows_read and len(result.rejected) >= result.rows_read:
        first = result.rejected[0]
        raise ImportInputError(
            export.name,
            Text(
                en=f"Every row was rejected; the first at line {first.line}: {first.message.en}",
                he=f"כל השורות נדחו; הראשונה בשורה {first.line}: {first.message.he}",
            ),
            line=first.line,
            field=first.field,
        )
    return result


def metrics_import(
    paths: Iterable[Path | str],
    *,
    store: AnalyticsStore,
    platform: str | None = None,
    account: str | None = None,
    options: ImportOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Path, int], None] | None = None,
    prepare: Callable[[ImportBatch], ImportBatch] | None = None,
) -> list[ImportResult]:
    """Import files into the store, each in its own transaction; a file that fails is reported
    and leaves the store as it was, and the other files still import.

    ``prepare`` gets each parsed file before it is stored (the CLI scores mentions with it, as
    the opinion package does; this package does not depend on that one).

    Returns one ``ImportResult`` per file, in order.
    """
    from socialplan.measure.store import ImportResult

    base = options or ImportOptions()
    merged = ImportOptions(
        account=account or base.account,
        platform=platform or base.platform,
        mapping=base.mapping,
        reference_date=base.reference_date,
        timezone=base.timezone,
        author_pseudonym=base.author_pseudonym,
    )
    results: list[ImportResult] = []
    for index, raw_path in enumerate(paths):
        path = Path(raw_path)
        if on_file is not None:
            on_file(path, index)
        try:
            parsed = export_import(path, merged, max_bytes=max_bytes)
        except ImportInputError as error:
            results.append(
                ImportResult(
                    source=path.name,
                    status="failed",
                    error=Text(en=error.describe("en"), he=error.describe("he")),
                )
            )
            continue
        results.append(store.write(prepare(parsed) if prepare is not None else parsed))
    return results
