"""Organizations and their teams.

Roles and what each may do (ROLE_PERMISSIONS):
- owner: everything, including changing anyone's role and inviting owners and admins;
- admin: edit the page, post on the blog, invite members, decide join requests, remove
  members (not admins or owners);
- member: be on the team, leave it.
An organization always keeps at least one owner: the last owner can neither leave, be removed
nor be demoted. Changes to a team lock the organization's row, so two owners leaving at the
same moment cannot both succeed.
"""

import re

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress

from config.transactions import on_commit_robust
from profiles.exceptions import NotAllowed, ProfilesError, check_transition
from profiles.images import process_photo
from profiles.models import Invitation, JoinRequest, Membership, Organization, User
from profiles.text import latin_slug, public_text_check

Role = Membership.Role
Kind = Organization.Kind

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "edit": {Role.OWNER, Role.ADMIN},
    "post": {Role.OWNER, Role.ADMIN},
    "invite": {Role.OWNER, Role.ADMIN},
    "decide_join_requests": {Role.OWNER, Role.ADMIN},
    "remove_members": {Role.OWNER, Role.ADMIN},
    "change_roles": {Role.OWNER},
    # Official answers to petitions, in a recognised authority; members whose staff-granted
    # status names the organization answer too (`profiles.selectors.user_can_answer_for`).
    "answer_petitions": {Role.OWNER, Role.ADMIN},
}
# The roles each role may hand out in an invitation.
INVITABLE_ROLES = {Role.OWNER: {Role.OWNER, Role.ADMIN, Role.MEMBER}, Role.ADMIN: {Role.MEMBER}}
MAX_LINKS = 5


def role_of(*, user: User, organization: Organization) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(organization=organization, user=user)
        .values_list("role", flat=True)
        .first()
    )


