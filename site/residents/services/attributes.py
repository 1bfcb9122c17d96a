"""Granting, renewing and revoking verified attributes: the one place they are written.

Every way of verifying (a registrar's decision, a postal code, the building register, an expert
credential, a team membership) ends in `attribute_grant`; every way of losing one (a registrar's
revocation, a co-owner leaving the register, a credential withdrawn) in `attribute_revoke`.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residents.errors import NotAllowed, ResidentsError
from residents.models import VerifiedAttribute

Kind = VerifiedAttribute.Kind


def residence_expiry(*, verified_at: datetime) -> datetime:
    """When a residence verified at `verified_at` stops holding (`RESIDENCE_VALID_DAYS`)."""
    return verified_at + timedelta(days=settings.RESIDENCE_VALID_DAYS)


def attribute_grant(
    *,
    user,
    kind: str,
    target,
    source: str,
    verified_by=None,
    expires_at: datetime | None = None,
) -> VerifiedAttribute:
    """Record that `user` holds the attribute `kind` of `target` (a District, Building,
    Ownership, Competency or Organization), or renew it if they already do: one row per
    person and fact, its dates and verifier those of the latest verification, and a revocation
    lifted. Residence expires after `RESIDENCE_VALID_DAYS` unless `expires_at` says otherwise;
    the other kinds hold while their source does."""
    kind = Kind(kind)
    field = VerifiedAttribute.TARGET_FIELD[kind]
    if target is None or target.pk is None:
        raise ResidentsError(_("An attribute needs what it is about."), code="no_target")
    now = timezone.now()
    if expires_at is None and kind in VerifiedAttribute.RESIDENCE_KINDS:
        expires_at = residence_expiry(verified_at=now)
    values = {
        "source": source,
        "verified_by": verified_by,
        "verified_at": now,
        "expires_at": expires_at,
        "revoked_at": None,
        "revoked_by": None,
        "revocation_reason": "",
    }
    if kind == Kind.CO_OWNER:
        values["building_id"] = target.unit.building_id
    with transaction.atomic():
        attribute, created = VerifiedAttribute.objects.select_for_update().get_or_create(
            user=user, kind=kind, **{field: target}, defaults=values
        )
        if not created:
            for name, value in values.items():
                setattr(attribute, name, value)
            attribute.save()
    return attribute


def attribute_revoke(*, attribute: VerifiedAttribute, by=None, reason: str) -> VerifiedAttribute:
    """Revoke an attribute: it stops counting at once, for every audience. `by` is the staff
    member who decided (None when the source itself went away); a staff member needs the
    permission to revoke. Revoking a revoked attribute changes nothing."""
    if by is not None and not by.has_perm("residents.revoke_verifiedattribute"):
        raise NotAllowed(_("You may not revoke verified attributes."), code="not_allowed")
    reason = (reason or "").strip()
    if not reason:
        raise ResidentsError(_("Say why the attribute is revoked."), code="no_reason")
    with transaction.atomic():
        attribute = VerifiedAttribute.objects.select_for_update().get(pk=attribute.pk)
        if attribute.revoked_at is None:
            attribute.revoked_at = timezone.now()
            attribute.revoked_by = by
            attribute.revocation_reason = reason[:300]
            attribute.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return attribute
