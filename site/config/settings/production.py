"""Production: PostgreSQL, SMTP, a task worker, HTTPS. Refuses to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from config import keys as _keys

from .base import *  # noqa: F403
from .base import KEY_ENCRYPTION_KEY, KEY_ENCRYPTION_KEYS_OLD, SECRET_KEY, env

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")
if not KEY_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "KEY_ENCRYPTION_KEY must be set to base64 of 32 random bytes: it seals the private keys "
        "kept in the database."
    )
_keys.parse_key(KEY_ENCRYPTION_KEY)
for _old_key in KEY_ENCRYPTION_KEYS_OLD:
    _keys.parse_key(_old_key, name="KEY_ENCRYPTION_KEYS_OLD")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts this site answers to.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
if not env("CACHE_URL", default=""):
    raise ImproperlyConfigured(
        "CACHE_URL must name a shared cache (redis://host:6379/0): rate limits and login "
        "throttling must hold across every worker process."
    )
