"""A field a person hides never appears anywhere: page, JSON, feed, directory search, the
document search indexes, or the photo address."""

import json

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse

import pytest

from profiles.models import Visibility
from profiles.text import person_slug
from profiles.visibility import people_matching, public_profile_document, visible_profile
from tests.profiles.factories import BlogPostFactory, everything_private, profiled_user

pytestmark = pytest.mark.usefixtures("english_ui")

SECRET_ABOUT = "Таємна-біографія-7781"
SECRET_ACTIVITY = "Таємна-робота-5512"
SECRET_SKILL = "таємнавміння"
SECRET_LINK = "https://secret.example.net/me"
BUILDING = "вул. Прихована, 99"


@pytest.fixture
def hidden(districts):
    """A person who made every field visible to themselves only."""
    return profiled_user(
        display_name="Ірина Прихована",
        about=SECRET_ABOUT,
        activity=SECRET_ACTIVITY,
        skills=[SECRET_SKILL],
        links=[SECRET_LINK],
        district=districts[3],
        building=BUILDING,
        **everything_private(),
    )


@pytest.fixture
def members_only(districts):
    """A person who shows everything to signed-in people only."""
    fields = {f"{n}_visibility": Visibility.MEMBERS for n in ["about", "activity", "skills"]}
    fields.update(links_visibility=Visibility.MEMBERS, district_visibility=Visibility.MEMBERS)
    return profiled_user(
        display_name="Тарас Для-своїх",
        about=SECRET_ABOUT,
        activity=SECRET_ACTIVITY,
        skills=[SECRET_SKILL],
        links=[SECRET_LINK],
        district=districts[3],
        **fields,
    )


def page_url(user, suffix=""):
    slug = person_slug(user.profile.display_name, user.pk)
    return reverse("profiles:person", args=[slug]) + suffix


SECRETS = [SECRET_ABOUT, SECRET_ACTIVITY, SECRET_SKILL, "secret.example.net", BUILDING]


def assert_no_secrets(text: str):
    for secret in SECRETS:
        assert secret not in text


def test_private_fields_are_absent_from_the_page_for_a_visitor(client, hidden):
    response = client.get(page_url(hidden))
    assert response.status_code == 200
    assert "Ірина Прихована" in response.content.decode()
    assert_no_secrets(response.content.decode())
    assert "Подільський" not in response.content.decode()


def test_private_fields_are_absent_from_the_page_for_another_signed_in_person(
    client, hidden, outsider
):
    client.force_login(outsider)
    assert_no_secrets(client.get(page_url(hidden)).content.decode())


def test_private_fields_are_absent_from_the_json(client, hidden, outsider):
    client.force_login(outsider)
    body = client.get(page_url(hidden, "json/")).content.decode()
    assert json.loads(body)["display_name"] == "Ірина Прихована"
    assert_no_secrets(body)


def test_private_fields_are_absent_from_the_feed(client, hidden):
    BlogPostFactory(author=hidden, title="Відкритий допис")
    body = client.get(page_url(hidden, "feed/")).content.decode()
    assert "Відкритий допис" in body
    assert_no_secrets(body)


def test_private_fields_do_not_make_a_person_findable_in_the_directory(client, hidden, outsider):
    client.force_login(outsider)
    for word in [SECRET_ABOUT, SECRET_ACTIVITY, SECRET_SKILL]:
        body = client.get(reverse("profiles:people"), {"q": word}).content.decode()
        assert "Ірина Прихована" not in body
    body = client.get(reverse("profiles:people"), {"q": "Прихована"}).content.decode()
    assert "Ірина Прихована" in body
    assert_no_secrets(body)


def test_the_search_document_holds_only_what_a_visitor_sees(hidden, members_only):
    for person in [hidden, members_only]:
        document = json.dumps(public_profile_document(person.profile), ensure_ascii=False)
        assert person.profile.display_name in document
        assert_no_secrets(document)


def test_members_only_fields_are_hidden_from_visitors_and_shown_to_signed_in_people(
    client, members_only, outsider
):
    assert_no_secrets(client.get(page_url(members_only)).content.decode())
    client.force_login(outsider)
    body = client.get(page_url(members_only)).content.decode()
    assert SECRET_ABOUT in body and SECRET_ACTIVITY in body and SECRET_SKILL in body
    assert "secret.example.net" in body


def test_members_only_fields_match_directory_searches_of_signed_in_people_only(
    client, members_only, outsider
):
    assert members_only.profile not in people_matching(query=SECRET_SKILL, viewer=AnonymousUser())
    assert members_only.profile in people_matching(query=SECRET_SKILL, viewer=outsider)


def test_the_building_is_never_shown_to_anyone_but_its_owner(client, members_only, outsider):
    profile = members_only.profile
    profile.building = BUILDING
    profile.save()
    client.force_login(outsider)
    assert BUILDING not in client.get(page_url(members_only)).content.decode()
    assert BUILDING not in client.get(page_url(members_only, "json/")).content.decode()
    client.force_login(members_only)
    assert BUILDING in client.get(page_url(members_only)).content.decode()


def test_the_owner_sees_everything_with_who_else_can_see_it(client, hidden):
    client.force_login(hidden)
    body = client.get(page_url(hidden)).content.decode()
    for secret in SECRETS:
        assert secret in body
    assert "Only me" in body


def test_the_owner_can_preview_the_page_as_a_visitor(client, hidden):
    client.force_login(hidden)
    body = client.get(page_url(hidden), {"preview": "public"}).content.decode()
    assert "as a visitor who is not signed in sees it" in body
    assert_no_secrets(body)


def test_a_photo_shown_to_signed_in_people_is_refused_to_visitors(client, members_only, outsider):
    profile = members_only.profile
    profile.photo.save("p.jpg", ContentFile(b"\xff\xd8\xff photo"), save=False)
    profile.photo_visibility = Visibility.MEMBERS
    profile.save()
    assert client.get(page_url(members_only, "photo/")).status_code == 404
    assert "/photo/" not in client.get(page_url(members_only)).content.decode()
    client.force_login(outsider)
    response = client.get(page_url(members_only, "photo/"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_photos_have_no_public_file_address(members_only):
    profile = members_only.profile
    profile.photo.save("p.jpg", ContentFile(b"\xff\xd8\xff photo"), save=True)
    with pytest.raises(ValueError):
        profile.photo.url  # noqa: B018


def test_staff_see_only_what_any_signed_in_person_sees_on_public_pages(client, hidden, staff):
    client.force_login(staff)
    assert_no_secrets(client.get(page_url(hidden)).content.decode())


def test_a_person_who_asked_to_be_unlisted_is_not_in_the_directory(client, outsider):
    person = profiled_user(display_name="Софія Невидима", is_listed=False)
    body = client.get(reverse("profiles:people"), {"q": "Невидима"}).content.decode()
    assert "Софія Невидима" not in body
    assert client.get(page_url(person)).status_code == 200


def test_a_page_reached_by_an_old_name_leads_to_the_current_one(client, hidden):
    response = client.get(reverse("profiles:person", args=[f"stare-imia-{hidden.pk}"]))
    assert response.status_code == 302
    assert response["Location"] == page_url(hidden)


def test_the_visible_profile_of_a_private_person_carries_no_private_value(hidden):
    seen = visible_profile(hidden.profile, viewer=None)
    assert (seen.about, seen.activity, seen.skills, seen.links, seen.district) == (
        "",
        "",
        [],
        [],
        "",
    )
    assert seen.building == "" and seen.photo_url == ""
