"""Where things live: the directory page of a language and the URLs of its routes."""

from django.conf import settings
from django.utils.translation import get_language

from experts.models import ExpertDirectoryPage


def directory_page(*, language: str | None = None) -> ExpertDirectoryPage | None:
    """The live directory page in the reader's language, else the default language's."""
    pages = ExpertDirectoryPage.objects.live().select_related("locale")
    code = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    return (
        pages.filter(locale__language_code=code).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )


def route_url(page, name: str, *args, request=None, full: bool = False) -> str:
    """The URL of one of a routable page's routes ("" when the page does not exist)."""
    if page is None:
        return ""
    base = page.get_full_url(request) if full else page.get_url(request)
    return base + page.reverse_subpage(name, args=args)


def directory_url(name: str, *args, request=None, full: bool = False, language=None) -> str:
    """A route of the directory page, e.g. directory_url("expert", 12)."""
    if request is not None and not full:
        page = getattr(request, "_experts_directory", None)
        if page is None:
            page = request._experts_directory = directory_page(language=language)
    else:
        page = directory_page(language=language)
    return route_url(page, name, *args, request=request, full=full)
