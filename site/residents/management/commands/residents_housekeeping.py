"""`manage.py residents_housekeeping`: the daily housekeeping of verification. Letters whose
code is past its 30 days expire and their flat number is forgotten; decided residence requests
older than their retention are deleted; attributes that stopped holding (expired or revoked)
more than 90 days ago are deleted; uploaded documents a failed deletion left behind go. Safe
to run again and again (cron: daily)."""

from django.core.management.base import BaseCommand

from residents.tasks import verification_housekeeping


class Command(BaseCommand):
    help = (
        "Expire postal letters past their code's validity, delete decided residence requests "
        "past their retention, attributes lapsed 90 days ago and orphaned documents. "
        "Run once a day."
    )

    def handle(self, *args, **options):
        done = verification_housekeeping.call()
        self.stdout.write(
            f"Letters expired: {done['letters_expired']}. "
            f"Requests deleted: {done['requests_deleted']}. "
            f"Attributes deleted: {done['attributes_deleted']}. "
            f"Documents deleted: {done['documents_deleted']}."
        )
