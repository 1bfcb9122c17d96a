"""Verification by a registrar: a person asks (optionally with a document), withdraws, or a
registrar approves or rejects in the admin queue; the document is deleted at the decision,
the person is emailed, and nobody without the permission gets anywhere."""

import io

from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from profiles.models import PersonalDataAccess
from profiles.storage import private_storage
from residents.errors import IllegalTransition, NotAllowed, ResidentsError
from residents.models import ResidenceRequest, VerifiedAttribute
from residents.services.verification import (
    residence_documents_sweep,
    residence_request_approve,
    residence_request_reject,
    residence_request_submit,
    residence_request_withdraw,
)
from tests.factories import UserFactory
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 utility bill"
HOME = "residents:residence"


def pdf(name="bill.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def person(db):
    return profiled_user(display_name="Оксана Заявниця", email="applicant@example.org")


@pytest.fixture
def registrar_staff(db):
    """A member of the Registrars group the migration creates (admin access included)."""
    user = UserFactory(email="registrar-group@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Registrars"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def clerk(db):
    """Staff who may enter the admin but are no registrars."""
    user = UserFactory(email="clerk@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return type(user).objects.get(pk=user.pk)


def submit(client, **data):
    return client.post(reverse("residents:residence_request"), data)


def test_person_asks_with_a_document_and_the_registrar_approves(
    client, person, district, registrar_staff, django_capture_on_commit_callbacks
):
    client.force_login(person)
    response = submit(
        client, kind="district", district=district.pk, note="Живу тут", document=pdf()
    )
    assert response.status_code == 302
    residence_request = ResidenceRequest.objects.get(user=person)
    assert residence_request.state == ResidenceRequest.State.PENDING
    stored = residence_request.document.name
    assert private_storage().exists(stored)
    assert stored.endswith(".pdf") and "bill" not in stored

    client.force_login(registrar_staff)
    queue = client.get(reverse("residents_admin:requests"))
    assert queue.status_code == 200
    assert reverse("residents_admin:request", args=[residence_request.pk]).encode() in queue.content
    detail = client.get(reverse("residents_admin:request", args=[residence_request.pk]))
    assert detail.status_code == 200
    document = client.get(reverse("residents_admin:request_document", args=[residence_request.pk]))
    assert b"".join(document.streaming_content) == PDF
    assert "no-store" in document["Cache-Control"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents_admin:request_approve", args=[residence_request.pk]),
            {"reason": ""},
        )
    assert response.status_code == 302
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.APPROVED
    assert residence_request.decided_by == registrar_staff
    assert not residence_request.document
    assert not private_storage().exists(stored)
    attribute = VerifiedAttribute.objects.get(user=person)
    assert attribute.kind == VerifiedAttribute.Kind.DISTRICT_RESIDENT
    assert attribute.district == district
    assert attribute.source == VerifiedAttribute.Source.REGISTRAR
    assert attribute.verified_by == registrar_staff
    assert attribute.is_valid()
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "http" in mail.outbox[0].body

    client.force_login(person)
    page = client.get(reverse(HOME))
    assert f'id="attribute-{attribute.pk}"'.encode() in page.content


def test_registrar_rejects_with_a_reason_the_person_reads(
    client, person, building, registrar_staff, django_capture_on_commit_callbacks
):
    residence_request = residence_request_submit(
        user=person, kind="building", building=building, document=pdf()
    )
    stored = residence_request.document.name
    client.force_login(registrar_staff)
    refused = client.post(
        reverse("residents_admin:request_reject", args=[residence_request.pk]), {"reason": " "}
    )
    assert refused.status_code == 400  # a reason is required; nothing changed
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.PENDING
    assert private_storage().exists(stored)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("residents_admin:request_reject", args=[residence_request.pk]),
            {"reason": "Адреса в документі інша"},
        )
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.REJECTED
    assert residence_request.decision_reason == "Адреса в документі інша"
    assert not private_storage().exists(stored)
    assert not VerifiedAttribute.objects.filter(user=person).exists()
    assert len(mail.outbox) == 1 and "Адреса в документі інша" in mail.outbox[0].body

    client.force_login(person)
    assert "Адреса в документі інша" in client.get(reverse(HOME)).content.decode()


def test_person_withdraws_and_the_document_goes(
    client, person, district, django_capture_on_commit_callbacks
):
    client.force_login(person)
    submit(client, kind="district", district=district.pk, document=pdf())
    residence_request = ResidenceRequest.objects.get(user=person)
    stored = residence_request.document.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents:residence_request_withdraw", args=[residence_request.pk])
        )
    assert response.status_code == 302
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.WITHDRAWN
    assert not private_storage().exists(stored)
    # Withdrawn: a registrar can no longer decide it.
    with pytest.raises(IllegalTransition):
        residence_request_withdraw(residence_request=residence_request, user=person)


def test_someone_else_cannot_withdraw_my_request(client, person, district):
    residence_request = residence_request_submit(user=person, kind="district", district=district)
    other = profiled_user(email="other@example.org")
    client.force_login(other)
    response = client.post(
        reverse("residents:residence_request_withdraw", args=[residence_request.pk])
    )
    assert response.status_code == 404
    with pytest.raises(NotAllowed):
        residence_request_withdraw(residence_request=residence_request, user=other)
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.PENDING


def test_one_request_waits_at_a_time(client, person, district, other_district):
    residence_request_submit(user=person, kind="district", district=district)
    with pytest.raises(ResidentsError) as refused:
        residence_request_submit(user=person, kind="district", district=other_district)
    assert refused.value.code == "already_pending"
    client.force_login(person)
    response = submit(client, kind="district", district=other_district.pk)
    assert response.status_code == 400
    assert ResidenceRequest.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bill.exe", b"MZ\x90\x00 not a document", "document_type"),
        ("bill.pdf", b"<html>pretending</html>", "document_type"),
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "document_too_large"),
    ],
)
def test_documents_other_than_small_pdf_jpeg_png_are_refused(person, district, name, content, code):
    with pytest.raises(ResidentsError) as refused:
        residence_request_submit(
            user=person, kind="district", district=district, document=pdf(name, content)
        )
    assert refused.value.code == code
    assert not ResidenceRequest.objects.exists()


