"""Adapters for Wagtail pages: what is public about a page is decided here, once.

A page is found when it is live, not an alias, and not behind a password or a group
restriction; a page that only asks for a login is found by signed-in residents. A page is
shown to readers of its own language, and to readers of a language it has no live
translation in.
"""

from abc import abstractmethod
from html import unescape

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils.html import strip_tags

from wagtail.models import Page, PageViewRestriction

from search.models import Visibility
from search.sources import Document, Source, languages


def plain_text(html: str) -> str:
    """Rich text as words: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(unescape(strip_tags(str(html or "").replace("<", " <"))).split())


def stream_text(stream) -> str:
    """The searchable words of a StreamField, as its blocks define them."""
    if not stream:
        return ""
    parts = stream.stream_block.get_searchable_content(stream)
    return " ".join(plain_text(part) for part in parts if part)


def page_tags(page, attribute: str = "tags") -> list[tuple[str, str]]:
    manager = getattr(page, attribute, None)
    if manager is None:
        return []
    return [(tag.slug, tag.name) for tag in manager.all()]


def with_access_and_translations(pages):
    """Annotate what `PageSource` asks of every page, in the same query: view restrictions on
    the page or above it, and which languages it is live in."""
    LOGIN = PageViewRestriction.LOGIN
    above = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    live = Page.objects.filter(translation_key=OuterRef("translation_key"), live=True)
    return pages.annotate(
        search_hidden=Exists(above.exclude(restriction_type=LOGIN)),
        search_login=Exists(above.filter(restriction_type=LOGIN)),
        **{
            f"search_live_{code}": Exists(live.filter(locale__language_code=code))
            for code in languages()
        },
    )


class PageSource(Source):
    """Subclasses say what the page is (`page_document`); this says whether it is public."""

    def candidates(self):
        pages = self.model_class().objects.live().filter(alias_of__isnull=True)
        return with_access_and_translations(pages.select_related("locale"))

    def visibility(self, page) -> str | None:
        if not page.live or page.alias_of_id or page.search_hidden:
            return None
        return Visibility.RESIDENTS if page.search_login else Visibility.PUBLIC

    @staticmethod
    def languages_served(page) -> list[str]:
        own = page.locale.language_code
        return [
            code
            for code in languages()
            if code == own or not getattr(page, f"search_live_{code}", False)
        ]

    def document(self, page) -> Document | None:
        if not hasattr(page, "search_hidden"):  # not read through `candidates()`
            page = with_access_and_translations(type(page).objects.filter(pk=page.pk)).first()
            if page is None:
                return None
        visibility = self.visibility(page)
        url = page.get_url() if visibility else None
        if not url:
            return None
        fields = self.page_document(page)
        if fields is None:
            return None
        fields.setdefault("date", page.first_published_at or page.last_published_at)
        return Document(
            title=page.title,
            url=url,
            visibility=visibility,
            language=page.locale.language_code,
            languages=self.languages_served(page),
            **fields,
        )

    @abstractmethod
    def page_document(self, page) -> dict | None:
        """Document fields besides title, URL, language and visibility (type, summary, body,
        tags, district_id, status, date, popularity); None to keep a live page unlisted."""

    def watched(self):
        """A page's translations change with it: which language each is shown in depends on
        which of them are live."""
        return {
            self.model: lambda page: Page.objects.filter(
                translation_key=page.translation_key
            ).values_list("pk", flat=True)
        }
