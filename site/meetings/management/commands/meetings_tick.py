"""`manage.py meetings_tick`: the timed steps of residents' meetings (open the votes that are
due with their rights snapshot, count those that are due, queue the reminders 3 days and 1 day
before the close, cut people's links after MEETING_RETENTION_DAYS). Safe to run again and
again; cron: every minute."""

from django.core.management.base import BaseCommand

from meetings.services.meetings import meetings_tick


class Command(BaseCommand):
    help = (
        "Open the votes of meetings that are due, count those that close, queue reminders "
        "to co-owners who have not voted. Run every minute."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 1
        done = meetings_tick(progress=self.stdout.write if verbose else None)
        self.stdout.write(
            f"Opened: {done['opened']}. Counted: {done['counted']}. "
            f"Reminders queued: {done['reminders']}. Refused: {done['refused']}. "
            f"Links to people cut: {done['links_cut']}."
        )
