from __future__ import annotations

from django.urls import URLPattern, path

from socialplan.web.calendar import views

urlpatterns: list[URLPattern] = [
    path("p/<int:plan_id>/calendar/", views.calendar_page, name="calendar_page"),
    path("p/<int:plan_id>/calendar/generate/", views.calendar_generate_view, name="calendar_generate"),
    path("p/<int:plan_id>/calendar/new/", views.entry_edit, name="calendar_entry_new"),
    path("p/<int:plan_id>/calendar/e/<str:entry_id>/", views.entry_edit, name="calendar_entry_edit"),
    path("p/<int:plan_id>/calendar/e/<str:entry_id>/move/", views.entry_move_view, name="calendar_entry_move"),
    path(
        "p/<int:plan_id>/calendar/e/<str:entry_id>/duplicate/",
        views.entry_duplicate_view,
        name="calendar_entry_duplicate",
    ),
    path("p/<int:plan_id>/calendar/e/<str:entry_id>/status/", views.entry_status_view, name="calendar_entry_status"),
    path("p/<int:plan_id>/calendar/export/<str:fmt>/", views.calendar_export, name="calendar_export"),
    path("p/<int:plan_id>/calendar/import/", views.calendar_import, name="calendar_import"),
    path("p/<int:plan_id>/calendar/feed/", views.feed_rotate, name="calendar_feed_rotate"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
