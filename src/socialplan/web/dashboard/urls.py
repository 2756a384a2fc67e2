from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from socialplan.web.dashboard import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("w/<int:workspace_id>/imports/", views.import_list, name="dashboard_imports"),
    path("w/<int:workspace_id>/imports/<int:import_id>/", views.import_detail, name="dashboard_import_detail"),
    path(
        "w/<int:workspace_id>/imports/<int:import_id>/progress/",
        views.import_progress,
        name="dashboard_import_progress",
    ),
    path("w/<int:workspace_id>/imports/<int:import_id>/undo/", views.import_undo, name="dashboard_import_undo"),
    path("p/<int:plan_id>/dashboard/", views.dashboard, name="dashboard"),
    path("p/<int:plan_id>/dashboard/report/<str:fmt>/", views.dashboard_report, name="dashboard_report"),
    path("p/<int:plan_id>/dashboard/<str:page>/", views.dashboard, name="dashboard_page"),
]
