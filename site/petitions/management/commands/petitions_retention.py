"""`manage.py petitions_retention`: erase signers' names and emails six months after signing
closed. Counts stay. Safe to run again and again (cron: daily)."""

from django.core.management.base import BaseCommand

from petitions.services import signatures_apply_retention


class Command(BaseCommand):
    help = "Erase signers' names and emails of petitions closed six months ago or more."

    def handle(self, *args, **options):
        def report(petition, erased):
            self.stdout.write(f"  petition {petition.pk}: erased {erased} signatures")

        self.stdout.write("Applying the six-month retention to closed petitions…")
        total = signatures_apply_retention(report=report)
        self.stdout.write(self.style.SUCCESS(f"Erased {total} signatures in all."))
