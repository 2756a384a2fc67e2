"""The WSGI entry point that ``socialplan serve`` hands to gunicorn."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings.local")

application = get_wsgi_application()
