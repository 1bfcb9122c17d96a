"""Links to petitions in the reader's language, and absolute links for emails.

Ukrainian, the default language, is served without a prefix and English under `/en/`; the
English petitions index hands its sub-paths to the Ukrainian one (see `PetitionIndexPage`),
so a petition's page in English is its Ukrainian path with the language prefix.
"""

from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from config.navigation import generation

# How long a page's address and title are kept; a publish, move or deletion moves the
# published-pages generation in the key and so takes effect at once.
ADDRESS_TIMEOUT = 300


def in_language(path: str, language: str | None = None) -> str:
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language == settings.LANGUAGE_CODE or not path.startswith("/"):
        return path
    if path.startswith(f"/{language}/"):
        return path
    return f"/{language}{path}"


def page_path(page, route: str = "", language: str | None = None) -> str:
    """`/petitions/12/` (+ a route of the page, like `data.json`) in the given language."""
    return in_language(f"{page.url}{route}", language)


class PageAddress(NamedTuple):
    title: str
    url: str  # in the default language; `path(language)` gives it in any

    def path(self, language: str | None = None) -> str:
        return in_language(self.url, language)


def page_address(page_id: int) -> PageAddress:
    """The title and address of a page known by its id, from the cache: every signature's
    email and confirmation needs its petition's, and neither should load the whole page."""
    from wagtail.models import Page

    key = f"petitions:address:{generation()}:{page_id}"
    address = cache.get(key)
    if address is None:
        page = Page.objects.only("title", "url_path", "locale_id").get(pk=page_id)
        address = PageAddress(title=page.title, url=page.url)
        cache.set(key, address, ADDRESS_TIMEOUT)
    return address


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def reverse_in(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)
