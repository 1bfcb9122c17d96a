"""What signatures keep, and for how long: unconfirmed ones go when their link lapses, and
signers' names and emails are erased six months after signing ended (`petitions_retention`),
whatever way it ended (every end state sets `closed_at`, see `petitions.states`)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from petitions.dates import add_months
from petitions.models import PetitionPage, Signature
from petitions.tokens import CONFIRMATION_TTL

RETENTION_MONTHS = 6


def signatures_purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete signatures never confirmed within the link's lifetime; they never counted."""
    cutoff = (now or timezone.now()) - CONFIRMATION_TTL
    deleted, _by_model = Signature.objects.filter(
        confirmed_at__isnull=True, invalidated_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


# `mailbox_hash` stays: it keeps the erased mailbox from signing the same petition again.
ERASED_FIELDS = {
    "name": "",
    "email": "",
    "normalized_email": None,
    "email_domain": "",
    "ip_prefix_hash": "",
    "user": None,
}


def signatures_erase(*, signatures, now: datetime | None = None) -> int:
    """Blank the personal fields of these signatures; the rows (and so the counts) stay, and
    so does each one's mailbox hash (one signature per mailbox holds after erasure)."""
    return signatures.filter(erased_at__isnull=True).update(
        erased_at=now or timezone.now(), **ERASED_FIELDS
    )


def signatures_apply_retention(*, now: datetime | None = None, report=None) -> int:
    """Erase signers' names and emails of petitions whose signing ended six months ago or more,
    whatever their state: every way signing ends sets `closed_at` (see `petitions.states`).
    Idempotent: erased signatures are skipped. `report(petition, erased)` hears each petition."""
    now = now or timezone.now()
    cutoff = add_months(now, -RETENTION_MONTHS)
    due = (
        PetitionPage.objects.filter(closed_at__lte=cutoff, signatures__erased_at__isnull=True)
        .distinct()
        .order_by("pk")
    )
    total = 0
    for petition in due:
        with transaction.atomic():
            erased = signatures_erase(
                signatures=Signature.objects.filter(petition=petition), now=now
            )
        total += erased
        if report is not None:
            report(petition, erased)
    return total
