"""Keeping a building register: units, their co-owners, and the invitations that make a
co-owner verified.

Who: the administrators (and owners) of the condominium association the building belongs to
(`register_can`); every function here checks it itself, whatever the view did.

Shares are exact fractions. While the register is edited unit by unit a unit's shares may add
up to less than 1 (the second co-owner is not entered yet), never to more; the CSV import
(`residents.services.register_import`) accepts only units whose shares add up to exactly 1.

Invitations. An ownership with an email address can be invited: the emailed link carries a
token `<ownership id>-<inviter id>-<signature>`, the signature (SECRET_KEY) covering both ids
and the moment of the invitation; the register stores only its SHA-256. Inviting again or
withdrawing changes or clears the stored hash, so an older link stops working; accepting
clears it, so a link works once. Accepting needs the invited address confirmed on the account
that accepts (as a team invitation does); it links the ownership to the account, forgets the
address and grants the `co_owner` attribute with the register as its source and the inviting
administrator as its verifier. A link lapses after `INVITATION_LIFETIME_DAYS`.
"""

import hashlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress

from config.transactions import on_commit_robust
from profiles.models import Membership, Organization, User
from residents.errors import IllegalTransition, NotAllowed, ResidentsError
from residents.models import Building, Ownership, Unit, VerifiedAttribute
from residents.register_csv import MAX_AREA, MAX_DENOMINATOR, MAX_UNIT_NUMBER, parse_share
from residents.services.attributes import attribute_grant, attribute_revoke

INVITATION_LIFETIME_DAYS = 30
REGISTER_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)
TOKEN_SALT = "residents.ownership.invitation"  # noqa: S105  (a signing namespace, not a secret)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Why a co-owner attribute stopped counting, as its holder reads it (`revoke_co_owners`).
REASON_OWNERSHIP_REMOVED = _("Your share of unit %(unit)s was removed from the building register.")
REASON_UNIT_REMOVED = _("Unit %(unit)s was removed from the building register.")
REASON_NOT_IMPORTED = _(
    "Your share of unit %(unit)s is not in the register the association imported."
)


class InvitationState(TextChoices):
    """Where an ownership's invitation stands, read from its fields (`invitation_state`)."""

    NO_ADDRESS = "no_address", _("No address to invite")
    NOT_INVITED = "not_invited", _("Not invited yet")
    INVITED = "invited", _("Invited")
    EXPIRED = "expired", _("Invitation expired")
    ACCEPTED = "accepted", _("Accepted")


State = InvitationState
TRANSITIONS = {
    # invite (again), withdraw, accept
    "invite": {State.NOT_INVITED, State.INVITED, State.EXPIRED},
    "withdraw": {State.INVITED, State.EXPIRED},
    "accept": {State.INVITED},
}


def invitation_state(ownership: Ownership, *, now=None) -> InvitationState:
    if ownership.user_id is not None:
        return State.ACCEPTED
    if not ownership.email:
        return State.NO_ADDRESS
    if not ownership.invitation_token_hash or ownership.invited_at is None:
        return State.NOT_INVITED
    now = now or timezone.now()
    if ownership.invited_at + timedelta(days=INVITATION_LIFETIME_DAYS) <= now:
        return State.EXPIRED
    return State.INVITED


def _check(ownership: Ownership, action: str) -> None:
    state = invitation_state(ownership)
    if state not in TRANSITIONS[action]:
        raise IllegalTransition(
            _("This cannot be done to an ownership whose invitation is “%(state)s”."),
            params={"state": state.label},
            code="illegal_transition",
        )


def register_can(*, user, association: Organization | None) -> bool:
    """May `user` keep the registers of `association`'s buildings? Its owners and
    administrators may, if the organization is a condominium association."""
    if association is None or user is None or not user.is_authenticated or not user.is_active:
        return False
    if association.kind != Organization.Kind.CONDOMINIUM:
        return False
    return Membership.objects.filter(
        organization=association, user=user, role__in=REGISTER_ROLES
    ).exists()