def organization_can(*, user: User, organization: Organization, action: str) -> bool:
    """May `user` do `action` (a key of ROLE_PERMISSIONS) for this organization?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return role_of(user=user, organization=organization) in ROLE_PERMISSIONS[action]


def require_role(user: User, organization: Organization, action: str) -> str:
    role = role_of(user=user, organization=organization)
    if not user.is_active or role not in ROLE_PERMISSIONS[action]:
        raise NotAllowed(_("Your role in this organization does not allow this."))
    return role


def _clean_registration(*, kind: str, registry_code: str, address: str) -> None:
    """Registered organizations give their registered address and 8-digit EDRPOU code (a
    deputy's office may have no code); informal groups have neither and say so."""
    if kind == Kind.INFORMAL_GROUP:
        if registry_code or address:
            raise ProfilesError(
                _("An informal group is not registered: leave the registry code and address empty.")
            )
        return
    if not address:
        raise ProfilesError(_("Give the organization's registered address."))
    if not registry_code and kind not in Organization.CODE_OPTIONAL_KINDS:
        raise ProfilesError(_("Give the organization's registry code (EDRPOU)."))
    if registry_code and not re.fullmatch(r"\d{8}", registry_code):
        raise ProfilesError(_("The registry code (EDRPOU) is 8 digits."))


def registry_code_check(*, kind: str, registry_code: str, exclude_pk: int | None = None) -> None:
    """A registry code names one legal entity: one organization of a kind may carry it (the
    database holds the same rule, `organization_registry_code_unique_per_kind`)."""
    if registry_code and (
        Organization.objects.filter(kind=kind, registry_code=registry_code)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        raise ProfilesError(
            _(
                "An organization of this kind with registry code %(code)s is already on Spilno. "
                "If it is yours, ask its team to invite you, or write to staff."
            ),
            params={"code": registry_code},
        )


RESERVED_SLUGS = {"new"}  # paths under /organizations/ that are not organizations
SLUG_ATTEMPTS = 20


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = latin_slug(name) or "organization"
    slug, number = base, 1
    taken = Organization.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _save_unique(organization: Organization, *, new: bool) -> None:
    """Save, turning a unique violation into its answer instead of a 500: someone creating an
    organization of the same name at the same moment takes the slug first (the next free one
    is tried), or someone registering the same code does (a clear error). Each attempt runs in
    a savepoint, so a failed one leaves the surrounding transaction usable."""
    for _attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                organization.save()
            return
        except IntegrityError:
            registry_code_check(
                kind=organization.kind,
                registry_code=organization.registry_code,
                exclude_pk=organization.pk,
            )
            if not new or not Organization.objects.filter(slug=organization.slug).exists():
                raise
            organization.slug = _unique_slug(organization.name)
    raise ProfilesError(_("Many organizations of this name are being created. Try again."))


def _apply_fields(organization: Organization, fields: dict) -> None:
    links = [link.strip() for link in fields.pop("links", []) if link.strip()]
    if len(links) > MAX_LINKS:
        raise ProfilesError(_("Give at most %(n)s links."), params={"n": MAX_LINKS})
    organization.links = links
    for name in ("name", "about", "activity", "registry_code", "address", "email"):
        if name in fields:
            setattr(organization, name, (fields[name] or "").strip())
    if "district" in fields:
        organization.district = fields["district"]
    public_text_check(name=organization.name, email=organization.email)


AUTHORITY_KIND_REFUSAL = _(
    "Only staff make an organization a municipal body or deputy's office: create its page as "
    "another kind, then ask for the official's or deputy's status naming it, with evidence."
)


def organization_create(
    *, creator: User, name: str, kind: str, areas: list[str] | None = None, photo=None, **fields
) -> Organization:
    """A new organization with its creator as owner. Registration data starts unverified."""
    if not creator.is_authenticated or not creator.is_active:
        raise NotAllowed(_("Sign in to create an organization."))
    if kind in Organization.AUTHORITY_KINDS:
        raise NotAllowed(AUTHORITY_KIND_REFUSAL)
    if kind not in Kind.values:
        raise ProfilesError(_("Choose what kind of organization this is."))
    registry_code = (fields.get("registry_code") or "").strip()
    _clean_registration(
        kind=kind, registry_code=registry_code, address=(fields.get("address") or "").strip()
    )
    registry_code_check(kind=kind, registry_code=registry_code)
    logo = process_photo(photo) if photo else None
    with transaction.atomic():
        organization = Organization(name=name.strip(), kind=kind, slug=_unique_slug(name))
        _apply_fields(organization, fields)
        if logo is not None:
            organization.photo.save(logo.name, logo, save=False)
        # The slug and the registry code are checked by the database, at the insert itself.
        organization.full_clean(exclude=["photo", "slug"], validate_constraints=False)
        _save_unique(organization, new=True)
        organization.areas.set([a.strip()[:50] for a in areas or [] if a.strip()])
        Membership.objects.create(organization=organization, user=creator, role=Role.OWNER)
    return organization


def organization_update(
    *,
    organization: Organization,
    actor: User,
    kind: str,
    areas: list[str] | None = None,
    photo=None,
    remove_photo: bool = False,
    **fields,
) -> Organization:
    """Change the page. Changing the kind, registry code or address withdraws the verified
    mark until staff check the new data. Only staff make an organization a municipal body or
    deputy's office, or change that kind."""
    require_role(actor, organization, "edit")
    if kind != organization.kind and (
        kind in Organization.AUTHORITY_KINDS or organization.is_authority
    ):
        raise NotAllowed(AUTHORITY_KIND_REFUSAL)
    registry_code = (fields.get("registry_code") or "").strip()
    address = (fields.get("address") or "").strip()
    _clean_registration(kind=kind, registry_code=registry_code, address=address)
    registry_code_check(kind=kind, registry_code=registry_code, exclude_pk=organization.pk)
    registration_changed = (kind, registry_code, address) != (
        organization.kind,
        organization.registry_code,
        organization.address,
    )
    logo = process_photo(photo) if photo else None
    old_logo = organization.photo.name if (logo or remove_photo) else ""
    with transaction.atomic():
        organization.kind = kind
        _apply_fields(organization, fields)
        if registration_changed:
            organization.is_verified = False
            organization.verified_at = None
            organization.verified_by = None
        if logo is not None:
            organization.photo.save(logo.name, logo, save=False)
        elif remove_photo:
            organization.photo = ""
        organization.full_clean(exclude=["photo"], validate_constraints=False)
        _save_unique(organization, new=False)
        organization.areas.set([a.strip()[:50] for a in areas or [] if a.strip()], clear=True)
        if old_logo:
            storage = organization.photo.storage
            on_commit_robust(lambda: storage.delete(old_logo))
    return organization


def organization_verify(*, organization: Organization, staff: User, verified: bool) -> None:
    """Staff confirm (or withdraw) that the registration data matches the public registry."""
    if not staff.has_perm("profiles.verify_organization"):
        raise NotAllowed(_("Only staff who verify organizations can do this."))
    if verified and not organization.is_registered:
        raise ProfilesError(_("An informal group has no registration data to verify."))
    if verified and organization.is_authority and organization.authority_granted_at is None:
        # A registry entry is public: matching it proves nothing about who runs the page.
        raise ProfilesError(
            _(
                "Staff have not granted this organization its kind yet: grant its "
                "representative's status request first."
            )
        )
    organization.is_verified = verified
    organization.verified_at = timezone.now() if verified else None
    organization.verified_by = staff if verified else None
    organization.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])


