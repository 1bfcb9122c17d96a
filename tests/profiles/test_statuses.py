"""Verified statuses: requested with evidence, granted or declined by staff, revocable, and
every grant and revocation on record."""

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Membership, PersonalDataAccess, Status, StatusChange, StatusRequest
from profiles.services.statuses import (
    status_request_approve,
    status_request_create,
    status_request_decline,
    status_request_withdraw,
    status_revoke,
)
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory, member, png_bomb_bytes, profiled_user

pytestmark = pytest.mark.usefixtures("english_ui")

EVIDENCE = "Рішення ради № 12 від 3 березня."


@pytest.fixture
def deputy(db):
    return profiled_user(display_name="Олена Коваль", email="deputy@example.org")


@pytest.fixture
def office(deputy):
    organization = OrganizationFactory(kind="deputy_office", name="Приймальня Олени Коваль")
    member(organization, deputy, Membership.Role.OWNER)
    return organization


@pytest.fixture
def pending(deputy, office):
    return status_request_create(
        user=deputy, status=Status.DEPUTY, evidence=EVIDENCE, organization=office
    )


def test_everyone_starts_as_a_citizen(deputy):
    assert deputy.profile.status == Status.CITIZEN


def test_a_person_asks_for_a_status_with_evidence_through_the_cabinet(client, deputy):
    client.force_login(deputy)
    client.post(reverse("profiles:status"), {"status": "deputy", "evidence": EVIDENCE})
    request = StatusRequest.objects.get(user=deputy)
    assert (request.status, request.state, request.evidence) == ("deputy", "pending", EVIDENCE)


def test_a_request_without_evidence_is_refused(deputy):
    with pytest.raises(ProfilesError, match="how they can check"):
        status_request_create(user=deputy, status=Status.DEPUTY, evidence="  ")


def test_citizen_is_not_a_status_one_asks_for(deputy):
    with pytest.raises(ProfilesError):
        status_request_create(user=deputy, status=Status.CITIZEN, evidence=EVIDENCE)


def test_only_one_request_waits_at_a_time(pending, deputy):
    with pytest.raises(ProfilesError, match="already have a request"):
        status_request_create(user=deputy, status=Status.MUNICIPAL_OFFICIAL, evidence=EVIDENCE)


def test_the_organization_named_must_be_ones_own_and_fit_the_status(deputy, office):
    foreign_office = OrganizationFactory(kind="deputy_office")
    with pytest.raises(ProfilesError, match="team you are on"):
        status_request_create(
            user=deputy, status=Status.DEPUTY, evidence=EVIDENCE, organization=foreign_office
        )
    with pytest.raises(ProfilesError, match="does not fit"):
        status_request_create(
            user=deputy, status=Status.RESPONSIBLE_BUSINESS, evidence=EVIDENCE, organization=office
        )


def test_an_evidence_document_must_really_be_a_pdf_or_picture(deputy):
    fake = SimpleUploadedFile("decision.pdf", b"MZ\x90\x00 an executable")
    with pytest.raises(ProfilesError, match="PDF, JPEG or PNG"):
        status_request_create(
            user=deputy, status=Status.DEPUTY, evidence=EVIDENCE, evidence_file=fake
        )


def test_a_decompression_bomb_as_evidence_is_refused_with_a_message(client, deputy):
    client.force_login(deputy)
    bomb = SimpleUploadedFile("decision.png", png_bomb_bytes(), content_type="image/png")
    response = client.post(
        reverse("profiles:status"),
        {"status": "deputy", "evidence": EVIDENCE, "evidence_file": bomb},
    )
    assert response.status_code == 200
    assert "The picture has too many pixels." in response.content.decode()
    assert not StatusRequest.objects.filter(user=deputy).exists()


def test_an_evidence_document_is_kept_privately_under_a_random_name(deputy):
    document = SimpleUploadedFile("Моє посвідчення.pdf", b"%PDF-1.4 decision")
    request = status_request_create(
        user=deputy, status=Status.DEPUTY, evidence=EVIDENCE, evidence_file=document
    )
    assert request.evidence_file.name.endswith(".pdf")
    assert "посвідчення" not in request.evidence_file.name
    with pytest.raises(ValueError):
        request.evidence_file.url  # noqa: B018


