"""The residents app's part of "download my data" and "delete my account", beyond what the
completeness test checks for every model: the register keeps a co-owner's share without them,
invitations matched by address, staff links, documents."""

import json

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder

import pytest

from profiles.data_rights import erase_everywhere
from residents import personal_data
from residents.models import (
    LetterBatch,
    Ownership,
    ResidenceRequest,
    VerifiedAttribute,
)
from residents.services.attributes import attribute_revoke
from tests.factories import UserFactory
from tests.residents.factories import district_resident, grant

pytestmark = pytest.mark.django_db


def test_erasure_keeps_the_share_in_the_register_but_not_the_person(building, co_owner):
    ownership = Ownership.objects.get(user=co_owner)
    erase_everywhere(co_owner)

    ownership.refresh_from_db()
    assert ownership.user is None and ownership.email == ""
    assert (ownership.share_numerator, ownership.share_denominator) == (1, 1)
    assert not VerifiedAttribute.objects.filter(user=co_owner).exists()
    assert building.units.get(number="1").ownerships.count() == 1


def test_an_invitation_to_the_persons_address_is_exported_and_forgotten(invited_ownership):
    person = UserFactory(email="INVITED@example.org")
    exported = personal_data.export_for(person)["co_ownerships"]
    assert exported[0]["invitation_address"] == "invited@example.org"

    erase_everywhere(person)

    invited_ownership.refresh_from_db()
    assert invited_ownership.email == "" and invited_ownership.share_numerator == 1


def test_staff_links_are_cut_and_the_records_stay(district, registrar):
    person = UserFactory()
    attribute = grant(person, "district_resident", district, verified_by=registrar)
    batch = LetterBatch.objects.create(created_by=registrar)
    request = ResidenceRequest.objects.create(
        user=person, kind="district", district=district, state="approved", decided_by=registrar
    )
    exported = personal_data.export_for(registrar)["as_staff"]
    assert exported["attributes_verified"] == 1 and exported["residence_requests_decided"] == 1

    erase_everywhere(registrar)

    attribute.refresh_from_db()
    batch.refresh_from_db()
    request.refresh_from_db()
    assert attribute.verified_by is None and attribute.is_valid()
    assert batch.created_by is None and request.decided_by is None


def test_a_pending_requests_document_is_in_the_archive_and_deleted_with_the_account(
    district, django_capture_on_commit_callbacks
):
    person = UserFactory()
    request = ResidenceRequest(user=person, kind="district", district=district)
    request.document.save("lease.pdf", ContentFile(b"%PDF-1.4 lease"), save=False)
    request.save()
    storage, name = request.document.storage, request.document.name
    assert [content for _name, content in personal_data.files_for(person)] == [b"%PDF-1.4 lease"]

    with django_capture_on_commit_callbacks(execute=True):
        erase_everywhere(person)

    assert not ResidenceRequest.objects.filter(user_id=person.pk).exists()
    assert not storage.exists(name)


def test_the_export_lists_every_attribute_with_its_dates(district, co_owner):
    person = district_resident(district)
    attribute_revoke(attribute=person.verified_attributes.get(), reason="Переїхала")
    exported = personal_data.export_for(person)["verified_attributes"]
    assert exported[0]["kind"] == "district_resident"
    assert exported[0]["about"] == str(district)
    assert exported[0]["revoked_at"] is not None
    assert exported[0]["reason_for_revocation"] == "Переїхала"
    json.dumps(personal_data.export_for(co_owner), cls=DjangoJSONEncoder)