def register_require(*, user, building: Building) -> None:
    if not register_can(user=user, association=building.association):
        raise NotAllowed(
            _("Only the administrators of the building's association keep its register."),
            code="not_allowed",
        )


def lock_building(building: Building) -> Building:
    """Register writes of one building go one at a time (shares are checked per unit)."""
    return Building.objects.select_for_update().get(pk=building.pk)


def clean_share(value) -> Fraction:
    if isinstance(value, Fraction):
        share = value
    else:
        try:
            share = parse_share(str(value))
        except (ValueError, ZeroDivisionError) as error:
            raise ResidentsError(
                _("Write the share as a fraction such as 1/2 or a decimal such as 0.5."),
                code="bad_share",
            ) from error
    if not 0 < share <= 1:
        raise ResidentsError(_("A share must be more than 0 and at most 1."), code="bad_share")
    if share.denominator > MAX_DENOMINATOR:
        raise ResidentsError(_("The share's denominator is larger than 10,000."), code="bad_share")
    return share


def clean_email(value: str) -> str:
    email = (value or "").strip().lower()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError as error:
            raise ResidentsError(_("Enter a valid email address."), code="bad_email") from error
    return email


def _clean_unit(*, number: str, area) -> tuple[str, Decimal]:
    number = (number or "").strip()
    if not number or len(number) > MAX_UNIT_NUMBER:
        raise ResidentsError(_("A unit number has 1 to 20 characters."), code="bad_unit_number")
    try:
        area = Decimal(str(area).strip().replace(",", "."))
    except ArithmeticError as error:
        raise ResidentsError(_("The area is not a number."), code="bad_area") from error
    if not area.is_finite() or area <= 0 or area > MAX_AREA:
        raise ResidentsError(
            _("The area must be more than 0 and at most 100,000 m²."), code="bad_area"
        )
    if area != area.quantize(Decimal("0.01")):
        raise ResidentsError(_("The area has more than two decimals."), code="bad_area")
    return number, area


def unit_add(*, building: Building, by: User, number: str, area, is_residential: bool) -> Unit:
    register_require(user=by, building=building)
    number, area = _clean_unit(number=number, area=area)
    with transaction.atomic():
        lock_building(building)
        if Unit.objects.filter(building=building, number=number).exists():
            raise ResidentsError(
                _("The building already has a unit numbered %(number)s."),
                params={"number": number},
                code="duplicate_unit",
            )
        return Unit.objects.create(
            building=building, number=number, area=area, is_residential=is_residential
        )


def unit_update(*, unit: Unit, by: User, number: str, area, is_residential: bool) -> Unit:
    register_require(user=by, building=unit.building)
    number, area = _clean_unit(number=number, area=area)
    with transaction.atomic():
        lock_building(unit.building)
        if (
            Unit.objects.filter(building=unit.building_id, number=number)
            .exclude(pk=unit.pk)
            .exists()
        ):
            raise ResidentsError(
                _("The building already has a unit numbered %(number)s."),
                params={"number": number},
                code="duplicate_unit",
            )
        unit.number, unit.area, unit.is_residential = number, area, is_residential
        unit.save(update_fields=["number", "area", "is_residential"])
    return unit


def revoke_co_owners(ownership_ids, *, reason) -> int:
    """The co-owner attributes of ownerships leaving the register stop counting (the
    register itself was their source, so nobody on staff revokes them). Call it before the
    ownerships are deleted: the revoked attributes outlive them (their ownership emptied) so
    the person sees why, until `verified_attributes_purge` deletes them; a valid attribute
    cannot lose its ownership. `reason` names the unit as `%(unit)s`, since the entry that
    said which unit it was is about to go."""
    attributes = VerifiedAttribute.objects.filter(
        kind=VerifiedAttribute.Kind.CO_OWNER, ownership_id__in=ownership_ids, revoked_at=None
    ).select_related("ownership__unit")
    count = 0
    for attribute in attributes:
        attribute_revoke(
            attribute=attribute,
            by=None,
            reason=str(reason) % {"unit": attribute.ownership.unit.number},
        )
        count += 1
    return count


