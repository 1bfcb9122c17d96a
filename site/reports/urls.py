"""Included at `reports/` inside the language prefixes (namespace "reports"): the public pages
(`views.public`), reporting, updates and "me too" (`views.reporting`), the emailed
confirmations (`views.confirm`), then the body's side."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from reports.views import body, cabinet, confirm, data, public, reporting

app_name = "reports"

urlpatterns = [
    path("", public.index, name="index"),
    path("data/", public.map_data, name="map_data"),
    path("new/", reporting.new, name="new"),
    path("new/sent/", reporting.sent, name="sent"),
    path("complaints/", public.complaints, name="complaints"),
    path("confirm/<str:token>/", confirm.confirm, name="confirm"),
    path("<id:pk>/", public.detail, name="detail"),
    path("<id:pk>/update/", reporting.update, name="update"),
    path("<id:pk>/support/", reporting.support, name="support"),
    # The body's side: the emailed link, accountability, the members' cabinet, open data.
    path("act/<str:token>/", body.act, name="act"),
    path("bodies/", body.bodies, name="bodies"),
    path("bodies/<str:slug>/", body.body_page, name="body"),
    path("cabinet/", cabinet.cabinet, name="cabinet"),
    path("cabinet/<id:pk>/", cabinet.cabinet_act, name="cabinet_act"),
    path("opendata/reports.<str:format>", data.opendata_view, name="opendata"),
]
