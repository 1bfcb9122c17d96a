"""The verification pages of the Wagtail admin: who sees them, who is refused, what is logged,
and that hostile parameters change nothing and break nothing."""

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from profiles.models import PersonalDataAccess
from residents.models import ResidenceRequest
from residents.services.verification import (
    postal_letter_request,
    residence_request_submit,
)
from tests.factories import UserFactory
from tests.profiles.factories import profiled_user
from tests.residents.factories import district_resident

pytestmark = pytest.mark.django_db

PAGES = ["residents_admin:requests", "residents_admin:letters", "residents_admin:attributes"]


@pytest.fixture
def registrar_staff(db):
    user = UserFactory(email="registrar-group@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Registrars"))
    return type(user).objects.get(pk=user.pk)


def staff_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="residents")
        )
    return type(user).objects.get(pk=user.pk)


def test_the_registrars_group_has_the_verification_permissions_and_no_other_residents_one():
    group = Group.objects.get(name="Registrars")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin"} <= codenames
    assert set(
        group.permissions.filter(content_type__app_label="residents").values_list(
            "codename", flat=True
        )
    ) == {"decide_residencerequest", "print_letterbatch", "revoke_verifiedattribute"}


def test_a_registrar_sees_the_three_pages_in_the_menu(client, registrar_staff):
    client.force_login(registrar_staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in PAGES:
        assert reverse(name) in home
        assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        ("decide_residencerequest", "residents_admin:requests"),
        ("print_letterbatch", "residents_admin:letters"),
        ("revoke_verifiedattribute", "residents_admin:attributes"),
    ],
)
def test_each_page_needs_its_own_permission(client, permission, allowed):
    client.force_login(staff_with(permission))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in PAGES:
        if name == allowed:
            assert client.get(reverse(name)).status_code == 200
            assert reverse(name) in home
        else:
            assert client.get(reverse(name)).status_code in (302, 403)
            assert reverse(name) not in home


def test_staff_without_any_verification_permission_see_no_residents_menu(client):
    client.force_login(staff_with())
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/residents/" not in home


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    "query",
    [
        {"state": "bogus"},
        {"state": "all", "page": "-3"},
        {"page": "99999999999999999999999"},
        {"kind": "'; drop table x; --", "q": "a" * 5000},
        {"q": "%", "kind": "district_resident"},
    ],
)
def test_hostile_parameters_are_harmless(client, registrar_staff, query):
    client.force_login(registrar_staff)
    for name in PAGES:
        assert client.get(reverse(name), query).status_code == 200


def test_an_unknown_id_is_a_404(client, registrar_staff):
    client.force_login(registrar_staff)
    for name in ("residents_admin:request", "residents_admin:attribute"):
        assert client.get(reverse(name, args=[987654])).status_code == 404
    assert client.get("/admin/residents/requests/0/").status_code == 404


def test_a_request_without_a_document_has_no_document_to_open(client, registrar_staff, district):
    person = profiled_user(email="nodoc@example.org")
    residence_request = residence_request_submit(user=person, kind="district", district=district)
    client.force_login(registrar_staff)
    response = client.get(reverse("residents_admin:request_document", args=[residence_request.pk]))
    assert response.status_code == 404


def test_every_page_showing_people_logs_each_of_them(client, registrar_staff, district, building):
    requester = profiled_user(email="requester@example.org")
    residence_request = residence_request_submit(
        user=requester,
        kind="district",
        district=district,
        document=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"),
    )
    letter_person = profiled_user(email="letter-person@example.org")
    postal_letter_request(user=letter_person, building=building, flat="9")
    resident = district_resident(district, email="held@example.org")
    client.force_login(registrar_staff)

    def logged_after(url):
        PersonalDataAccess.objects.all().delete()
        assert client.get(url).status_code == 200
        return set(PersonalDataAccess.objects.values_list("subject", flat=True))

    assert logged_after(reverse("residents_admin:requests")) == {requester.pk}
    assert logged_after(reverse("residents_admin:request", args=[residence_request.pk])) == {
        requester.pk
    }
    PersonalDataAccess.objects.all().delete()
    document = client.get(reverse("residents_admin:request_document", args=[residence_request.pk]))
    assert b"".join(document.streaming_content) == b"%PDF-1.4 x"
    assert set(PersonalDataAccess.objects.values_list("subject", flat=True)) == {requester.pk}
    assert logged_after(reverse("residents_admin:letters")) == {letter_person.pk}
    attribute = resident.verified_attributes.get()
    assert logged_after(reverse("residents_admin:attributes")) == {resident.pk}
    assert logged_after(reverse("residents_admin:attribute", args=[attribute.pk])) == {resident.pk}
    assert all(
        row.staff_id == registrar_staff.pk and row.path.startswith("/admin/residents/")
        for row in PersonalDataAccess.objects.all()
    )


def test_the_attribute_list_filters_by_kind_and_finds_a_person_by_email(
    client, registrar_staff, district, building
):
    from tests.residents.factories import building_resident

    in_district = district_resident(district, email="district-one@example.org")
    in_building = building_resident(building, email="building-one@example.org")
    client.force_login(registrar_staff)
    url = reverse("residents_admin:attributes")

    def shown(query):
        content = client.get(url, query).content.decode()
        return {
            person.pk
            for person in (in_district, in_building)
            if reverse("residents_admin:attribute", args=[person.verified_attributes.get().pk])
            in content
        }

    assert shown({}) == {in_district.pk, in_building.pk}
    assert shown({"kind": "building_resident"}) == {in_building.pk}
    assert shown({"q": "DISTRICT-ONE@example.org"}) == {in_district.pk}


def test_decisions_are_posts_only(client, registrar_staff, district):
    person = profiled_user(email="get-only@example.org")
    residence_request = residence_request_submit(user=person, kind="district", district=district)
    client.force_login(registrar_staff)
    for name in ("residents_admin:request_approve", "residents_admin:request_reject"):
        assert client.get(reverse(name, args=[residence_request.pk])).status_code == 405
    assert client.get(reverse("residents_admin:letters_print")).status_code == 405
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.PENDING
