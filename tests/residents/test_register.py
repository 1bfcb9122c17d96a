"""Keeping a building register from the site: units and co-owners added, changed and removed
by the association's administrators only, and invitations sent, withdrawn and accepted."""

from django.core import mail
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from profiles.models import Membership
from residents.errors import IllegalTransition, NotAllowed, ResidentsError
from residents.models import Ownership, Unit, VerifiedAttribute
from residents.services import register as services
from residents.services.register import InvitationState, invitation_state
from tests.factories import UserFactory
from tests.profiles.factories import member, profiled_user
from tests.residents.factories import AssociationFactory, OwnershipFactory


def confirmed_user(email, **fields):
    user = profiled_user(email=email, **fields)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def invite(unit, admin, email, share="1", capture=None):
    if capture is None:
        return services.ownership_add(unit=unit, by=admin, email=email, share=share)
    with capture(execute=True):
        return services.ownership_add(unit=unit, by=admin, email=email, share=share)


def link_token(message) -> str:
    import re

    return re.search(r"/buildings/invitation/([^/\s]+)/", message.body).group(1)


def test_an_administrator_adds_edits_and_removes_a_unit(building, association_admin):
    unit = services.unit_add(
        building=building, by=association_admin, number="5А", area="61,25", is_residential=True
    )
    assert unit.area == pytest.approx(61.25)
    services.unit_update(
        unit=unit, by=association_admin, number="5Б", area="62.00", is_residential=False
    )
    unit.refresh_from_db()
    assert (unit.number, unit.is_residential) == ("5Б", False)
    services.unit_remove(unit=unit, by=association_admin)
    assert not Unit.objects.filter(pk=unit.pk).exists()


@pytest.mark.parametrize(
    ("number", "area", "code"),
    [("1", "50", "duplicate_unit"), ("", "50", "bad_unit_number"), ("9", "0", "bad_area"),
     ("9", "-3", "bad_area"), ("9", "abc", "bad_area"), ("9", "1.234", "bad_area")],
)  # fmt: skip
def test_a_bad_unit_is_refused(building, association_admin, number, area, code):
    with pytest.raises(ResidentsError) as refused:
        services.unit_add(
            building=building, by=association_admin, number=number, area=area, is_residential=True
        )
    assert refused.value.code == code


def test_only_the_associations_administrators_keep_its_register(building, association):
    outsider = UserFactory()
    plain = profiled_user()
    member(association, plain, Membership.Role.MEMBER)
    other_admin = profiled_user()
    member(AssociationFactory(), other_admin, Membership.Role.ADMIN)
    unit = building.units.get(number="1")
    for user in (outsider, plain, other_admin):
        with pytest.raises(NotAllowed):
            services.unit_add(
                building=building, by=user, number="77", area="50", is_residential=True
            )
        with pytest.raises(NotAllowed):
            services.ownership_add(unit=unit, by=user, email="x@example.org", share="1")
        with pytest.raises(NotAllowed):
            services.unit_remove(unit=unit, by=user)
    assert building.units.count() == 4
    assert not Ownership.objects.exists()


