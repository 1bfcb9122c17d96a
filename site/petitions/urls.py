"""Included at `petitions/` (in every language): signing, a person's own lists, and files
with an extension, which Wagtail's page routes cannot serve. Petition pages themselves are
Wagtail pages."""

from django.urls import path

from config.sharedpages import shared_page
from petitions import cabinet_views, data_views, views

app_name = "petitions"

urlpatterns = [
    path("sign/<int:petition_id>/", views.sign, name="sign"),
    path("sign/<int:petition_id>/sent/", views.sign_sent, name="sign_sent"),
    path("sign/support/<str:token>/", views.sign_support, name="sign_support"),
    path("signatures/confirm/<str:token>/", views.confirm, name="confirm"),
    path("signatures/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/", cabinet_views.petitions_mine, name="mine"),
    path("mine/signatures/", cabinet_views.signatures_mine, name="my_signatures"),
    path("all.json", shared_page(data_views.list_json), name="list_json"),
    path("all.csv", shared_page(data_views.list_csv), name="list_csv"),
    path("<int:petition_id>.json", shared_page(data_views.petition_json), name="petition_json"),
    path("<int:petition_id>.csv", shared_page(data_views.petition_csv), name="petition_csv"),
    path("<int:petition_id>/dossier.pdf", data_views.petition_dossier, name="dossier"),
]
