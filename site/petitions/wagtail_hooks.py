"""The petitions moderation queue in the Wagtail admin, a dashboard panel of the petitions
waiting past their moderation deadline, and a guard on the page editor.

Petitions are written by citizens and change state only through `petitions.services`, so the
page editor is not the place to change one: editing a petition page opens its moderation view.
"""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

import config.params  # noqa: F401  (registers the <id:…> path converter)
from petitions import admin_views
from petitions.models import PetitionPage
from petitions.selectors import petitions_moderation_overdue

admin_urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<id:petition_id>/", admin_views.detail, name="detail"),
    path("<id:petition_id>/publish/", admin_views.publish, name="publish"),
    path("<id:petition_id>/reject/", admin_views.reject, name="reject"),
    path("<id:petition_id>/hide/", admin_views.hide, name="hide"),
    path("<id:petition_id>/rates/", admin_views.rates, name="rates"),
    path("<id:petition_id>/invalidate/", admin_views.invalidate, name="invalidate"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("petitions/", include((admin_urlpatterns, "petitions_admin")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("petitions.moderate_petition")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Petition moderation"),
        reverse("petitions_admin:queue"),
        name="petition-moderation",
        icon_name="doc-full",
        order=250,
    )


class ModerationOverduePanel(Component):
    """On the admin's home page, for moderators: the petitions whose supporters are complete
    and that wait past their moderation deadline, so none waits unseen."""

    name = "petitions_moderation_overdue"
    template_name = "petitions/admin/overdue_panel.html"
    order = 150
    shown = 5

    def get_context_data(self, parent_context):
        overdue = petitions_moderation_overdue()
        return {
            "petitions": list(overdue[: self.shown]),
            "count": overdue.count(),
            "queue_url": f"{reverse('petitions_admin:queue')}?state={admin_views.OVERDUE}",
        }


@hooks.register("construct_homepage_panels")
def add_moderation_overdue_panel(request, panels):
    if request.user.has_perm("petitions.moderate_petition"):
        panels.append(ModerationOverduePanel())


def _to_moderation(page):
    if isinstance(page.specific_deferred, PetitionPage):
        return redirect("petitions_admin:detail", petition_id=page.pk)
    return None


@hooks.register("before_edit_page")
def petitions_are_moderated_not_edited(request, page):
    return _to_moderation(page)


@hooks.register("before_unpublish_page")
def petitions_leave_public_view_by_moderation(request, page):
    return _to_moderation(page)


@hooks.register("before_delete_page")
def petitions_are_hidden_not_deleted(request, page):
    return _to_moderation(page)
