"""The library's sections: the index at the top and topics (which may nest) beneath it."""

from django.db import models
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page
from config.views import rate_limited

INTRO_FEATURES = ["bold", "italic", "link"]


class RateLimitedRoutesMixin:
    """Routes of a page raise `Ratelimited` when a public write comes too fast; Wagtail serves
    them, so the page answers with the site's 429 page itself instead of a bare 403."""

    def serve(self, request, *args, **kwargs):
        try:
            return super().serve(request, *args, **kwargs)
        except Ratelimited as exc:
            return rate_limited(request, exc)


class LibraryPageMixin:
    """Shared by the index and topics: a listing of the articles beneath, filtered and sorted
    from the query string."""

    def listing_context(self, request, *, tag_slug: str = "") -> dict:
        from library.views import listing_context

        return listing_context(request, root=self, tag_slug=tag_slug)


class LibraryIndexPage(RateLimitedRoutesMixin, LibraryPageMixin, RoutablePageMixin, Page):
    """The library's front page, one per language. Its routes serve what belongs to the
    library as a whole: tag pages, feeds and the public contribution forms."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["config.HomePage"]
    subpage_types = ["library.TopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        context["topics"] = (
            TopicPage.objects.child_of(self).live().public().select_related("locale")
        )
        return context

    @path("")
    @shared_page
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("tags/<str:tag>/", name="tag")
    @shared_page
    def tag_listing(self, request, tag):
        from library.views import tag_page

        return tag_page(request, index=self, tag_slug=tag)

    @path("feed/rss/", name="feed_rss")
    @shared_page
    def feed_rss(self, request):
        from library.feeds import LibraryRssFeed

        return LibraryRssFeed(index=self)(request)

    @path("feed/atom/", name="feed_atom")
    @shared_page
    def feed_atom(self, request):
        from library.feeds import LibraryAtomFeed

        return LibraryAtomFeed(index=self)(request)

    @path("contribute/", name="contribute")
    def contribute_choose(self, request):
        from library.views import contribute_choose

        return contribute_choose(request, index=self)

    @path("contribute/<str:kind>/", name="contribute_form")
    @method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True))
    def contribute_form(self, request, kind):
        from library.views import contribute

        return contribute(request, index=self, kind=kind)

    @path("contributions/<id:pk>/edit/", name="contribution_edit")
    @method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True))
    def contribution_edit(self, request, pk):
        from library.views import contribution_edit

        return contribution_edit(request, index=self, pk=pk)

    @path("contributions/<id:pk>/withdraw/", name="contribution_withdraw")
    @method_decorator(ratelimit(key="ip", rate="10/m", method="POST", block=True))
    def contribution_withdraw(self, request, pk):
        from library.views import contribution_withdraw

        return contribution_withdraw(request, index=self, pk=pk)


class TopicPage(LibraryPageMixin, Page):
    """A section of the library (housing, budget, accessibility…). Topics may hold subtopics;
    their listing includes everything beneath them."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    summary = models.CharField(
        _("summary"),
        max_length=240,
        blank=True,
        help_text=_("One sentence shown on the library's front page."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["library.LibraryIndexPage", "library.TopicPage"]
    subpage_types = ["library.TopicPage", "library.GuidePage", "library.CaseStudyPage"]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        context["subtopics"] = TopicPage.objects.child_of(self).live().public()
        context["library_index"] = LibraryIndexPage.objects.ancestor_of(self).first()
        return context

    @shared_page
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)
