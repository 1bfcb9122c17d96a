"""Wagtail's page routing, done once per generation instead of on every request.

To serve a page, Wagtail finds the request's site (a query), the root page in the reader's
language, then each page along the address, one slug at a time (two queries a level: the
child, then its specific row), then asks for the view restrictions of the page and all its
ancestors (two more): seven to ten queries before a page's own view starts, on every request
of a signed-in person (anonymous visitors mostly get the shared copy, `config.sharedpages`).
None of it depends on who reads. So, for Wagtail's page view only (`RouteCacheMiddleware`):

- the site is kept per host and port under the published-pages generation
  (`config.navigation`), which moves when a site is saved or deleted;
- the route is kept per site, language and address as (the page, how many parts of the
  address the page's path takes), with the page's view restrictions, under both that
  generation and the content generation (`config.freshness`), which move on every publish,
  unpublish, move and save of a page, and on any change to a view restriction: the page's row
  cannot change without the key moving, so it is kept too and a request loads nothing. The
  page then routes the rest of the address itself (a routable page's sub-route), exactly as
  Wagtail would have from its parent; a page that is no longer live still answers 404 there.

Wagtail keeps both per request on the request (`_wagtail_site`, `_wagtail_route_for_request`);
this fills them before its view runs. A route the page type cannot redo on its own (a
translated index that hands the address to its source, say) is not kept, only Wagtail's answer.
"""

import hashlib

from django.http import Http404
from django.utils import translation

from wagtail.models import Page, Site

from config.freshness import content_generation
from config.navigation import generation
from config.nearcache import near_get, near_set

TIMEOUT = 300
NOTHING = "-"  # kept for an address that routes to no page


def is_page_view(view_func) -> bool:
    return (
        getattr(view_func, "__name__", "") == "serve"
        and getattr(view_func, "__module__", "") == "wagtail.views"
    )


def site_for(request) -> Site | None:
    """`Site.find_for_request`, kept per host and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"config:routing:site:{generation()}:{request._get_raw_host()}:{request.get_port()}"
    site = near_get(key)
    if site is None:
        site = Site.find_for_request(request)
        near_set(key, site or NOTHING, TIMEOUT)
    request._wagtail_site = site if site != NOTHING else None
    return request._wagtail_site


def _taken(page: Page, components: list[str]) -> int | None:
    """How many parts of the address lead to `page` (the rest is its own sub-route)."""
    for taken in range(len(components), -1, -1):
        tail = "/".join(components[:taken])
        if page.url_path.endswith(f"/{tail}/" if tail else "/"):
            return taken
    return None


def _entry(request, path: str, components: list[str]):
    result = Page.route_for_request(request, path)  # Wagtail keeps it on the request
    if result is None:
        return NOTHING
    page = result[0]
    taken = _taken(page, components)
    if taken is None:
        return None
    try:
        if page.route(request, components[taken:])[0] != page:
            return None
    except Http404:
        return None
    finally:
        request._wagtail_route_for_request = result  # page.route() may set attributes again
    restrictions = list(page.get_view_restrictions())
    return (page, taken, restrictions)


def route_for(request, path: str) -> None:
    """Fill Wagtail's per-request route from the kept one (or keep it, on the first
    request)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = site_for(request)
    if site is None:
        return
    digest = hashlib.sha256(path.encode()).hexdigest()[:40]
    language = translation.get_language()
    key = (
        f"config:routing:route:{generation()}:{content_generation()}:{site.pk}:{language}:{digest}"
    )
    entry = near_get(key)
    if entry is None:
        entry = _entry(request, path, [part for part in path.split("/") if part])
        if entry is not None:
            near_set(key, entry, TIMEOUT)
        return
    if entry == NOTHING:
        request._wagtail_route_for_request = None
        return
    page, taken, restrictions = entry
    components = [part for part in path.split("/") if part]
    try:
        result = page.route(request, components[taken:])
    except Http404:
        result = None
    if result is not None and result[0] is page:
        # Wagtail's `check_view_restrictions` asks the page; the answer was kept with the route.
        page.get_view_restrictions = lambda: restrictions
    request._wagtail_route_for_request = result


class RouteCacheMiddleware:
    """Fills the site and route of Wagtail's page view from the cache (see the module). After
    `SharedPageMiddleware`, so a page served from the shared cache asks for neither."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_page_view(view_func):
            route_for(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        return None
