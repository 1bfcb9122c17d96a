"""Whole pages kept in the cache for visitors who are not signed in, with a fresh CSRF token.

The signing form is the busiest page of the site, and for everyone who is not signed in it is
the same HTML but for the CSRF token of its form. Rendering it (the base layout, the menu, the
form's widgets) costs several times the rest of the request, so it is rendered once per key
and language, the token in it replaced by a marker; each request then gets the stored page with
a token of its own (`get_token`, which also sets the CSRF cookie as rendering would).

Only plain GETs (no query string) from anonymous visitors with no messages waiting are served
from the cache. The key carries the published-pages generation (`config.navigation`), so a
publish, move or deletion anywhere serves fresh pages at once; `TIMEOUT` bounds how long
anything else (a renamed district, a deployment) can go unseen.
"""

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from config.navigation import generation
from config.nearcache import near_get, near_set

TIMEOUT = 60
TOKEN_MARKER = "@csrf-token@"  # noqa: S105 - a marker, not a secret
# Django's masked token: 64 letters and digits (CSRF_TOKEN_LENGTH).
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([a-zA-Z0-9]{64})"')


def is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and len(messages.get_messages(request)) == 0
    )


def _template(response: HttpResponse) -> str | None:
    """The page with its token replaced by the marker; None if it cannot be shared."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    html = response.content.decode(response.charset)
    tokens = set(TOKEN_FIELD.findall(html))
    if len(tokens) != 1:
        return None
    return html.replace(f'value="{tokens.pop()}"', f'value="{TOKEN_MARKER}"')


def anonymous_page(request: HttpRequest, *, key: str, render: Callable[[], HttpResponse]):
    """`render()`'s page, from the cache when the request allows it (see the module)."""
    if not is_cacheable(request):
        return render()
    language = translation.get_language()
    cache_key = f"config:pagecache:{generation()}:{language}:{key}"
    template = near_get(cache_key)
    if template is None:
        response = render()
        template = _template(response)
        if template is not None:
            near_set(cache_key, template, TIMEOUT)
        return response
    return HttpResponse(template.replace(TOKEN_MARKER, get_token(request)))
