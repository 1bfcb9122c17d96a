"""The library's public content: guides, case studies and topics (live, public pages only).

Reads the pages' own fields and `plain_text_parts()` (the library's account of what a reader
reads on a page). Popularity is the read count (`ArticleStats`), which the library bumps with
bulk updates: it is refreshed whenever the page is published and by `search_reindex`.
"""

from library.models import ArticleStats, CaseStudyPage, GuidePage, TopicPage
from search.models import DocumentType
from search.sources.pages import PageSource, page_tags, plain_text


def _reads(page) -> int:
    stats = ArticleStats.objects.filter(page_id=page.pk).values_list("read_count", flat=True)
    return next(iter(stats), 0)


class ArticleSource(PageSource):
    """Guides and case studies share their text, tags and counters."""

    type = ""

    def candidates(self):
        return super().candidates().select_related("locale").prefetch_related("tags")

    def page_document(self, page) -> dict:
        parts = [part for part in page.plain_text_parts() if part not in (page.title, page.summary)]
        return {
            "type": self.type,
            "summary": page.summary,
            "body": " ".join(parts),
            "tags": page_tags(page),
            "popularity": _reads(page),
        }


class GuideSource(ArticleSource):
    name = "library.guide"
    model = "library.GuidePage"
    weight = 1.3
    type = DocumentType.GUIDE

    def page_document(self, page) -> dict:
        document = super().page_document(page)
        if page.authority_name:
            document["body"] = f"{page.authority_name}. {document['body']}"
        return document


class CaseStudySource(ArticleSource):
    name = "library.case_study"
    model = "library.CaseStudyPage"
    weight = 1.2
    type = DocumentType.CASE_STUDY

    def page_document(self, page) -> dict:
        document = super().page_document(page)
        document["district_id"] = page.district_id
        if page.place:
            document["body"] = f"{page.place}. {document['body']}"
        return document


class TopicSource(PageSource):
    name = "library.topic"
    model = "library.TopicPage"
    weight = 1.2

    def candidates(self):
        return super().candidates().select_related("locale")

    def page_document(self, page) -> dict:
        return {
            "type": DocumentType.TOPIC,
            "summary": page.summary,
            "body": plain_text(page.intro),
            "popularity": GuidePage.objects.descendant_of(page).live().count()
            + CaseStudyPage.objects.descendant_of(page).live().count(),
        }

    def watched(self):
        """A topic's popularity is the number of live articles under it."""

        def topics_above(article):
            return TopicPage.objects.ancestor_of(article).values_list("pk", flat=True)

        return {
            **super().watched(),
            "library.GuidePage": topics_above,
            "library.CaseStudyPage": topics_above,
        }


SOURCES = [GuideSource(), CaseStudySource(), TopicSource()]
