"""Generations: a number in the shared cache that names the current version of something
derived and cached (the menu, the shared pages). Readers put it in their cache keys; a change
moves it, so every copy made before is asked for under a key nobody uses any more and expires
on its own. Nothing is deleted, so moving a generation costs one increment whatever it covers.
"""

import time

from django.core.cache import cache


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # A fresh (or evicted) counter starts from the clock, never from a number it had.
            cache.add(self.key, time.time_ns(), timeout=None)
            value = cache.get(self.key, 0)
        return value

    def move(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns(), timeout=None)
