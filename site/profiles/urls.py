"""Public URLs of people and organizations, and the personal cabinet. Included once, at the
root of `i18n_patterns`, so `/account/`, `/people/` and `/organizations/` (and their `/en/`
twins) are all here."""

from django.urls import include, path

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page
from profiles.feeds import OrganizationFeed, PersonFeed
from profiles.views import blog, cabinet, organizations, people, team, unsubscribe

account_patterns = [
    path("", cabinet.cabinet, name="cabinet"),
    path("profile/", cabinet.profile_edit, name="profile_edit"),
    path("status/", cabinet.status, name="status"),
    path("status/<id:pk>/withdraw/", cabinet.status_withdraw, name="status_withdraw"),
    path("organizations/", cabinet.my_organizations, name="my_organizations"),
    path("invitations/", cabinet.my_invitations, name="my_invitations"),
    path("blog/", cabinet.my_blog, name="my_blog"),
    path("blog/new/", blog.post_new, name="post_new"),
    path("notifications/", cabinet.notifications, name="notifications"),
    path("data/", cabinet.my_data, name="my_data"),
    path("data/export/", cabinet.export_request, name="export_request"),
    path("data/export/<id:pk>/", cabinet.export_download, name="export_download"),
    path("delete/", cabinet.delete_account, name="delete_account"),
    path("delete/cancel/", cabinet.deletion_cancel, name="deletion_cancel"),
    path("blog/<id:pk>/edit/", blog.post_edit, name="post_edit"),
    path("blog/<id:pk>/delete/", blog.post_remove, name="post_delete"),
    path("report/<id:pk>/", blog.post_report_view, name="post_report"),
    path("invitation/<str:token>/", team.invitation, name="invitation"),
    path(
        "join-requests/<id:pk>/withdraw/",
        organizations.join_request_cancel,
        name="join_request_cancel",
    ),
]

people_patterns = [
    path("", shared_page(people.people), name="people"),
    path("<str:slug>/", shared_page(people.person), name="person"),
    path("<str:slug>/json/", shared_page(people.person_json), name="person_json"),
    path("<str:slug>/photo/", people.person_photo, name="person_photo"),
    path("<str:slug>/feed/", shared_page(PersonFeed()), name="person_feed"),
    path("<str:slug>/blog/", shared_page(people.person_blog), name="person_blog"),
    path("<str:slug>/blog/<id:pk>/", shared_page(people.person_post), name="person_post"),
]

organization_patterns = [
    path("", shared_page(organizations.organizations), name="organizations"),
    path("new/", organizations.organization_new, name="organization_new"),
    path("<str:slug>/", shared_page(organizations.organization), name="organization"),
    path(
        "<str:slug>/json/", shared_page(organizations.organization_json), name="organization_json"
    ),
    path("<str:slug>/feed/", shared_page(OrganizationFeed()), name="organization_feed"),
    path("<str:slug>/edit/", organizations.organization_edit, name="organization_edit"),
    path("<str:slug>/team/", organizations.organization_team, name="organization_team"),
    path("<str:slug>/join/", organizations.organization_join, name="organization_join"),
    path("<str:slug>/leave/", organizations.organization_leave, name="organization_leave"),
    path(
        "<str:slug>/blog/", shared_page(organizations.organization_blog), name="organization_blog"
    ),
    path("<str:slug>/blog/new/", blog.post_new, name="organization_post_new"),
    path(
        "<str:slug>/blog/<id:pk>/",
        shared_page(organizations.organization_post),
        name="organization_post",
    ),
    path("<str:slug>/members/<id:pk>/role/", team.member_role, name="member_role"),
    path("<str:slug>/members/<id:pk>/position/", team.member_title, name="member_title"),
    path("<str:slug>/members/<id:pk>/remove/", team.member_remove, name="member_remove"),
    path(
        "<str:slug>/invitations/<id:pk>/withdraw/",
        team.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "<str:slug>/join-requests/<id:pk>/",
        team.join_request_decide,
        name="join_request_decide",
    ),
]

profiles_patterns = [
    path("account/", include(account_patterns)),
    # Outside /account/: opened from an email, without signing in (the token is the key).
    path("notifications/unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
    path("people/", include(people_patterns)),
    path("organizations/", include(organization_patterns)),
]

urlpatterns = [
    # The un-namespaced name the site header (and other apps) link to the cabinet by.
    path("account/", cabinet.cabinet, name="account_cabinet"),
    path("", include((profiles_patterns, "profiles"))),
]
