"""Roots, proofs and entries read from the database: equal to the in-memory tree's, and each
reading a fixed, small number of rows whatever the log's size."""

import random

import pytest

from ledger import merkle, selectors, services
from ledger.models import Node
from tests.ledger.factories import entries_of, log_with

pytestmark = pytest.mark.django_db


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(e) for e in entries_of(n)]


def in_memory(n: int):
    hashes = {}
    builder = merkle.TreeBuilder()
    for i, leaf in enumerate(leaves(n)):
        hashes[0, i] = leaf
        for level, index, value in builder.append(leaf):
            hashes[level, index] = value
    return lambda level, index: hashes[level, index]


def test_roots_and_proofs_at_every_size_equal_the_in_memory_trees():
    n = 37
    log = services.log_create(purpose="poll")
    for start, count in ((0, 1), (1, 4), (5, 11), (16, 21)):
        services.log_append(log=log, entries=entries_of(count, start=start))
    subtree = in_memory(n)
    for size in range(n + 1):
        assert selectors.root_at(log=log, size=size) == merkle.root(leaves(size))
    for size in (1, 2, 16, 17, 31, 37):
        for index in range(size):
            assert selectors.inclusion_proof(log=log, index=index, size=size) == (
                merkle.inclusion_proof(index, size, subtree)
            )
        for first in range(1, size + 1):
            assert selectors.consistency_proof(log=log, first=first, second=size) == (
                merkle.consistency_proof(first, size, subtree)
            )


def test_a_proof_by_leaf_hash_finds_the_first_entry_with_it():
    log = services.log_create(purpose="poll")
    services.log_append(log=log, entries=[b"a", b"b", b"a", b"c"])
    a, c = merkle.leaf_hash(b"a"), merkle.leaf_hash(b"c")
    index, path = selectors.inclusion_proof_by_hash(log=log, leaf_hash=a, size=4)
    assert index == 0
    root = selectors.root_at(log=log, size=4)
    assert merkle.verify_inclusion(leaf=a, index=0, size=4, path=path, root=root)
    index, _ = selectors.inclusion_proof_by_hash(log=log, leaf_hash=c, size=4)
    assert index == 3
    with pytest.raises(selectors.LedgerQueryError) as missing:
        selectors.inclusion_proof_by_hash(log=log, leaf_hash=c, size=3)
    assert missing.value.code == "leaf_not_found"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda log: selectors.root_at(log=log, size=6), "tree_size_out_of_range"),
        (
            lambda log: selectors.inclusion_proof(log=log, index=5, size=5),
            "leaf_index_out_of_range",
        ),
        (lambda log: selectors.inclusion_proof(log=log, index=0, size=6), "tree_size_out_of_range"),
        (lambda log: selectors.consistency_proof(log=log, first=0, second=5), "first_out_of_range"),
        (lambda log: selectors.consistency_proof(log=log, first=3, second=2), "first_out_of_range"),
        (lambda log: selectors.entries_range(log=log, start=3, end=2), "bad_range"),
        (lambda log: selectors.entries_range(log=log, start=0, end=1001), "range_too_long"),
    ],
)
def test_impossible_reads_say_why(call, code):
    log = log_with(5)
    with pytest.raises(selectors.LedgerQueryError) as refused:
        call(log)
    assert refused.value.code == code


def test_a_missing_node_is_reported_not_papered_over():
    log = log_with(8)
    Node.objects.filter(log=log, level=2, index=1).delete()
    with pytest.raises(selectors.MissingNodeError):
        selectors.inclusion_proof(log=log, index=0, size=8)


def test_entries_come_in_order_and_stop_at_the_logs_end():
    log = log_with(30)
    rows = list(selectors.entries_range(log=log, start=25, end=40))
    assert [e.index for e in rows] == [25, 26, 27, 28, 29]
    assert [e.index for e in selectors.entries_all(log=log, size=30, chunk=7)] == list(range(30))


@pytest.mark.parametrize("n", [1000, 10_000])
def test_a_proof_reads_a_fixed_number_of_queries(n, django_assert_max_num_queries):
    log = log_with(n)
    rng = random.Random(n)
    subtree = in_memory(n)
    for _ in range(20):
        size = rng.randint(1, n)
        index = rng.randrange(size)
        with django_assert_max_num_queries(2):
            path = selectors.inclusion_proof(log=log, index=index, size=size)
        assert path == merkle.inclusion_proof(index, size, subtree)
        with django_assert_max_num_queries(3):
            selectors.inclusion_proof_by_hash(
                log=log, leaf_hash=leaves(index + 1)[index], size=size
            )
        first = rng.randint(1, size)
        with django_assert_max_num_queries(2):
            path = selectors.consistency_proof(log=log, first=first, second=size)
        assert path == merkle.consistency_proof(first, size, subtree)
        with django_assert_max_num_queries(2):
            assert selectors.root_at(log=log, size=size) == merkle.root_from(size, subtree)
