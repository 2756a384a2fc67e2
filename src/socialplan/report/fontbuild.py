"""Build the packaged font, Socialplan Sans, from Debian's Noto fonts (``fonts-noto-core``).

One font file holds Latin, digits, Hebrew and the few symbols people type in plans (minus sign,
arrows, comparison signs, check marks), so neither WeasyPrint nor vl-convert falls back glyph by
glyph to whatever font and weight a machine happens to have. The result ships in ``fonts/`` with
the SIL Open Font License; it is renamed, as the licence asks of modified versions.

Run: ``python -m socialplan.report.fontbuild /usr/share/fonts/truetype/noto src/socialplan/report/fonts``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

FAMILY = "Socialplan Sans"
SYMBOLS: dict[str, list[int]] = {
    "NotoSansMath-Regular.ttf": [0x2212, *range(0x2190, 0x2196), 0x2260, 0x2264, 0x2265, 0x2248, 0x221E],
    "NotoSansSymbols2-Regular.ttf": [0x2713, 0x2714, 0x2717, 0x2718],
}


def _symbol_subsets(source: Path, folder: Path) -> list[str]:
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    files = []
    for name, codepoints in SYMBOLS.items():
        font = TTFont(source / name)
        options = subset.Options()
        options.layout_features = []
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        path = folder / name
        font.save(path)
        files.append(str(path))
    return files


def fonts_build(source: Path, target: Path) -> list[Path]:
    from fontTools.merge import Merger  # type: ignore[import-untyped]

    written = []
    with tempfile.TemporaryDirectory() as temporary:
        extra = _symbol_subsets(source, Path(temporary))
        for style in ("Regular", "Bold"):
            parts = [
                str(source / f"NotoSans-{style}.ttf"),
                str(source / f"NotoSansHebrew-{style}.ttf"),
                *extra,
            ]
            font = Merger().merge(parts)
            names = font["name"]
            for record in list(names.names):
                if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
                    names.removeNames(nameID=record.nameID)
            for name_id, value in (
                (1, FAMILY),
                (2, style),
                (
                    3,
                    f"{FAMILY} {style}; from Noto Sans, Noto Sans Hebrew, Noto Sans Math and Symbols 2",
                ),
                (4, f"{FAMILY} {style}" if style != "Regular" else FAMILY),
                (6, f"SocialplanSans-{style}"),
            ):
                names.setName(value, name_id, 3, 1, 0x409)
                names.setName(value, name_id, 1, 0, 0)
            path = target / f"SocialplanSans-{style}.ttf"
            font.save(path)
            written.append(path)
    return written


if __name__ == "__main__":
    for built in fonts_build(Path(sys.argv[1]), Path(sys.argv[2])):
        print(built)
