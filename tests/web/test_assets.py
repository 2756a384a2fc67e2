"""Every asset comes from the app itself: no CDN, no network at run time."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

WEB = Path(__file__).resolve().parents[2] / "src" / "socialplan" / "web"


def test_templates_load_no_script_style_or_font_from_elsewhere() -> None:
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)
    templates = list(WEB.rglob("templates/**/*.html"))
    assert len(templates) > 10
    offenders = [str(p.relative_to(WEB)) for p in templates if external.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_chart_library_is_served_by_the_app() -> None:
    response = Client().get(reverse("vega_bundle"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "window.vegaEmbed" in body
    assert "max-age" in response["Cache-Control"]


def test_htmx_is_vendored_and_configured_for_a_strict_policy() -> None:
    assert (WEB / "static" / "socialplan" / "htmx.min.js").stat().st_size > 10_000
    base = (WEB / "templates" / "web" / "base.html").read_text(encoding="utf-8")
    # htmx must neither evaluate code nor inject a <style> element (the CSP forbids both).
    assert '"allowEval": false' in base
    assert '"includeIndicatorStyles": false' in base