def unit_remove(*, unit: Unit, by: User) -> None:
    register_require(user=by, building=unit.building)
    with transaction.atomic():
        lock_building(unit.building)
        revoke_co_owners(
            list(unit.ownerships.values_list("pk", flat=True)), reason=REASON_UNIT_REMOVED
        )
        unit.delete()


def _shares_of(unit: Unit, *, exclude=None) -> Fraction:
    rows = Ownership.objects.filter(unit=unit)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return sum(
        (Fraction(n, d) for n, d in rows.values_list("share_numerator", "share_denominator")),
        Fraction(0),
    )


def _check_room(unit: Unit, share: Fraction, *, exclude=None) -> None:
    taken = _shares_of(unit, exclude=exclude)
    if taken + share > 1:
        raise ResidentsError(
            _("The shares of this unit would add up to %(total)s, more than 1."),
            params={"total": str(taken + share)},
            code="shares_over_one",
        )


def _check_address_free(unit: Unit, email: str, *, exclude=None) -> None:
    if not email:
        return
    rows = Ownership.objects.filter(unit=unit, email__iexact=email)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    if rows.exists():
        raise ResidentsError(
            _("This address already owns a share of this unit."), code="duplicate_owner"
        )


def ownership_add(*, unit: Unit, by: User, email: str, share, invite: bool = True) -> Ownership:
    """Enter a co-owner's share of a unit; with an address, they are invited at once."""
    register_require(user=by, building=unit.building)
    email, share = clean_email(email), clean_share(share)
    with transaction.atomic():
        lock_building(unit.building)
        _check_room(unit, share)
        _check_address_free(unit, email)
        ownership = Ownership.objects.create(
            unit=unit,
            email=email,
            share_numerator=share.numerator,
            share_denominator=share.denominator,
        )
        if email and invite:
            invitations_issue([ownership], by=by)
    return ownership


def ownership_update(*, ownership: Ownership, by: User, email: str, share) -> Ownership:
    """Change a share, or the address of a co-owner who has not accepted yet (a new address
    gets a new invitation; the old link stops working)."""
    unit = ownership.unit
    register_require(user=by, building=unit.building)
    email, share = clean_email(email), clean_share(share)
    with transaction.atomic():
        lock_building(unit.building)
        ownership = Ownership.objects.select_for_update().get(pk=ownership.pk)
        _check_room(unit, share, exclude=ownership)
        address_changed = ownership.user_id is None and email != ownership.email
        if ownership.user_id is not None and email:
            raise ResidentsError(
                _("This co-owner has accepted: the register no longer keeps their address."),
                code="accepted",
            )
        if address_changed:
            _check_address_free(unit, email, exclude=ownership)
            ownership.email = email
            ownership.invitation_token_hash = ""
            ownership.invited_at = None
        ownership.share_numerator, ownership.share_denominator = share.numerator, share.denominator
        ownership.save()
        if address_changed and email:
            invitations_issue([ownership], by=by)
    return ownership


def ownership_remove(*, ownership: Ownership, by: User) -> None:
    register_require(user=by, building=ownership.unit.building)
    with transaction.atomic():
        lock_building(ownership.unit.building)
        revoke_co_owners([ownership.pk], reason=REASON_OWNERSHIP_REMOVED)
        ownership.delete()


def ownership_token(ownership: Ownership, inviter_id: int) -> str:
    """The link's token for the current invitation (the same on every read, so the email can
    be rendered by a background task that is given ids only)."""
    moment = (ownership.invited_at - EPOCH) // timedelta(microseconds=1)
    payload = f"{ownership.pk}:{inviter_id}:{moment}"
    signature = signing.Signer(salt=TOKEN_SALT).signature(payload)
    return f"{ownership.pk}-{inviter_id}-{signature}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitations_issue(ownerships: list[Ownership], *, by: User) -> list[int]:
    """Mark `ownerships` invited now by `by` and send the emails after the commit. Called
    inside the caller's transaction, after its permission check."""
    now = timezone.now()
    for ownership in ownerships:
        ownership.invited_at = now
        ownership.invitation_token_hash = token_hash(ownership_token(ownership, by.pk))
    Ownership.objects.bulk_update(
        ownerships, ["invited_at", "invitation_token_hash"], batch_size=1000
    )
    ids = [ownership.pk for ownership in ownerships]
    if ids:
        from residents.register_tasks import ownership_invitations_send

        language = translation.get_language() or "uk"
        inviter = by.pk
        on_commit_robust(lambda: ownership_invitations_send.enqueue(ids, inviter, language))
    return ids


