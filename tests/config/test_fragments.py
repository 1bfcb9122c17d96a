"""Signed-in pages keep their person-independent parts as fragments (`config.fragments`) and
Wagtail's routing per generation (`config.routing`): nothing of one person reaches another,
and a kept part changes at once after the change it shows (live counts within `TIMEOUT`)."""

import re
import time

from django.core.cache import cache, caches
from django.test import Client, RequestFactory
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from config.freshness import CONTENT, content_changed
from config.generations import GENERATIONS, GenerationMiddleware
from config.pagecache import TOKEN_MARKER
from config.sharedpages import TIMEOUT
from experts.models import ExpertProfile
from library.models import GuidePage
from petitions.models import PetitionIndexPage
from tests.config.test_render_costs import demo_pages
from tests.config.test_sharedpages import count_on, open_petition, sign_and_confirm
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("near_cache")]

TOKEN = re.compile(r'csrfmiddlewaretoken" value="(\w+)"')


def signed_in(email: str, **fields) -> Client:
    client = Client()
    client.force_login(UserFactory(email=email, **fields))
    return client


def kept_fragments() -> list[str]:
    """The fragments in the test settings' local-memory cache."""
    return [
        cache.get(key.split(":", 2)[2]).value[0]
        for key in list(cache._cache)
        if key.split(":", 2)[2].startswith("config:fragments:")
    ]


def test_a_kept_fragment_holds_nothing_of_the_person_who_filled_it(seeded_city):
    cache.clear()
    reader = UserFactory(email="kept.reader@example.org", first_name="Оксана")
    reader.profile.display_name = "Оксана Унікальна"
    reader.profile.save()
    client = Client()
    client.force_login(reader)

    for kind, url in demo_pages().items():
        assert client.get(url).status_code == 200, kind

    fragments = kept_fragments()
    assert len(fragments) >= len(demo_pages())
    for fragment in fragments:
        assert "kept.reader@example.org" not in fragment
        assert "Оксана Унікальна" not in fragment
        assert not TOKEN.search(fragment.replace(TOKEN_MARKER, ""))


def test_two_people_see_their_own_signature_state_on_the_same_page(seeded_city, districts):
    petition = open_petition()
    sign_and_confirm(petition, districts[0], "signer@example.org")
    signer = signed_in("signer@example.org")
    reader = signed_in("reader@example.org")

    pages = [c.get(petition.url).content.decode() for c in (signer, reader, signer, reader)]

    assert 'href="/petitions/sign/' not in pages[0] and 'href="/petitions/sign/' not in pages[2]
    assert reverse("petitions:sign", kwargs={"petition_id": petition.pk}) in pages[1]
    assert reverse("petitions:sign", kwargs={"petition_id": petition.pk}) in pages[3]
    assert count_on(pages[0]) == count_on(pages[1])


def test_each_signed_in_person_gets_their_own_working_form_token_in_a_kept_fragment(
    seeded_city,
):
    guide = GuidePage.objects.live().order_by("pk").first()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(UserFactory(email="first@example.org"))
    second.force_login(UserFactory(email="second@example.org"))
    pages = [first.get(guide.url).content.decode(), second.get(guide.url).content.decode()]
    # The feedback form is the reader's own (whether they answered): outside the fragment, its
    # token theirs; the article around it is kept.
    tokens = [TOKEN.findall(page) for page in pages]

    assert set(tokens[0]).isdisjoint(tokens[1])
    response = second.post(
        f"{guide.url}feedback/", {"useful": "yes", "csrfmiddlewaretoken": tokens[1][-1]}
    )
    assert response.status_code == 302
    answered, other = second.get(guide.url), first.get(guide.url)
    assert 'name="useful"' not in answered.content.decode()
    assert 'name="useful"' in other.content.decode()


def test_the_userbar_shows_for_editors_only_and_names_their_page(seeded_city):
    editor = signed_in("editor@example.org", is_superuser=True)
    reader = signed_in("reader@example.org")
    petition = open_petition()
    guide = GuidePage.objects.live().order_by("pk").first()

    for url in (petition.url, guide.url, petition.url):
        assert "wagtail-userbar" in editor.get(url).content.decode()
        assert "wagtail-userbar" not in reader.get(url).content.decode()
    edit_guide = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    assert edit_guide in editor.get(guide.url).content.decode()
    assert edit_guide not in editor.get(petition.url).content.decode()


def test_a_published_edit_shows_at_once_to_signed_in_people(seeded_city):
    reader = signed_in("reader@example.org")
    guide = GuidePage.objects.live().order_by("pk").first()
    reader.get(guide.url)
    reader.get("/")

    guide.title = "Як замінити ліфт за один день"
    guide.save_revision().publish()

    assert "Як замінити ліфт за один день" in reader.get(guide.url).content.decode()


