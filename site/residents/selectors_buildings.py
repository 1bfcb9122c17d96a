"""Reads of buildings and their registers: the public facts of a building, an association's
registers for its administrators, and the buildings a person is verified in."""

from django.db.models import Count, Prefetch, Q, Sum

from residents.models import Building, Ownership, Unit, VerifiedAttribute

Kind = VerifiedAttribute.Kind


def with_facts(buildings):
    """Annotate the public facts: units, residential units, total area (m²)."""
    return buildings.annotate(
        unit_count=Count("units"),
        residential_count=Count("units", filter=Q(units__is_residential=True)),
        non_residential_count=Count("units", filter=Q(units__is_residential=False)),
        total_area=Sum("units__area"),
    )


def buildings_public():
    """Every building, by district then address, with its public facts."""
    return with_facts(
        Building.objects.select_related("district", "association").order_by(
            "district__sort_order", "district__name_uk", "address"
        )
    )


def building_public(pk: int) -> Building | None:
    return buildings_public().filter(pk=pk).first()


def register_buildings(association):
    """The association's buildings with their units and ownerships (for its administrators)."""
    ownerships = Ownership.objects.select_related("user__profile").order_by("pk")
    units = Unit.objects.order_by("number").prefetch_related(
        Prefetch("ownerships", queryset=ownerships)
    )
    return with_facts(
        Building.objects.filter(association=association).select_related("district")
    ).prefetch_related(Prefetch("units", queryset=units))


def register_building(association, pk: int) -> Building | None:
    return (
        Building.objects.filter(association=association, pk=pk)
        .select_related("district", "association")
        .first()
    )


def register_unit(association, pk: int) -> Unit | None:
    return (
        Unit.objects.filter(building__association=association, pk=pk)
        .select_related("building__association", "building__district")
        .first()
    )


def register_ownership(association, pk: int) -> Ownership | None:
    return (
        Ownership.objects.filter(unit__building__association=association, pk=pk)
        .select_related("unit__building__association", "user__profile")
        .first()
    )


def buildings_of(user):
    """The buildings `user` is a verified co-owner or resident of, now."""
    if not user.is_authenticated:
        return Building.objects.none()
    held = VerifiedAttribute.objects.valid().filter(
        user=user, kind__in=[Kind.CO_OWNER, Kind.BUILDING_RESIDENT]
    )
    return (
        Building.objects.filter(pk__in=held.values("building_id"))
        .select_related("district", "association")
        .order_by("address")
    )


def my_buildings(user) -> list[dict]:
    """For the cabinet: each of my buildings and what I am there (units I co-own, or
    resident)."""
    buildings = list(buildings_of(user))
    if not buildings:
        return []
    held = (
        VerifiedAttribute.objects.valid()
        .filter(user=user, kind__in=[Kind.CO_OWNER, Kind.BUILDING_RESIDENT])
        .select_related("ownership__unit")
    )
    units: dict[int, list] = {}
    residents: set[int] = set()
    for attribute in held:
        if attribute.kind == Kind.CO_OWNER:
            units.setdefault(attribute.building_id, []).append(attribute.ownership)
        else:
            residents.add(attribute.building_id)
    return [
        {
            "building": building,
            "ownerships": units.get(building.pk, []),
            "resident": building.pk in residents,
        }
        for building in buildings
    ]
