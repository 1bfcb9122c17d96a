"""Recompute every expert's reputation from the ratings and answers themselves.

Gives exactly the numbers the site keeps up to date as ratings change (see
`experts.reputation`); run it after restoring a backup or changing the formula. It reports
how many stored rows it had to correct: 0 means the stored reputation was already exact."""

from django.core.management.base import BaseCommand

from experts.reputation import counters_recompute, recompute_all


class Command(BaseCommand):
    help = "Recompute expert reputation from ratings and answers (identical to the live values)."

    def handle(self, *args, **options):
        counters_recompute()
        changed = recompute_all()
        self.stdout.write(self.style.SUCCESS(f"Reputation recomputed: {changed} rows corrected."))