def ownership_invite(*, ownership: Ownership, by: User) -> Ownership:
    """Send (or send again) the invitation; an earlier link stops working."""
    register_require(user=by, building=ownership.unit.building)
    with transaction.atomic():
        lock_building(ownership.unit.building)
        ownership = Ownership.objects.select_for_update().get(pk=ownership.pk)
        _check(ownership, "invite")
        invitations_issue([ownership], by=by)
    return ownership


def ownership_withdraw(*, ownership: Ownership, by: User) -> Ownership:
    """Withdraw a pending invitation: its link stops working; the address stays in the
    register so the administrator may invite again."""
    register_require(user=by, building=ownership.unit.building)
    with transaction.atomic():
        ownership = Ownership.objects.select_for_update().get(pk=ownership.pk)
        _check(ownership, "withdraw")
        ownership.invitation_token_hash = ""
        ownership.invited_at = None
        ownership.save(update_fields=["invitation_token_hash", "invited_at"])
    return ownership


def ownership_from_token(token: str) -> tuple[Ownership, int] | None:
    """The ownership a link names and the id of who invited, or None if the token was altered,
    replaced by a newer invitation, withdrawn or already used."""
    parts = token.split("-", 2)
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    if len(parts[0]) > 19 or len(parts[1]) > 19:
        return None
    ownership = (
        Ownership.objects.select_related("unit__building__association", "unit__building__district")
        .filter(pk=int(parts[0]))
        .first()
    )
    if ownership is None or not ownership.invitation_token_hash:
        return None
    if not constant_time_compare(token_hash(token), ownership.invitation_token_hash):
        return None
    return ownership, int(parts[1])


def invitation_is_for(*, ownership: Ownership, user) -> bool:
    """Is `user` signed in with the invited address, confirmed?"""
    return bool(
        ownership.email
        and user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=ownership.email, verified=True
        ).exists()
    )


def ownership_accept(*, token: str, user: User) -> Ownership:
    """Accept an invitation: the ownership becomes the account's, the address is forgotten,
    and the person is a verified co-owner of the unit."""
    found = ownership_from_token(token)
    if found is None:
        raise ResidentsError(_("This invitation link is no longer valid."), code="invalid_token")
    ownership, inviter_id = found
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed(_("Sign in to accept the invitation."), code="not_signed_in")
    if not invitation_is_for(ownership=ownership, user=user):
        raise NotAllowed(
            _("This invitation was sent to another email address. Sign in with that address."),
            code="other_address",
        )
    with transaction.atomic():
        ownership = Ownership.objects.select_for_update().get(pk=ownership.pk)
        if not constant_time_compare(token_hash(token), ownership.invitation_token_hash):
            raise ResidentsError(
                _("This invitation link is no longer valid."), code="invalid_token"
            )
        _check(ownership, "accept")
        if Ownership.objects.filter(unit_id=ownership.unit_id, user=user).exists():
            raise ResidentsError(
                _("You already own a share of this unit in the register."), code="already_owner"
            )
        ownership.user = user
        ownership.email = ""
        ownership.invitation_token_hash = ""
        ownership.accepted_at = timezone.now()
        ownership.save(update_fields=["user", "email", "invitation_token_hash", "accepted_at"])
        inviter = User.objects.filter(pk=inviter_id).first()
        attribute_grant(
            user=user,
            kind=VerifiedAttribute.Kind.CO_OWNER,
            target=ownership,
            source=VerifiedAttribute.Source.BUILDING_REGISTER,
            verified_by=inviter,
        )
    return ownership
