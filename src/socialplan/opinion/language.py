"""Per-text language detection for mixed Hebrew and English streams of mentions."""

from __future__ import annotations

import re

from socialplan.i18n import Lang

_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")
_HEBREW_LETTER = re.compile(r"[\u05D0-\u05EA]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def text_lang(text: str, default: Lang = "en") -> Lang:
    """Hebrew or English for one mention.

    Links, @handles and #hashtags are ignored (a Hebrew post often tags Latin handles), and a
    Hebrew letter counts twice as much as a Latin one because written Hebrew leaves out most
    vowels: "I love it" and "אני אוהב את זה" carry the same words in fewer Hebrew letters.
    Texts with no letters at all (emoji, numbers) get ``default``.
    """
    prose = _NOT_PROSE.sub(" ", text) if ("/" in text or "@" in text or "#" in text) else text
    hebrew = len(_HEBREW_LETTER.findall(prose))
    latin = len(_LATIN_LETTER.findall(prose))
    if hebrew == 0 and latin == 0:
        return default
    return "he" if 2 * hebrew >= latin else "en"