def test_the_register_pages_refuse_everyone_else(client, building, association):
    url = reverse("residents:register", args=[association.slug])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(profiled_user())
    assert client.get(url).status_code == 403
    unit = building.units.get(number="1")
    response = client.post(
        reverse("residents:register_unit_remove", args=[association.slug, unit.pk])
    )
    assert response.status_code == 403
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_unit_of_another_association_is_not_found(client, building, association_admin):
    other = AssociationFactory()
    member(other, association_admin, Membership.Role.ADMIN)
    unit = building.units.get(number="1")
    client.force_login(association_admin)
    response = client.post(reverse("residents:register_unit_remove", args=[other.slug, unit.pk]))
    assert response.status_code == 404
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_the_register_page_lists_units_co_owners_and_addresses_for_admins(
    client, building, association, association_admin, co_owner, invited_ownership
):
    client.force_login(association_admin)
    response = client.get(reverse("residents:register", args=[association.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "invited@example.org" in body
    assert "co-owner@example.org" not in body  # accepted: the register forgot the address
    assert f'data-ownership="{invited_ownership.pk}" data-state="not_invited"' in body


def test_adding_units_and_co_owners_through_the_pages(
    client, building, association, association_admin, django_capture_on_commit_callbacks
):
    client.force_login(association_admin)
    response = client.post(
        reverse("residents:register_unit_add", args=[association.slug, building.pk]),
        {"number": "12", "area": "48,50", "is_residential": "on"},
    )
    assert response.status_code == 302
    unit = building.units.get(number="12")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("residents:register_ownership_add", args=[association.slug, unit.pk]),
            {"email": "New.Owner@Example.org", "share": "1/2"},
        )
    assert response.status_code == 302
    ownership = unit.ownerships.get()
    assert (ownership.email, ownership.share_numerator, ownership.share_denominator) == (
        "new.owner@example.org",
        1,
        2,
    )
    assert mail.outbox[-1].to == ["new.owner@example.org"]
    # Another half would make 1; another 2/3 would make more than 1.
    response = client.post(
        reverse("residents:register_ownership_add", args=[association.slug, unit.pk]),
        {"email": "", "share": "2/3"},
    )
    assert response.status_code == 200
    assert unit.ownerships.count() == 1


def test_shares_of_a_unit_never_exceed_one(building, association_admin):
    unit = building.units.get(number="4")
    services.ownership_add(unit=unit, by=association_admin, email="", share="1/2")
    first = services.ownership_add(unit=unit, by=association_admin, email="", share="0.25")
    with pytest.raises(ResidentsError) as refused:
        services.ownership_add(unit=unit, by=association_admin, email="", share="1/3")
    assert refused.value.code == "shares_over_one"
    services.ownership_update(ownership=first, by=association_admin, email="", share="1/2")
    assert sum(o.share for o in unit.ownerships.all()) == 1


@pytest.mark.parametrize(("email", "share", "code"), [
    ("not-an-email", "1", "bad_email"), ("", "0", "bad_share"), ("", "3/2", "bad_share"),
    ("", "abc", "bad_share"), ("", "1/0", "bad_share"),
])  # fmt: skip
def test_a_bad_ownership_is_refused(building, association_admin, email, share, code):
    with pytest.raises(ResidentsError) as refused:
        services.ownership_add(
            unit=building.units.get(number="4"), by=association_admin, email=email, share=share
        )
    assert refused.value.code == code


def test_an_invited_co_owner_accepts_and_becomes_verified(
    building, association_admin, django_capture_on_commit_callbacks
):
    unit = building.units.get(number="4")
    ownership = invite(
        unit, association_admin, "mykola@example.org", "1/2", django_capture_on_commit_callbacks
    )
    assert invitation_state(ownership) == InvitationState.INVITED
    assert len(ownership.invitation_token_hash) == 64
    token = link_token(mail.outbox[-1])
    assert token not in ownership.invitation_token_hash
    person = confirmed_user("mykola@example.org")
    services.ownership_accept(token=token, user=person)
    ownership.refresh_from_db()
    assert ownership.user == person
    assert ownership.email == ""
    assert ownership.invitation_token_hash == ""
    attribute = VerifiedAttribute.objects.valid().get(user=person, kind="co_owner")
    assert attribute.ownership == ownership
    assert attribute.building == building
    assert attribute.source == "building_register"
    assert attribute.verified_by == association_admin
    # The link works once.
    with pytest.raises(ResidentsError) as refused:
        services.ownership_accept(token=token, user=person)
    assert refused.value.code == "invalid_token"


def test_an_invitation_for_another_address_is_refused(
    building, association_admin, django_capture_on_commit_callbacks
):
    ownership = invite(
        building.units.get(number="4"),
        association_admin,
        "right@example.org",
        "1",
        django_capture_on_commit_callbacks,
    )
    token = link_token(mail.outbox[-1])
    stranger = confirmed_user("wrong@example.org")
    with pytest.raises(NotAllowed) as refused:
        services.ownership_accept(token=token, user=stranger)
    assert refused.value.code == "other_address"
    unconfirmed = profiled_user(email="right@example.org")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    with pytest.raises(NotAllowed):
        services.ownership_accept(token=token, user=unconfirmed)
    ownership.refresh_from_db()
    assert ownership.user is None
    assert not VerifiedAttribute.objects.filter(kind="co_owner").exists()


def test_a_withdrawn_or_replaced_invitation_link_stops_working(
    building, association_admin, django_capture_on_commit_callbacks
):
    ownership = invite(
        building.units.get(number="4"),
        association_admin,
        "twice@example.org",
        "1",
        django_capture_on_commit_callbacks,
    )
    first = link_token(mail.outbox[-1])
    services.ownership_withdraw(ownership=ownership, by=association_admin)
    ownership.refresh_from_db()
    assert invitation_state(ownership) == InvitationState.NOT_INVITED
    assert services.ownership_from_token(first) is None
    with pytest.raises(IllegalTransition):
        services.ownership_withdraw(ownership=ownership, by=association_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.ownership_invite(ownership=ownership, by=association_admin)
    second = link_token(mail.outbox[-1])
    assert second != first
    person = confirmed_user("twice@example.org")
    with pytest.raises(ResidentsError):
        services.ownership_accept(token=first, user=person)
    services.ownership_accept(token=second, user=person)
    ownership.refresh_from_db()
    assert ownership.user == person
    with pytest.raises(IllegalTransition):
        services.ownership_invite(ownership=ownership, by=association_admin)


def test_an_altered_token_names_nothing(invited_ownership):
    for token in ["", "x", "1-2", f"{invited_ownership.pk}-1-forged", "9" * 40 + "-1-x"]:
        assert services.ownership_from_token(token) is None


def test_an_expired_invitation_cannot_be_accepted(
    building, association_admin, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    ownership = invite(
        building.units.get(number="4"),
        association_admin,
        "late@example.org",
        "1",
        django_capture_on_commit_callbacks,
    )
    token = link_token(mail.outbox[-1])
    days = services.INVITATION_LIFETIME_DAYS + 1
    # Moving the date also breaks the token's hash; set both as an old invitation had them.
    ownership.invited_at -= timedelta(days=days)
    ownership.invitation_token_hash = services.token_hash(
        services.ownership_token(ownership, association_admin.pk)
    )
    ownership.save()
    token = services.ownership_token(ownership, association_admin.pk)
    assert invitation_state(ownership) == InvitationState.EXPIRED
    with pytest.raises(IllegalTransition):
        services.ownership_accept(token=token, user=confirmed_user("late@example.org"))


def test_the_invitation_page_accepts_and_sends_to_the_cabinet(
    client, building, association_admin, django_capture_on_commit_callbacks
):
    invite(
        building.units.get(number="4"),
        association_admin,
        "page@example.org",
        "1",
        django_capture_on_commit_callbacks,
    )
    token = link_token(mail.outbox[-1])
    url = reverse("residents:ownership_invitation", args=[token])
    assert client.get(url).status_code == 302  # sign in first
    person = confirmed_user("page@example.org")
    client.force_login(person)
    page = client.get(url)
    assert page.status_code == 200
    assert b'type="submit"' in page.content
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:cabinet")
    cabinet = client.get(reverse("profiles:cabinet"))
    assert reverse("residents:building", args=[building.pk]).encode() in cabinet.content
    assert client.get(url).status_code == 404  # used


def test_the_invitation_page_refuses_a_mismatched_account(
    client, building, association_admin, django_capture_on_commit_callbacks
):
    ownership = invite(
        building.units.get(number="4"),
        association_admin,
        "owner@example.org",
        "1",
        django_capture_on_commit_callbacks,
    )
    url = reverse("residents:ownership_invitation", args=[link_token(mail.outbox[-1])])
    client.force_login(confirmed_user("somebody@example.org"))
    page = client.get(url)
    assert b'class="note note--warn"' in page.content
    client.post(url)
    ownership.refresh_from_db()
    assert ownership.user is None


def test_removing_an_accepted_co_owner_revokes_the_attribute(building, association_admin, co_owner):
    ownership = Ownership.objects.get(user=co_owner)
    assert VerifiedAttribute.objects.valid().filter(user=co_owner, kind="co_owner").exists()
    services.ownership_remove(ownership=ownership, by=association_admin)
    assert not Ownership.objects.filter(pk=ownership.pk).exists()
    assert not VerifiedAttribute.objects.valid().filter(user=co_owner, kind="co_owner").exists()


def test_an_accepted_co_owners_address_cannot_be_set_again(building, association_admin, co_owner):
    ownership = Ownership.objects.get(user=co_owner)
    with pytest.raises(ResidentsError):
        services.ownership_update(
            ownership=ownership, by=association_admin, email="back@example.org", share="1"
        )


def test_changing_an_invited_address_sends_a_new_invitation(
    building, association_admin, invited_ownership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ownership_update(
            ownership=invited_ownership, by=association_admin, email="new@example.org", share="1"
        )
    invited_ownership.refresh_from_db()
    assert invited_ownership.email == "new@example.org"
    assert invitation_state(invited_ownership) == InvitationState.INVITED
    assert mail.outbox[-1].to == ["new@example.org"]


def test_withdraw_and_invite_through_the_page(
    client, building, association, association_admin, invited_ownership,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client.force_login(association_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "residents:register_ownership_invite", args=[association.slug, invited_ownership.pk]
            )
        )
    invited_ownership.refresh_from_db()
    assert invitation_state(invited_ownership) == InvitationState.INVITED
    assert mail.outbox[-1].to == ["invited@example.org"]
    client.post(
        reverse(
            "residents:register_ownership_withdraw", args=[association.slug, invited_ownership.pk]
        )
    )
    invited_ownership.refresh_from_db()
    assert invitation_state(invited_ownership) == InvitationState.NOT_INVITED


def test_a_unit_already_owned_by_the_person_is_not_accepted_twice(
    building, association_admin, co_owner, django_capture_on_commit_callbacks
):
    EmailAddress.objects.update_or_create(
        user=co_owner, email="co-owner@example.org", defaults={"verified": True}
    )
    unit = building.units.get(number="1")
    Ownership.objects.filter(user=co_owner).update(share_numerator=1, share_denominator=2)
    invite(
        unit, association_admin, "co-owner@example.org", "1/2", django_capture_on_commit_callbacks
    )
    with pytest.raises(ResidentsError) as refused:
        services.ownership_accept(token=link_token(mail.outbox[-1]), user=co_owner)
    assert refused.value.code == "already_owner"


def test_a_non_condominium_organization_has_no_register(client, association_admin):
    from tests.profiles.factories import OrganizationFactory

    group = OrganizationFactory(kind="informal_group")
    member(group, association_admin, Membership.Role.ADMIN)
    client.force_login(association_admin)
    assert client.get(reverse("residents:register", args=[group.slug])).status_code == 404


def test_the_example_file_is_a_valid_register():
    from residents.register_csv import EXAMPLE, parse_register

    assert parse_register(EXAMPLE.encode()).ok


def test_register_pages_with_hostile_ids_are_not_found(client, association, association_admin):
    client.force_login(association_admin)
    for name in ["register_unit_edit", "register_ownership_edit"]:
        url = reverse(f"residents:{name}", args=[association.slug, 2**62])
        assert client.get(url).status_code == 404


def test_ownership_factory_default_is_not_invited(invited_ownership):
    assert invitation_state(invited_ownership) == InvitationState.NOT_INVITED
    assert invitation_state(OwnershipFactory(email="")) == InvitationState.NO_ADDRESS
