"""Reads of the public logs: roots, proofs, entries and tree heads.

A root or a proof at any size up to the log's current one reads the hashes of the perfect
subtrees that `ledger.merkle` names for it: at most about 2·log2(n) of them, fetched in two
queries (the leaves among them from `Entry`, the rest from `Node`), whatever the log's size.
"""

import operator
from collections.abc import Iterable
from functools import reduce

from django.db.models import Q, QuerySet

from ledger import access, merkle
from ledger.models import Entry, Log, Node, TreeHead

MAX_ENTRIES_PER_REQUEST = 1000


class LedgerQueryError(ValueError):
    """A read that asks for something no log can answer (a size past the log's, a leaf that
    is not in it): `code` says which, for an API to report."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


class MissingNodeError(LookupError):
    """A perfect subtree that should be stored is not: the log's tables are damaged."""


def log_readable(*, log_id: int, user) -> Log | None:
    """The log, if it exists and `user` may read it (`ledger.access`)."""
    log = Log.objects.filter(pk=log_id).first()
    if log is None or not access.can_read(log, user):
        return None
    return log


def subtree_hashes(*, log: Log, subtrees: Iterable[merkle.Subtree]) -> dict[merkle.Subtree, bytes]:
    """The hashes of the given perfect subtrees of `log`, by (level, index)."""
    wanted = set(subtrees)
    leaves = [index for level, index in wanted if level == 0]
    by_level: dict[int, list[int]] = {}
    for level, index in wanted:
        if level:
            by_level.setdefault(level, []).append(index)
    found: dict[merkle.Subtree, bytes] = {}
    if leaves:
        rows = Entry.objects.filter(log=log, index__in=leaves).values_list("index", "leaf_hash")
        found.update(((0, index), bytes(value)) for index, value in rows)
    if by_level:
        condition = reduce(
            operator.or_,
            (Q(level=level, index__in=indices) for level, indices in by_level.items()),
        )
        rows = Node.objects.filter(condition, log=log).values_list("level", "index", "hash")
        found.update(((level, index), bytes(value)) for level, index, value in rows)
    if len(found) != len(wanted):
        raise MissingNodeError(f"log {log.pk}: missing subtrees {sorted(wanted - set(found))}")
    return found


def _check_size(log: Log, size: int, *, code: str = "tree_size_out_of_range") -> None:
    if not 0 <= size <= log.size:
        raise LedgerQueryError(code, f"tree size {size} is not between 0 and {log.size}")


def root_at(*, log: Log, size: int) -> bytes:
    """MTH of the log's first `size` entries (the current root when size == log.size)."""
    _check_size(log, size)
    hashes = subtree_hashes(log=log, subtrees=merkle.root_subtrees(size))
    return merkle.root_from(size, lambda level, index: hashes[level, index])


def inclusion_proof(*, log: Log, index: int, size: int) -> list[bytes]:
    """RFC 9162 §2.1.3.1: the inclusion path of leaf `index` in the tree of `size` entries."""
    _check_size(log, size)
    if not 0 <= index < size:
        raise LedgerQueryError("leaf_index_out_of_range", "the leaf index must be below the size")
    hashes = subtree_hashes(log=log, subtrees=merkle.inclusion_subtrees(index, size))
    return merkle.inclusion_proof(index, size, lambda level, i: hashes[level, i])


def entry_by_leaf_hash(*, log: Log, leaf_hash: bytes, size: int) -> Entry | None:
    """The first entry with this leaf hash among the log's first `size` ones."""
    candidates = Entry.objects.filter(log=log, leaf_hash=leaf_hash, index__lt=size)
    return candidates.order_by("index").first()


def inclusion_proof_by_hash(*, log: Log, leaf_hash: bytes, size: int) -> tuple[int, list[bytes]]:
    """(leaf index, inclusion path) of the entry whose leaf hash is `leaf_hash`, in the tree of
    `size` entries (RFC 9162 §5.4, get-proof-by-hash)."""
    _check_size(log, size)
    entry = entry_by_leaf_hash(log=log, leaf_hash=leaf_hash, size=size)
    if entry is None:
        raise LedgerQueryError("leaf_not_found", "no entry of that tree has this leaf hash")
    return entry.index, inclusion_proof(log=log, index=entry.index, size=size)


def consistency_proof(*, log: Log, first: int, second: int) -> list[bytes]:
    """RFC 9162 §2.1.4.1: the consistency path from the tree of `first` entries to that of
    `second` entries (0 < first <= second <= the log's size)."""
    _check_size(log, second)
    if not 0 < first <= second:
        raise LedgerQueryError("first_out_of_range", "first must be between 1 and second")
    hashes = subtree_hashes(log=log, subtrees=merkle.consistency_subtrees(first, second))
    return merkle.consistency_proof(first, second, lambda level, i: hashes[level, i])


def entries_range(*, log: Log, start: int, end: int) -> QuerySet[Entry]:
    """Entries start … end − 1, in order; at most MAX_ENTRIES_PER_REQUEST of them, and none
    past the log's size."""
    if not 0 <= start <= end:
        raise LedgerQueryError("bad_range", "0 <= start <= end is required")
    if end - start > MAX_ENTRIES_PER_REQUEST:
        raise LedgerQueryError("range_too_long", "at most 1000 entries per request")
    end = min(end, log.size)
    return Entry.objects.filter(log=log, index__gte=start, index__lt=end).order_by("index")


def entries_all(*, log: Log, size: int, chunk: int = MAX_ENTRIES_PER_REQUEST):
    """Every entry below `size`, in order, read chunk by chunk on the unique (log, index)
    index, so an export of a million entries never holds them all or scans from the start."""
    for start in range(0, size, chunk):
        yield from Entry.objects.filter(
            log=log, index__gte=start, index__lt=min(start + chunk, size)
        ).order_by("index")


def tree_head_latest(*, log: Log) -> TreeHead | None:
    return TreeHead.objects.filter(log=log).order_by("-id").first()


def tree_heads(*, log: Log) -> QuerySet[TreeHead]:
    """Every tree head the log has signed, oldest first."""
    return TreeHead.objects.filter(log=log).order_by("id")
