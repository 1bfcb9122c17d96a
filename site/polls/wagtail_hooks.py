"""The "Polls" item of the Wagtail admin: shown to editors and to the staff of municipal bodies
and deputies (`polls.admin_views.creator_kinds`), who prepare and run polls there."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

import config.params  # noqa: F401  (registers the <id:…> path converter)
from polls import admin_views

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("new/", admin_views.create, name="create"),
    path("<id:pk>/", admin_views.detail, name="detail"),
    path("<id:pk>/edit/", admin_views.edit, name="edit"),
    path("<id:pk>/schedule/", admin_views.schedule, name="schedule"),
    path("<id:pk>/unschedule/", admin_views.unschedule, name="unschedule"),
    path("<id:pk>/open/", admin_views.open_now, name="open"),
    path("<id:pk>/close/", admin_views.close_now, name="close"),
    path("<id:pk>/publish/", admin_views.publish, name="publish"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("polls/", include((admin_urlpatterns, "polls_admin")))]


class PollsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.creator_kinds(request.user))


@hooks.register("register_admin_menu_item")
def register_polls_menu():
    return PollsMenuItem(
        _("Polls"), reverse("polls_admin:index"), name="polls", icon_name="list-ul", order=270
    )
