"""gunicorn reads this file from the project root, so plain `gunicorn` serves production."""

import os
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger

pythonpath = "site,."
wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, two per core and one more (gunicorn's advice): a request spends most of its
# time in Python, so more processes than that only queue for the same cores.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# No access log by default: it would keep every visitor's IP address. GUNICORN_ACCESS_LOG
# ("-" for stdout, or a file) turns it on for a deployment that wants one.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The secret ballot box (`polls.urls_data`): a line with the address and the moment of each
# ballot would undo what the shuffled batches hide (issue 16, point 2), so its requests are
# never written to the access log, whatever the path's spelling (percent-encoding, no slash,
# doubled slashes, a query string).
UNLOGGED_PATH = re.compile(r"^/+poll-data/+[^/]*/+ballots(?:/|$)")


def never_logged(path: str) -> bool:
    return bool(UNLOGGED_PATH.match(unquote(path or "")))


class BallotBoxUnloggedLogger(Logger):
    """gunicorn's logger, minus the access lines of the ballot box."""

    def access(self, resp, req, environ, request_time):
        if never_logged(environ.get("PATH_INFO", "")) or never_logged(getattr(req, "path", "")):
            return
        super().access(resp, req, environ, request_time)


logger_class = BallotBoxUnloggedLogger
