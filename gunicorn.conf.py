"""gunicorn reads this file from the project root, so plain `gunicorn` serves production."""

import os

pythonpath = "site,."
wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, two per core and one more (gunicorn's advice): a request spends most of its
# time in Python, so more processes than that only queue for the same cores.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# No access log by default: it would keep every visitor's IP address.
accesslog = None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
