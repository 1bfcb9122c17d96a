"""In Chromium, the public site and the Wagtail admin send no request to any other host, and no
page breaks its Content-Security-Policy (the browser blocks such a request before sending it,
so a violation is an outside call that the policy caught, or a page the policy broke)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from wagtail.models import Page

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/snippets/",
    "/admin/experts/competency/",
    "/admin/profiles/profile/",
    "/admin/settings/config/citysettings/",
    "/admin/reports/site-history/",
]


class Visits:
    """Every request the page sends and every policy violation it reports, per page visited."""

    def __init__(self, page, base_url):
        self.page = page
        self.host = urlsplit(base_url).netloc
        self.outside: list[str] = []
        self.violations: list[str] = []
        page.on("request", self._request)
        page.on("console", self._console)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != self.host:
            self.outside.append(f"{self.page.url} -> {request.url}")

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{self.page.url}: {message.text[:200]}")

    def open(self, url):
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        assert response.status == 200, f"{url} answered {response.status}"


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


def sign_in(page, user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def test_public_and_admin_pages_call_no_other_host(page, live_server, seeded_city):
    visits = Visits(page, live_server.url)
    pages = one_page_of_each_type()
    public = ["/", "/en/", "/accounts/login/", "/search/?q=опалення"]
    public += [p.url for p in pages if p.live]
    for url in public:
        visits.open(url)

    superuser = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    sign_in(page, superuser, live_server.url)
    visits.open("/")  # the Wagtail user bar, as editors see it
    home = pages[0]
    admin = [*ADMIN_PAGES, f"/admin/pages/{home.pk}/"]
    admin += [f"/admin/pages/{p.pk}/edit/" for p in pages]
    for url in admin:
        visits.open(url)

    assert visits.outside == []
    assert visits.violations == []
