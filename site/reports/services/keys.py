"""Open311 API keys: issued by staff, shown once, stored as a hash, revoked at will."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Open311Key
from reports.models.keys import PREFIX_LENGTH, key_digest
from reports.services.common import email_clean, text_clean
from reports.states import ReportError

LAST_USED_GRANULARITY = timedelta(minutes=1)


def open311_key_issue(
    *, application, contact_email, owner=None, body=None
) -> tuple[Open311Key, str]:
    """A new key for an application (or a body's own system, `body`): the key row and the
    secret, which is never stored and cannot be shown again."""
    from profiles.models import Organization

    application = text_clean(application, label=_("application"), max_length=100)
    contact_email = email_clean(contact_email)
    if body is not None and (
        not isinstance(body, Organization) or body.kind != Organization.Kind.MUNICIPAL_BODY
    ):
        raise ReportError(_("Choose a municipal body."), code="bad_body")
    secret = Open311Key.new_secret()
    with transaction.atomic():
        key = Open311Key.objects.create(
            application=application,
            contact_email=contact_email,
            owner=owner,
            body=body,
            prefix=secret[:PREFIX_LENGTH],
            digest=key_digest(secret),
        )
    return key, secret


def open311_key_find(*, secret, now: datetime | None = None) -> Open311Key | None:
    """The usable key with this secret, or None; notes its use at most once a minute."""
    if not isinstance(secret, str) or not secret or len(secret) > 200:
        return None
    key = (
        Open311Key.objects.usable().select_related("body").filter(digest=key_digest(secret)).first()
    )
    if key is None:
        return None
    now = now or timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_GRANULARITY:
        Open311Key.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def open311_key_revoke(*, key: Open311Key, now: datetime | None = None) -> Open311Key:
    if key.revoked_at is None:
        key.revoked_at = now or timezone.now()
        key.save(update_fields=["revoked_at"])
    return key
