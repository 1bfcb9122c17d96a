"""`manage.py petitions_retention`: erase signers' names and emails six months after signing
ended, however it ended (closed, expired without support, rejected, hidden, or the end of the
signing period of a petition awaiting or having its response). Counts stay, and each erased
signature keeps only a keyed hash of its mailbox, so it cannot sign again. Safe to run again
and again (cron: daily)."""

from django.core.management.base import BaseCommand

from petitions.services import signatures_apply_retention


class Command(BaseCommand):
    help = "Erase signers' names and emails six months after a petition's signing ended."

    def handle(self, *args, **options):
        def report(petition, erased):
            self.stdout.write(f"  petition {petition.pk}: erased {erased} signatures")

        self.stdout.write("Applying the six-month retention to petitions whose signing ended…")
        total = signatures_apply_retention(report=report)
        self.stdout.write(self.style.SUCCESS(f"Erased {total} signatures in all."))
