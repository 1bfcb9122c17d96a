"""Buildings as staff enter them in the Wagtail admin: address, district, association.

Units and co-owners are the association's to keep (`residents.services.register`); staff
create the building and link it to its condominium association.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.models import District
from profiles.models import Organization, User
from residents.errors import NotAllowed, ResidentsError
from residents.models import Building


def _check(*, by: User, perm: str, address: str, association: Organization | None) -> str:
    if not by.is_active or not by.has_perm(perm):
        raise NotAllowed(_("You may not change buildings."), code="not_allowed")
    address = " ".join((address or "").split())
    if not address:
        raise ResidentsError(_("A building needs an address."), code="no_address")
    if association is not None and association.kind != Organization.Kind.CONDOMINIUM:
        raise ResidentsError(
            _("Only a condominium association keeps a building register."),
            code="not_condominium",
        )
    return address


def building_create(
    *, by: User, address: str, district: District, association: Organization | None = None
) -> Building:
    address = _check(by=by, perm="residents.add_building", address=address, association=association)
    with transaction.atomic():
        if Building.objects.filter(address=address).exists():
            raise ResidentsError(_("A building with this address exists."), code="duplicate")
        return Building.objects.create(address=address, district=district, association=association)


def building_update(
    *,
    building: Building,
    by: User,
    address: str,
    district: District,
    association: Organization | None,
) -> Building:
    address = _check(
        by=by, perm="residents.change_building", address=address, association=association
    )
    with transaction.atomic():
        if Building.objects.filter(address=address).exclude(pk=building.pk).exists():
            raise ResidentsError(_("A building with this address exists."), code="duplicate")
        building.address, building.district, building.association = address, district, association
        building.save()
    return building
