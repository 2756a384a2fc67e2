"""The measurement dashboards: uploads of platform exports, their imports, and the charts of a plan.

A Django app of its own inside the web project. Views parse the request and call
``services`` (writes) or ``selectors`` (reads); every permission check goes through
:mod:`socialplan.web.access`. Each workspace has its own analytics store (one DuckDB file
under the data directory), so one workspace's numbers can never appear in another's.
"""
