"""Included at `petitions/` (in every language): signing, a person's own lists, and files
with an extension, which Wagtail's page routes cannot serve. Petition pages themselves are
Wagtail pages."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page
from petitions import cabinet_views, data_views, views

app_name = "petitions"

urlpatterns = [
    path("sign/<id:petition_id>/", views.sign, name="sign"),
    path("sign/<id:petition_id>/sent/", views.sign_sent, name="sign_sent"),
    path("sign/support/<str:token>/", views.sign_support, name="sign_support"),
    path("sign/support/<str:token>/sent/", views.sign_support_sent, name="sign_support_sent"),
    path("signatures/confirm/<str:token>/", views.confirm, name="confirm"),
    path("signatures/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/", cabinet_views.petitions_mine, name="mine"),
    path("mine/signatures/", cabinet_views.signatures_mine, name="my_signatures"),
    path("all.json", shared_page(data_views.list_json), name="list_json"),
    path("all.csv", shared_page(data_views.list_csv), name="list_csv"),
    path("<id:petition_id>.json", shared_page(data_views.petition_json), name="petition_json"),
    path("<id:petition_id>.csv", shared_page(data_views.petition_csv), name="petition_csv"),
    path("<id:petition_id>/dossier.pdf", data_views.petition_dossier, name="dossier"),
]
