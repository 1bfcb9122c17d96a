"""`manage.py reports_tick`: the timed steps of problem reports (delete reports never
confirmed after REPORT_CONFIRM_DAYS; erase reporters' contact details REPORT_RETENTION_DAYS
after the report was finished). Safe to run again and again; cron: hourly."""

from django.core.management.base import BaseCommand

from reports.tasks import reports_tick


class Command(BaseCommand):
    help = (
        "Delete problem reports never confirmed after REPORT_CONFIRM_DAYS, and erase the "
        "contact details of reporters REPORT_RETENTION_DAYS after their report was finished. "
        "Run hourly."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 1
        done = reports_tick(progress=self.stdout.write if verbose else None)
        self.stdout.write(
            f"Unconfirmed reports deleted: {done['purged']}. "
            f"Contact details erased: {done['expired']}."
        )
