"""Benchmark of the public log's inclusion proofs at 10k, 100k and 1M entries on PostgreSQL.

    .venv/bin/python bench/ledger.py [--sizes 10000,100000,1000000] [--samples 2000]
                                     [--http-samples 500]

It creates a throwaway PostgreSQL database (`spilno_bench_ledger`, dropped at the end),
migrates it and, with the test settings, grows one log to each size in turn through the
services' bulk path (`log_append_many`: entries, nodes and a signed tree head), running
ANALYZE after each growth as autovacuum would. At each size it measures, for leaves drawn at
random from the whole log, at the current tree size:

- an inclusion proof through the selector, by leaf hash (what the endpoint does: find the
  entry, then read the proof's perfect subtrees), and by leaf index;
- the same proof through the HTTP view with Django's test client (routing, middleware,
  parameters, JSON, ETag);
- reference: one SELECT of an entry by (log, index), the least any read of the log costs.

Each figure is the p50 and p95 of its samples, in milliseconds, with the rows and queries a
proof reads. The last line is the ratio of the selector's p95 at the largest size to that at
the smallest: a proof reads O(log n) rows by index, so it should stay near 1.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
PG = "postgres://postgres@127.0.0.1:5432"
DATABASE = "spilno_bench_ledger"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
TARGET_RATIO = 2


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def entry_bytes(i: int) -> bytes:
    return f'{{"ballot":{i},"choice":{i % 7}}}'.encode()


def percentiles_ms(action, arguments) -> tuple[float, float]:
    times = []
    for argument in arguments:
        started = time.perf_counter()
        action(argument)
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[94]


def grow(log, target: int) -> float:
    from django.db import connection

    from ledger import services

    started = time.perf_counter()
    services.log_append_many(log=log, entries=(entry_bytes(i) for i in range(log.size, target)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ledger_entry, ledger_node, ledger_treehead, ledger_log")
    return time.perf_counter() - started


def measure(log, samples: int, http_samples: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ledger import merkle, selectors
    from ledger.models import Entry, Log

    log = Log.objects.get(pk=log.pk)
    size = log.size
    root = selectors.root_at(log=log, size=size)
    indices = [rng.randrange(size) for _ in range(samples)]
    hashes = [merkle.leaf_hash(entry_bytes(i)) for i in indices]

    def by_hash(leaf):
        selectors.inclusion_proof_by_hash(log=log, leaf_hash=leaf, size=size)

    def by_index(index):
        selectors.inclusion_proof(log=log, index=index, size=size)

    def reference(index):
        Entry.objects.filter(log=log, index=index).values_list("leaf_hash", flat=True).get()

    client = Client()
    address = f"/ledger/{log.pk}/inclusion/"

    def http(leaf):
        response = client.get(address, {"leaf_hash": leaf.hex(), "tree_size": size})
        if response.status_code != 200:
            raise RuntimeError(response.content[:300])

    for leaf in hashes[:50]:  # warm-up: connection, caches, the planner's first plans
        by_hash(leaf), http(leaf)
    index, path = selectors.inclusion_proof_by_hash(log=log, leaf_hash=hashes[0], size=size)
    if not merkle.verify_inclusion(leaf=hashes[0], index=index, size=size, path=path, root=root):
        raise RuntimeError("a proof did not verify")
    with CaptureQueriesContext(connection) as queries:
        by_hash(hashes[0])
    return {
        "size": size,
        "queries": len(queries),
        "subtrees": len(merkle.inclusion_subtrees(index, size)),
        "by_hash": percentiles_ms(by_hash, hashes),
        "by_index": percentiles_ms(by_index, indices),
        "http": percentiles_ms(http, hashes[:http_samples]),
        "reference": percentiles_ms(reference, indices),
    }


def report(figures: dict, built_s: float) -> None:
    def cell(name):
        p50, p95 = figures[name]
        return f"p50 {p50:6.3f} ms  p95 {p95:6.3f} ms"

    size = figures["size"]
    print(f"{size:>9,} entries (built in {built_s:6.1f} s so far)", flush=True)
    print(f"  inclusion proof, selector by leaf hash:   {cell('by_hash')}", end="")
    print(f"  ({figures['queries']} queries, {figures['subtrees']} subtree hashes)")
    print(f"  inclusion proof, selector by leaf index:  {cell('by_index')}")
    print(f"  inclusion proof, HTTP view (test client): {cell('http')}")
    print(f"  reference: one entry by (log, index):     {cell('reference')}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--http-samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=9162)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    admin_sql(f"DROP DATABASE IF EXISTS {DATABASE}")
    admin_sql(f"CREATE DATABASE {DATABASE}")
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        settings.ALLOWED_HOSTS = ["testserver"]
        # The test settings close PostgreSQL connections after each request; a site keeps
        # them (CONN_MAX_AGE in base.py), so the HTTP figures should not pay a reconnect.
        connection.settings_dict["CONN_MAX_AGE"] = None
        print(f"· migrating a throwaway database {DATABASE}", flush=True)
        call_command("migrate", verbosity=0)
        from ledger import services

        rng = random.Random(args.seed)
        log = services.log_create(purpose="bench")
        built = 0.0
        results = []
        for size in sizes:
            built += grow(log, size)
            results.append(measure(log, args.samples, args.http_samples, rng))
            report(results[-1], built)
        connection.close()
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    first, last = results[0], results[-1]
    print(
        f"ratio HTTP view p95 {last['size']:,}/{first['size']:,}: "
        f"{last['http'][1] / first['http'][1]:.2f}"
    )
    ratio = last["by_hash"][1] / first["by_hash"][1]
    label = f"{last['size'] // 1_000_000}M" if last["size"] >= 1_000_000 else f"{last['size']:,}"
    small = f"{first['size'] // 1000}k" if first["size"] >= 1000 else str(first["size"])
    print(f"ratio inclusion proof p95 {label}/{small}: {ratio:.2f} (target <= {TARGET_RATIO})")


if __name__ == "__main__":
    main()
