"""Assets the app builds instead of vendoring: the chart library comes from vl-convert."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@cache
def vega_bundle_text() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from the installed vl-convert (no CDN)."""
    import vl_convert

    # app.js is not an ES module: it finds vega-embed as a global (which bundles Vega itself).
    snippet = "window.vegaEmbed = vegaEmbed;"
    bundle: str = vl_convert.javascript_bundle(snippet)
    return bundle


@require_GET
def vega_bundle(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(vega_bundle_text(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
