"""A verified residence holds `RESIDENCE_VALID_DAYS`, then stops counting until renewed (by a
registrar or a new letter); staff with the permission may revoke any attribute with a reason,
which the person reads."""

import io
import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from profiles.models import PersonalDataAccess
from residents.errors import NotAllowed
from residents.models import VerifiedAttribute
from residents.services.verification import (
    ATTRIBUTE_RETENTION_DAYS,
    CODE_ALPHABET,
    letter_batch_print,
    postal_letter_request,
    residence_request_approve,
    residence_request_submit,
    verified_attribute_revoke,
)
from tests.factories import UserFactory
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db

HOME = "residents:residence"


@pytest.fixture
def person(db):
    return profiled_user(display_name="Марко Мешканець", email="expiring@example.org")


@pytest.fixture
def registrar_staff(db):
    user = UserFactory(email="registrar-group@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Registrars"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def clerk(db):
    user = UserFactory(email="clerk@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return type(user).objects.get(pk=user.pk)


def approved(person, registrar, **target) -> VerifiedAttribute:
    kind = "district" if "district" in target else "building"
    residence_request = residence_request_submit(user=person, kind=kind, **target)
    return residence_request_approve(residence_request=residence_request, registrar=registrar)


def test_residence_expires_after_the_configured_days(settings, person, district, registrar_staff):
    settings.RESIDENCE_VALID_DAYS = 10
    attribute = approved(person, registrar_staff, district=district)
    assert attribute.expires_at - attribute.verified_at == timedelta(days=10)
    holds = VerifiedAttribute.objects.valid(at=attribute.verified_at + timedelta(days=9))
    assert list(holds.filter(user=person)) == [attribute]
    later = attribute.verified_at + timedelta(days=10, seconds=1)
    assert not VerifiedAttribute.objects.valid(at=later).filter(user=person).exists()
    assert not attribute.is_valid(later)


def test_an_expired_residence_shows_as_expired_and_renewing_through_a_registrar_works(
    client, person, district, registrar_staff
):
    attribute = approved(person, registrar_staff, district=district)
    VerifiedAttribute.objects.filter(pk=attribute.pk).update(
        verified_at=timezone.now() - timedelta(days=400),
        expires_at=timezone.now() - timedelta(days=35),
    )
    assert not VerifiedAttribute.objects.valid().filter(user=person).exists()

    client.force_login(person)
    page = client.get(reverse(HOME)).content.decode()
    assert f'id="attribute-{attribute.pk}" data-kind="district_resident" data-valid="no"' in page
    assert f'href="?renew={attribute.pk}#ask"' in page
    renewing = client.get(reverse(HOME), {"renew": attribute.pk}).content.decode()
    assert f'<option value="{district.pk}" selected>' in renewing

    response = client.post(
        reverse("residents:residence_request"), {"kind": "district", "district": district.pk}
    )
    assert response.status_code == 302
    residence_request = person.residence_requests.get(state="pending")
    renewed = residence_request_approve(
        residence_request=residence_request, registrar=registrar_staff
    )
    assert renewed.pk == attribute.pk
    assert renewed.is_valid()
    assert renewed.expires_at > timezone.now() + timedelta(days=364)


def test_a_residence_far_from_expiry_offers_no_renewal(client, person, district, registrar_staff):
    attribute = approved(person, registrar_staff, district=district)
    client.force_login(person)
    page = client.get(reverse(HOME), {"renew": attribute.pk}).content.decode()
    assert f'href="?renew={attribute.pk}#ask"' not in page
    assert f'<option value="{district.pk}" selected>' not in page


@pytest.mark.parametrize("renew", ["", "abc", "0", "99999999999999999999", "-1", "1e3"])
def test_a_bad_renew_parameter_is_ignored(client, person, renew):
    client.force_login(person)
    assert client.get(reverse(HOME), {"renew": renew}).status_code == 200


def test_a_building_residence_near_expiry_is_renewed_by_a_new_letter(
    client, person, building, registrar_staff
):
    attribute = approved(person, registrar_staff, building=building)
    VerifiedAttribute.objects.filter(pk=attribute.pk).update(
        expires_at=timezone.now() + timedelta(days=5)
    )
    client.force_login(person)
    renewing = client.get(reverse(HOME), {"renew": attribute.pk}).content.decode()
    assert renewing.count(f'<option value="{building.pk}" selected>') == 2  # both forms

    postal_letter_request(user=person, building=building, flat="4")
    pdf = letter_batch_print(staff=registrar_staff).pdf
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    code = re.search(rf"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}", text).group(0)
    assert client.post(reverse("residents:residence_code"), {"code": code}).status_code == 302
    attribute.refresh_from_db()
    assert attribute.source == VerifiedAttribute.Source.POSTAL_CODE
    assert attribute.expires_at > timezone.now() + timedelta(days=364)


def test_staff_revoke_with_a_reason_the_person_reads(
    client, person, district, registrar_staff, django_capture_on_commit_callbacks
):
    attribute = approved(person, registrar_staff, district=district)
    client.force_login(registrar_staff)
    listing = client.get(reverse("residents_admin:attributes"))
    assert reverse("residents_admin:attribute", args=[attribute.pk]).encode() in listing.content
    detail = client.get(reverse("residents_admin:attribute", args=[attribute.pk]))
    assert detail.status_code == 200
    assert PersonalDataAccess.objects.filter(staff=registrar_staff, subject=person).count() == 2

    refused = client.post(reverse("residents_admin:attribute_revoke", args=[attribute.pk]))
    assert refused.status_code == 400
    attribute.refresh_from_db()
    assert attribute.revoked_at is None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents_admin:attribute_revoke", args=[attribute.pk]),
            {"reason": "Переїхав до іншого району"},
        )
    assert response.status_code == 302
    attribute.refresh_from_db()
    assert attribute.revoked_at is not None
    assert attribute.revoked_by == registrar_staff
    assert attribute.revocation_reason == "Переїхав до іншого району"
    assert not attribute.is_valid()
    assert not VerifiedAttribute.objects.valid().filter(user=person).exists()
    assert len(mail.outbox) == 1 and "Переїхав до іншого району" in mail.outbox[0].body

    client.force_login(person)
    page = client.get(reverse(HOME)).content.decode()
    assert "Переїхав до іншого району" in page
    assert f'href="?renew={attribute.pk}#ask"' not in page


def test_a_revoked_residence_comes_back_only_through_a_new_verification(
    person, district, registrar_staff
):
    attribute = approved(person, registrar_staff, district=district)
    verified_attribute_revoke(attribute=attribute, staff=registrar_staff, reason="Помилка")
    renewed = approved(person, registrar_staff, district=district)
    assert renewed.pk == attribute.pk
    assert renewed.is_valid() and renewed.revocation_reason == ""


def test_revoking_needs_the_permission(client, person, district, registrar_staff, clerk):
    attribute = approved(person, registrar_staff, district=district)
    with pytest.raises(NotAllowed):
        verified_attribute_revoke(attribute=attribute, staff=clerk, reason="x")
    with pytest.raises(NotAllowed):
        verified_attribute_revoke(attribute=attribute, staff=person, reason="x")
    client.force_login(clerk)
    for name in ("residents_admin:attribute",):
        assert client.get(reverse(name, args=[attribute.pk])).status_code in (302, 403)
    assert client.get(reverse("residents_admin:attributes")).status_code in (302, 403)
    response = client.post(
        reverse("residents_admin:attribute_revoke", args=[attribute.pk]), {"reason": "x"}
    )
    assert response.status_code in (302, 403)
    attribute.refresh_from_db()
    assert attribute.revoked_at is None
    assert not PersonalDataAccess.objects.exists()


def test_lapsed_attributes_are_kept_ninety_days_then_deleted_by_housekeeping(
    person, district, registrar_staff
):
    from django.core.management import call_command

    from tests.residents.factories import district_resident

    assert ATTRIBUTE_RETENTION_DAYS == 90
    now = timezone.now()
    days = timedelta(days=ATTRIBUTE_RETENTION_DAYS)
    hour = timedelta(hours=1)
    holding = approved(person, registrar_staff, district=district)
    rows = {}
    for name, change in {
        "expired_long_ago": {"expires_at": now - days - hour},
        "expired_lately": {"expires_at": now - days + hour},
        "revoked_long_ago": {"revoked_at": now - days - hour},
        "revoked_lately": {"revoked_at": now - days + hour},
        # Revoked long ago though its expiry is still ahead: it stopped holding when revoked.
        "revoked_before_expiry": {"revoked_at": now - days - hour, "expires_at": now + days},
    }.items():
        attribute = district_resident(district).verified_attributes.get()
        VerifiedAttribute.objects.filter(pk=attribute.pk).update(**change)
        rows[name] = attribute.pk

    out = io.StringIO()
    call_command("residents_housekeeping", stdout=out)

    assert "Attributes deleted: 3." in out.getvalue()
    kept = set(VerifiedAttribute.objects.values_list("pk", flat=True))
    assert kept == {holding.pk, rows["expired_lately"], rows["revoked_lately"]}
    out = io.StringIO()
    call_command("residents_housekeeping", stdout=out)
    assert "Attributes deleted: 0." in out.getvalue()


def test_a_lapsed_attribute_is_shown_to_its_person_until_it_is_purged(
    client, person, district, registrar_staff
):
    from residents.services.verification import verified_attributes_purge

    attribute = approved(person, registrar_staff, district=district)
    lapsed = timezone.now() - timedelta(days=ATTRIBUTE_RETENTION_DAYS - 1)
    VerifiedAttribute.objects.filter(pk=attribute.pk).update(expires_at=lapsed)
    assert verified_attributes_purge() == 0
    client.force_login(person)
    page = client.get(reverse(HOME)).content.decode()
    assert f'id="attribute-{attribute.pk}" data-kind="district_resident" data-valid="no"' in page
    assert f'href="?renew={attribute.pk}#ask"' in page

    later = timezone.now() + timedelta(days=2)
    assert verified_attributes_purge(now=later) == 1
    assert not VerifiedAttribute.objects.filter(pk=attribute.pk).exists()