def test_a_bad_document_is_shown_on_the_form_and_nothing_is_stored(client, person, district):
    client.force_login(person)
    response = submit(
        client, kind="district", district=district.pk, document=pdf("x.pdf", b"not a pdf")
    )
    assert response.status_code == 400
    assert b'id="id_document_error"' in response.content
    assert not ResidenceRequest.objects.exists()


def test_a_building_request_needs_a_building(client, person):
    client.force_login(person)
    response = submit(client, kind="building")
    assert response.status_code == 400
    assert b'id="id_building_error"' in response.content


def test_only_registrars_decide_in_the_services(person, district, clerk):
    residence_request = residence_request_submit(user=person, kind="district", district=district)
    with pytest.raises(NotAllowed):
        residence_request_approve(residence_request=residence_request, registrar=clerk)
    with pytest.raises(NotAllowed):
        residence_request_reject(residence_request=residence_request, registrar=clerk, reason="x")
    with pytest.raises(NotAllowed):
        residence_request_approve(residence_request=residence_request, registrar=person)
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.PENDING
    assert not VerifiedAttribute.objects.exists()


def test_a_decided_request_cannot_be_decided_again(person, district, registrar_staff):
    residence_request = residence_request_submit(user=person, kind="district", district=district)
    residence_request_reject(
        residence_request=residence_request, registrar=registrar_staff, reason="ні"
    )
    with pytest.raises(IllegalTransition):
        residence_request_approve(residence_request=residence_request, registrar=registrar_staff)
    assert not VerifiedAttribute.objects.exists()


def test_approval_renews_an_existing_residence(person, district, registrar_staff):
    first = residence_request_submit(user=person, kind="district", district=district)
    attribute = residence_request_approve(residence_request=first, registrar=registrar_staff)
    VerifiedAttribute.objects.filter(pk=attribute.pk).update(expires_at=attribute.verified_at)
    second = residence_request_submit(user=person, kind="district", district=district)
    renewed = residence_request_approve(residence_request=second, registrar=registrar_staff)
    assert renewed.pk == attribute.pk
    assert renewed.is_valid()
    assert VerifiedAttribute.objects.filter(user=person).count() == 1


