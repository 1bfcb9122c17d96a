"""Included at `experts/` (in every language): a person's own lists of projects, ratings and
consultations. The directory, experts' pages, questions and projects are Wagtail pages and
their routes."""

from django.urls import path

from experts.views import cabinet

app_name = "experts"

urlpatterns = [
    path("mine/projects/", cabinet.projects_mine, name="my_projects"),
    path("mine/ratings/", cabinet.ratings_mine, name="my_ratings"),
    path("mine/consultations/", cabinet.consultations_mine, name="my_consultations"),
]
