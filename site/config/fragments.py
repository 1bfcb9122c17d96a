"""Parts of a page that are the same for every reader, rendered once per content generation.

The shared page cache (`config.sharedpages`) serves anonymous visitors; a signed-in person's
page is rendered for them, because parts of it are theirs: the header's account links, their
messages, their signature on a petition, the editor's userbar, their CSRF token. Most of such a
page is not theirs, though (a petition's text, counts and charts, a guide, a listing), and
rendering it cost far more than the rest (`bench/pages_stack/profile.py`). A template marks such
a part with `{% shared_fragment "name" %}…{% end_shared_fragment %}` (`config_fragments`); it is
rendered once per content generation (`config.freshness`), language, host, address and name,
and kept in the shared cache for `sharedpages.TIMEOUT` seconds, which bounds how old live
counts may be, as on anonymous pages.

The base layout's header and footer are fragments too (`base.html`): the header one for
people signed in and one for those who are not (the sign-out form's token swapped in), so a
kept page draws only what is the reader's: their messages, the editor's userbar, their forms.

What a fragment may hold: nothing that depends on who reads it. Forms are fine, their CSRF
token is swapped for the reader's own as on shared pages; a fragment whose render asked for a
token anywhere else is not kept. A preview, a request other than GET or HEAD, or one without a
request in its context renders the fragment every time.

A fragment that is kept saves only what its render would have cost if the view builds the
values it shows lazily: `lazy(function)` is a value the template computes (once) the first time
it reads it, so a view that wraps its expensive context in it pays nothing when the fragment
comes from the cache.
"""

import hashlib

from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from config.freshness import content_generation
from config.navigation import generation
from config.nearcache import near_get, near_set
from config.pagecache import TOKEN_FIELD, TOKEN_MARKER
from config.sharedpages import MAX_PATH, TIMEOUT

UNSET = object()


class Lazy:
    """A context value computed on the template's first read of it, then kept (Django's
    templates call what is callable)."""

    __slots__ = ("function", "value")

    def __init__(self, function):
        self.function = function
        self.value = UNSET

    def __call__(self):
        if self.value is UNSET:
            self.value = self.function()
        return self.value


def lazy(function) -> Lazy:
    return Lazy(function)


def may_keep(request) -> bool:
    return (
        request is not None
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and len(request.get_full_path()) <= MAX_PATH
    )


def key_for(request, name: str, vary: tuple) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{name}|{vary!r}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:40]
    language = translation.get_language()
    # The published-pages generation too: the header's menu and links are kept with it.
    return f"config:fragments:{content_generation()}:{generation()}:{language}:{digest}"


def fragment(request, name: str, vary: tuple, render) -> SafeString:
    """The fragment `name` of this page, from the cache or from `render()` (then kept if it
    may be)."""
    if not may_keep(request):
        return render()
    key = key_for(request, name, vary)
    stored = near_get(key)
    if stored is not None:
        content, has_form = stored
        if has_form:
            content = content.replace(TOKEN_MARKER, get_token(request))
        return mark_safe(content)  # noqa: S308 - rendered (and escaped) by a template
    asked_before = request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
    content = render()
    asked = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    if asked_before is not None:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = asked_before or asked
    kept, forms = TOKEN_FIELD.subn(f'name="csrfmiddlewaretoken" value="{TOKEN_MARKER}"', content)
    if not asked or forms:
        near_set(key, (kept, bool(forms)), TIMEOUT)
    return mark_safe(content)  # noqa: S308 - rendered (and escaped) by a template
