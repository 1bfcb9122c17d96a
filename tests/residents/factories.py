"""Factories for the residents app's tests: districts, buildings with units and co-owners, and
the verified attributes people hold. Attributes are written through `attribute_grant`, the
only writer the app has, so a factory-made attribute is exactly what a real flow makes."""

from decimal import Decimal

from django.utils import timezone

import factory

from config.models import District
from profiles.models import Organization
from residents.models import Building, Ownership, Unit, VerifiedAttribute
from residents.services.attributes import attribute_grant
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory

Kind = VerifiedAttribute.Kind
Source = VerifiedAttribute.Source


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"district-{n}")
    name_uk = factory.Sequence(lambda n: f"Район {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    sort_order = factory.Sequence(lambda n: 100 + n)


class AssociationFactory(OrganizationFactory):
    """A condominium association (ОСББ): the organization kind that keeps a building register."""

    name = factory.Sequence(lambda n: f"ОСББ «Будинок {n}»")
    slug = factory.Sequence(lambda n: f"osbb-{n}")
    kind = Organization.Kind.CONDOMINIUM


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    address = factory.Sequence(lambda n: f"вул. Садова, {n + 1}")
    district = factory.SubFactory(DistrictFactory)
    association = None


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    area = Decimal("54.30")
    is_residential = True


class OwnershipFactory(factory.django.DjangoModelFactory):
    """A co-owner's share of a unit; by default the whole unit, invited and not yet accepted."""

    class Meta:
        model = Ownership

    unit = factory.SubFactory(UnitFactory)
    share_numerator = 1
    share_denominator = 1
    email = factory.Sequence(lambda n: f"owner{n}@example.org")
    user = None


def accepted_ownership(*, unit, user, numerator=1, denominator=1) -> Ownership:
    """An ownership its co-owner has accepted: linked to the account, address forgotten, and
    the co-owner attribute granted from the register."""
    ownership = OwnershipFactory(
        unit=unit,
        user=user,
        email="",
        share_numerator=numerator,
        share_denominator=denominator,
        invited_at=timezone.now(),
        accepted_at=timezone.now(),
    )
    attribute_grant(
        user=user, kind=Kind.CO_OWNER, target=ownership, source=Source.BUILDING_REGISTER
    )
    return ownership


def grant(user, kind, target, *, source=None, verified_by=None, expires_at=None):
    """Grant `user` the attribute `kind` of `target` with the source a real flow would use."""
    default_source = {
        Kind.DISTRICT_RESIDENT: Source.REGISTRAR,
        Kind.BUILDING_RESIDENT: Source.POSTAL_CODE,
        Kind.CO_OWNER: Source.BUILDING_REGISTER,
        Kind.PROFESSION: Source.EXPERT_CREDENTIAL,
        Kind.MEMBER: Source.TEAM_MEMBERSHIP,
    }[Kind(kind)]
    return attribute_grant(
        user=user,
        kind=kind,
        target=target,
        source=source or default_source,
        verified_by=verified_by,
        expires_at=expires_at,
    )


def district_resident(district, **user_fields):
    """A new person verified by a registrar as a resident of `district`."""
    user = UserFactory(**user_fields)
    grant(user, Kind.DISTRICT_RESIDENT, district)
    return user


def building_resident(building, **user_fields):
    """A new person verified (by a postal code) as a resident of `building`."""
    user = UserFactory(**user_fields)
    grant(user, Kind.BUILDING_RESIDENT, building)
    return user


def building_with_units(*, district, association=None, address=None, units=4, area="54.30"):
    """A building with `units` residential flats numbered 1…n (no co-owners yet)."""
    building = BuildingFactory(
        district=district,
        association=association,
        **({"address": address} if address else {}),
    )
    for number in range(1, units + 1):
        UnitFactory(building=building, number=str(number), area=Decimal(area))
    return building
