"""Two people doing the same thing at the same moment never meet a 500.

The database holds the unique rules (slugs, one pending invitation per address, one
organization per kind and registry code); the services ask it at the insert, in a savepoint,
and turn a violation into its answer: the next free slug, or a clear error. The thread tests
need PostgreSQL (SQLite writes one at a time); the sequential ones run on both databases and
take the same path through the service."""

import threading

from django.db import connection
from django.urls import reverse

import pytest

from profiles.exceptions import ProfilesError
from profiles.models import Invitation, Membership, Organization
from profiles.services.organizations import invitation_create, organization_create
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory, member

PEOPLE = 6


def all_at_once(calls) -> tuple[list, list]:
    """Run each call in its own thread and connection, released together."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def worker(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # noqa: BLE001 - what each thread met is the test's subject
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def creating(user, name, **fields):
    return lambda: organization_create(creator=user, name=name, kind="informal_group", **fields)


@pytest.mark.django_db(transaction=True)
def test_organizations_of_one_name_created_at_once_each_get_their_own_address(on_postgres):
    people = [UserFactory() for _ in range(PEOPLE)]

    results, errors = all_at_once([creating(person, "Сусіди Набережної") for person in people])

    assert errors == []
    slugs = sorted(Organization.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == PEOPLE
    assert "susidy-naberezhnoi" in slugs
    assert Membership.objects.filter(role="owner").count() == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_one_registry_code_registered_at_once_makes_one_organization(on_postgres):
    people = [UserFactory() for _ in range(PEOPLE)]
    calls = [
        lambda person=person: organization_create(
            creator=person,
            name="Ліцей № 5",
            kind="school",
            registry_code="41234567",
            address="вул. Соборна, 1",
        )
        for person in people
    ]

    results, errors = all_at_once(calls)

    assert len(results) == 1
    assert len(errors) == PEOPLE - 1
    assert all(isinstance(error, ProfilesError) for error in errors), errors
    assert Organization.objects.filter(registry_code="41234567").count() == 1


@pytest.mark.django_db(transaction=True)
def test_invitations_to_one_address_sent_at_once_make_one_and_a_clear_error(on_postgres):
    organization = OrganizationFactory()
    owners = [member(organization, UserFactory(), Membership.Role.OWNER).user for _ in range(4)]
    calls = [
        lambda owner=owner: invitation_create(
            organization=organization, inviter=owner, email="nova@example.org"
        )
        for owner in owners
    ]

    results, errors = all_at_once(calls)

    assert len(results) == 1
    assert len(errors) == len(owners) - 1
    assert all(isinstance(error, ProfilesError) for error in errors), errors
    assert Invitation.objects.filter(email="nova@example.org", state="pending").count() == 1


def test_a_second_organization_of_the_same_name_gets_the_next_address(db):
    first = organization_create(creator=UserFactory(), name="Сусіди", kind="informal_group")
    second = organization_create(creator=UserFactory(), name="Сусіди", kind="informal_group")
    assert (first.slug, second.slug) == ("susidy", "susidy-2")


def test_a_second_invitation_to_a_waiting_address_is_a_form_error(client, db, english_ui):
    organization = OrganizationFactory()
    owner = member(organization, UserFactory(), Membership.Role.OWNER).user
    invitation_create(organization=organization, inviter=owner, email="nova@example.org")
    client.force_login(owner)

    response = client.post(
        reverse("profiles:organization_team", args=[organization.slug]),
        {"email": "Nova@Example.org", "role": "member"},
    )

    assert response.status_code == 200
    assert "already has an invitation waiting" in response.content.decode()
    assert Invitation.objects.filter(email="nova@example.org").count() == 1
