"""Municipal bodies and deputy's offices are real: staff grant the kind on a status request
with evidence, a registry code belongs to one organization of a kind, and only owners,
administrators and named responders of a granted, verified authority answer for it.
Each test is a path an impostor would try, or the legitimate path beside it."""

from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Membership, Organization, Status
from profiles.selectors import authorities_addressable, user_can_answer_for
from profiles.services.organizations import (
    organization_create,
    organization_update,
    organization_verify,
)
from profiles.services.statuses import (
    status_request_approve,
    status_request_create,
    status_revoke,
)
from tests.profiles.factories import (
    AuthorityFactory,
    InformalGroupFactory,
    OrganizationFactory,
    member,
    profiled_user,
)

pytestmark = pytest.mark.usefixtures("english_ui")
EVIDENCE = "Розпорядження міського голови № 12 від 3 березня, на сайті ради."
COUNCIL_CODE = "04051234"


def page_data(**overrides):
    data = {
        "name": "Управління транспорту",
        "kind": "public_organization",
        "about": "",
        "activity": "",
        "areas": "",
        "links": "",
        "district": "",
        "email": "",
        "registry_code": "41234567",
        "address": "вул. Соборна, 1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def council(db):
    """The real city council's department, granted and verified by staff."""
    return AuthorityFactory(name="Департамент ЖКГ", slug="dep-zhkh", registry_code=COUNCIL_CODE)


@pytest.fixture
def impostor(db):
    return profiled_user(display_name="Іван Самозванець", email="impostor@example.org")


@pytest.mark.parametrize("kind", ["municipal_body", "deputy_office"])
def test_the_create_form_does_not_offer_an_authority_kind(client, impostor, kind):
    client.force_login(impostor)
    response = client.post(reverse("profiles:organization_new"), page_data(kind=kind))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Organization.objects.exists()


@pytest.mark.parametrize("kind", ["municipal_body", "deputy_office"])
def test_the_service_refuses_to_create_an_authority_directly(impostor, kind):
    with pytest.raises(NotAllowed, match="Only staff"):
        organization_create(
            creator=impostor, name="Міська рада", kind=kind, registry_code="41234567",
            address="вул. Соборна, 1",
        )  # fmt: skip
    assert not Organization.objects.exists()


def test_an_owner_cannot_edit_the_kind_into_an_authority(organization, owner):
    with pytest.raises(NotAllowed, match="Only staff"):
        organization_update(
            organization=organization, actor=owner, name=organization.name,
            kind="municipal_body", registry_code=organization.registry_code,
            address=organization.address,
        )  # fmt: skip
    organization.refresh_from_db()
    assert organization.kind == "public_organization"


def test_the_edit_form_refuses_an_authority_kind(client, organization, owner):
    client.force_login(owner)
    client.post(
        reverse("profiles:organization_edit", args=[organization.slug]),
        page_data(name=organization.name, kind="municipal_body"),
    )
    organization.refresh_from_db()
    assert organization.kind == "public_organization"


def test_an_authority_keeps_the_kind_staff_granted_whatever_its_owner_posts(client, council):
    head = profiled_user(display_name="Голова Департаменту")
    member(council, head, Membership.Role.OWNER)
    client.force_login(head)
    client.post(
        reverse("profiles:organization_edit", args=[council.slug]),
        page_data(name=council.name, kind="public_organization", registry_code=COUNCIL_CODE),
    )
    council.refresh_from_db()
    assert council.kind == "municipal_body"
    with pytest.raises(NotAllowed):
        organization_update(
            organization=council, actor=head, name=council.name, kind="school",
            registry_code=COUNCIL_CODE, address=council.address,
        )  # fmt: skip


def test_the_database_holds_one_organization_per_kind_and_registry_code(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(kind="municipal_body", registry_code=COUNCIL_CODE)


def test_the_same_code_may_name_organizations_of_different_kinds_and_none_may_be_empty(council):
    OrganizationFactory(kind="public_organization", registry_code=COUNCIL_CODE)
    AuthorityFactory(kind="deputy_office", registry_code="")
    AuthorityFactory(kind="deputy_office", registry_code="")
    assert Organization.objects.filter(registry_code=COUNCIL_CODE).count() == 2


def test_reusing_a_registered_code_is_a_form_error(client, impostor):
    OrganizationFactory(kind="school", registry_code="41234567", slug="lycei")
    client.force_login(impostor)
    response = client.post(
        reverse("profiles:organization_new"), page_data(name="Ліцей", kind="school")
    )
    assert response.status_code == 200
    assert "registry code 41234567 is already on Spilno" in response.content.decode()
    assert Organization.objects.count() == 1


def test_editing_in_a_registered_code_is_refused(organization, owner):
    OrganizationFactory(kind=organization.kind, registry_code="42222222")
    with pytest.raises(ProfilesError, match="already on Spilno"):
        organization_update(
            organization=organization, actor=owner, name=organization.name,
            kind=organization.kind, registry_code="42222222", address=organization.address,
        )  # fmt: skip


def test_asking_to_make_a_page_with_a_councils_code_into_the_council_is_refused(council, impostor):
    lookalike = organization_create(
        creator=impostor, name="Департамент ЖКГ", kind="public_organization",
        registry_code=COUNCIL_CODE, address="вул. Соборна, 1",
    )  # fmt: skip
    with pytest.raises(ProfilesError, match="already on Spilno"):
        status_request_create(
            user=impostor, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE,
            organization=lookalike,
        )  # fmt: skip


def test_staff_cannot_grant_a_code_another_authority_took_meanwhile(impostor, staff):
    lookalike = organization_create(
        creator=impostor, name="Департамент ЖКГ", kind="public_organization",
        registry_code=COUNCIL_CODE, address="вул. Соборна, 1",
    )  # fmt: skip
    request = status_request_create(
        user=impostor, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE, organization=lookalike
    )
    AuthorityFactory(registry_code=COUNCIL_CODE)
    with pytest.raises(ProfilesError, match="already on Spilno"):
        status_request_approve(request=request, staff=staff)
    lookalike.refresh_from_db()
    impostor.profile.refresh_from_db()
    assert lookalike.kind == "public_organization" and lookalike.authority_granted_at is None
    assert impostor.profile.status == Status.CITIZEN


def test_staff_cannot_verify_an_authority_whose_kind_they_never_granted(staff):
    claimed = OrganizationFactory(kind="municipal_body", registry_code=COUNCIL_CODE)
    with pytest.raises(ProfilesError, match="not granted"):
        organization_verify(organization=claimed, staff=staff, verified=True)
    claimed.refresh_from_db()
    assert not claimed.is_verified
    assert claimed not in authorities_addressable()


def test_staff_grant_the_kind_with_the_officials_status(organization, owner, staff):
    request = status_request_create(
        user=owner, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE, organization=organization
    )
    assert organization not in authorities_addressable()
    status_request_approve(request=request, staff=staff)
    organization.refresh_from_db()
    assert organization.kind == "municipal_body"
    assert organization.authority_granted_by == staff and organization.is_verified
    assert organization in authorities_addressable()
    assert user_can_answer_for(user=owner, organization=organization)


def test_a_deputys_office_may_have_no_registry_code(staff):
    deputy = profiled_user(display_name="Олена Коваль", email="deputy@example.org")
    office = InformalGroupFactory(name="Приймальня Олени Коваль")
    member(office, deputy, Membership.Role.OWNER)
    request = status_request_create(
        user=deputy, status=Status.DEPUTY, evidence=EVIDENCE, organization=office
    )
    status_request_approve(request=request, staff=staff)
    office.refresh_from_db()
    assert (office.kind, office.registry_code) == ("deputy_office", "")
    assert office in authorities_addressable()


def test_a_municipal_body_needs_a_registry_code(owner):
    group = InformalGroupFactory()
    member(group, owner, Membership.Role.OWNER)
    with pytest.raises(ProfilesError, match="registry code"):
        status_request_create(
            user=owner, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE, organization=group
        )


def test_only_the_owner_may_ask_for_a_page_to_become_an_authority(organization, admin_member):
    with pytest.raises(ProfilesError, match="Only its owner"):
        status_request_create(
            user=admin_member, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE,
            organization=organization,
        )  # fmt: skip


def test_a_plain_member_of_a_verified_authority_does_not_answer(council, impostor):
    member(council, impostor, Membership.Role.MEMBER)
    assert not user_can_answer_for(user=impostor, organization=council)


def test_the_owner_of_an_unverified_authority_does_not_answer(impostor):
    unverified = AuthorityFactory(is_verified=False)
    member(unverified, impostor, Membership.Role.OWNER)
    assert not user_can_answer_for(user=impostor, organization=unverified)


def test_the_owner_of_an_authority_staff_never_granted_does_not_answer(impostor):
    claimed = OrganizationFactory(kind="municipal_body", is_verified=True)
    member(claimed, impostor, Membership.Role.OWNER)
    assert not user_can_answer_for(user=impostor, organization=claimed)


def test_a_member_named_by_a_granted_officials_status_answers_until_it_is_revoked(council, staff):
    secretary = profiled_user(display_name="Марина Остапчук", email="secretary@example.org")
    member(council, secretary, Membership.Role.MEMBER)
    request = status_request_create(
        user=secretary, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE, organization=council
    )
    assert not user_can_answer_for(user=secretary, organization=council)
    status_request_approve(request=request, staff=staff)
    assert user_can_answer_for(user=secretary, organization=council)
    status_revoke(user=secretary, staff=staff, reason="Звільнилася з посади.")
    assert not user_can_answer_for(user=secretary, organization=council)


def test_a_named_responder_who_left_the_team_does_not_answer(council, staff):
    secretary = profiled_user(display_name="Марина Остапчук", email="secretary@example.org")
    membership = member(council, secretary, Membership.Role.MEMBER)
    request = status_request_create(
        user=secretary, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE, organization=council
    )
    status_request_approve(request=request, staff=staff)
    membership.delete()
    assert not user_can_answer_for(user=secretary, organization=council)
