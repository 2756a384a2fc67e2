from __future__ import annotations

from django.contrib.auth.views import LogoutView
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from socialplan.web.views import accounts, assets, plans, steps, workspaces

urlpatterns: list[URLPattern | URLResolver] = [
    path("", workspaces.home, name="home"),
    path("accounts/login/", accounts.ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("assets/vega.js", assets.vega_bundle, name="vega_bundle"),
    path("workspaces/", workspaces.workspace_list, name="workspace_list"),
    path("w/<int:workspace_id>/", workspaces.workspace_detail, name="workspace_detail"),
    path("w/<int:workspace_id>/members/", workspaces.workspace_members, name="workspace_members"),
    path("w/<int:workspace_id>/new/", plans.plan_new_from_profile, name="plan_new"),
    path("w/<int:workspace_id>/import/", plans.plan_import, name="plan_import"),
    path("p/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("p/<int:plan_id>/plan.yaml", plans.plan_export_yaml, name="plan_export_yaml"),
    path("p/<int:plan_id>/rename/", plans.plan_rename, name="plan_rename"),
    path("p/<int:plan_id>/delete/", plans.plan_delete, name="plan_delete"),
    path("p/<int:plan_id>/replace/", plans.plan_replace_yaml, name="plan_replace_yaml"),
    path("p/<int:plan_id>/download/<str:fmt>/", plans.plan_download, name="plan_download"),
    path("p/<int:plan_id>/versions/", plans.version_list, name="version_list"),
    path("p/<int:plan_id>/versions/<int:number>/", plans.version_detail, name="version_detail"),
    path("p/<int:plan_id>/versions/<int:number>/restore/", plans.version_restore, name="version_restore"),
    path("p/<int:plan_id>/step/<str:step>/", steps.wizard_step, name="wizard_step"),
    path("p/<int:plan_id>/step/<str:step>/review/", steps.wizard_review, name="wizard_review"),
    path("", include("socialplan.web.calendar.urls")),
    path("", include("socialplan.web.dashboard.urls")),
]
