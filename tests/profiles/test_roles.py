"""What owners, administrators and members may do on their team, and the last-owner rule."""

import threading

from django.db import connection
from django.urls import reverse

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Membership
from profiles.services.organizations import (
    invitation_create,
    membership_change_role,
    membership_leave,
    membership_remove,
    organization_can,
    organization_update,
)
from tests.profiles.factories import member

pytestmark = pytest.mark.usefixtures("english_ui")

Role = Membership.Role


def membership_of(user, organization):
    return Membership.objects.get(user=user, organization=organization)


@pytest.mark.parametrize(
    ("who", "action", "allowed"),
    [
        ("owner", "edit", True),
        ("admin_member", "edit", True),
        ("plain_member", "edit", False),
        ("outsider", "edit", False),
        ("owner", "invite", True),
        ("admin_member", "invite", True),
        ("plain_member", "invite", False),
        ("owner", "change_roles", True),
        ("admin_member", "change_roles", False),
        ("owner", "post", True),
        ("admin_member", "post", True),
        ("plain_member", "post", False),
        ("admin_member", "decide_join_requests", True),
        ("plain_member", "decide_join_requests", False),
    ],
)
def test_each_role_may_do_what_the_table_says(request, organization, who, action, allowed):
    user = request.getfixturevalue(who)
    assert organization_can(user=user, organization=organization, action=action) is allowed


def test_a_member_cannot_edit_the_organization(organization, plain_member):
    with pytest.raises(NotAllowed):
        organization_update(
            organization=organization, actor=plain_member, name="Нова назва", kind="informal_group"
        )


def test_an_admin_invites_members_but_not_admins(organization, admin_member):
    invitation_create(organization=organization, inviter=admin_member, email="a@example.org")
    with pytest.raises(NotAllowed):
        invitation_create(
            organization=organization, inviter=admin_member, email="b@example.org", role="admin"
        )


def test_an_owner_invites_admins_and_owners(organization, owner):
    for n, role in enumerate(["admin", "owner"]):
        invitation = invitation_create(
            organization=organization, inviter=owner, email=f"{n}@example.org", role=role
        )
        assert invitation.role == role


def test_a_member_cannot_invite_anyone(organization, plain_member):
    with pytest.raises(NotAllowed):
        invitation_create(organization=organization, inviter=plain_member, email="x@example.org")


def test_an_owner_promotes_a_member_to_admin(organization, owner, plain_member):
    membership = membership_of(plain_member, organization)
    membership_change_role(membership=membership, actor=owner, role=Role.ADMIN)
    assert membership_of(plain_member, organization).role == Role.ADMIN


def test_an_admin_cannot_change_roles(organization, admin_member, plain_member):
    with pytest.raises(NotAllowed):
        membership_change_role(
            membership=membership_of(plain_member, organization), actor=admin_member, role="admin"
        )


def test_the_last_owner_cannot_be_demoted(organization, owner):
    with pytest.raises(ProfilesError, match="needs an owner"):
        membership_change_role(
            membership=membership_of(owner, organization), actor=owner, role=Role.MEMBER
        )


def test_an_owner_may_step_down_once_there_is_another_owner(organization, owner, plain_member):
    membership_change_role(
        membership=membership_of(plain_member, organization), actor=owner, role=Role.OWNER
    )
    membership_change_role(
        membership=membership_of(owner, organization), actor=owner, role=Role.MEMBER
    )
    assert membership_of(owner, organization).role == Role.MEMBER


def test_an_admin_removes_a_member(organization, admin_member, plain_member):
    membership_remove(membership=membership_of(plain_member, organization), actor=admin_member)
    assert not Membership.objects.filter(user=plain_member, organization=organization).exists()


def test_an_admin_cannot_remove_another_admin_or_an_owner(organization, owner, admin_member):
    other_admin = member(organization, role=Role.ADMIN)
    for target in [other_admin, membership_of(owner, organization)]:
        with pytest.raises(NotAllowed):
            membership_remove(membership=target, actor=admin_member)


