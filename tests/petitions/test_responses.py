"""The official response: who may post it, and every signer hears about it, in batches."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from petitions import services
from petitions.models import Signature
from petitions.states import PetitionError, State
from tests.factories import PASSWORD, UserFactory
from tests.petitions.factories import SignatureFactory


@pytest.fixture
def awaiting(make_petition, districts):
    """A petition awaiting its response, with 7 confirmed signers and 1 unconfirmed."""
    petition = make_petition("open", response_threshold=100)
    for i in range(7):
        signature = SignatureFactory(
            petition=petition, district=districts[i], email=f"signer{i}@example.org"
        )
        services.signature_confirm(signature_id=signature.pk)
    SignatureFactory(petition=petition, district=districts[0], email="never@example.org")
    petition.state = State.AWAITING_RESPONSE
    petition.response_deadline = timezone.now() + timedelta(days=30)
    petition.save()
    return petition


@pytest.fixture
def member(authority):
    """An administrator of the authority: one of those who answer for it."""
    user = UserFactory(email="secretary@example.org")
    authority.memberships.create(user=user, role="admin")
    return user


def grant_official_status(user, authority):
    """The municipal official's status naming the authority, as staff grant it."""
    from django.contrib.auth.models import Permission

    from profiles.services.statuses import status_request_approve, status_request_create

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="decide_statusrequest"))
    request = status_request_create(
        user=user, status="municipal_official", evidence="Наказ № 7.", organization=authority
    )
    status_request_approve(request=request, staff=staff)


def respond(client, petition):
    return client.post(
        f"/en{petition.url}respond/",
        {"summary": "Перехід буде до вересня.", "body": "Кошти виділено.\n\nРоботи почнуться."},
    )


def test_a_member_of_the_authority_posts_the_response_from_the_petition_page(
    client, awaiting, member, django_capture_on_commit_callbacks
):
    client.login(email=member.email, password=PASSWORD)
    page = client.get(f"/en{awaiting.url}").content.decode()
    assert "Post the official response" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = respond(client, awaiting)

    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.state == State.RESPONDED
    page = client.get(f"/en{awaiting.url}").content.decode()
    assert "Перехід буде до вересня." in page and "Роботи почнуться." in page


def test_someone_outside_the_authority_cannot_respond(client, awaiting):
    outsider = UserFactory()
    client.login(email=outsider.email, password=PASSWORD)

    response = respond(client, awaiting)

    assert response.status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.state == State.AWAITING_RESPONSE


def test_an_editor_may_respond_on_the_authoritys_behalf(awaiting):
    from django.contrib.auth.models import Group

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))

    services.petition_respond(petition=awaiting, user=editor, summary="Так.", body="Зробимо.")

    awaiting.refresh_from_db()
    assert awaiting.state == State.RESPONDED


def test_every_confirmed_signer_is_emailed_once_in_batches_with_an_unsubscribe_link(
    awaiting, member, settings, django_capture_on_commit_callbacks
):
    settings.PETITIONS_RESPONSE_BATCH_SIZE = 3

    with django_capture_on_commit_callbacks(execute=True):
        services.petition_respond(
            petition=awaiting, user=member, summary="Зробимо.", body="До осені."
        )

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [f"signer{i}@example.org" for i in range(7)]
    assert all(re.search(r"/petitions/signatures/unsubscribe/\S+/", m.body) for m in mail.outbox)
    assert all("List-Unsubscribe" in m.extra_headers for m in mail.outbox)
    assert not Signature.objects.filter(
        petition=awaiting, confirmed_at__isnull=False, notified_at__isnull=True
    ).exists()


def test_a_signer_who_unsubscribed_is_not_emailed(
    client, awaiting, member, django_capture_on_commit_callbacks
):
    from petitions.tokens import unsubscribe_token

    signature = Signature.objects.get(email="signer0@example.org")
    link = f"/en/petitions/signatures/unsubscribe/{unsubscribe_token(signature.pk)}/"
    assert "Unsubscribe" in client.get(link).content.decode()
    client.post(link)

    with django_capture_on_commit_callbacks(execute=True):
        services.petition_respond(petition=awaiting, user=member, summary="Так.", body="Так.")

    assert "signer0@example.org" not in [a for m in mail.outbox for a in m.to]
    assert len(mail.outbox) == 6
    assert services.petition_total(awaiting.pk) == 7  # the signature itself still counts


def test_overdue_responses_are_listed_publicly(client, make_petition):
    late = make_petition(
        "awaiting_response",
        title="Прострочена відповідь",
        response_deadline=timezone.now() - timedelta(days=3),
    )
    make_petition("awaiting_response", title="Ще є час")

    page = client.get(f"/en{late.get_parent().url}overdue/").content.decode()

    assert "Прострочена відповідь" in page
    assert "Ще є час" not in page


def test_a_plain_member_of_the_authority_cannot_respond(client, awaiting, authority):
    clerk = UserFactory()
    authority.memberships.create(user=clerk, role="member")
    client.login(email=clerk.email, password=PASSWORD)

    assert "Post the official response" not in client.get(f"/en{awaiting.url}").content.decode()
    assert respond(client, awaiting).status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.state == State.AWAITING_RESPONSE


def test_the_service_refuses_a_plain_member_who_bypasses_the_page(awaiting, authority):
    clerk = UserFactory()
    authority.memberships.create(user=clerk, role="member")

    with pytest.raises(PetitionError) as refused:
        services.petition_respond(petition=awaiting, user=clerk, summary="Ні.", body="Ні.")

    assert refused.value.code == "forbidden"

    awaiting.refresh_from_db()
    assert awaiting.state == State.AWAITING_RESPONSE


def test_a_member_named_by_a_granted_officials_status_responds(awaiting, authority):
    secretary = UserFactory()
    authority.memberships.create(user=secretary, role="member")
    grant_official_status(secretary, authority)

    services.petition_respond(petition=awaiting, user=secretary, summary="Так.", body="Зробимо.")

    awaiting.refresh_from_db()
    assert awaiting.state == State.RESPONDED


def test_the_owner_of_an_authority_that_lost_its_verified_mark_cannot_respond(awaiting, authority):
    head = UserFactory()
    authority.memberships.create(user=head, role="owner")
    authority.is_verified = False
    authority.save()
    awaiting.refresh_from_db()

    with pytest.raises(PetitionError):
        services.petition_respond(petition=awaiting, user=head, summary="Так.", body="Так.")
