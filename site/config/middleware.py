"""A strict Content-Security-Policy: nothing loads from outside the site, public pages or admin.

The Wagtail admin gets a policy of its own, as strict as Wagtail 8 allows (see ADMIN_POLICY).
"""

import re
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest

PUBLIC_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
# Wagtail 8 still writes inline scripts (date pickers, inline panels, listing filters) and
# inline styles (its editors set style attributes) without nonces, so the admin needs
# 'unsafe-inline' for those two, found by loading its pages in Chromium and reading the
# violations. It needs no eval and no other host; blob: is for previews of images to upload.
ADMIN_DIRECTIVES = {
    **PUBLIC_DIRECTIVES,
    "img-src": "'self' data: blob:",
    "style-src": "'self' 'unsafe-inline'",
    "script-src": "'self' 'unsafe-inline'",
}


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


PUBLIC_POLICY = _policy(PUBLIC_DIRECTIVES)
ADMIN_POLICY = _policy(ADMIN_DIRECTIVES)


@cache
def _public_policy(tile_url: str) -> str:
    """The public policy; a configured map tile server (MAP_TILE_URL, e.g.
    `https://{s}.tile.example.org/{z}/{x}/{y}.png`) is allowed for images, and only then."""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return PUBLIC_POLICY
    host = parts.netloc.rsplit("@", 1)[-1].replace("{s}", "*")
    if not re.fullmatch(r"[A-Za-z0-9.*-]+(:[0-9]+)?", host):
        return PUBLIC_POLICY  # nothing but a host may reach the policy
    img = f"{PUBLIC_DIRECTIVES['img-src']} {parts.scheme}://{host}"
    return _policy({**PUBLIC_DIRECTIVES, "img-src": img})


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            policy = ADMIN_POLICY
        else:
            policy = _public_policy(getattr(settings, "MAP_TILE_URL", "") or "")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        return response


class RejectNulCharactersMiddleware:
    """A request whose address holds a NUL character is a bad request (400), answered before
    any view or middleware looks it up: no one types one, and PostgreSQL refuses to compare a
    text with it (psycopg raises ValueError), which Wagtail's page serving and redirects, and
    any view that queries by a path segment, would otherwise turn into a 500.

    Values of forms are not checked here: Django's form fields refuse NUL characters already,
    as a form error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
