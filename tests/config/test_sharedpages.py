"""Public pages from the shared cache: one render for every anonymous visitor, fresh at once
after what they show changes (live counts within `TIMEOUT`), never anyone's own page."""

import re
import time

from django.test import Client
from django.urls import reverse

import pytest

from config.pagecache import TOKEN_FIELD
from config.sharedpages import TIMEOUT
from experts.models import ExpertDirectoryPage, ExpertProfile, ProjectPage
from library.models import ArticleStats, GuidePage
from petitions import services
from petitions.models import PetitionIndexPage, PetitionPage
from petitions.states import State
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("near_cache")]


def open_petition() -> PetitionPage:
    return PetitionPage.objects.live().filter(state=State.OPEN).order_by("pk").first()


def public_pages() -> dict[str, str]:
    """One address of each kind of public page of the demo city."""
    directory = ExpertDirectoryPage.objects.live().filter(locale__language_code="uk").first()
    expert = ExpertProfile.objects.filter(user__profile__isnull=False).order_by("pk").first()
    return {
        "home": "/",
        "home in English": "/en/",
        "guide": GuidePage.objects.live().order_by("pk").first().url,
        "petition": open_petition().url,
        "petitions": PetitionIndexPage.objects.live().first().url,
        "petitions, filtered": PetitionIndexPage.objects.live().first().url + "?status=all",
        "experts": directory.url,
        "expert": f"{directory.url}{expert.pk}/",
        "project": ProjectPage.objects.live().order_by("pk").first().url,
        "people": reverse("profiles:people"),
        "organizations": reverse("profiles:organizations"),
        "search": "/search/?q=ліфт",
        "open data": reverse("petitions:list_json"),
    }


def without_token(response) -> str:
    return TOKEN_FIELD.sub("", response.content.decode())


def count_on(html: str) -> str:
    return re.search(r'data-testid="signature-count"><strong>([^<]*)<', html).group(1)


def sign_and_confirm(petition: PetitionPage, district, email: str) -> None:
    signature = services.signature_create(
        petition_id=petition.pk, name="Олена", email=email, district=district, show_name=False
    )
    services.signature_confirm(signature_id=signature.pk)


def test_each_public_page_is_rendered_once_then_served_without_a_query(
    seeded_city, django_assert_max_num_queries
):
    for kind, url in public_pages().items():
        first = Client().get(url)
        assert first.status_code == 200, kind
        with django_assert_max_num_queries(0):
            again = Client().get(url)
        assert again.status_code == 200, kind
        assert without_token(again) == without_token(first), kind


def test_a_published_edit_shows_at_once(seeded_city):
    guide = GuidePage.objects.live().order_by("pk").first()
    Client().get(guide.url)

    guide.title = "Як замінити ліфт за один день"
    guide.save_revision().publish()

    assert "Як замінити ліфт за один день" in Client().get(guide.url).content.decode()


def test_moderation_shows_at_once(seeded_city):
    petition = open_petition()
    listing = PetitionIndexPage.objects.live().first().url
    assert petition.title in Client().get(listing).content.decode()
    Client().get(petition.url)
    moderator = UserFactory(is_superuser=True)

    services.petition_hide(petition=petition, moderator=moderator, note="Порушує правила")

    assert Client().get(petition.url).status_code == 404
    assert petition.title not in Client().get(listing).content.decode()


def test_a_new_signature_shows_within_the_refresh(seeded_city, districts, monkeypatch):
    petition = open_petition()
    before = count_on(Client().get(petition.url).content.decode())

    sign_and_confirm(petition, districts[0], "new.signer@example.org")

    # Signing does not forget the page (it is the hot path): the count waits for the refresh.
    assert count_on(Client().get(petition.url).content.decode()) == before
    later = time.time() + TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert count_on(Client().get(petition.url).content.decode()) != before


def test_each_language_has_its_own_page(seeded_city):
    assert '<html lang="uk">' in Client().get("/").content.decode()
    assert '<html lang="en">' in Client().get("/en/").content.decode()
    assert '<html lang="uk">' in Client().get("/").content.decode()


def test_a_signed_in_person_neither_gets_nor_leaves_a_shared_page(seeded_city):
    reader = Client()
    reader.force_login(UserFactory())
    anonymous = Client()
    anonymous.get("/petitions/")

    mine = reader.get("/petitions/")
    after = anonymous.get("/organizations/")
    theirs = reader.get("/organizations/")

    logout = reverse("account_logout")
    assert logout in mine.content.decode()
    assert mine["Cache-Control"] == "private"
    assert logout not in after.content.decode()
    assert 'name="csrfmiddlewaretoken"' in theirs.content.decode()


def test_a_visitor_with_a_session_or_a_message_gets_a_page_of_their_own(seeded_city):
    Client().get("/")
    visitor = Client()
    session = visitor.session
    session["anything"] = 1
    session.save()

    response = visitor.get("/")

    assert response["Cache-Control"] == "private"
    assert "ETag" not in response


def test_pages_nobody_opted_in_are_never_stored(seeded_city):
    petition = open_petition()
    url = reverse("petitions:sign", kwargs={"petition_id": petition.pk})
    for address in [reverse("account_login"), url]:
        for _ in range(2):
            response = Client().get(address)
            assert "private" in response["Cache-Control"]
            assert "ETag" not in response


def test_each_visitor_gets_a_form_token_of_their_own_that_works(seeded_city):
    guide = GuidePage.objects.live().order_by("pk").first()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [first.get(guide.url), second.get(guide.url)]
    tokens = [
        re.search(r'csrfmiddlewaretoken" value="(\w+)"', p.content.decode()).group(1) for p in pages
    ]

    assert tokens[0] != tokens[1]
    response = second.post(
        f"{guide.url}feedback/", {"useful": "yes", "csrfmiddlewaretoken": tokens[1]}
    )
    assert response.status_code == 302


def test_a_page_from_the_cache_still_counts_its_reader(seeded_city):
    guide = GuidePage.objects.live().order_by("pk").first()
    Client().get(guide.url, HTTP_USER_AGENT="first reader")
    reads = ArticleStats.objects.get(page_id=guide.pk).read_count

    Client().get(guide.url, HTTP_USER_AGENT="second reader")

    assert ArticleStats.objects.get(page_id=guide.pk).read_count == reads + 1


def test_a_reload_costs_a_304(seeded_city, django_assert_max_num_queries):
    for url in ["/", reverse("petitions:list_json")]:
        response = Client().get(url)
        assert response["ETag"] and response["Last-Modified"]
        with django_assert_max_num_queries(0):
            again = Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        since = Client().get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert since.status_code == 304


def test_a_proxy_may_keep_a_page_without_a_form_but_not_one_with_a_form(seeded_city):
    plain = Client().get("/")
    guide = GuidePage.objects.live().order_by("pk").first()
    with_form = Client().get(guide.url)

    assert plain["Cache-Control"] == f"public, max-age={TIMEOUT}"
    assert "Cookie" in plain["Vary"]
    assert with_form["Cache-Control"] == "no-cache"


def test_open_data_keeps_its_headers_from_the_cache(seeded_city):
    Client().get(reverse("petitions:list_json"))
    again = Client().get(reverse("petitions:list_json"))

    assert again["Content-Type"] == "application/json; charset=utf-8"
    assert again["Access-Control-Allow-Origin"] == "*"
