import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from config.demo import ADMIN_EMAIL, DEMO_PASSWORD, DEMO_STEPS, Progress
from search.signals import indexing_deferred


class Command(BaseCommand):
    help = "Build the demo city (deterministic and idempotent: safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args, no_progress=False, **options):
        started = time.monotonic()
        progress = Progress(stream=self.stderr._out, enabled=not no_progress)
        # One index rebuild at the end (the last step) instead of a refresh per saved object.
        with indexing_deferred():
            for path in DEMO_STEPS:
                import_string(path)(progress=progress)
        took = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo city ready in {took:.1f} s."))
        if settings.DEBUG:
            self.stdout.write(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/"
                f"  login {ADMIN_EMAIL}  password {DEMO_PASSWORD}"
            )
