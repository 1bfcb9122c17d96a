"""No page of the demo city answers 500: every same-site link reachable from the home page, in
both languages, is visited as an anonymous reader would follow it (GET only).

Links are found in `href` attributes of HTML answers; other answers (JSON, CSV, PDF, feeds)
are fetched and their status checked, but not read for links.
"""

import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]

START = ["/", "/en/"]
SKIPPED = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
# The demo city has hundreds of people, petitions and articles behind the same few views;
# visiting every page took over ten minutes on SQLite. A bug is in a view, or in a kind of
# item a view shows, so the crawl visits at most PAGES_PER_VIEW pages of each view *per view
# that links to it*: a person linked from a project (a coordinator) is a different case from
# one linked from the people directory, and each gets its own visits. About 410 pages.
PAGES_PER_VIEW = 4


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)


def _links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # another site, mailto:, tel:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIPPED) or "logout" in path:
            continue
        found.append(path)
    return found


def _view_of(path: str) -> str:
    """The view that serves a path, or for Wagtail pages the page type and its route."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "unresolved"
    if match.url_name == "wagtail_serve":
        from wagtail.models import Page

        segments = [s for s in match.args[0].split("/") if s] if match.args else []
        # The page type is the deepest part of the path that is a page: /petitions/12/ and
        # /petitions/13/ are one kind of page, /experts/questions/4/ a route of another.
        for depth in range(len(segments), -1, -1):
            url_path = "/".join(segments[:depth])
            page = Page.objects.filter(url_path__endswith=f"/{url_path}/" if url_path else "")
            kind = page.values_list("content_type__model", flat=True).first()
            if kind:
                route = segments[depth] if depth < len(segments) else ""
                return f"page:{kind}:{route}"
        return "page:unknown"
    return match.view_name


def crawl(client: Client) -> tuple[dict[str, list[str]], int]:
    """Visit breadth-first from START; return the 5xx answers (URL → referrers) and the count
    of pages visited."""
    queue = deque((path, "(start)", "home") for path in START)
    seen = set(START)
    per_view: dict[tuple[str, str], int] = {}
    errors: dict[str, list[str]] = {}
    visited = 0
    while queue:
        path, referrer, view = queue.popleft()
        response = client.get(path)
        visited += 1
        if response.status_code >= 500:
            errors.setdefault(path, []).append(referrer)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode(), path):
            if link in seen:
                continue
            seen.add(link)
            linked = _view_of(link)
            key = (linked, view)
            per_view[key] = per_view.get(key, 0) + 1
            if per_view[key] <= PAGES_PER_VIEW:
                queue.append((link, path, linked))
    return errors, visited


def test_no_page_reachable_from_the_home_pages_answers_a_server_error():
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    errors, visited = crawl(client)
    took = time.monotonic() - started
    assert visited > 100, f"the crawl found only {visited} pages"
    report = "\n".join(f"{url} ← {', '.join(referrers)}" for url, referrers in errors.items())
    assert not errors, f"{len(errors)} of {visited} pages answered 5xx ({took:.0f} s):\n{report}"
