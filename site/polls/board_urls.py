"""URLs of the association boards' polls, meant to be included in `i18n_patterns` at
`organizations/<str:slug>/polls/` with the namespace "polls_board" (beside the residents'
`organizations/<slug>/register/`)."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from polls import board_views

app_name = "polls_board"

urlpatterns = [
    path("", board_views.board_polls, name="index"),
    path("new/", board_views.board_poll_create, name="create"),
    path("<id:pk>/", board_views.board_poll_detail, name="detail"),
    path("<id:pk>/schedule/", board_views.board_poll_schedule, name="schedule"),
    path("<id:pk>/unschedule/", board_views.board_poll_unschedule, name="unschedule"),
]
