"""Buildings in public and in the admin: the public pages give the facts of a building and
never its owners, shares or addresses; staff create buildings through the services."""

from decimal import Decimal

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from residents.errors import NotAllowed, ResidentsError
from residents.models import Building
from residents.services.buildings import building_create, building_update
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory
from tests.residents.factories import BuildingFactory, UnitFactory


def test_the_building_page_shows_public_facts_only(
    client, building, association, co_owner, co_owner_pair, invited_ownership
):
    UnitFactory(building=building, number="Маг. 1", area=Decimal("120.50"), is_residential=False)
    response = client.get(reverse("residents:building", args=[building.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert building.address in body
    assert association.get_absolute_url() in body
    assert "337,70" in body or "337.70" in body  # 4 × 54.30 + 120.50
    for secret in [
        "invited@example.org", "co-owner@example.org", "half-a@example.org",
        "Степан Власник", "Надія Співвласниця", "1/2",
    ]:  # fmt: skip
        assert secret not in body


def test_the_building_page_is_shared_with_anonymous_visitors(client, building):
    url = reverse("residents:building", args=[building.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert "ETag" in first.headers


def test_the_buildings_list_groups_by_district_and_pages(
    client, district, other_district, building, co_owner
):
    BuildingFactory(district=other_district, address="просп. Оболонський, 1")
    response = client.get(reverse("residents:buildings"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Поділ") < body.index("Оболонь") or body.index("Оболонь") < body.index(
        "Поділ"
    )
    assert "просп. Оболонський, 1" in body and building.address in body
    assert "co-owner@example.org" not in body and "Степан Власник" not in body
    assert client.get(reverse("residents:buildings") + "?page=99999999999999").status_code == 200


def test_an_unknown_building_is_not_found(client, db):
    assert client.get(reverse("residents:building", args=[2**62])).status_code == 404
    assert client.get("/buildings/0/").status_code == 404


def test_the_cabinet_lists_my_buildings_only_when_verified(client, building, co_owner):
    client.force_login(co_owner)
    body = client.get(reverse("profiles:cabinet")).content.decode()
    assert 'id="cabinet-buildings"' in body
    assert building.address in body
    stranger = UserFactory()
    client.force_login(stranger)
    assert 'id="cabinet-buildings"' not in client.get(reverse("profiles:cabinet")).content.decode()


def staff(*codenames):
    user = UserFactory(is_staff=True)
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="residents")
        )
    return type(user).objects.get(pk=user.pk)


def test_staff_create_and_link_a_building(district, association):
    editor = staff("add_building", "change_building")
    building = building_create(by=editor, address="  вул.  Нова, 3 ", district=district)
    assert building.address == "вул. Нова, 3"
    building_update(
        building=building, by=editor, address=building.address, district=district,
        association=association,
    )  # fmt: skip
    assert Building.objects.get(pk=building.pk).association == association


def test_a_building_needs_permission_a_condominium_and_a_unique_address(district, building):
    with pytest.raises(NotAllowed):
        building_create(by=UserFactory(), address="вул. Інша, 1", district=district)
    editor = staff("add_building")
    with pytest.raises(ResidentsError) as refused:
        building_create(
            by=editor, address="вул. Інша, 1", district=district,
            association=OrganizationFactory(kind="school"),
        )  # fmt: skip
    assert refused.value.code == "not_condominium"
    with pytest.raises(ResidentsError) as refused:
        building_create(by=editor, address=building.address, district=district)
    assert refused.value.code == "duplicate"


def test_the_admin_lists_creates_and_shows_buildings(client, district, building):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    index = client.get("/admin/residents/building/")
    assert index.status_code == 200
    assert building.address in index.content.decode()
    response = client.post(
        "/admin/residents/building/create/",
        {"address": "вул. Адмінська, 1", "district": district.pk, "association": ""},
    )
    assert response.status_code == 302
    assert Building.objects.filter(address="вул. Адмінська, 1").exists()
    inspect = client.get(f"/admin/residents/building/inspect/{building.pk}/")
    assert inspect.status_code == 200
    assert "54" in inspect.content.decode()


def test_the_demo_registers_are_full_deterministic_and_idempotent(districts):
    from config.demo import Progress
    from residents import demo_buildings
    from residents.models import Ownership, Unit
    from tests.profiles.factories import profiled_user

    for number in [90, 91, 92, 93, 94, 60, 61, 62, 63, 64, 65, 66, 67]:
        profiled_user(email=f"resident{number:03d}@example.org")
    progress = Progress(stream=None, enabled=False)
    demo_buildings.seed(progress=progress)
    first = sorted(Unit.objects.values_list("building__address", "number", "area"))
    demo_buildings.seed(progress=progress)
    assert sorted(Unit.objects.values_list("building__address", "number", "area")) == first
    for address in [spec[3] for spec in demo_buildings.ASSOCIATIONS]:
        building = Building.objects.get(address=address)
        units = list(building.units.prefetch_related("ownerships"))
        assert 60 <= len(units) <= 250
        assert any(not unit.is_residential for unit in units)
        co_owned = [unit for unit in units if unit.ownerships.count() > 1]
        assert 0.05 < len(co_owned) / len(units) < 0.3
        for unit in units:
            assert sum(o.share for o in unit.ownerships.all()) == 1
        assert building.association.memberships.filter(role="admin").exists()
    assert Ownership.objects.exclude(user=None).count() >= 5
    assert Ownership.objects.exclude(invitation_token_hash="").count() > 100
    assert Building.objects.filter(association=None).count() == len(demo_buildings.UNATTACHED)
