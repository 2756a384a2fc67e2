"""Languages the product speaks and the bilingual text type shared by every package.

The core never imports Django: texts that the core produces (method guidance, review
messages, draft reasons) carry both languages side by side, and each front end picks one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["en", "he"]
LANGS: tuple[Lang, ...] = ("en", "he")

_HEBREW_LETTER = re.compile(r"[\u0590-\u05FF]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


class Text(BaseModel):
    """A short text in English and Hebrew. ``text("he")`` gives the Hebrew."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str
    he: str

    def __call__(self, lang: Lang) -> str:
        return self.he if lang == "he" else self.en

    def format(self, **values: object) -> Text:
        """Both languages with ``{name}`` placeholders filled in."""
        return Text(en=self.en.format(**values), he=self.he.format(**values))

    @staticmethod
    def each(render: Callable[[Lang], str]) -> Text:
        """A text made for each language by ``render`` (when a value, a date say, is written
        differently in each)."""
        return Text(en=render("en"), he=render("he"))


def detect_lang(text: str, default: Lang = "en") -> Lang:
    """Hebrew when the text has more Hebrew letters than Latin ones.

    Good enough for objectives, names and short notes; the opinion package has a
    per-text detector tuned for social media text.
    """
    hebrew = len(_HEBREW_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if hebrew == 0 and latin == 0:
        return default
    return "he" if hebrew >= latin else "en"
