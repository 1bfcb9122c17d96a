"""Settings shared by every environment.

Safe by default: DEBUG is off and every secret or service address comes from the environment.
`dev.py` relaxes for a laptop, `test.py` speeds up the suite, `production.py` hardens.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent

env = environ.Env()

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config",
    "profiles",
    "library",
    "petitions",
    "experts",
    "ledger",
    "residents",
    "polls",
    "meetings",
    "ideas",
    "reports",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    # wagtail-modeladmin builds its list filters and icons on Django's admin app; the app is
    # installed for that alone: no URL routes to Django's admin site (one login: allauth).
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.generations.GenerationMiddleware",
    "config.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]
# Innermost, so a page served from the cache still passes every header-setting middleware;
# Wagtail's routing is filled from the cache only for pages that are rendered.
MIDDLEWARE += ["config.sharedpages.SharedPageMiddleware", "config.routing.RouteCacheMiddleware"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.navigation",
                "config.context_processors.city",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests must queue, not fail with "database is locked". WAL lets readers go on
    # beside the one writer; the busy timeout makes a writer wait for the lock. Immediate
    # transactions take the write lock at BEGIN: a deferred one that read first cannot wait for
    # it (SQLite refuses at once to upgrade a read snapshot that another writer made stale).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://spilno")}
# Each worker's own copy of the entries kept under a generation (`config.nearcache`): worth it
# only when the shared cache is another process, as Redis is in production.
NEAR_CACHE_BYTES = env.int(
    "NEAR_CACHE_BYTES",
    default=0 if CACHES["default"]["BACKEND"].endswith("LocMemCache") else 32 * 2**20,
)

AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "profiles.adapters.AccountAdapter"

# Accounts (django-allauth): email is the identity, and it must be confirmed before login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Spilno] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}


# Email: console unless EMAIL_URL (smtp://user:pass@host:587/?tls=True) says otherwise.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Spilno <noreply@spilno.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (django-tasks): inline by default; TASKS_BACKEND=database for a worker.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env("TASKS_BACKEND", default="immediate")],
    }
}

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS: list = []  # each app keeps its own catalogue: site/<app>/locale
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Spilno"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# One way in, allauth's (throttled, confirmed email only): Wagtail's login address sends there
# (profiles.views.accounts.admin_login), and its unthrottled password reset is off.
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_FINDERS = []  # no third-party embeds: nothing loads from outside the site
# The admin calls no one outside either: no avatars from Gravatar (they would send a hash of
# every editor's email there) and no check for new releases on wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]},
    }
}

# Search: the database engine unless an Elasticsearch endpoint is configured.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env("WAGTAILSEARCH_INDEX", default="spilno_wagtail"),
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Discovery (search app, issue 7): the site's own database (PostgreSQL full-text search or
# SQLite FTS5) unless ELASTICSEARCH_URL names a cluster; switching needs no code change.
SEARCH_ENGINE = env("SEARCH_ENGINE", default="elasticsearch" if ELASTICSEARCH_URL else "database")
SEARCH_ELASTICSEARCH_ALIAS = env("SEARCH_ELASTICSEARCH_ALIAS", default="spilno_search")
SEARCH_ELASTICSEARCH_UKRAINIAN = env.bool("SEARCH_ELASTICSEARCH_UKRAINIAN", default=False)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("search.context_processors.search_box")

# Keyed hashes of IP addresses and other identifiers we must compare but never store in clear.
PRIVACY_HASH_KEY = env("PRIVACY_HASH_KEY", default=SECRET_KEY)

# Private keys at rest (a poll's signing and results keys) are sealed under this key: base64 of
# 32 random bytes. Old keys still open what they sealed during a rotation. See config/keys.py;
# empty outside production means a key derived from SECRET_KEY.
KEY_ENCRYPTION_KEY = env("KEY_ENCRYPTION_KEY", default="")
KEY_ENCRYPTION_KEYS_OLD = env.list("KEY_ENCRYPTION_KEYS_OLD", default=[])

# Polls: below this many eligible people a ballot cannot be secret (a result would single
# people out); pending secret ballots are appended in shuffled batches at least this often
# (`polls_tick`); a person's link to their credential or named vote is cut this many days
# after the poll closes.
POLL_SECRET_MIN_AUDIENCE = env.int("POLL_SECRET_MIN_AUDIENCE", default=20)
POLL_BATCH_SECONDS = env.int("POLL_BATCH_SECONDS", default=300)
POLL_RETENTION_DAYS = env.int("POLL_RETENTION_DAYS", default=365)
# The voter's browser waits a random number of seconds in this range between receiving its
# credential and casting its ballot, so the two requests cannot be paired by their timing.
POLL_CAST_DELAY_SECONDS = (3, 30)
# Residents' meetings: the notice period (days between convening and the opening of the
# vote), the quorum (a fraction: more than this share of the building's area must vote) and
# the days after the minutes when people's links to their rights and votes are cut.
MEETING_NOTICE_DAYS = env.int("MEETING_NOTICE_DAYS", default=14)
MEETING_QUORUM = env("MEETING_QUORUM", default="1/2")
MEETING_RETENTION_DAYS = env.int("MEETING_RETENTION_DAYS", default=1095)

# Ideas (site/ideas): supporters an idea needs before the authority must answer it, frozen at
# publication; how long it gathers them; how long supporters' names are kept after support
# ends (the count stays).
IDEA_THRESHOLD_DISTRICT = env.int("IDEA_THRESHOLD_DISTRICT", default=100)
IDEA_THRESHOLD_CITY = env.int("IDEA_THRESHOLD_CITY", default=500)
IDEA_SUPPORT_DAYS = env.int("IDEA_SUPPORT_DAYS", default=183)
IDEA_RETENTION_DAYS = env.int("IDEA_RETENTION_DAYS", default=730)

# Problem reports (site/reports): a fixed report may be reopened for this many days; a report
# never confirmed is deleted after REPORT_CONFIRM_DAYS; the reporter's email and name are
# cleared this many days after the report was fixed or closed.
REPORT_REOPEN_DAYS = env.int("REPORT_REOPEN_DAYS", default=28)
REPORT_CONFIRM_DAYS = env.int("REPORT_CONFIRM_DAYS", default=7)
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=730)
# "Me too" instead of a duplicate: open reports of the same category within this many metres.
REPORT_NEARBY_METRES = env.int("REPORT_NEARBY_METRES", default=50)
# Open311's `jurisdiction_id` of this site (any other is refused), e.g. its host name.
OPEN311_JURISDICTION = env.str("OPEN311_JURISDICTION", default="spilno.localhost")
# The city's own tile server, e.g. https://tiles.example.city/{z}/{x}/{y}.png: empty (the
# default) draws maps from the districts' outlines alone, and no other host is ever asked.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
# Secret ballots the demo city's polls receive in all (`polls.demo`), each cast through the
# real protocol: "a few thousand", capped by how many verified residents each audience has.
DEMO_POLL_BALLOTS = env.int("DEMO_POLL_BALLOTS", default=3000)
# Where the demo seeder, playing the polls' key holders, keeps their results key files (as
# their browsers would save them), so someone trying the demo can give them and publish.
DEMO_KEYS_DIR = env.path("DEMO_KEYS_DIR", default=BASE_DIR / "var" / "demo-keys")
# Verified residents the demo city has besides its named demo people (`residents.demo_people`):
# enough audience for those thousands of ballots.
DEMO_NEIGHBOURS = env.int("DEMO_NEIGHBOURS", default=3600)

# How many reverse proxies of our own stand in front of the site, each appending to
# X-Forwarded-For. 0 (a laptop, or gunicorn facing the internet) ignores the header, which a
# client can write; behind one nginx, 1. Every per-address limit and hash reads the client's
# address through config.privacy.client_ip, so it must match the deployment exactly.
# Who may decide (residents): how long a verified residence holds before it must be renewed.
RESIDENCE_VALID_DAYS = env.int("RESIDENCE_VALID_DAYS", default=365)

TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "config.privacy.client_ip"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "config.views.rate_limited"
# Django's own Redis cache increments atomically; django-ratelimit just does not list it.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN themselves
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the shared cache and written through to the database: a signed-in
# request then costs one Redis read instead of a query (bench/pages.py), and a session outlives
# a cache restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
