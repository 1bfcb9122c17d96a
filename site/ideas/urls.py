"""Included at `ideas/` inside the language prefixes (namespace "ideas"): the public pages
(`views.public`), open data and the feed, the proposal (`views.proposal`), support
(`views.support`), the authority's and moderators' actions (`views.authority`) and the
discussion (`views.discussion`)."""

from django.urls import path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from ideas.feeds import IdeasFeed
from ideas.views import authority, discussion, proposal, public, support

app_name = "ideas"

urlpatterns = [
    path("", public.index, name="index"),
    path("map/", public.city_map_page, name="map"),
    path("new/", proposal.create, name="create"),
    path("mine/", proposal.mine, name="mine"),
    path("feed/", IdeasFeed(), name="feed"),
    path("data/ideas.json", public.data_json, name="data_json"),
    path("data/ideas.csv", public.data_csv, name="data_csv"),
    path("comments/<id:pk>/report/", discussion.report, name="comment_report"),
    path("comments/<id:pk>/hide/", discussion.comment_hide, name="comment_hide"),
    path("comments/<id:pk>/restore/", discussion.comment_restore, name="comment_restore"),
    path("reports/<id:pk>/dismiss/", discussion.report_dismiss, name="report_dismiss"),
    path("<str:slug>/", public.detail, name="detail"),
    path("<str:slug>/edit/", proposal.edit, name="edit"),
    path("<str:slug>/attachments/", proposal.attachment_add, name="attachment_add"),
    path(
        "<str:slug>/attachments/<id:pk>/remove/",
        proposal.attachment_remove,
        name="attachment_remove",
    ),
    path("<str:slug>/publish/", proposal.publish, name="publish"),
    path("<str:slug>/support/", support.give, name="support"),
    path("<str:slug>/withdraw/", support.withdraw, name="withdraw"),
    path("<str:slug>/answer/", authority.answer, name="answer"),
    path("<str:slug>/start/", authority.start, name="start"),
    path("<str:slug>/finish/", authority.finish, name="finish"),
    path("<str:slug>/merge/", authority.merge, name="merge"),
    path("<str:slug>/project/", authority.project, name="project"),
    path("<str:slug>/poll/", authority.poll, name="poll"),
    path("<str:slug>/hide/", authority.hide, name="hide"),
    path("<str:slug>/unhide/", authority.unhide, name="unhide"),
    path("<str:slug>/comments/", discussion.comment, name="comment"),
]
