"""Generations: a number in the shared cache that names the current version of something
derived and cached (the menu, the shared pages). Readers put it in their cache keys; a change
moves it, so every copy made before is asked for under a key nobody uses any more and expires
on its own. Nothing is deleted, so moving a generation costs one increment whatever it covers.

Within a request (`GenerationMiddleware`) every generation is read once: the first read asks
the cache for all of them in one round trip, and later reads take the number read then. A
request's pages, fragments and routes are therefore kept under generations read before any of
their rows, which is what makes a copy safe to keep (a change that commits later moves past
them). A move made by the request itself forgets its number, so the request's own next read
sees the change. Outside a request (tasks, commands, threads) each read asks the cache.
"""

import contextvars
import time

from django.core.cache import cache

# Every generation that exists, by cache key (they are module-level objects).
GENERATIONS: dict[str, "Generation"] = {}
# The numbers read in the current request; None outside one.
_read: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "config_generations_read", default=None
)


class Generation:
    def __init__(self, key: str):
        self.key = key
        GENERATIONS[key] = self

    def current(self) -> int:
        read = _read.get()
        if read is None:
            return self._fetch()
        if not read:
            read.update(cache.get_many(list(GENERATIONS)))
            read[None] = True  # asked, even if the cache had none of them
        value = read.get(self.key)
        if value is None:
            value = read[self.key] = self._fetch()
        return value

    def _fetch(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # A fresh (or evicted) counter starts from the clock, never from a number it had.
            cache.add(self.key, time.time_ns(), timeout=None)
            value = cache.get(self.key, 0)
        return value

    def move(self) -> None:
        read = _read.get()
        if read is not None:
            read.pop(self.key, None)
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns(), timeout=None)


class GenerationMiddleware:
    """Reads each generation at most once per request (see the module); a request that needs
    none (a static file, a bare view) asks the cache nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)
