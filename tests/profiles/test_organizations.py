"""Creating organizations, registration data and staff verification, and the pages."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Membership, Organization
from profiles.selectors import authorities_addressable, user_can_answer_for
from profiles.services.organizations import (
    organization_create,
    organization_update,
    organization_verify,
)
from tests.factories import UserFactory
from tests.profiles.factories import (
    AuthorityFactory,
    InformalGroupFactory,
    OrganizationFactory,
    member,
    png_bomb_bytes,
)

pytestmark = pytest.mark.usefixtures("english_ui")


def new_data(**overrides):
    data = {
        "name": "ОСББ «Лісова, 3»",
        "kind": "condominium",
        "about": "Будинок на 80 квартир.",
        "activity": "",
        "areas": "енергоефективність, двір",
        "links": "",
        "district": "",
        "email": "",
        "registry_code": "41234567",
        "address": "вул. Лісова, 3",
    }
    data.update(overrides)
    return data


def test_a_signed_in_person_creates_an_organization_and_becomes_its_owner(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("profiles:organization_new"), new_data())
    organization = Organization.objects.get()
    assert response["Location"] == reverse("profiles:organization", args=["osbb-lisova-3"])
    assert Membership.objects.get(organization=organization).user == user
    assert Membership.objects.get(organization=organization).role == "owner"
    assert not organization.is_verified


def test_a_visitor_is_sent_to_sign_in_before_creating_one(client, db):
    response = client.get(reverse("profiles:organization_new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_informal_group_needs_no_registration_data_and_says_so(client, db):
    client.force_login(UserFactory())
    client.post(
        reverse("profiles:organization_new"),
        new_data(name="Сусіди Набережної", kind="informal_group", registry_code="", address=""),
    )
    body = client.get(
        reverse("profiles:organization", args=["susidy-naberezhnoi"])
    ).content.decode()
    assert "Informal group · not registered" in body
    assert "It is not registered and needs no registration data" in body


def test_an_informal_group_cannot_carry_a_registry_code(db):
    with pytest.raises(ProfilesError, match="not registered"):
        organization_create(
            creator=UserFactory(), name="Група", kind="informal_group", registry_code="41234567"
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"address": "вул. Лісова, 3"}, "registry code"),
        ({"registry_code": "41234567"}, "registered address"),
        ({"registry_code": "1234", "address": "вул. Лісова, 3"}, "8 digits"),
    ],
)
def test_a_registered_organization_gives_an_address_and_an_eight_digit_code(db, fields, message):
    with pytest.raises(ProfilesError, match=message):
        organization_create(creator=UserFactory(), name="Ліцей № 5", kind="school", **fields)


def test_the_registration_data_shows_with_the_staff_verified_mark(client, organization, staff):
    organization_verify(organization=organization, staff=staff, verified=True)
    body = client.get(organization.get_absolute_url()).content.decode()
    assert organization.registry_code in body
    assert "Registration verified" in body


def test_only_staff_with_the_permission_verify_organizations(organization):
    with pytest.raises(NotAllowed):
        organization_verify(organization=organization, staff=UserFactory(), verified=True)


def test_changing_registration_data_withdraws_the_verified_mark(organization, owner, staff):
    organization_verify(organization=organization, staff=staff, verified=True)
    organization_update(
        organization=organization,
        actor=owner,
        name=organization.name,
        kind=organization.kind,
        registry_code="49999999",
        address=organization.address,
    )
    organization.refresh_from_db()
    assert not organization.is_verified and organization.verified_by is None


def test_editing_the_about_text_keeps_the_verified_mark(organization, owner, staff):
    organization_verify(organization=organization, staff=staff, verified=True)
    organization_update(
        organization=organization,
        actor=owner,
        name=organization.name,
        kind=organization.kind,
        about="Новий опис",
        registry_code=organization.registry_code,
        address=organization.address,
    )
    organization.refresh_from_db()
    assert organization.is_verified and organization.about == "Новий опис"


def test_the_organization_page_shows_the_team_with_roles(client, organization, owner, plain_member):
    body = client.get(organization.get_absolute_url()).content.decode()
    assert "Ольга Власниця" in body and "Марія Учасниця" in body
    assert "Owner" in body and "Member" in body


def test_the_team_shows_each_member_only_as_their_profile_allows(client, organization, owner):
    owner.profile.about = "Приватна біографія"
    owner.profile.about_visibility = "private"
    owner.profile.save()
    data = json.loads(client.get(organization.get_absolute_url() + "json/").content)
    assert data["team"][0]["name"] == "Ольга Власниця"
    assert "Приватна біографія" not in json.dumps(data, ensure_ascii=False)


def test_the_directory_finds_organizations_by_name_and_kind(client, db):
    OrganizationFactory(name="Ліцей № 5", slug="lycei-5", kind="school")
    InformalGroupFactory(name="Клуб садівників", slug="klub")
    body = client.get(reverse("profiles:organizations"), {"kind": "school"}).content.decode()
    assert "Ліцей № 5" in body and "Клуб садівників" not in body
    body = client.get(reverse("profiles:organizations"), {"q": "садівників"}).content.decode()
    assert "Клуб садівників" in body and "Ліцей № 5" not in body


def test_petitions_can_be_addressed_to_granted_and_verified_authorities_only(db):
    council = AuthorityFactory()
    AuthorityFactory(is_verified=False)
    OrganizationFactory(kind="municipal_body", is_verified=True)  # kind never granted by staff
    office = AuthorityFactory(kind="deputy_office", registry_code="")
    OrganizationFactory(kind="school", is_verified=True)
    assert list(authorities_addressable()) == sorted([council, office], key=lambda o: o.name)


def test_owners_and_administrators_of_an_authority_answer_for_it_and_outsiders_do_not(db):
    council = AuthorityFactory()
    head, deputy_head, resident = UserFactory(), UserFactory(), UserFactory()
    member(council, head, Membership.Role.OWNER)
    member(council, deputy_head, Membership.Role.ADMIN)
    assert user_can_answer_for(user=head, organization=council)
    assert user_can_answer_for(user=deputy_head, organization=council)
    assert not user_can_answer_for(user=resident, organization=council)


def test_members_of_other_kinds_of_organization_do_not_answer_petitions(organization, owner):
    assert not user_can_answer_for(user=owner, organization=organization)


def bomb_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("logo.png", png_bomb_bytes(), content_type="image/png")


def test_a_decompression_bomb_as_a_new_organization_logo_is_a_form_error(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("profiles:organization_new"), new_data(photo=bomb_upload()))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["The picture has too many pixels."]
    assert "ОСББ «Лісова, 3»" in response.content.decode()
    assert not Organization.objects.filter(name="ОСББ «Лісова, 3»").exists()


def test_a_decompression_bomb_as_a_logo_leaves_the_organization_unchanged(
    client, organization, owner
):
    client.force_login(owner)
    response = client.post(
        reverse("profiles:organization_edit", args=[organization.slug]),
        new_data(name="Нова назва", kind=organization.kind, photo=bomb_upload()),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["The picture has too many pixels."]
    organization.refresh_from_db()
    assert organization.name == "ГО «Зелений двір»" and not organization.photo


def test_an_organization_name_with_a_zero_width_space_is_refused(client, db):
    client.force_login(UserFactory())
    response = client.post(
        reverse("profiles:organization_new"), new_data(name="ОСББ «Лісова,\u200b 3»")
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert "Будинок на 80 квартир." in response.content.decode()
    assert not Organization.objects.exists()


def test_the_organization_services_refuse_a_name_with_a_bidi_override(organization, owner):
    with pytest.raises(ProfilesError, match="invisible characters"):
        organization_create(creator=owner, name="Міська\u202eрада", kind="informal_group")
    with pytest.raises(ProfilesError, match="invisible characters"):
        organization_update(
            organization=organization,
            actor=owner,
            kind=organization.kind,
            name="ГО «Зелений\u2066 двір»",
            registry_code=organization.registry_code,
            address=organization.address,
        )
    organization.refresh_from_db()
    assert organization.name == "ГО «Зелений двір»"


def test_a_public_contact_email_at_an_ip_literal_is_refused(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("profiles:organization_new"), new_data(email="info@[127.0.0.1]"))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Organization.objects.exists()
