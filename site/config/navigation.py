"""The main menu: a few groups named for what people come to do, built once per site and
language and kept in the cache.

`NAVIGATION` declares the groups. An item is either a top-level page of the Wagtail tree, found
by its page type (editors keep its title and `show_in_menus`), or a named URL of an app that has
no page in the tree. An item whose app is not installed, or whose URL does not resolve, is left
out, and a group left with no item is left out too: an app joins the menu with one line here,
written before the app exists if need be. A top-level page that no item claims still appears,
in a last group, so nothing an editor put in the menu is lost.

Every page shows the menu, and building it walks the home page's children and their
translations (about ten queries): more than the busiest pages (the signing form) cost
themselves. It changes only when a page is published, unpublished, moved or deleted, or when a
site or locale changes; each of those moves the menu to a new generation, at once and again
after commit, so a reader that rebuilt it from rows read before the commit stores its copy
under a generation nobody asks for any more. The timeout bounds how long a change made without
those signals (a queryset `update()`, say) can go unseen.

The menu lives in the shared cache (`CACHE_URL`), so every worker sees the same generation.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from config.generations import Generation
from config.nearcache import near_get, near_set

MENU_TIMEOUT = 300
MENU = Generation("config:navigation:generation")


@dataclass(frozen=True)
class PageItem:
    """The top-level pages of one page type (`app_label.ModelName`), in tree order.

    `where` narrows them by field values (one `DirectoryPage` opens the people, another the
    organizations); `children` adds the page's own in-menu children after it."""

    model: str
    where: dict = field(default_factory=dict)
    children: bool = False

    def page_model(self):
        """The page class, or None while its app is not installed."""
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None

    def claims(self, page: Page, model) -> bool:
        return isinstance(page, model) and all(
            getattr(page, name) == value for name, value in self.where.items()
        )


@dataclass(frozen=True)
class UrlItem:
    """A named URL of an app that has no page in the tree. `app` is the installed app it needs
    (by default the URL's namespace)."""

    name: str
    label: Promise
    app: str | None = None

    def url(self) -> str | None:
        app = self.app or (self.name.split(":", 1)[0] if ":" in self.name else None)
        if app is not None and not apps.is_installed(app):
            return None
        try:
            return reverse(self.name)
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    items: tuple[PageItem | UrlItem, ...]


# Each label is written out in its own pgettext_lazy call: makemessages extracts only literal
# strings, and a label passed through a helper would be dropped from the catalogue as obsolete.
NAVIGATION: tuple[Group, ...] = (
    Group(
        "learn",
        pgettext_lazy("main menu", "Learn"),
        (
            PageItem("library.LibraryIndexPage", children=True),
            UrlItem("search:results", pgettext_lazy("main menu", "Search")),
            UrlItem("apps:directory", pgettext_lazy("main menu", "Apps")),
            UrlItem("api:docs", pgettext_lazy("main menu", "API")),
        ),
    ),
    Group(
        "decide",
        pgettext_lazy("main menu", "Decide"),
        (
            PageItem("petitions.PetitionIndexPage"),
            UrlItem("polls:index", pgettext_lazy("main menu", "Polls")),
            UrlItem("ideas:index", pgettext_lazy("main menu", "Ideas")),
            UrlItem("meetings:index", pgettext_lazy("main menu", "Residents' meetings")),
        ),
    ),
    Group(
        "report",
        pgettext_lazy("main menu", "Report"),
        (
            UrlItem("reports:index", pgettext_lazy("main menu", "Problem reports")),
            UrlItem("reports:complaints", pgettext_lazy("main menu", "Book of complaints")),
        ),
    ),
    Group(
        "people",
        pgettext_lazy("main menu", "People"),
        (
            PageItem("experts.ExpertDirectoryPage"),
            PageItem("experts.ProjectIndexPage"),
            PageItem("profiles.DirectoryPage", where={"directory": "organizations"}),
            PageItem("profiles.DirectoryPage", where={"directory": "people"}),
            UrlItem("residents:buildings", pgettext_lazy("main menu", "Buildings")),
        ),
    ),
)

# Where top-level pages that no item of NAVIGATION claims are listed.
OTHER = Group("other", pgettext_lazy("main menu", "More"), ())


def generation() -> int:
    """The current generation of published pages: it moves whenever the menu may change."""
    return MENU.current()


def menu_changed() -> None:
    """Forget every cached menu (all sites, all languages)."""
    MENU.move()


def _in_menu(parent: Page):
    return Page.objects.child_of(parent).live().public().in_menu().specific(defer=True)


def _entry(page: Page, locale: Locale, request) -> dict | None:
    page = page.get_translation_or_none(locale) or page
    url = page.get_url(request=request)
    return {"title": page.title, "url": url} if url else None


def _build(site: Site, request) -> list[dict]:
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = site.root_page.localized.locale
    pages = list(_in_menu(site.root_page))
    claimed: set[int] = set()
    menu = []
    for group in (*NAVIGATION, OTHER):
        entries = []
        for item in group.items:
            if isinstance(item, UrlItem):
                url = item.url()
                if url:
                    entries.append({"title": str(item.label), "url": url})
                continue
            model = item.page_model()
            if model is None:
                continue
            for page in pages:
                if page.pk in claimed or not item.claims(page, model):
                    continue
                claimed.add(page.pk)
                subpages = _in_menu(page) if item.children else ()
                entries += filter(None, (_entry(p, locale, request) for p in (page, *subpages)))
        if group is OTHER:
            others = (page for page in pages if page.pk not in claimed)
            entries = list(filter(None, (_entry(page, locale, request) for page in others)))
        if entries:
            menu.append({"key": group.key, "label": str(group.label), "items": entries})
    return menu


def main_menu(request) -> list[dict]:
    """The menu's groups for the request's site in the active language: each has a `key`, a
    translated `label` and its `items` (`title`, `url`). `active` marks the item of the section
    the request is in (`current` says whether it is that very page) and the group holding it."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"config:navigation:{generation()}:{site.pk}:{language}"
    groups = near_get(key)
    if groups is None:
        groups = _build(site, request)
        near_set(key, groups, MENU_TIMEOUT)
    path = request.path
    menu = []
    for group in groups:
        items = [
            {**item, "active": path.startswith(item["url"]), "current": path == item["url"]}
            for item in group["items"]
        ]
        menu.append({**group, "items": items, "active": any(i["active"] for i in items)})
    return menu


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
