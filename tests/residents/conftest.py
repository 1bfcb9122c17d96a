"""Shared fixtures of the residents tests: a district, a condominium association with its
administrator, its building with units and co-owners, a registrar and a verified resident."""

from django.contrib.auth.models import Permission

import pytest

from profiles.models import Membership
from tests.factories import UserFactory
from tests.profiles.factories import member, profiled_user
from tests.residents.factories import (
    AssociationFactory,
    DistrictFactory,
    OwnershipFactory,
    accepted_ownership,
    building_with_units,
    district_resident,
)


@pytest.fixture
def district(db):
    return DistrictFactory(slug="podil", name_uk="Поділ", name_en="Podil")


@pytest.fixture
def other_district(db):
    return DistrictFactory(slug="obolon", name_uk="Оболонь", name_en="Obolon")


@pytest.fixture
def association(db):
    """A condominium association (kind `condominium`)."""
    return AssociationFactory(name="ОСББ «Садова 7»", slug="osbb-sadova-7")


@pytest.fixture
def association_admin(association):
    """The administrator of the association: the person who keeps its building register."""
    user = profiled_user(display_name="Ірина Управителька", email="osbb-admin@example.org")
    member(association, user, Membership.Role.ADMIN)
    return user


@pytest.fixture
def building(district, association):
    """The association's building, 4 flats of 54.30 m²: flat 1 owned whole by `co_owner`
    (accepted), flat 2 shared ½ + ½ between `co_owner_pair` (accepted), flat 3 owned by
    someone invited who has not yet accepted, flat 4 with no register entry."""
    return building_with_units(
        district=district, association=association, address="вул. Садова, 7", units=4
    )


@pytest.fixture
def co_owner(building):
    """A verified co-owner of the whole of flat 1."""
    user = profiled_user(display_name="Степан Власник", email="co-owner@example.org")
    accepted_ownership(unit=building.units.get(number="1"), user=user)
    return user


@pytest.fixture
def co_owner_pair(building):
    """Two verified co-owners of flat 2, ½ each."""
    unit = building.units.get(number="2")
    pair = [
        profiled_user(display_name="Надія Співвласниця", email="half-a@example.org"),
        profiled_user(display_name="Богдан Співвласник", email="half-b@example.org"),
    ]
    for user in pair:
        accepted_ownership(unit=unit, user=user, numerator=1, denominator=2)
    return pair


@pytest.fixture
def invited_ownership(building):
    """Flat 3, owned whole by someone invited by email who has not accepted yet."""
    return OwnershipFactory(unit=building.units.get(number="3"), email="invited@example.org")


@pytest.fixture
def registrar(db):
    """A staff member with the registrar permission (decides residence requests)."""
    user = UserFactory(email="registrar@example.org", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(
            codename="decide_residencerequest", content_type__app_label="residents"
        )
    )
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def verified_resident(district):
    """A person a registrar verified as a resident of `district`."""
    return district_resident(district, email="resident@example.org")