def test_a_document_left_behind_by_a_failed_deletion_is_swept(person, district, registrar_staff):
    from datetime import timedelta

    residence_request = residence_request_submit(
        user=person, kind="district", district=district, document=pdf()
    )
    waiting = residence_request.document.name
    orphan = private_storage().save("residents/requests/orphan.pdf", pdf())
    assert residence_documents_sweep(older_than=timedelta(0)) == 1
    assert not private_storage().exists(orphan)
    assert private_storage().exists(waiting)  # a waiting request's document stays


def test_the_queue_shows_pending_requests_first_and_logs_each_person(
    client, district, registrar_staff
):
    decided_person = profiled_user(email="decided@example.org")
    decided = residence_request_submit(user=decided_person, kind="district", district=district)
    residence_request_reject(residence_request=decided, registrar=registrar_staff, reason="ні")
    waiting_person = profiled_user(email="waiting@example.org")
    waiting = residence_request_submit(user=waiting_person, kind="district", district=district)
    client.force_login(registrar_staff)
    content = client.get(reverse("residents_admin:requests") + "?state=all").content.decode()
    assert content.index(reverse("residents_admin:request", args=[waiting.pk])) < content.index(
        reverse("residents_admin:request", args=[decided.pk])
    )
    logged = set(
        PersonalDataAccess.objects.filter(staff=registrar_staff).values_list("subject", flat=True)
    )
    assert logged == {decided_person.pk, waiting_person.pk}


@pytest.mark.parametrize(
    "name",
    ["residents_admin:request", "residents_admin:request_document"],
)
def test_staff_without_the_permission_are_refused_and_nothing_is_logged(
    client, person, district, clerk, name
):
    residence_request = residence_request_submit(
        user=person, kind="district", district=district, document=pdf()
    )
    client.force_login(clerk)
    assert client.get(reverse("residents_admin:requests")).status_code in (302, 403)
    response = client.get(reverse(name, args=[residence_request.pk]))
    assert response.status_code in (302, 403)
    assert not hasattr(response, "streaming_content")
    approve = client.post(reverse("residents_admin:request_approve", args=[residence_request.pk]))
    assert approve.status_code in (302, 403)
    residence_request.refresh_from_db()
    assert residence_request.state == ResidenceRequest.State.PENDING
    assert not PersonalDataAccess.objects.exists()


def test_people_cannot_reach_the_admin_queue(client, person):
    client.force_login(person)
    response = client.get(reverse("residents_admin:requests"))
    assert response.status_code in (302, 403)


def test_the_residence_page_needs_sign_in_and_is_never_shared(client, person):
    response = client.get(reverse(HOME))
    assert response.status_code == 302
    client.force_login(person)
    response = client.get(reverse(HOME))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_housekeeping_deletes_decided_requests_past_retention_and_nothing_else(
    person, district, registrar_staff
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = residence_request_submit(user=person, kind="district", district=district)
    attribute = residence_request_approve(residence_request=old, registrar=registrar_staff)
    recent_person = profiled_user(email="recent@example.org")
    recent = residence_request_submit(user=recent_person, kind="district", district=district)
    residence_request_reject(residence_request=recent, registrar=registrar_staff, reason="ні")
    waiting_person = profiled_user(email="still-waiting@example.org")
    waiting = residence_request_submit(user=waiting_person, kind="district", district=district)
    days = ResidenceRequest.RETENTION_DAYS
    ResidenceRequest.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - timedelta(days=days, hours=1)
    )
    ResidenceRequest.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(days=days * 2)
    )
    out = io.StringIO()
    call_command("residents_housekeeping", stdout=out)
    assert "Requests deleted: 1." in out.getvalue()
    assert set(ResidenceRequest.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert VerifiedAttribute.objects.get(pk=attribute.pk).is_valid()  # the attribute stays


def test_the_cabinet_links_to_the_residence_page(client, person):
    client.force_login(person)
    response = client.get(reverse("account_cabinet"))
    assert f'href="{reverse(HOME)}"'.encode() in response.content
