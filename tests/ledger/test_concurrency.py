"""Simultaneous appends to one log on PostgreSQL: every entry gets an index, none twice, none
skipped, and the stored tree is the one the entries make.

Each append takes a row lock on the log before reading its size and frontier; without it two
transactions would read the same size, and the second would fail on the unique (log, index)
constraint or, with the nodes, build on a frontier the first had already moved."""

import threading

from django.db import connection

import pytest

from ledger import merkle, selectors, services
from ledger.models import Entry, Log, Node, TreeHead

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8
BATCHES = 6  # per thread


def test_simultaneous_appends_number_every_entry_once(on_postgres):
    log = services.log_create(purpose="poll")
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker(thread: int):
        try:
            own = Log.objects.get(pk=log.pk)
            barrier.wait(timeout=10)
            for batch in range(BATCHES):
                entries = [f"{thread}/{batch}/{i}".encode() for i in range(batch % 3 + 1)]
                services.log_append(log=own, entries=entries, shuffle=thread % 2 == 0)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []

    total = THREADS * sum(batch % 3 + 1 for batch in range(BATCHES))
    log.refresh_from_db()
    rows = list(Entry.objects.filter(log=log).order_by("index"))
    assert log.size == total
    assert [row.index for row in rows] == list(range(total))
    assert len({bytes(row.data) for row in rows}) == total
    leaves = [merkle.leaf_hash(bytes(row.data)) for row in rows]
    root = merkle.root(leaves)
    assert selectors.root_at(log=log, size=total) == root
    assert Node.objects.filter(log=log).count() == total - bin(total).count("1")
    heads = list(TreeHead.objects.filter(log=log).order_by("id"))
    assert [h.size for h in heads] == sorted(h.size for h in heads)
    assert len(heads) == 1 + THREADS * BATCHES
    assert bytes(heads[-1].root_hash) == root
    for head in heads:
        assert bytes(head.root_hash) == merkle.root(leaves[: head.size])
