"""A near cache: each worker's own copy of what the shared cache keeps under a generation.

A signed-in person's page is drawn from about ten entries of the shared cache (the route, the
userbar, the header and the page's fragments, their permissions), each one a round trip to
Redis in production, during which a synchronous worker waits and serves nobody: measured on
the page benchmark's stack (`bench/pages.py`, py-spy on a worker), the waits on Redis were a
third of a signed-in petition page's time. Those entries never change in place: their keys
name the generation they were made under (`config.generations`), so a change is a new key,
and each entry says until when it may be shown (the live counts' refresh). A copy in the
worker's memory is therefore exactly as fresh as the shared entry, and `near_get` answers
from it without a round trip. Only the generations themselves are still read from the shared
cache, once per request: that read is what makes every worker see a change at once.

Rules for a caller: the key must name every generation the value depends on, and `timeout`
bounds how long the value may be shown (it is kept with the value, so a copy taken from the
shared cache late in its life expires when the shared entry does, not `timeout` after).

The copies are bounded by `NEAR_CACHE_BYTES` per process (least recently used go first);
0 turns them off, as in development and tests, where the shared cache is the process's own
memory already. Values that are not plain strings or numbers are kept pickled and unpickled
on each read, as the shared cache would: no two requests ever share a mutable object.
"""

import dataclasses
import pickle
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

IMMUTABLE = (str, bytes, int, float, bool, type(None))


class Stamped(NamedTuple):
    """What the shared cache holds for a near-cached key: the value and until when it holds."""

    expires_at: float
    value: object


class _Copy(NamedTuple):
    expires_at: float
    size: int
    pickled: bool
    value: object


class NearCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.copies: OrderedDict[str, _Copy] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, now: float):
        with self.lock:
            copy = self.copies.get(key)
            if copy is None:
                return None
            if copy.expires_at <= now:
                self._drop(key)
                return None
            self.copies.move_to_end(key)
        return pickle.loads(copy.value) if copy.pickled else copy.value  # noqa: S301 - ours

    def put(self, key: str, stamped: Stamped) -> None:
        value = stamped.value
        pickled = not _immutable(value)
        if pickled:
            value = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            size = len(value)
        else:
            size = len(value) if isinstance(value, str | bytes) else 8
        if size > self.max_bytes // 8:
            return  # one value never takes more than an eighth of the room
        with self.lock:
            if key in self.copies:
                self._drop(key)
            self.copies[key] = _Copy(stamped.expires_at, size, pickled, value)
            self.size += size
            while self.size > self.max_bytes:
                self._drop(next(iter(self.copies)))

    def clear(self) -> None:
        with self.lock:
            self.copies.clear()
            self.size = 0

    def _drop(self, key: str) -> None:
        self.size -= self.copies.pop(key).size


def _immutable(value) -> bool:
    if isinstance(value, tuple):
        return all(_immutable(item) for item in value)
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:
        return all(_immutable(getattr(value, f.name)) for f in dataclasses.fields(value))
    return isinstance(value, IMMUTABLE)


_near: NearCache | None = None
_near_bytes: int | None = None


def _copies() -> NearCache | None:
    global _near, _near_bytes
    wanted = getattr(settings, "NEAR_CACHE_BYTES", 0)
    if wanted != _near_bytes:  # the setting changed (a test): start afresh
        _near = NearCache(wanted) if wanted > 0 else None
        _near_bytes = wanted
    return _near


def near_get(key: str):
    """The value kept under `key` (None if none is, or it has expired): the worker's copy if
    it has one, otherwise the shared cache's, which the worker then keeps."""
    now = time.time()
    copies = _copies()
    if copies is not None:
        value = copies.get(key, now)
        if value is not None:
            return value
    stamped = cache.get(key)
    if not isinstance(stamped, Stamped) or stamped.expires_at <= now:
        return None
    if copies is not None:
        copies.put(key, stamped)
    return stamped.value


def near_set(key: str, value, timeout: int) -> None:
    """Keep `value` under `key` for `timeout` seconds, in the shared cache and here."""
    stamped = Stamped(time.time() + timeout, value)
    cache.set(key, stamped, timeout)
    copies = _copies()
    if copies is not None:
        copies.put(key, stamped)


def near_clear() -> None:
    """Forget this worker's copies (the shared cache keeps its own)."""
    copies = _copies()
    if copies is not None:
        copies.clear()
