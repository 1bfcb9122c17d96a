"""gunicorn entry of the benchmark: the site's WSGI application under the bench settings."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.signatures_stack.settings"

from config.wsgi import application  # noqa: E402, F401
