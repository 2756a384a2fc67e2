"""Every string of the web app in Hebrew; pages right-to-left in Hebrew; the switcher works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
from django.urls import reverse

from .web_helpers import client_for as _client

WEB = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "web"
PO = WEB / "locale" / "he" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
            continue
        if not entry.translated():
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        # A plural form may say the number in words ("one plan"), so only singular entries must
        # keep every placeholder; no translation may invent one.
        wanted = set(_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        found = [set(_PLACEHOLDER.findall(form)) for form in forms]
        if any(f - wanted for f in found) or (not entry.msgid_plural and found[0] != wanted):
            problems.append(f"placeholders differ: {entry.msgid!r}")
    return problems


def test_every_hebrew_message_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(PO))
    assert len(po) > 100
    assert _problems(po) == []
    assert not po.metadata_is_fuzzy


def test_the_check_itself_catches_untranslated_and_fuzzy_entries() -> None:
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Save", msgstr=""))
    po.append(polib.POEntry(msgid="Goal", msgstr="מטרה", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Step %(number)s", msgstr="שלב"))
    assert len(_problems(po)) == 3


def test_the_compiled_catalogue_matches_the_po_file() -> None:
    po = {(e.msgid, e.msgstr) for e in polib.pofile(str(PO)) if not e.msgid_plural}
    mo = {(e.msgid, e.msgstr) for e in polib.mofile(str(MO)) if not e.msgid_plural}
    assert po - mo == set(), "run: django-admin compilemessages (the .mo is stale)"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (apt package gettext) is not installed")
def test_every_translatable_string_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
    # makemessages writes to the first LOCALE_PATHS entry: point it at the copy, never the real one.
    (tmp_path / "i18n_check_settings.py").write_text(
        "from socialplan.web.settings.test import *  # noqa: F403\nLOCALE_PATHS = []\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(WEB.parents[1])]),
        "DJANGO_SETTINGS_MODULE": "i18n_check_settings",
    }
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "he", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(copy / "locale" / "he" / "LC_MESSAGES" / "django.po"))
    assert _problems(fresh) == [], "new strings need Hebrew: run makemessages -l he and translate them"


def test_hebrew_pages_are_right_to_left_and_in_hebrew(two_workspaces: dict[str, Any]) -> None:
    html = _client(two_workspaces["owner_a"], "he").get(reverse("workspace_list")).content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "סביבות עבודה" in html
    english = _client(two_workspaces["owner_a"], "en").get(reverse("workspace_list")).content.decode()
    assert '<html lang="en" dir="ltr">' in english


def test_the_language_switcher_sets_the_language_for_the_next_pages(two_workspaces: dict[str, Any]) -> None:
    client = _client(two_workspaces["owner_a"], "en")
    back = reverse("workspace_list")
    response = client.post(reverse("set_language"), {"language": "he", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert 'dir="rtl"' in client.get(back).content.decode()


def test_numbers_and_dates_follow_the_language(two_workspaces: dict[str, Any]) -> None:
    from django.utils import formats, translation

    record = two_workspaces["plan_a"]
    with translation.override("he"):
        hebrew_date = formats.date_format(record.updated_at, "DATETIME_FORMAT")
    with translation.override("en"):
        english_date = formats.date_format(record.updated_at, "DATETIME_FORMAT")
    assert hebrew_date != english_date
    page = _client(two_workspaces["owner_a"], "he").get(reverse("plan_detail", args=[record.pk])).content.decode()
    assert hebrew_date.split()[0] in page
