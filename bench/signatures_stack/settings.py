"""Production settings with exactly three bench-only changes, all stated here:

1. rate limits are lifted (32 clients share one loopback address and a few mailboxes' worth of
   signing speed; production keeps them);
2. email goes to a mailbox folder the benchmark reads the confirmation links from;
3. the URLconf adds the bare reference view and a readiness ping.

Plain HTTP on loopback, so the HTTPS-only cookies and redirects are off; static files come from
the source folders (the benchmark never requests them). Everything else is production's:
DEBUG off, persistent PostgreSQL connections, cached templates, the full middleware stack.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES, env

RATELIMIT_ENABLE = False
EMAIL_BACKEND = "bench.signatures_stack.mailbox.MailboxBackend"
BENCH_MAILBOX_DIR = env("BENCH_MAILBOX_DIR")
ROOT_URLCONF = "bench.signatures_stack.urls"

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
