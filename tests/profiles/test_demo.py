"""The demo city's people and organizations: every status and kind, teams, blogs; stable."""

import io

from django.db.models import Count

import pytest

from config.demo import Progress
from config.demo import seed as seed_city
from profiles.demo import demo_authorities, demo_organizations, demo_users
from profiles.demo import seed as seed_people
from profiles.models import (
    BlogPost,
    DirectoryPage,
    Membership,
    Organization,
    Profile,
    Status,
    StatusChange,
    StatusRequest,
)


@pytest.fixture
def demo(db):
    progress = Progress(stream=io.StringIO(), enabled=False)
    seed_city(progress=progress)
    seed_people(progress=progress)
    return progress


def test_there_are_over_a_hundred_residents_with_profiles(demo):
    users = demo_users()
    assert users.count() >= 100
    assert users.first().email == "resident001@example.org"
    assert Profile.objects.filter(user__in=users).exclude(display_name="").count() == users.count()


def test_every_status_is_held_by_someone_and_granted_on_record(demo):
    held = set(Profile.objects.filter(user__in=demo_users()).values_list("status", flat=True))
    assert held == set(Status.values)
    verified = Profile.objects.filter(user__in=demo_users()).exclude(status=Status.CITIZEN)
    for profile in verified:
        assert StatusChange.objects.filter(user=profile.user, action="grant").exists()
    assert StatusRequest.objects.filter(state="pending").exists()


def test_over_thirty_organizations_of_every_kind_each_with_an_owner_and_a_team(demo):
    organizations = demo_organizations()
    assert organizations.count() >= 30
    assert set(organizations.values_list("kind", flat=True)) == set(Organization.Kind.values)
    for organization in organizations.annotate(size=Count("memberships")):
        assert organization.size >= 3
        assert organization.memberships.filter(role=Membership.Role.OWNER).exists()


def test_the_authorities_petitions_address_are_verified_and_staffed(demo):
    authorities = demo_authorities()
    assert authorities.filter(kind="municipal_body").count() >= 5
    assert authorities.filter(slug="deputatka-olena-koval-okruh-7").exists()


def test_every_demo_authority_was_granted_its_kind_by_staff_and_has_someone_to_answer(demo):
    from profiles.selectors import user_can_answer_for

    authorities = demo_organizations().filter(kind__in=Organization.AUTHORITY_KINDS)
    assert set(authorities) == set(demo_authorities())
    for authority in authorities:
        assert authority.authority_granted_by.email == "admin@spilno.localhost"
        assert any(
            user_can_answer_for(user=membership.user, organization=authority)
            for membership in authority.memberships.select_related("user")
        )


def test_people_and_organizations_have_blogs(demo):
    assert BlogPost.objects.filter(state="published", organization__isnull=True).count() >= 20
    assert BlogPost.objects.filter(state="published", organization__isnull=False).exists()
    assert BlogPost.objects.filter(state="draft").exists()


def test_people_and_organizations_are_in_the_menu_in_both_languages(demo):
    pages = DirectoryPage.objects.live().filter(show_in_menus=True)
    assert set(pages.values_list("locale__language_code", "directory")) == {
        ("uk", "people"),
        ("en", "people"),
        ("uk", "organizations"),
        ("en", "organizations"),
    }


def test_a_second_run_changes_nothing(demo):
    def counts():
        return [model.objects.count() for model in (Profile, Organization, BlogPost, Membership)]

    before = counts()
    seed_people(progress=demo)
    assert counts() == before


def test_the_directory_menu_entry_opens_the_directory(client, demo):
    page = DirectoryPage.objects.get(locale__language_code="uk", directory="organizations")
    page.slug = "orhanizatsii"
    page.save_revision().publish()
    response = client.get("/orhanizatsii/")
    assert response.status_code == 302 and response["Location"] == "/organizations/"
