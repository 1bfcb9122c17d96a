"""Municipal bodies and deputy's offices: who petitions are addressed to and who answers them.

Nobody gives an organization such a kind by creating or editing it (a registry code is public,
so matching the registry proves nothing about who runs the page). Staff grant the kind with
the status of the person who represents the organization, on a status request with evidence
(`profiles.services.statuses`). A request for the municipal official's or deputy's status may
name:
- an organization already granted the matching kind, whose team the person is on: once
  granted, the person is one of its named responders;
- an organization the person owns that is not an authority yet: granting the request grants
  the organization the matching kind and marks its registration data verified, since the
  staff member has just checked the evidence, registry entry included.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.exceptions import ProfilesError
from profiles.models import Membership, Organization, Status, User
from profiles.services.organizations import (
    _save_unique,
    lock_organization,
    registry_code_check,
    role_of,
)

AUTHORITY_KIND_OF_STATUS = {
    Status.MUNICIPAL_OFFICIAL: Organization.Kind.MUNICIPAL_BODY,
    Status.DEPUTY: Organization.Kind.DEPUTY_OFFICE,
}


def _is_granted(organization: Organization, kind: str) -> bool:
    return organization.kind == kind and organization.authority_granted_at is not None


def authority_claim_check(*, organization: Organization, status: str, user: User) -> None:
    """May `user` name `organization` in a request for `status` (an authority status)?
    Raises ProfilesError with the reason if not."""
    kind = AUTHORITY_KIND_OF_STATUS[status]
    if _is_granted(organization, kind):
        return
    if organization.is_authority and organization.kind != kind:
        raise ProfilesError(_("This organization does not fit the status you ask for."))
    if role_of(user=user, organization=organization) != Membership.Role.OWNER:
        raise ProfilesError(
            _(
                "Staff have not recognised this organization as a municipal body or deputy's "
                "office. Only its owner can ask them to."
            )
        )
    if not organization.registry_code and kind not in Organization.CODE_OPTIONAL_KINDS:
        raise ProfilesError(_("Give the organization's registry code (EDRPOU) on its page first."))
    registry_code_check(
        kind=kind, registry_code=organization.registry_code, exclude_pk=organization.pk
    )


def authority_grant(
    *, organization: Organization, status: str, staff: User, representative: User
) -> Organization:
    """Grant the organization the kind that fits `status`, as part of approving the
    representative's status request (the caller checks staff's permission and holds the
    transaction). Already granted: nothing changes."""
    organization = lock_organization(organization)
    kind = AUTHORITY_KIND_OF_STATUS[status]
    if _is_granted(organization, kind):
        return organization
    authority_claim_check(organization=organization, status=status, user=representative)
    now = timezone.now()
    organization.kind = kind
    organization.authority_granted_at = now
    organization.authority_granted_by = staff
    organization.is_verified = True
    organization.verified_at = now
    organization.verified_by = staff
    _save_unique(organization, new=False)
    return organization
