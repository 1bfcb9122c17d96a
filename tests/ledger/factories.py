"""Logs with entries, built through the services."""

from ledger import services


def entries_of(n: int, *, start: int = 0) -> list[bytes]:
    return [f'{{"ballot":{i}}}'.encode() for i in range(start, start + n)]


def log_with(n: int, *, purpose: str = "poll", is_public: bool = True):
    log = services.log_create(purpose=purpose, is_public=is_public)
    if n:
        services.log_append_many(log=log, entries=entries_of(n))
    return log
