"""Bad input never gives a 500: every address that takes a parameter, and every query parameter
a view reads, answers a hostile value with a 4xx or a clean page, on SQLite and PostgreSQL.

The addresses come from the URL resolver (both languages) and from the page tree (Wagtail's
page serving and each routable page's own routes), so a pattern added later is covered too.
"""

import re
from urllib.parse import quote

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]

HOSTILE = {
    "ten-to-the-18": str(10**18),
    "two-to-the-63": str(2**63),
    "past-64-bits": str(2**64 + 1),
    "negative": "-1",
    "zero": "0",
    "letters": "abc",
    "exponent": "1e3",
    "arabic-digits": "١٢",
    "100kB": "x" * 100_000,
    "NUL": "%00",
    "NUL-inside": "1%002",
    "invalid-UTF-8": "%ff%fe",
}
# Every query parameter a public view reads (grep `request.GET`), sent all at once.
QUERY_PARAMS = [
    "page",
    "q",
    "p",
    "status",
    "kind",
    "order",
    "preview",
    "signature",
    "tag",
    "type",
    "sort",
    "state",
    "c",
    "district",
    "competency",
    "next",
]
# Staff-only tools: anonymous requests only meet the login redirect there.
SKIPPED_PREFIXES = ("admin/", "django-admin/")


def _value(raw: str) -> str:
    """The value as it goes into an address: percent-escapes kept, the rest quoted."""
    return raw if raw.startswith("%") or "%0" in raw else quote(raw, safe="")


def _routes(patterns, prefix: str = "") -> list[str]:
    """Every route of the resolver as text, `<conv:name>` and `(?P<name>…)` kept in it."""
    routes = []
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            parts = ["", "en/"]
        elif isinstance(pattern, RoutePattern):
            parts = [str(pattern._route)]
        elif isinstance(pattern, RegexPattern):
            parts = [pattern._regex.lstrip("^").rstrip("$").replace("\\", "")]
        else:
            continue
        for part in parts:
            if isinstance(entry, URLResolver):
                routes += _routes(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                routes.append(prefix + part)
    return routes


PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^()]*\)")


def _parameterised_routes() -> list[str]:
    return sorted(
        {
            route
            for route in _routes(get_resolver().url_patterns)
            if PARAMETER.search(route) and not route.startswith(SKIPPED_PREFIXES)
        }
    )


def _page_routes() -> list[str]:
    """Each live routable page's own routes, plus a hostile child of every live page."""
    routes = []
    for page in Page.objects.live().specific().order_by("path"):
        url = page.url
        if not url:
            continue
        routes.append(url.lstrip("/") + "<slug>/")
        if isinstance(page, RoutablePageMixin):
            for sub in page.get_subpage_urls():
                if isinstance(sub.pattern, RoutePattern) and PARAMETER.search(sub.pattern._route):
                    routes.append(url.lstrip("/") + str(sub.pattern._route))
    return sorted(set(routes))


def _fill(route: str, raw: str) -> str:
    return "/" + PARAMETER.sub(lambda _match: _value(raw), route)


def _assert_no_server_error(client, method: str, url: str, **kwargs) -> None:
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 500, f"{method.upper()} {url[:200]} → {response.status_code}"


@pytest.fixture
def anonymous(settings):
    settings.RATELIMIT_ENABLE = False  # a refusal (429) would hide what comes after it
    return Client(enforce_csrf_checks=False, raise_request_exception=False)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_values_in_address_parameters_never_give_a_server_error(anonymous, name):
    raw = HOSTILE[name]
    routes = _parameterised_routes() + _page_routes()
    assert len(routes) > 40  # the enumeration found the site's addresses
    for route in routes:
        url = _fill(route, raw)
        _assert_no_server_error(anonymous, "get", url)
        _assert_no_server_error(anonymous, "post", url, data={"value": raw})


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_query_parameters_never_give_a_server_error(anonymous, name):
    raw = HOSTILE[name]
    query = "&".join(f"{param}={_value(raw)}" for param in QUERY_PARAMS)
    bases = ["/", "/en/", "/people/", "/organizations/", "/search/", "/search/autocomplete/"]
    bases += [page.url for page in Page.objects.live().filter(depth__lte=3) if page.url]
    person = _first_person_url(anonymous)
    if person:
        bases.append(person)
    for base in sorted(set(bases)):
        _assert_no_server_error(anonymous, "get", f"{base}?{query}")


def _first_person_url(client) -> str:
    from profiles.models import Profile
    from profiles.visibility import profile_is_shown

    for profile in Profile.objects.select_related("user").order_by("user_id")[:50]:
        if profile_is_shown(profile):
            return profile.get_absolute_url()
    return ""