def test_a_member_cannot_remove_anyone(organization, owner, plain_member, admin_member):
    with pytest.raises(NotAllowed):
        membership_remove(membership=membership_of(admin_member, organization), actor=plain_member)


def test_an_owner_removes_an_admin(organization, owner, admin_member):
    membership_remove(membership=membership_of(admin_member, organization), actor=owner)
    assert not Membership.objects.filter(user=admin_member, organization=organization).exists()


def test_a_member_leaves_the_team(organization, owner, plain_member):
    membership_leave(membership=membership_of(plain_member, organization), user=plain_member)
    assert not Membership.objects.filter(user=plain_member, organization=organization).exists()


def test_the_last_owner_cannot_leave(organization, owner, plain_member):
    with pytest.raises(ProfilesError, match="last owner"):
        membership_leave(membership=membership_of(owner, organization), user=owner)


def test_the_last_owner_cannot_leave_through_the_page(client, organization, owner):
    client.force_login(owner)
    response = client.post(
        reverse("profiles:organization_leave", args=[organization.slug]), follow=True
    )
    assert "You are the last owner" in response.content.decode()
    assert Membership.objects.filter(user=owner, organization=organization).exists()


def test_nobody_can_leave_on_someone_elses_behalf(organization, owner, plain_member):
    with pytest.raises(NotAllowed):
        membership_leave(membership=membership_of(plain_member, organization), user=owner)


def test_the_team_page_is_closed_to_members_and_outsiders(client, organization, plain_member):
    client.force_login(plain_member)
    url = reverse("profiles:organization_team", args=[organization.slug])
    assert client.get(url).status_code == 404


def test_two_owners_leaving_at_once_leave_one_owner_behind(
    on_postgres, organization, owner, transactional_db
):
    """Both see two owners; the row lock on the organization makes the second one wait, see
    one owner, and be refused."""
    second = member(organization, role=Role.OWNER)
    memberships = [membership_of(owner, organization), second]
    errors = []

    def leave(membership):
        try:
            membership_leave(membership=membership, user=membership.user)
        except ProfilesError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=leave, args=(m,)) for m in memberships]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1
    assert Membership.objects.filter(organization=organization, role=Role.OWNER).count() == 1


def test_a_position_title_is_saved_from_the_team_page(client, organization, owner, plain_member):
    client.force_login(owner)
    membership = membership_of(plain_member, organization)
    url = reverse("profiles:member_title", args=[organization.slug, membership.pk])
    response = client.post(url, {"title": "Скарбниця"})
    assert response.status_code == 302
    assert membership_of(plain_member, organization).title == "Скарбниця"


@pytest.mark.parametrize("title", ["Голова правління " * 10, "Скарб\x00ниця"])
def test_a_refused_position_title_shows_the_team_page_again_with_what_was_typed(
    client, organization, owner, plain_member, title
):
    client.force_login(owner)
    membership = membership_of(plain_member, organization)
    url = reverse("profiles:member_title", args=[organization.slug, membership.pk])
    response = client.post(url, {"title": title})
    assert response.status_code == 200
    card = next(c for c in response.context["team"] if c["membership"].pk == membership.pk)
    assert list(card["member_form"].errors) == ["title"]
    html = response.content.decode()
    assert f'id="title-{membership.pk}-error1"' in html
    assert title.replace("\x00", "").strip()[:40] in html.replace("\x00", "")
    assert membership_of(plain_member, organization).title == ""


def test_an_unknown_role_shows_the_team_page_again_with_the_error(
    client, organization, owner, plain_member
):
    client.force_login(owner)
    membership = membership_of(plain_member, organization)
    url = reverse("profiles:member_role", args=[organization.slug, membership.pk])
    response = client.post(url, {"role": "emperor"})
    assert response.status_code == 200
    assert f'id="role-{membership.pk}-error1"' in response.content.decode()
    assert membership_of(plain_member, organization).role == Role.MEMBER
