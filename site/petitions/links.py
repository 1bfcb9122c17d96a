"""Links to petitions in the reader's language, and absolute links for emails.

Ukrainian, the default language, is served without a prefix and English under `/en/`; the
English petitions index hands its sub-paths to the Ukrainian one (see `PetitionIndexPage`),
so a petition's page in English is its Ukrainian path with the language prefix.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


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


def page_path_by_id(page_id: int, language: str | None = None) -> str:
    """`page_path` of a page known by its id: reads the bare page row, which is all an
    address needs (the busy signing path must not load the whole petition for it)."""
    from wagtail.models import Page

    return page_path(Page.objects.only("url_path", "locale_id").get(pk=page_id), language=language)


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def reverse_in(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)
