"""Menu entries for the people and organization directories.

The directories are ordinary views (`/people/`, `/organizations/`), so other apps can link
to them by name; these pages only put them in the main menu, in both languages.
"""

from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class DirectoryPage(Page):
    """A main-menu entry that opens the people or the organization directory."""

    class Directory(models.TextChoices):
        PEOPLE = "people", _("People")
        ORGANIZATIONS = "organizations", _("Organizations")

    directory = models.CharField(_("directory"), max_length=20, choices=Directory.choices)

    content_panels = Page.content_panels + [FieldPanel("directory")]
    parent_page_types = ["config.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("directory (menu entry)")

    def serve(self, request, *args, **kwargs):
        name = (
            "profiles:people"
            if self.directory == self.Directory.PEOPLE
            else "profiles:organizations"
        )
        return redirect(reverse(name))
