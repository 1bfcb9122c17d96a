"""Who may read a log that is not public: each owning app decides for its own logs.

An app registers one checker per purpose, usually in its `AppConfig.ready()`:

    ledger.access.register("poll", lambda log, user: poll_audience_includes(log, user))

A public log is open to everyone. A restricted log is open to whom its purpose's checker
allows, and to nobody when no checker is registered for it (a forgotten registration hides a
log; it never shows one).
"""

from collections.abc import Callable

Checker = Callable[[object, object], bool]

_checkers: dict[str, Checker] = {}


def register(purpose: str, checker: Checker) -> None:
    """Make `checker(log, user) -> bool` decide who may read the restricted logs of `purpose`."""
    _checkers[purpose] = checker


def unregister(purpose: str) -> None:
    _checkers.pop(purpose, None)


def can_read(log, user) -> bool:
    if log.is_public:
        return True
    checker = _checkers.get(log.purpose)
    return bool(checker is not None and checker(log, user))
