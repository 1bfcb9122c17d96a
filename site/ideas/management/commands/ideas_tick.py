"""`manage.py ideas_tick`: the timed steps of ideas (expire those whose support period ended
below their threshold; cut supporters' links IDEA_RETENTION_DAYS after their support ended,
keeping the counts). Safe to run again and again; cron: every five minutes."""

from django.core.management.base import BaseCommand

from ideas.services import ideas_tick


class Command(BaseCommand):
    help = (
        "Expire ideas whose support period ended below their threshold, and forget who "
        "supported ideas whose support ended IDEA_RETENTION_DAYS ago. Run every five minutes."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 1
        done = ideas_tick(progress=self.stdout.write if verbose else None)
        self.stdout.write(
            f"Expired: {done['expired']}. Links to supporters cut: {done['links_cut']}."
        )
