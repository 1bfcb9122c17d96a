"""`manage.py petitions_tick`: the periodic housekeeping of petitions (cron: every few minutes).

Each step is idempotent: close petitions past their closing time, expire those whose support
period ended without their supporters (their share link stops taking signatures, and their
signers' data starts its retention period), re-check thresholds (the
safety net behind the check that follows every confirmation), refresh the search popularity of
petitions signed since yesterday (confirmations refresh it at most every half minute, see
`services.signatures.total_changed`), delete expired unconfirmed signatures.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from petitions.models import PetitionPage
from petitions.services import (
    petition_check_thresholds,
    petitions_close_due,
    petitions_expire_due,
    signature_totals_announce,
    signatures_purge_unconfirmed,
)
from petitions.states import SIGNABLE_STATES


class Command(BaseCommand):
    help = (
        "Close due petitions, expire those without supporters in time, re-check thresholds, "
        "purge expired unconfirmed signatures."
    )

    def handle(self, *args, **options):
        closed = petitions_close_due()
        expired = petitions_expire_due()
        checked = 0
        for petition_id in PetitionPage.objects.filter(
            state__in=SIGNABLE_STATES, closed_at__isnull=True
        ).values_list("pk", flat=True):
            petition_check_thresholds(petition_id=petition_id)
            checked += 1
        signature_totals_announce(since=timezone.localdate() - timedelta(days=1))
        purged = signatures_purge_unconfirmed()
        self.stdout.write(
            f"Closed {closed} petitions, expired {expired} without enough support, "
            f"checked {checked} thresholds, "
            f"purged {purged} expired unconfirmed signatures."
        )