def test_staff_grant_the_status_and_the_badge_appears(
    client, pending, deputy, office, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status_request_approve(request=pending, staff=staff, note="Перевірено в реєстрі.")
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.DEPUTY
    assert deputy.profile.status_organization == office
    body = client.get(deputy.profile.get_absolute_url()).content.decode()
    assert 'class="badge badge--verified"' in body and "Deputy" in body
    assert mail.outbox[-1].to == ["deputy@example.org"]
    assert "Your status is verified" in mail.outbox[-1].subject


def test_every_grant_is_logged_with_who_when_and_why(pending, deputy, staff):
    status_request_approve(request=pending, staff=staff, note="Перевірено в реєстрі.")
    change = StatusChange.objects.get(user=deputy)
    assert (change.action, change.status_before, change.status_after) == (
        "grant",
        "citizen",
        "deputy",
    )
    assert change.changed_by == staff and change.reason == "Перевірено в реєстрі."
    assert change.created_at is not None and change.request == pending


def test_staff_decline_with_a_reason_the_person_reads(
    pending, deputy, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        status_request_decline(request=pending, staff=staff, reason="Додайте номер рішення.")
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.CITIZEN
    assert "Додайте номер рішення." in mail.outbox[-1].body


def test_a_decline_needs_a_reason(pending, staff):
    with pytest.raises(ProfilesError):
        status_request_decline(request=pending, staff=staff, reason="")


def test_a_decided_request_cannot_be_decided_again(pending, staff):
    status_request_approve(request=pending, staff=staff)
    with pytest.raises(ProfilesError, match="cannot go from"):
        status_request_decline(request=pending, staff=staff, reason="Передумали.")


def test_staff_without_the_permission_cannot_grant(pending):
    clerk = UserFactory(is_staff=True)
    with pytest.raises(NotAllowed):
        status_request_approve(request=pending, staff=clerk)


def test_the_person_withdraws_a_waiting_request(pending, deputy):
    status_request_withdraw(request=pending, user=deputy)
    assert StatusRequest.objects.get(pk=pending.pk).state == "withdrawn"


def test_staff_revoke_a_status_and_the_revocation_is_logged(
    client, pending, deputy, staff, django_capture_on_commit_callbacks
):
    status_request_approve(request=pending, staff=staff)
    with django_capture_on_commit_callbacks(execute=True):
        status_revoke(user=deputy, staff=staff, reason="Повноваження припинено.")
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.CITIZEN and deputy.profile.status_organization is None
    change = StatusChange.objects.filter(user=deputy).order_by("-pk").first()
    assert (change.action, change.status_before, change.reason) == (
        "revoke",
        "deputy",
        "Повноваження припинено.",
    )
    assert "badge--verified" not in client.get(deputy.profile.get_absolute_url()).content.decode()
    assert "Повноваження припинено." in mail.outbox[-1].body


def test_a_citizen_has_no_status_to_revoke(deputy, staff):
    with pytest.raises(ProfilesError):
        status_revoke(user=deputy, staff=staff, reason="Помилка")


def test_staff_decide_from_the_admin_queue(client, pending, deputy, staff):
    client.force_login(staff)
    inspect = reverse("profiles_statusrequest_modeladmin_inspect", args=[pending.pk])
    assert client.get(inspect).status_code == 200
    client.post(
        reverse("profiles_status_decide", args=[pending.pk]),
        {"decision": "approve", "note": "Перевірено."},
    )
    deputy.profile.refresh_from_db()
    assert deputy.profile.status == Status.DEPUTY


def test_opening_a_request_in_the_admin_is_logged_as_access_to_personal_data(
    client, pending, deputy, staff
):
    client.force_login(staff)
    client.get(reverse("profiles_statusrequest_modeladmin_inspect", args=[pending.pk]))
    access = PersonalDataAccess.objects.get()
    assert (access.staff, access.subject) == (staff, deputy)


def test_opening_the_evidence_document_is_logged(client, deputy, staff):
    request = status_request_create(
        user=deputy,
        status=Status.DEPUTY,
        evidence=EVIDENCE,
        evidence_file=SimpleUploadedFile("d.pdf", b"%PDF-1.4 decision"),
    )
    client.force_login(staff)
    response = client.get(reverse("profiles_status_evidence", args=[request.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 decision"
    assert PersonalDataAccess.objects.filter(subject=deputy, staff=staff).exists()


def test_staff_without_the_permission_cannot_open_evidence(client, deputy):
    request = status_request_create(
        user=deputy,
        status=Status.DEPUTY,
        evidence=EVIDENCE,
        evidence_file=SimpleUploadedFile("d.pdf", b"%PDF-1.4 decision"),
    )
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(clerk)
    response = client.get(reverse("profiles_status_evidence", args=[request.pk]))
    assert response.status_code in (302, 403)  # Wagtail sends a refused admin back home
    assert not hasattr(response, "streaming_content")
    assert not PersonalDataAccess.objects.exists()
