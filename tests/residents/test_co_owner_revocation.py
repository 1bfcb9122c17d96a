"""A co-owner who leaves the building register loses their attribute by revocation, not by
deletion: the row stays, revoked with the reason, for `ATTRIBUTE_RETENTION_DAYS` so its holder
sees why it stopped counting; then housekeeping purges it."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from residents import personal_data
from residents.models import Ownership, VerifiedAttribute
from residents.selectors import audience_includes
from residents.services import register as services
from residents.services.audiences import audience_create
from residents.services.verification import ATTRIBUTE_RETENTION_DAYS

pytestmark = pytest.mark.django_db


def co_ownership(user) -> VerifiedAttribute:
    return VerifiedAttribute.objects.get(user=user, kind=VerifiedAttribute.Kind.CO_OWNER)


def test_removing_an_ownership_keeps_its_attribute_revoked_with_the_reason(
    building, association_admin, co_owner
):
    ownership = Ownership.objects.get(user=co_owner)
    attribute = co_ownership(co_owner)
    audience = audience_create(buildings=[building])
    assert audience_includes(audience=audience, user=co_owner)

    services.ownership_remove(ownership=ownership, by=association_admin)

    assert not Ownership.objects.filter(pk=ownership.pk).exists()
    kept = co_ownership(co_owner)
    assert kept.pk == attribute.pk
    assert kept.revoked_at is not None and kept.revoked_by is None
    assert kept.revocation_reason == str(services.REASON_OWNERSHIP_REMOVED) % {"unit": "1"}
    assert kept.ownership is None and kept.building == building
    assert kept.target == building
    assert not kept.is_valid()
    assert not VerifiedAttribute.objects.valid().filter(pk=kept.pk).exists()
    assert not audience_includes(audience=audience, user=co_owner)


def test_removing_a_unit_keeps_its_co_owners_attributes_revoked(
    building, association_admin, co_owner_pair
):
    unit = building.units.get(number="2")

    services.unit_remove(unit=unit, by=association_admin)

    reason = str(services.REASON_UNIT_REMOVED) % {"unit": "2"}
    for user in co_owner_pair:
        kept = co_ownership(user)
        assert kept.revoked_at is not None and kept.revocation_reason == reason
        assert kept.ownership is None and not kept.is_valid()


def test_the_person_reads_why_their_co_ownership_stopped_counting(
    client, building, association_admin, co_owner
):
    services.ownership_remove(ownership=Ownership.objects.get(user=co_owner), by=association_admin)
    attribute = co_ownership(co_owner)

    client.force_login(co_owner)
    page = client.get(reverse("residents:residence")).content.decode()

    assert f'id="attribute-{attribute.pk}" data-kind="co_owner" data-valid="no"' in page
    assert attribute.revocation_reason in page
    assert "(/)" not in page, "no empty unit and share where the ownership is gone"


def test_housekeeping_purges_a_revoked_co_ownership_after_the_retention(
    building, association_admin, co_owner
):
    services.ownership_remove(ownership=Ownership.objects.get(user=co_owner), by=association_admin)
    attribute = co_ownership(co_owner)
    retention = timedelta(days=ATTRIBUTE_RETENTION_DAYS)
    hour = timedelta(hours=1)

    VerifiedAttribute.objects.filter(pk=attribute.pk).update(
        revoked_at=timezone.now() - retention + hour
    )
    call_command("residents_housekeeping", stdout=io.StringIO())
    assert VerifiedAttribute.objects.filter(pk=attribute.pk).exists()

    VerifiedAttribute.objects.filter(pk=attribute.pk).update(
        revoked_at=timezone.now() - retention - hour
    )
    out = io.StringIO()
    call_command("residents_housekeeping", stdout=out)
    assert "Attributes deleted: 1." in out.getvalue()
    assert not VerifiedAttribute.objects.filter(pk=attribute.pk).exists()


def test_a_valid_co_ownership_cannot_lose_its_ownership(building, co_owner):
    """Deleting an ownership behind the services' back, without revoking its attribute first,
    is refused by the database: a co-owner never silently keeps counting without a share."""
    ownership = Ownership.objects.get(user=co_owner)

    with pytest.raises(IntegrityError), transaction.atomic():
        ownership.delete()

    assert Ownership.objects.filter(pk=ownership.pk).exists()
    assert co_ownership(co_owner).is_valid()


def test_a_revoked_co_ownership_is_exported_and_erased(building, association_admin, co_owner):
    services.ownership_remove(ownership=Ownership.objects.get(user=co_owner), by=association_admin)
    attribute = co_ownership(co_owner)

    exported = personal_data.export_for(co_owner)["verified_attributes"]
    assert exported == [
        {
            "kind": "co_owner",
            "about": building.address,
            "source": attribute.source,
            "verified_at": attribute.verified_at,
            "expires_at": None,
            "revoked_at": attribute.revoked_at,
            "reason_for_revocation": attribute.revocation_reason,
        }
    ]

    personal_data.erase_for(co_owner)
    assert not VerifiedAttribute.objects.filter(pk=attribute.pk).exists()
