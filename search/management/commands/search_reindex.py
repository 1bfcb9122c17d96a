"""`manage.py search_reindex`: rebuild the search index from every source, with a progress bar."""

import time

from django.core.management.base import BaseCommand, CommandError

from config.demo import Progress
from search.engines import get_engine
from search.services import SearchIndexError, index_rebuild
from search.sources import sources


class Command(BaseCommand):
    help = "Rebuild the search index from the public content of every app."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            action="append",
            default=[],
            choices=[source.name for source in sources()],
            help="Rebuild only this source (repeatable).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args, **options):
        progress = Progress(stream=self.stderr, enabled=not options["no_progress"])
        started = time.monotonic()
        try:
            report = index_rebuild(progress=progress, only=options["source"])
        except SearchIndexError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt on the {get_engine().name} engine in "
                f"{time.monotonic() - started:.1f} s: {len(report.written)} written, "
                f"{report.unchanged} unchanged, {len(report.removed)} removed."
            )
        )