def lock_organization(organization: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _owner_count(organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()


def _notify_team_change(user_id: int, organization_id: int, what: str) -> None:
    from profiles.tasks import team_change_notify

    language = translation.get_language() or "uk"
    on_commit_robust(lambda: team_change_notify.enqueue(user_id, organization_id, what, language))


def membership_change_role(*, membership: Membership, actor: User, role: str) -> Membership:
    """Owners promote and demote; the last owner cannot be demoted."""
    if role not in Role.values:
        raise ProfilesError(_("Unknown role."))
    with transaction.atomic():
        lock_organization(membership.organization)
        require_role(actor, membership.organization, "change_roles")
        membership = Membership.objects.get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.OWNER and _owner_count(membership.organization) == 1:
            raise ProfilesError(_("An organization needs an owner: make someone else owner first."))
        membership.role = role
        membership.save(update_fields=["role"])
        _notify_team_change(membership.user_id, membership.organization_id, "role")
    return membership


def membership_set_title(*, membership: Membership, actor: User, title: str) -> Membership:
    """A member's position on the team page, set by themselves or by owners and admins."""
    if actor.pk != membership.user_id:
        require_role(actor, membership.organization, "edit")
    membership.title = title.strip()[:120]
    membership.save(update_fields=["title"])
    return membership


def membership_remove(*, membership: Membership, actor: User) -> None:
    """Owners remove anyone but the last owner; admins remove members only."""
    if actor.pk == membership.user_id:
        return membership_leave(membership=membership, user=actor)
    with transaction.atomic():
        lock_organization(membership.organization)
        actor_role = require_role(actor, membership.organization, "remove_members")
        membership = Membership.objects.get(pk=membership.pk)
        if actor_role == Role.ADMIN and membership.role != Role.MEMBER:
            raise NotAllowed(_("Administrators can remove members only."))
        if membership.role == Role.OWNER and _owner_count(membership.organization) == 1:
            raise ProfilesError(_("The last owner cannot be removed."))
        membership.delete()
        _notify_team_change(membership.user_id, membership.organization_id, "removed")
    return None


def membership_leave(*, membership: Membership, user: User) -> None:
    """Anyone may leave a team, except its last owner."""
    if membership.user_id != user.pk:
        raise NotAllowed(_("You can only leave a team yourself."))
    with transaction.atomic():
        lock_organization(membership.organization)
        membership = Membership.objects.get(pk=membership.pk)
        if membership.role == Role.OWNER and _owner_count(membership.organization) == 1:
            raise ProfilesError(
                _("You are the last owner: make someone else owner before you leave.")
            )
        membership.delete()


def invitation_token(invitation: Invitation) -> str:
    return invitation.token


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None if the token was altered or names an invitation
    that is gone. Whether it can still be answered is the invitation's own state and date."""
    invitations = Invitation.objects.select_related("organization")
    number, dash, _signature = token.partition("-")
    if not (dash and number.isdigit()):
        return _invitation_from_legacy_token(token, invitations)
    invitation = invitations.filter(pk=int(number)).first()
    if invitation is None or not constant_time_compare(token, invitation.token):
        return None
    return invitation


def _invitation_from_legacy_token(token: str, invitations) -> Invitation | None:
    """Links emailed before tokens were stable (`<signed id>:<timestamp>:<signature>`) keep
    working until their invitation lapses; none is made any more."""
    try:
        pk = signing.loads(token, salt=Invitation.LEGACY_TOKEN_SALT)
    except signing.BadSignature:
        return None
    return invitations.filter(pk=pk).first() if isinstance(pk, int) else None


def _is_member_by_email(organization: Organization, email: str) -> bool:
    return Membership.objects.filter(organization=organization, user__email__iexact=email).exists()


def invitation_expire_lapsed() -> int:
    """Mark pending invitations past their date as expired (also done lazily on use)."""
    return Invitation.objects.filter(
        state=Invitation.State.PENDING, expires_at__lte=timezone.now()
    ).update(state=Invitation.State.EXPIRED)


def invitation_create(
    *, organization: Organization, inviter: User, email: str, role: str = Role.MEMBER
) -> Invitation:
    """Invite someone by email; they get a link to accept or decline. Admins invite members
    only; owners may invite admins and owners too."""
    email = email.strip().lower()
    inviter_role = require_role(inviter, organization, "invite")
    if role not in INVITABLE_ROLES.get(inviter_role, set()):
        raise NotAllowed(
            _("Your role does not allow inviting someone as %(role)s."),
            params={"role": Role(role).label},
        )
    if _is_member_by_email(organization, email):
        raise ProfilesError(_("This person is already on the team."))
    invitation_expire_lapsed()
    with transaction.atomic():
        # One pending invitation per address is the database's rule
        # (`invitation_one_pending_per_email`); asking it at the insert, in a savepoint, also
        # answers two invitations sent at the same moment, which a check beforehand misses.
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    organization=organization,
                    email=email,
                    role=role,
                    invited_by=inviter,
                    expires_at=timezone.now() + timezone.timedelta(days=Invitation.LIFETIME_DAYS),
                )
        except IntegrityError as error:
            waiting = Invitation.objects.filter(
                organization=organization, email=email, state=Invitation.State.PENDING
            )
            if not waiting.exists():
                raise
            raise ProfilesError(
                _("This address already has an invitation waiting for an answer.")
            ) from error
        from profiles.tasks import invitation_send

        language = translation.get_language() or "uk"
        on_commit_robust(lambda: invitation_send.enqueue(invitation.pk, language))
    return invitation


def _expire_if_lapsed(invitation: Invitation) -> None:
    """Record that an invitation past its date has expired (in its own write, so the
    refusal that follows does not roll it back)."""
    invitation.refresh_from_db(fields=["state", "expires_at"])
    if invitation.state == Invitation.State.PENDING and invitation.expires_at <= timezone.now():
        invitation.state = Invitation.State.EXPIRED
        invitation.save(update_fields=["state"])


def _answerable(invitation: Invitation) -> Invitation:
    if invitation.state == Invitation.State.EXPIRED:
        raise ProfilesError(
            _("This invitation has expired. Ask the organization to send a new one.")
        )
    if invitation.state != Invitation.State.PENDING:
        raise ProfilesError(_("This invitation has already been answered or withdrawn."))
    return invitation


def invitation_is_for(*, invitation: Invitation, user: User) -> bool:
    """Is `user` signed in with the address the invitation went to, confirmed?"""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the team with the invited role. Only the owner of the invited address may."""
    if not invitation_is_for(invitation=invitation, user=user):
        raise NotAllowed(
            _("This invitation was sent to another email address. Sign in with that address.")
        )
    _expire_if_lapsed(invitation)
    with transaction.atomic():
        lock_organization(invitation.organization)
        invitation = _answerable(Invitation.objects.get(pk=invitation.pk))
        check_transition(invitation, Invitation.State.ACCEPTED)
        if Membership.objects.filter(organization=invitation.organization, user=user).exists():
            raise ProfilesError(_("You are already on this team."))
        membership = Membership.objects.create(
            organization=invitation.organization, user=user, role=invitation.role
        )
        invitation.state = Invitation.State.ACCEPTED
        invitation.accepted_by = user
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["state", "accepted_by", "answered_at"])
        JoinRequest.objects.filter(
            organization=invitation.organization, user=user, state=JoinRequest.State.PENDING
        ).update(state=JoinRequest.State.WITHDRAWN, decided_at=timezone.now())
    return membership


def invitation_decline(*, invitation: Invitation) -> Invitation:
    """Decline. The signed link proves the address received it, so no account is needed."""
    _expire_if_lapsed(invitation)
    with transaction.atomic():
        invitation = _answerable(Invitation.objects.select_for_update().get(pk=invitation.pk))
        check_transition(invitation, Invitation.State.DECLINED)
        invitation.state = Invitation.State.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["state", "answered_at"])
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    require_role(actor, invitation.organization, "invite")
    invitation.refresh_from_db(fields=["state"])
    check_transition(invitation, Invitation.State.REVOKED)
    invitation.state = Invitation.State.REVOKED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    return invitation
