"""Pages for signed-in people (never served from the shared page cache) cost a bounded number
of queries, and what is kept between requests for them (layout, charts) never carries one
person's page to another."""

from django.contrib.auth.models import Group
from django.db.models import Sum

from wagtail.models import Site

import pytest

from config.freshness import content_changed
from config.models import CitySettings
from experts.models import ExpertDirectoryPage, ExpertProfile
from library.models import GuidePage
from petitions.models import PetitionIndexPage, PetitionPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# One above what each page costs once its shared parts are kept (`config.fragments`, the header
# and footer among them; Wagtail's routing and the page's row in `config.routing`): the session
# and the person, and what is theirs and not kept (their signature on a petition, the listing's
# own query). SQLite and PostgreSQL alike.
MAX_QUERIES = {"home": 3, "guide": 3, "petition": 4, "petitions": 4, "expert": 3, "search": 3}
# A few above what each page costs when it renders its shared parts afresh (after any change of
# content, which also forgets the kept route, view restrictions and city settings), so that a
# query per listed item (an N+1) in them fails.
MAX_QUERIES_RENDERED = {
    "home": 31,
    "guide": 32,
    "petition": 27,
    "petitions": 20,
    "expert": 25,
    "search": 13,
}


def demo_pages() -> dict[str, str]:
    petition = (
        PetitionPage.objects.live()
        .filter(state="open", locale__language_code="uk")
        .annotate(total=Sum("tallies__count"))
        .order_by("-total", "pk")
        .first()
    )
    directory = ExpertDirectoryPage.objects.live().filter(locale__language_code="uk").first()
    return {
        "home": "/",
        "guide": GuidePage.objects.live().filter(locale__language_code="uk").first().url,
        "petition": petition.url,
        "petitions": PetitionIndexPage.objects.live().get(locale__language_code="uk").url,
        "expert": f"{directory.url}{ExpertProfile.objects.order_by('pk').first().pk}/",
        "search": "/search/?q=ліфт",
    }


@pytest.mark.parametrize("page", MAX_QUERIES)
def test_a_signed_in_page_costs_a_bounded_number_of_queries(
    page, seeded_city, client, django_assert_max_num_queries
):
    url = demo_pages()[page]
    client.force_login(UserFactory(email="reader@example.org"))
    client.get(url)  # a worker that has served a page before: menu, layout and charts kept

    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("page", MAX_QUERIES_RENDERED)
def test_a_signed_in_page_rendered_afresh_costs_a_bounded_number_of_queries(
    page, seeded_city, client, django_assert_max_num_queries
):
    url = demo_pages()[page]
    client.force_login(UserFactory(email="reader@example.org"))
    client.get(url)
    content_changed()  # every kept fragment and route forgotten, as after an editor's change

    with django_assert_max_num_queries(MAX_QUERIES_RENDERED[page]):
        response = client.get(url)

    assert response.status_code == 200


def test_each_signed_in_person_sees_their_own_signature_state_and_edit_links(seeded_city, client):
    url = demo_pages()["petition"]
    petition = PetitionPage.objects.get(url_path__endswith=url.strip("/").split("/")[-1] + "/")
    signer_email = petition.signatures.filter(confirmed_at__isnull=False).first().email
    signer = UserFactory(email=signer_email)
    reader = UserFactory(email="reader@example.org")
    editor = UserFactory(email="editor@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))

    pages = {}
    for person in (signer, reader, editor, signer, reader):
        client.force_login(person)
        pages[person.email] = client.get(f"/en{url}").content.decode()

    assert "You have signed this petition." in pages[signer_email]
    assert "Sign this petition" not in pages[signer_email]
    assert "Sign this petition" in pages["reader@example.org"]
    assert "You have signed" not in pages["reader@example.org"]
    assert "wagtail-userbar" in pages["editor@example.org"]
    assert "wagtail-userbar" not in pages["reader@example.org"]
    assert "wagtail-userbar" not in pages[signer_email]


def test_a_change_to_the_city_settings_shows_at_once_for_signed_in_people(seeded_city, client):
    client.force_login(UserFactory(email="reader@example.org"))
    client.get("/")
    settings = CitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "hromada@example.org"
    settings.save()

    assert "mailto:hromada@example.org" in client.get("/").content.decode()
