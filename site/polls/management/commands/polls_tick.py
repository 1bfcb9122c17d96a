"""`manage.py polls_tick`: the timed steps of polls (open those due, append pending secret
ballots in shuffled batches every POLL_BATCH_SECONDS, close and count those due, publish the
results, cut people's links after POLL_RETENTION_DAYS). Safe to run again and again; cron:
every minute."""

from django.core.management.base import BaseCommand

from polls.services.polls import polls_tick


class Command(BaseCommand):
    help = (
        "Open polls that are due, append pending ballots in shuffled batches, close, count "
        "and publish polls that are due. Run every minute."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 1
        done = polls_tick(progress=self.stdout.write if verbose else None)
        self.stdout.write(
            f"Opened: {done['opened']}. Batches: {done['batches']} "
            f"({done['ballots_appended']} ballots). Closed: {done['closed']}. "
            f"Published: {done['published']}. Refused: {done['refused']}. "
            f"Links to people cut: {done['links_cut']}."
        )
