"""The web app: a Django project over the plan core (wizard, plan pages, workspaces).

Only this package imports Django. Views parse the request and call :mod:`.services`
(writes) or :mod:`.selectors` (reads); every object a view touches comes through
:mod:`.access`, the one place where membership and roles are checked.
"""
