"""Work that follows a commit never turns the committed request into an error.

Once a write has committed, the person has done what they came to do: a signature counts, a
request is recorded. What follows it (moving a petition on its threshold, enqueueing an email,
refreshing search, deleting a replaced file) may fail: the database connection may have been
cut, the task queue or the mail server may be down. Answering with an error then would tell
the person it failed although it counted, and invite them to do it again.

So every service enqueues its after-commit work with `on_commit_robust` (and work it runs
itself right after a commit in autocommit mode goes through `follow_up`): a failure is logged
with its traceback (`logger.exception`) and swallowed, and a connection the failure broke is
closed, so the rest of the request (the redirect to the petition's page) reconnects instead of
failing on it. Each kind of follow-up has its safety net: `manage.py petitions_tick` re-checks
every petition's thresholds and refreshes the popularity of petitions signed since yesterday.

Django's own `on_commit(..., robust=True)` logs and swallows too, but leaves a broken
connection in place for the rest of the request.
"""

import logging
from collections.abc import Callable

from django.db import connections, transaction

logger = logging.getLogger(__name__)


def follow_up(func: Callable[[], object], /) -> None:
    """Run `func`, work that follows a committed write; log a failure instead of raising it."""
    try:
        func()
    except Exception:
        logger.exception(
            "Work after a commit failed; what committed stands: %s.%s",
            getattr(func, "__module__", "?"),
            getattr(func, "__qualname__", repr(func)),
        )
        _close_broken_connections()


def on_commit_robust(func: Callable[[], object], /) -> None:
    """`transaction.on_commit(func)` whose failure is logged, never raised (`follow_up`).
    Outside a transaction (autocommit) it runs at once, as `on_commit` does."""
    transaction.on_commit(lambda: follow_up(func))


def _close_broken_connections() -> None:
    """A connection the failure left unusable is closed; the next query opens a new one.
    Never inside a transaction: closing there would lose the caller's work."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
