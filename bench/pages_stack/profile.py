"""Where a page's render goes, counted rather than timed: queries and CPU per page.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python -m bench.pages_stack.profile \
        [--renders 20] [--as citizen|admin|anonymous] [--top 25] [--page "a petition"]

Runs against a database that already holds the demo city (`manage.py seed_demo`), with the
test settings (local-memory cache, DEBUG off, cached templates), through Django's test client:
no server, no network, so the figures do not drift with the machine's load the way a wall-clock
benchmark does. After one warm-up render of each page (the menu, addresses and other caches
filled, as in a running worker), each page of `bench/pages.py` is rendered `--renders` times as
the chosen visitor; printed per page: the queries of one render, the calls to the shared cache
of one render (each a round trip to Redis in production), the CPU milliseconds per render
(process time), and with `--top` the functions cProfile finds most costly over all renders.
Anonymous visitors are profiled with the shared page cache bypassed (a first visitor after a
change), so the figure is a render's.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

VISITORS = {
    "citizen": "resident100@example.org",  # an ordinary citizen of the demo city
    "admin": "admin@spilno.localhost",
}


def client_for(visitor: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if visitor != "anonymous":
        client.force_login(get_user_model().objects.get(email=VISITORS[visitor]))
    return client


CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "delete_many")


class CacheCalls:
    """Counts the calls made to the cache backend from outside it (a backend's `get_many` may
    call its own `get`: one call, as it is one round trip to Redis)."""

    def __init__(self):
        self.count = 0
        self.depth = 0

    def install(self, backend_class) -> None:
        for name in CACHE_CALLS:
            setattr(backend_class, name, self.counted(getattr(backend_class, name)))

    def counted(self, method):
        calls = self

        def wrapper(*args, **kwargs):
            if calls.depth == 0:
                calls.count += 1
            calls.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                calls.depth -= 1

        return wrapper


def render(client, url: str, anonymous: bool) -> None:
    from config.freshness import content_changed

    if anonymous:
        content_changed()  # the shared copy is forgotten: every request renders
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--as", dest="visitor", default="citizen", choices=[*VISITORS, "anonymous"])
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--page", action="append", help="only these pages (names as printed)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages_stack.fixture import urls

    # No setup_test_environment(): its instrumented template rendering copies every context,
    # a cost production does not have.
    pages = {k: v for k, v in urls().items() if isinstance(v, str)}
    if args.page:
        pages = {k: v for k, v in pages.items() if k in args.page}
    client = client_for(args.visitor)
    anonymous = args.visitor == "anonymous"
    profile = cProfile.Profile()
    calls = CacheCalls()
    calls.install(type(cache._connections[cache._alias]))
    print(
        f"{'page':<34}{'queries':>8}{'cache':>6}{'CPU ms':>8}   "
        f"({args.renders} renders as {args.visitor})"
    )
    for name, url in pages.items():
        render(client, url, anonymous)
        calls.count = 0
        with CaptureQueriesContext(connection) as queries:
            render(client, url, anonymous)
        cache_calls = calls.count
        count = len(queries)  # now: every request start empties the connection's query log
        started = time.process_time()
        profile.enable()
        for _ in range(args.renders):
            render(client, url, anonymous)
        profile.disable()
        cpu = (time.process_time() - started) * 1000 / args.renders
        print(f"{f'{name} {url}'[:33]:<34}{count:>8}{cache_calls:>6}{cpu:>8.1f}")
    if args.top:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
