"""URLs of an association's meetings, included in `i18n_patterns` at
`organizations/<str:slug>/meetings/` with the namespace "meetings_board" (beside the polls'
`organizations/<slug>/polls/`): the board's pages (`views.board`, `views.board_voting`) and an
initiative group's, for co-owners who are not the board (`views.initiative`)."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from meetings.views import board, board_voting, initiative

app_name = "meetings_board"

urlpatterns = [
    path("", board.index, name="index"),
    path("new/", board.create, name="create"),
    path("<id:pk>/", board.detail, name="detail"),
    path("<id:pk>/edit/", board.edit, name="edit"),
    path("<id:pk>/convene/", board.convene, name="convene"),
    path("<id:pk>/cancel/", board.cancel, name="cancel"),
    path("<id:pk>/publish/", board.publish, name="publish"),
    path("<id:pk>/paper-ballot/", board_voting.paper_ballot, name="paper"),
    path("<id:pk>/proxies/", board_voting.proxies, name="proxies"),
    path(
        "<id:pk>/proxies/<id:proxy_pk>/revoke/",
        board_voting.proxy_remove,
        name="proxy_revoke",
    ),
    path("<id:pk>/discussion/", board_voting.discussion, name="discussion"),
    path(
        "<id:pk>/comments/<id:comment_pk>/hide/",
        board_voting.comment_hide_view,
        name="comment_hide",
    ),
    path(
        "<id:pk>/comments/<id:comment_pk>/restore/",
        board_voting.comment_restore_view,
        name="comment_restore",
    ),
    path("initiatives/", initiative.initiatives, name="initiatives"),
    path("initiatives/new/", initiative.initiative_create, name="initiative_create"),
    path("initiatives/<id:pk>/", initiative.initiative_detail, name="initiative"),
    path("initiatives/<id:pk>/edit/", initiative.initiative_edit, name="initiative_edit"),
    path("initiatives/<id:pk>/join/", initiative.initiative_join_view, name="initiative_join"),
    path("initiatives/<id:pk>/leave/", initiative.initiative_leave_view, name="initiative_leave"),
    path("initiatives/<id:pk>/convene/", initiative.initiative_convene, name="initiative_convene"),
    path("initiatives/<id:pk>/cancel/", initiative.initiative_cancel, name="initiative_cancel"),
]
