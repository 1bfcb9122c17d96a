"""Included at `meetings/` inside the language prefixes (namespace "meetings"): the public
pages (`views.public`) and the co-owners' ones (`views.coowner`)."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from meetings.views import coowner, public

app_name = "meetings"

urlpatterns = [
    path("", public.index, name="index"),
    path("<id:pk>/", public.detail, name="detail"),
    path("<id:pk>/minutes.pdf", public.minutes_public, name="minutes"),
    path("<id:pk>/vote/", coowner.vote, name="vote"),
    path("<id:pk>/comments/", coowner.comment, name="comment"),
    path("<id:pk>/ledger/", coowner.ledger, name="ledger"),
    path("<id:pk>/my-votes/", coowner.my_votes, name="my_votes"),
    path("<id:pk>/minutes-named.pdf", coowner.minutes_coowners, name="minutes_coowners"),
]
