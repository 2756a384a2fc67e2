"""Names of the content formats used across the catalogue, the Es and the calendar."""

from __future__ import annotations

import datetime as dt

from socialplan.i18n import Lang, Text

FORMAT_NAMES: dict[str, Text] = {
    "text": Text(en="text post", he="פוסט טקסט"),
    "image": Text(en="image", he="תמונה"),
    "carousel": Text(en="carousel", he="קרוסלה"),
    "short_video": Text(en="short video", he="סרטון קצר"),
    "long_video": Text(en="long video", he="סרטון ארוך"),
    "article": Text(en="article", he="מאמר"),
    "live": Text(en="live broadcast", he="שידור חי"),
    "thread": Text(en="thread", he="שרשור"),
    "story": Text(en="story", he="סטורי"),
    "audio": Text(en="audio episode", he="פרק אודיו"),
    "poll": Text(en="poll", he="סקר"),
    "link": Text(en="link post", he="פוסט קישור"),
    "newsletter": Text(en="newsletter", he="ניוזלטר"),
    "event": Text(en="event", he="אירוע"),
}


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def format_name(format_id: str, lang: Lang) -> str:
    """The format's name in the language; an unknown format keeps its id."""
    name = FORMAT_NAMES.get(format_id)
    return name(lang) if name else format_id.replace("_", " ")


def format_date(value: dt.date, lang: Lang) -> str:
    """A date as people write it: 30 June 2027 in English, 30.6.2027 in Hebrew."""
    if lang == "he":
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
