"""Atom feeds of blogs. Feed readers are anonymous, so a feed shows what anyone may see."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.rich_text import expand_db_html

from profiles.models import Organization
from profiles.selectors import posts_published
from profiles.views.people import profile_for_slug
from profiles.visibility import visible_profile


class BlogFeed(Feed):
    feed_type = Atom1Feed

    def items(self, owner):
        return posts_published(**owner["filter"])[:20]

    def title(self, owner):
        return _("%(name)s · blog on Spilno") % {"name": strip_tags(owner["name"])}

    def link(self, owner):
        return owner["url"]

    def subtitle(self, owner):
        return owner["about"]

    def item_title(self, item):
        # Atom titles are text, but some readers render them as HTML anyway.
        return strip_tags(item.title)

    def item_description(self, item):
        # Sent as `<summary type="html">`: the body was whitelisted when it was written
        # (`profiles.text.markdown_to_rich_text`), so this is sanitised HTML.
        return expand_db_html(item.body)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.author.display_name)


class PersonFeed(BlogFeed):
    def get_object(self, request, slug):
        profile = profile_for_slug(slug)
        person = visible_profile(profile, viewer=None)
        return {
            "name": person.display_name,
            "url": person.url,
            "about": person.about,
            "filter": {"author": profile.user},
        }


class OrganizationFeed(BlogFeed):
    def get_object(self, request, slug):
        organization = get_object_or_404(Organization, slug=slug)
        return {
            "name": organization.name,
            "url": organization.get_absolute_url(),
            "about": organization.about,
            "filter": {"organization": organization},
        }
