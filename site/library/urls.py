"""Included at `library/` (in every language): a person's own list of contributions. The
library's pages, and the forms to propose and edit a contribution, are Wagtail pages and
their routes."""

from django.urls import path

from library import cabinet_views

app_name = "library"

urlpatterns = [
    path("mine/", cabinet_views.contributions_mine, name="mine"),
]
