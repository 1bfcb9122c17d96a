"""Public pages served from the shared cache to visitors who are not signed in.

When a petition goes viral, thousands of people read its page before they sign; rendering it
(the layout, the menu, the charts) costs fifty times what the server needs to send it. Every
page that is the same for all anonymous visitors is therefore rendered once per content
generation (`config.freshness`), language, host and full address, and kept in the shared cache
for `TIMEOUT` seconds, which bounds how old live counts may be (signatures do not move the
generation: signing is the hot path).

Opt-in, so the default is safe: a view says its page may be shared by returning it through
`shared()` (or with `@shared_page`). The middleware stores such a page only when nothing in it
can belong to one visitor:

- the request is a GET or HEAD without a session cookie (so nobody is signed in, no session
  data such as a vote can show) and with no messages waiting;
- the response is a plain 200 that set no cookie, saved no session and queued no message.

CSRF tokens are handled as on the sign page (`config.pagecache`): the stored page holds a
marker where each form's token was, and each visitor gets a token of their own.

HTTP caching: shared pages carry an `ETag` and `Last-Modified`, so a reload costs a 304 without
rendering; those without a form are `public, max-age=TIMEOUT` for a proxy in front (with `Vary:
Cookie`, since a session cookie changes the page), those with one `no-cache` (each visitor
needs their own token). Pages for anyone with a session are `private`.
"""

import functools
import hashlib
import time
from dataclasses import dataclass
from email.utils import formatdate

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from config.freshness import content_generation
from config.nearcache import near_get, near_set
from config.pagecache import TOKEN_FIELD, TOKEN_MARKER

TIMEOUT = 30
# Set for each response here (or by Django), never copied from the stored one.
OWN_HEADERS = {"content-length", "vary", "cache-control", "etag", "last-modified", "expires"}
MAX_PATH = 500  # longer addresses (odd query strings) are rendered, not stored


def shared(response: HttpResponse, *, on_hit: tuple[str, tuple] | None = None) -> HttpResponse:
    """Mark `response` as the same for every anonymous visitor. `on_hit` names a function
    (dotted path, arguments) called with the request whenever the stored page is served, for
    the view's own side effect (an article counts its readers)."""
    response.shared_page = on_hit or True
    return response


def shared_page(view):
    """`shared()` for everything a view (or a page's route method) returns."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return shared(view(*args, **kwargs))

    wrapper.may_be_shared = True
    return wrapper


def may_be_shared(view_func) -> bool:
    """Whether this view can return a shared page at all: one wrapped in `shared_page`, or
    Wagtail's page serving (a page, or a route of a routable page, calls `shared()` itself).
    Only these are looked up in the cache, so the requests of every other view (a confirmation
    link, the sign form with its own cache) pay nothing for this middleware."""
    return getattr(view_func, "may_be_shared", False) or (
        getattr(view_func, "__name__", "") == "serve"
        and getattr(view_func, "__module__", "") == "wagtail.views"
    )


@dataclass(frozen=True)
class Entry:
    content: str
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: float
    has_form: bool
    on_hit: tuple[str, tuple] | None


def may_share(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and len(request.get_full_path()) <= MAX_PATH
        and len(get_messages(request)) == 0
    )


def cache_key(request: HttpRequest) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:40]
    language = translation.get_language()
    return f"config:sharedpages:{content_generation()}:{language}:{digest}"


def entry_of(request: HttpRequest, response: HttpResponse) -> Entry | None:
    """What can be kept of a response; None if any of it may belong to this visitor."""
    marked = getattr(response, "shared_page", None)
    if (
        not marked
        or request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or request.session.modified
        or getattr(get_messages(request), "added_new", False)
        or request.user.is_authenticated
    ):
        return None
    content = response.content.decode(response.charset)
    content, forms = TOKEN_FIELD.subn(f'name="csrfmiddlewaretoken" value="{TOKEN_MARKER}"', content)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not forms:
        return None  # a token went somewhere other than a form field: it cannot be swapped
    return Entry(
        content=content,
        headers=tuple((k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS),
        etag=f'W/"{hashlib.sha256(content.encode()).hexdigest()[:32]}"',
        last_modified=float(int(time.time())),
        has_form=bool(forms),
        on_hit=None if marked is True else marked,
    )


def headers_for(response: HttpResponse, entry: Entry) -> HttpResponse:
    response["ETag"] = entry.etag
    response["Last-Modified"] = formatdate(entry.last_modified, usegmt=True)
    if entry.has_form:
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=TIMEOUT)
    patch_vary_headers(response, ("Cookie",))
    return response


def served(request: HttpRequest, entry: Entry) -> HttpResponse:
    if entry.on_hit:
        path, args = entry.on_hit
        import_string(path)(request, *args)
    # A browser without a CSRF cookie gets a new secret: the page it kept has a stale token.
    conditional = not entry.has_form or "CSRF_COOKIE" in request.META
    if conditional:
        not_modified = get_conditional_response(
            request, etag=entry.etag, last_modified=int(entry.last_modified)
        )
        if not_modified is not None:
            return headers_for(not_modified, entry)
    content = entry.content
    if entry.has_form:
        content = content.replace(TOKEN_MARKER, get_token(request))
    return headers_for(HttpResponse(content, headers=dict(entry.headers)), entry)


class SharedPageMiddleware:
    """Serves and stores shared pages (see the module). Placed after the session, CSRF,
    authentication and message middleware, so it sees the response before any of them sets a
    cookie on it. The cache is asked in `process_view`, once the view is known, and only for
    views that may share (`may_be_shared`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "shared_page_served", False):
            return response
        key = getattr(request, "shared_page_key", None)
        entry = None if key is None else entry_of(request, response)
        if entry is None:
            return private(response)
        near_set(key, entry, TIMEOUT)
        return headers_for(response, entry)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not may_be_shared(view_func) or not may_share(request):
            return None
        key = cache_key(request)
        entry = near_get(key)
        if entry is None:
            request.shared_page_key = key  # rendered now, stored on the way out if it may be
            return None
        request.shared_page_served = True
        return served(request, entry)


def private(response: HttpResponse) -> HttpResponse:
    """Anything not shared may be someone's own: no proxy keeps it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    return response
