"""RSS and Atom feeds of what is new in the library, one pair per language.

Titles and summaries are written by contributors, and feed readers render an RSS
`<description>` and an Atom `<summary type="html">` as HTML: a summary (plain text) goes out
as escaped HTML, and tags are stripped from titles, which some readers render as HTML too.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from library.models import ArticlePage, LibraryIndexPage

FEED_LENGTH = 30


class LibraryRssFeed(Feed):
    def __init__(self, *, index: LibraryIndexPage):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(library)s: new guides and case studies") % {"library": self.index.title}

    def link(self):
        return self.index.get_url(request=self.request)

    def description(self):
        return _("Guides and case studies newly published in the city's library.")

    def items(self):
        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self.index)
            .order_by("-first_published_at", "pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return strip_tags(item.title)

    def item_description(self, item):
        return escape(item.summary)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.kind_label]


class LibraryAtomFeed(LibraryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
