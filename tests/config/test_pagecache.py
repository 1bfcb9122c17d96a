"""Pages kept for visitors who are not signed in: stored once, each visitor its own token."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.template import RequestContext, Template

import pytest

from config.navigation import menu_changed
from config.pagecache import TOKEN_FIELD, anonymous_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Page:
    """A page with a form; counts how often it is rendered."""

    def __init__(self, text: str = "Підпишіть петицію"):
        self.text = text
        self.renders = 0

    def __call__(self, request):
        self.renders += 1
        template = Template("<h1>{{ text }}</h1><form>{% csrf_token %}</form>")
        return HttpResponse(template.render(RequestContext(request, {"text": self.text})))


def visitor(rf, path: str = "/petitions/sign/1/", **extra):
    request = rf.get(path, **extra)
    request.user = AnonymousUser()
    return request


def serve(request, page: Page):
    return anonymous_page(request, key="sign:1", render=lambda: page(request))


def token(response) -> str:
    return TOKEN_FIELD.search(response.content.decode()).group(1)


def test_the_next_visitor_gets_the_stored_page_with_a_token_of_their_own(rf):
    page = Page()
    first, second, third = visitor(rf), visitor(rf), visitor(rf)

    responses = [serve(request, page) for request in (first, second, third)]

    assert page.renders == 1
    assert all("Підпишіть петицію" in r.content.decode() for r in responses)
    assert len({token(r) for r in responses}) == 3
    # Each token is made from that visitor's own secret, the one its CSRF cookie will carry.
    assert second.META["CSRF_COOKIE"] != third.META["CSRF_COOKIE"]
    assert second.META["CSRF_COOKIE_NEEDS_UPDATE"] and third.META["CSRF_COOKIE_NEEDS_UPDATE"]


def test_a_signed_in_person_a_query_string_or_a_waiting_message_is_always_rendered(rf):
    page = Page()
    serve(visitor(rf), page)
    signed_in = visitor(rf)
    signed_in.user = UserFactory.build()
    with_query = visitor(rf, data={"district": "podilskyi"})
    with_message = visitor(rf)
    with_message._messages = CookieStorage(with_message)
    with_message._messages.add(20, "Дякуємо")

    for request in (signed_in, with_query, with_message):
        serve(request, page)

    assert page.renders == 4


def test_a_publication_anywhere_serves_a_fresh_page(rf):
    serve(visitor(rf), Page("Стара назва"))
    menu_changed()

    response = serve(visitor(rf), Page("Нова назва"))

    assert "Нова назва" in response.content.decode()


def test_a_page_without_exactly_one_token_is_not_stored(rf):
    page = Page()
    page_without_form = lambda request: HttpResponse("<p>no form</p>")  # noqa: E731
    for _ in range(2):
        anonymous_page(visitor(rf), key="plain", render=lambda: page_without_form(None))
        response = serve(visitor(rf, "/other/"), page)
        assert response.status_code == 200

    assert page.renders == 1
