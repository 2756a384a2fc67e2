"""Views: parse the request, fetch objects through :mod:`socialplan.web.access`, call a
service or selector, render. No business logic lives here."""
