"""Making a library index ready for editors and contributors."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, WorkflowPage

from library.models import LibraryIndexPage

EDITORS_GROUP = "Editors"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]


def library_index_prepare(*, index: LibraryIndexPage) -> None:
    """Editors may curate everything under the index, and everything under it goes through
    the library's review workflow. Safe to call again."""
    from library.services.contributions import library_workflow

    with transaction.atomic():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": library_workflow()})
        group = Group.objects.filter(name=EDITORS_GROUP).first()
        if group is None:
            return
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
        )
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
