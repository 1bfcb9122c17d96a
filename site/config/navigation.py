"""The main menu, built once per site and language and kept in the cache.

Every page shows the menu, and building it walks the home page's children and their
translations (about ten queries): more than the busiest pages (the signing form) cost
themselves. It changes only when a page is published, unpublished, moved or deleted, or when a
site or locale changes; each of those moves the menu to a new generation, at once and again
after commit, so a reader that rebuilt it from rows read before the commit stores its copy
under a generation nobody asks for any more. The timeout bounds how long a change made without
those signals (a queryset `update()`, say) can go unseen.

The menu lives in the shared cache (`CACHE_URL`), so every worker sees the same generation.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from config.generations import Generation

MENU_TIMEOUT = 300
MENU = Generation("config:navigation:generation")


def generation() -> int:
    """The current generation of published pages: it moves whenever the menu may change."""
    return MENU.current()


def menu_changed() -> None:
    """Forget every cached menu (all sites, all languages)."""
    MENU.move()


def _build(site: Site, request) -> list[dict]:
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = site.root_page.localized.locale
    children = Page.objects.child_of(site.root_page).live().public().in_menu().specific(defer=True)
    menu = []
    for child in children:
        page = child.get_translation_or_none(locale) or child
        url = page.get_url(request=request)
        if url:
            menu.append({"title": page.title, "url": url})
    return menu


def main_menu(request) -> list[dict]:
    """The menu items of the request's site in the active language; `active` marks the
    section the request is in."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"config:navigation:{generation()}:{site.pk}:{language}"
    items = cache.get(key)
    if items is None:
        items = _build(site, request)
        cache.set(key, items, MENU_TIMEOUT)
    path = request.path
    return [{**item, "active": path.startswith(item["url"])} for item in items]


def _changed(**kwargs) -> None:
    menu_changed()
    transaction.on_commit(menu_changed, robust=True)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _changed()


def connect() -> None:
    page_published.connect(_changed, dispatch_uid="config:navigation:published")
    page_unpublished.connect(_changed, dispatch_uid="config:navigation:unpublished")
    post_page_move.connect(_changed, dispatch_uid="config:navigation:moved")
    # Per model, never for every model: a post_delete receiver without a sender would make
    # Django load and signal each row of every bulk delete (signatures purged, say).
    for model in (*get_page_models(), Page, Site, Locale):
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"config:navigation:deleted:{model._meta.label}"
        )
    post_save.connect(_saved, sender=Site, dispatch_uid="config:navigation:site")
    post_save.connect(_saved, sender=Locale, dispatch_uid="config:navigation:locale")
