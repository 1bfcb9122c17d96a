"""Verification in the Wagtail admin: a "Residents" menu with the registrars' queue of
residence requests, the postal letters and the verified attributes, each item shown only to
staff with its permission (and each view refuses the others: `residents.admin_views`)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

import config.params  # noqa: F401  (registers the <id:…> path converter)
from residents import admin_views
from residents.services.verification import (
    DECIDE_PERMISSION,
    PRINT_PERMISSION,
    REVOKE_PERMISSION,
)

admin_urlpatterns = [
    path("requests/", admin_views.requests_queue, name="requests"),
    path("requests/<id:pk>/", admin_views.request_detail, name="request"),
    path("requests/<id:pk>/document/", admin_views.request_document, name="request_document"),
    path("requests/<id:pk>/approve/", admin_views.request_approve, name="request_approve"),
    path("requests/<id:pk>/reject/", admin_views.request_reject, name="request_reject"),
    path("letters/", admin_views.letters, name="letters"),
    path("letters/print/", admin_views.letters_print, name="letters_print"),
    path("letters/batches/<id:pk>/reprint/", admin_views.batch_reprint, name="batch_reprint"),
    path("attributes/", admin_views.attributes, name="attributes"),
    path("attributes/<id:pk>/", admin_views.attribute_detail, name="attribute"),
    path("attributes/<id:pk>/revoke/", admin_views.attribute_revoke_view, name="attribute_revoke"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("residents/", include((admin_urlpatterns, "residents_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_residents_menu():
    items = [
        PermissionMenuItem(
            _("Residence requests"),
            reverse("residents_admin:requests"),
            name="residence-requests",
            icon_name="home",
            order=100,
            permission=DECIDE_PERMISSION,
        ),
        PermissionMenuItem(
            _("Postal letters"),
            reverse("residents_admin:letters"),
            name="postal-letters",
            icon_name="mail",
            order=200,
            permission=PRINT_PERMISSION,
        ),
        PermissionMenuItem(
            _("Verified attributes"),
            reverse("residents_admin:attributes"),
            name="verified-attributes",
            icon_name="tick-inverse",
            order=300,
            permission=REVOKE_PERMISSION,
        ),
    ]
    return SubmenuMenuItem(
        _("Residents"), Menu(items=items), name="residents", icon_name="home", order=260
    )