def test_moderation_shows_at_once_to_signed_in_people(seeded_city):
    from petitions import services

    reader = signed_in("reader@example.org")
    petition = open_petition()
    listing = PetitionIndexPage.objects.live().first().url
    assert petition.title in reader.get(listing).content.decode()
    assert reader.get(petition.url).status_code == 200

    services.petition_hide(
        petition=petition, moderator=UserFactory(is_superuser=True), note="Порушує правила"
    )

    assert reader.get(petition.url).status_code == 404
    assert petition.title not in reader.get(listing).content.decode()


def test_a_new_signature_shows_to_signed_in_people_within_the_refresh(
    seeded_city, districts, monkeypatch
):
    reader = signed_in("reader@example.org")
    petition = open_petition()
    before = count_on(reader.get(petition.url).content.decode())

    sign_and_confirm(petition, districts[0], "new.signer@example.org")

    later = time.time() + TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert count_on(reader.get(petition.url).content.decode()) != before


def test_an_unpublished_page_is_gone_at_once_for_signed_in_people(seeded_city):
    reader = signed_in("reader@example.org")
    guide = GuidePage.objects.live().order_by("pk").first()
    assert reader.get(guide.url).status_code == 200

    guide.unpublish()

    assert reader.get(guide.url).status_code == 404


def test_a_new_view_restriction_applies_at_once(seeded_city):
    reader = signed_in("reader@example.org")
    guide = GuidePage.objects.live().order_by("pk").first()
    assert reader.get(guide.url).status_code == 200

    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="таємниця"
    )

    response = reader.get(guide.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert guide.title not in response.content.decode()


def test_the_kept_header_gives_each_signed_in_person_their_own_sign_out_token(seeded_city):
    guide = GuidePage.objects.live().order_by("pk").first()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(UserFactory(email="first@example.org"))
    second.force_login(UserFactory(email="second@example.org"))
    logout = reverse("account_logout")
    pages = [c.get(guide.url).content.decode() for c in (first, second, first)]
    anonymous = Client().get(guide.url).content.decode()

    # The header was kept by the first render and served to both: each gets their own token.
    assert all(f'action="{logout}"' in page for page in pages)
    assert set(TOKEN.findall(pages[0])).isdisjoint(TOKEN.findall(pages[1]))
    assert f'action="{logout}"' not in anonymous
    assert reverse("account_login") in anonymous
    assert reverse("account_login") not in pages[1]
    token = TOKEN.findall(pages[1])[0]
    assert second.post(logout, {"csrfmiddlewaretoken": token}).status_code == 302
    assert f'action="{logout}"' not in second.get(guide.url).content.decode()


def test_a_request_reads_every_generation_in_one_round_trip(seeded_city, monkeypatch):
    reader = signed_in("reader@example.org")
    url = GuidePage.objects.live().order_by("pk").first().url
    reader.get(url)
    content_changed()  # the page rendered afresh: each of its parts asks for a generation
    backend = caches["default"]
    asked, inside = [], []
    for name in ("get", "get_many"):
        method = getattr(backend, name)

        def counted(keys, *args, method=method, **kwargs):
            if not inside:  # the local cache's get_many calls its own get: one round trip
                asked.append(keys if isinstance(keys, list) else [keys])
            inside.append(True)
            try:
                return method(keys, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, counted)

    assert reader.get(url).status_code == 200

    generation_reads = [keys for keys in asked if set(keys) & set(GENERATIONS)]
    assert generation_reads == [list(GENERATIONS)]
    assert len(asked) > 5  # the page's own parts, under the generations read once


def test_a_generation_moved_within_a_request_is_read_anew_by_it():
    seen = []

    def view(request):
        seen.append(CONTENT.current())
        seen.append(CONTENT.current())
        content_changed()
        seen.append(CONTENT.current())

    GenerationMiddleware(view)(RequestFactory().get("/"))

    assert seen[0] == seen[1] < seen[2]
    assert CONTENT.current() == seen[2]


def test_a_generation_moved_elsewhere_shows_to_the_next_request(seeded_city):
    seen = []
    middleware = GenerationMiddleware(lambda request: seen.append(CONTENT.current()))
    middleware(RequestFactory().get("/"))
    cache.incr(CONTENT.key)  # another process publishes
    middleware(RequestFactory().get("/"))

    assert seen[1] == seen[0] + 1


def test_an_expert_who_leaves_is_gone_at_once_for_signed_in_people(seeded_city):
    reader = signed_in("reader@example.org")
    url = demo_pages()["expert"]
    expert = ExpertProfile.objects.order_by("pk").first()
    assert reader.get(url).status_code == 200
    assert reader.get(url).status_code == 200  # kept: the page and that the expert is listed

    expert.user.is_active = False
    expert.user.save()

    assert reader.get(url).status_code == 404
    missing = url.rstrip("/").rsplit("/", 1)[0] + "/999999/"
    assert reader.get(missing).status_code == 404
    assert reader.get(missing).status_code == 404
