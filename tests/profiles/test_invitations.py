"""Invitations by email (signed link, accept or decline) and requests to join a team."""

import re
import time

from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Invitation, JoinRequest, Membership
from profiles.services.join_requests import (
    join_request_approve,
    join_request_create,
    join_request_decline,
)
from profiles.services.organizations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_from_token,
)
from tests.factories import UserFactory
from tests.refused_forms import assert_refused_on

pytestmark = pytest.mark.usefixtures("english_ui")


@pytest.fixture
def invitation(organization, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(organization=organization, inviter=owner, email="Nova@Example.org")


def link_in(message) -> str:
    return re.search(r"https?://\S+/account/invitation/\S+/", message.body).group(0)


def test_the_invitation_email_names_the_organization_and_carries_a_link(invitation):
    message = mail.outbox[-1]
    assert message.to == ["nova@example.org"]
    assert "ГО «Зелений двір»" in message.subject
    assert "Ольга Власниця" in message.body
    assert invitation_from_token(link_in(message).rstrip("/").rsplit("/", 1)[-1]) == invitation


def test_an_altered_token_finds_no_invitation(invitation):
    assert invitation_from_token(invitation.token[:-2] + "xx") is None


def next_second() -> None:
    """Wait until the clock's second changes (a token stamped when read would change too)."""
    start = int(time.time())
    while int(time.time()) == start:
        time.sleep(0.01)


def test_an_invitation_link_stays_the_same_when_read_later(invitation):
    first = invitation.token
    next_second()
    assert Invitation.objects.get(pk=invitation.pk).token == first


def test_the_link_in_my_cabinet_is_the_link_i_was_emailed(client, invitation):
    emailed = link_in(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[-1]
    next_second()
    client.force_login(UserFactory(email="nova@example.org"))
    body = client.get(reverse("profiles:my_invitations")).content.decode()
    assert reverse("profiles:invitation", args=[emailed]) in body


def test_a_token_opens_only_the_invitation_it_was_made_for(invitation, organization, owner):
    other = invitation_create(organization=organization, inviter=owner, email="other@example.org")
    signature = invitation.token.partition("-")[2]
    assert invitation_from_token(f"{other.pk}-{signature}") is None


def test_a_link_emailed_before_tokens_were_stable_still_opens_its_invitation(invitation):
    legacy = signing.dumps(invitation.pk, salt=Invitation.LEGACY_TOKEN_SALT)
    assert invitation_from_token(legacy) == invitation


def test_the_invited_person_accepts_after_signing_in_with_that_address(client, invitation):
    newcomer = UserFactory(email="nova@example.org")
    client.force_login(newcomer)
    response = client.post(
        reverse("profiles:invitation", args=[invitation.token]), {"action": "accept"}
    )
    assert response["Location"] == invitation.organization.get_absolute_url()
    membership = Membership.objects.get(user=newcomer)
    assert membership.organization == invitation.organization and membership.role == "member"
    assert Invitation.objects.get(pk=invitation.pk).state == "accepted"


def test_someone_signed_in_with_another_address_cannot_accept(invitation, outsider):
    with pytest.raises(NotAllowed, match="another email address"):
        invitation_accept(invitation=invitation, user=outsider)


def test_an_unconfirmed_address_does_not_accept_an_invitation(invitation):
    unconfirmed = UserFactory(email="nova@example.org", confirmed=False)
    with pytest.raises(NotAllowed):
        invitation_accept(invitation=invitation, user=unconfirmed)


def test_a_visitor_sees_how_to_accept_and_can_decline_without_an_account(client, invitation):
    url = reverse("profiles:invitation", args=[invitation.token])
    body = client.get(url).content.decode()
    assert "Sign in to accept" in body
    client.post(url, {"action": "decline"})
    assert Invitation.objects.get(pk=invitation.pk).state == "declined"


def test_an_answered_invitation_cannot_be_accepted(invitation):
    invitation_decline(invitation=invitation)
    with pytest.raises(ProfilesError, match="already been answered"):
        invitation_accept(invitation=invitation, user=UserFactory(email="nova@example.org"))


def test_an_invitation_lapses_after_fourteen_days(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    with pytest.raises(ProfilesError, match="expired"):
        invitation_accept(invitation=invitation, user=UserFactory(email="nova@example.org"))
    assert Invitation.objects.get(pk=invitation.pk).state == "expired"


def test_a_second_invitation_to_the_same_address_waits_for_the_first(invitation, owner):
    with pytest.raises(ProfilesError, match="already has an invitation"):
        invitation_create(
            organization=invitation.organization, inviter=owner, email="nova@example.org"
        )


def test_a_team_member_cannot_be_invited_again(organization, owner, plain_member):
    with pytest.raises(ProfilesError, match="already on the team"):
        invitation_create(organization=organization, inviter=owner, email="member@example.org")


def test_invitations_to_my_addresses_wait_in_my_cabinet(client, invitation):
    client.force_login(UserFactory(email="nova@example.org"))
    body = client.get(reverse("profiles:my_invitations")).content.decode()
    assert "ГО «Зелений двір»" in body
    assert invitation.token in body


def test_the_owner_invites_through_the_team_page(
    client, organization, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("profiles:organization_team", args=[organization.slug]),
            {"email": "friend@example.org", "role": "admin"},
        )
    assert Invitation.objects.get().role == "admin"
    assert mail.outbox[-1].to == ["friend@example.org"]


def test_a_person_asks_to_join_and_the_managers_are_told(
    organization, owner, admin_member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join_request_create(organization=organization, user=outsider, message="Хочу допомагати")
    # One message each: each carries its reader's own unsubscribe link.
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "admin@example.org",
        "owner@example.org",
    ]
    assert all("Петро Сторонній" in m.body for m in mail.outbox)


def test_managers_who_opted_out_are_not_emailed_about_join_requests(
    organization, owner, outsider, django_capture_on_commit_callbacks
):
    owner.notification_settings.create(kind="profiles.join_requests", wanted=False)
    with django_capture_on_commit_callbacks(execute=True):
        join_request_create(organization=organization, user=outsider)
    assert not mail.outbox


def test_an_admin_approves_a_join_request_and_the_person_joins(
    organization, admin_member, outsider
):
    join_request = join_request_create(organization=organization, user=outsider)
    join_request_approve(join_request=join_request, actor=admin_member)
    assert Membership.objects.get(user=outsider, organization=organization).role == "member"
    assert JoinRequest.objects.get(pk=join_request.pk).decided_by == admin_member


def test_a_member_cannot_decide_join_requests(organization, plain_member, outsider):
    join_request = join_request_create(organization=organization, user=outsider)
    with pytest.raises(NotAllowed):
        join_request_decline(join_request=join_request, actor=plain_member)


def test_a_declined_person_is_told_and_does_not_join(
    organization, owner, outsider, django_capture_on_commit_callbacks
):
    join_request = join_request_create(organization=organization, user=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decline(join_request=join_request, actor=owner)
    assert not Membership.objects.filter(user=outsider).exists()
    assert mail.outbox[-1].to == ["outsider@example.org"]


def test_one_waiting_request_per_person(organization, outsider):
    join_request_create(organization=organization, user=outsider)
    with pytest.raises(ProfilesError, match="already asked"):
        join_request_create(organization=organization, user=outsider)


def test_asking_to_join_from_the_organization_page(client, organization, owner, outsider):
    client.force_login(outsider)
    client.post(
        reverse("profiles:organization_join", args=[organization.slug]), {"message": "Привіт"}
    )
    assert JoinRequest.objects.get(user=outsider).message == "Привіт"
    body = client.get(organization.get_absolute_url()).content.decode()
    assert "You asked to join" in body


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Хочу допомагати з толоками. " * 30, id="over-long"),
        pytest.param("При\x00віт", id="nul-byte"),
    ],
)
def test_a_refused_message_to_the_team_is_shown_again_on_the_organization_page(
    client, organization, owner, outsider, message
):
    client.force_login(outsider)
    response = client.post(
        reverse("profiles:organization_join", args=[organization.slug]), {"message": message}
    )
    assert_refused_on(response, response.context["join_form"], "message", message)
    assert '<details class="panel" open>' in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_an_invitation_to_an_ip_literal_address_is_refused(client, organization, owner):
    client.force_login(owner)
    response = client.post(
        reverse("profiles:organization_team", args=[organization.slug]),
        {"email": "friend@[127.0.0.1]", "role": "member"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert 'value="friend@[127.0.0.1]"' in response.content.decode()
    assert not Invitation.objects.exists()
