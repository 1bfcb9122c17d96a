"""The test suite: fast hashing, a local cache, tasks inline, email kept in the outbox."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-only-key"  # noqa: S105
PRIVACY_HASH_KEY = "test-privacy-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None  # served from the source folders; collectstatic is for production
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default="/tmp/spilno-test-media")  # noqa: S108
# Enough ballots for every demo poll state, few enough that each module seeding the city stays
# quick (each ballot is an RSA-3072 signature and an HPKE seal and open).
DEMO_POLL_BALLOTS = 60
DEMO_NEIGHBOURS = 300
# One folder per process, as the database: each test process seeds its own demo city, whose
# polls' key files must not be overwritten by another's.
DEMO_KEYS_DIR = env.path(
    "TEST_DEMO_KEYS_DIR",
    default=f"/tmp/spilno-test-demo-keys-{os.getpid()}",  # noqa: S108
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A file, not Django's in-memory default: there every connection shares one cache with
    # table locks that no busy timeout waits on, so threads and the live server would not
    # meet the WAL journal and immediate transactions that the site runs with. One file per
    # process, so suites running side by side never share (or destroy) each other's.
    DATABASES["default"]["TEST"] = {
        "NAME": env("TEST_SQLITE_NAME", default=f"/tmp/spilno-test-{os.getpid()}.sqlite3")  # noqa: S108
    }

# One process, so the local-memory cache is a correct store for rate-limit counters.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
