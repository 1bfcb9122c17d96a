"""`manage.py residents_sync`: bring every derived attribute (professions from verified expert
competencies, memberships from organizations' teams) in line with its source. Idempotent: a
second run changes nothing. For data written without signals (bulk writes, the demo, data that
existed before the residents app)."""

from django.core.management.base import BaseCommand

from config.demo import Progress
from residents.derived import derived_sync


class Command(BaseCommand):
    help = "Grant and revoke profession and membership attributes to match their sources."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args, no_progress=False, **options):
        progress = Progress(stream=self.stderr._out, enabled=not no_progress)
        done = derived_sync(progress=progress)
        self.stdout.write(f"Attributes granted: {done['granted']}. Revoked: {done['revoked']}.")
