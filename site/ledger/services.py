"""Writes to the public logs: create a log, append entries, sign a tree head.

An append runs in one transaction under a row lock on the log, so concurrent appends to one
log take their indices one batch after the other, with no gap and no index twice. It stores
the entries, the hash of every perfect subtree they complete (computed in memory from the
log's frontier: the at most log2(n) maximal perfect subtrees of the tree so far) and a new
signed tree head.
"""

import secrets
import time
from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, transaction

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from config.keys import key_open, key_seal
from ledger import merkle, selectors
from ledger.models import TREE_HEAD_VERSION, Entry, Log, Node, TreeHead, tree_head_message

MAX_PURPOSE_LENGTH = 40
MAX_ENTRY_BYTES = 64 * 1024
BULK_CHUNK = 5000  # rows per INSERT statement


class LedgerError(ValueError):
    """An append or a log that the ledger refuses; `code` says why."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(message or code)
        self.code = code


def log_create(*, purpose: str, is_public: bool = True) -> Log:
    """A new, empty log with its own Ed25519 key pair and a signed head of the empty tree.
    The private key is stored only sealed (`config.keys.key_seal`)."""
    if not purpose or len(purpose) > MAX_PURPOSE_LENGTH or not purpose.isascii():
        raise LedgerError("bad_purpose", "a purpose is a short ASCII label such as 'poll'")
    private_key = Ed25519PrivateKey.generate()
    public_key = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    sealed = key_seal(
        secret=private_key.private_bytes_raw(), purpose=Log.signing_purpose(public_key)
    )
    with transaction.atomic():
        log = Log.objects.create(
            purpose=purpose,
            is_public=is_public,
            public_key=public_key,
            sealed_private_key=sealed,
        )
        _sign(log, merkle.EMPTY_ROOT)
    return log


def _checked(entries: Sequence[bytes]) -> list[bytes]:
    checked = []
    for data in entries:
        if not isinstance(data, bytes | bytearray | memoryview):
            raise LedgerError("entry_not_bytes", "each entry is its canonical bytes")
        if len(data) > MAX_ENTRY_BYTES:
            raise LedgerError("entry_too_large", f"an entry has at most {MAX_ENTRY_BYTES} bytes")
        checked.append(bytes(data))
    return checked


def log_append(*, log: Log, entries: Sequence[bytes], shuffle: bool = False) -> TreeHead:
    """Append `entries` (each an entry's canonical bytes) at the end of the log, in one
    transaction, and sign the new tree head, which this returns.

    `shuffle` puts the batch in an order drawn from the system's CSPRNG before indices are
    given, so the order of the log says nothing about the order in which the entries arrived
    (a batch of secret ballots). `log` is refreshed with the new size."""
    batch = _checked(entries)
    if not batch:
        raise LedgerError("empty_batch", "an append needs at least one entry")
    if shuffle:
        secrets.SystemRandom().shuffle(batch)
    with transaction.atomic():
        locked = Log.objects.select_for_update().get(pk=log.pk)
        root = _append_locked(locked, batch)
        head = _sign(locked, root)
    log.size = locked.size
    return head


def log_append_many(*, log: Log, entries: Iterable[bytes], chunk_size: int = 50_000) -> TreeHead:
    """Append a long stream of entries (a benchmark's million, an import) in transactions of
    `chunk_size` entries each, then sign one tree head. Each chunk is an ordinary append under
    the log's lock; only the signing is left to the end."""
    iterator = iter(entries)
    while chunk := _checked(list(islice(iterator, chunk_size))):
        with transaction.atomic():
            locked = Log.objects.select_for_update().get(pk=log.pk)
            _append_locked(locked, chunk)
    return tree_head_sign(log=log)


def _append_locked(log: Log, batch: list[bytes]) -> bytes:
    """Store `batch` after the log's last entry (the caller holds the log's row lock);
    return the new root."""
    frontier_subtrees = merkle.root_subtrees(log.size)
    hashes = selectors.subtree_hashes(log=log, subtrees=frontier_subtrees)
    builder = merkle.TreeBuilder(log.size, [hashes[s] for s in frontier_subtrees])
    entries: list[tuple] = []
    nodes: list[tuple] = []
    for data in batch:
        leaf = merkle.leaf_hash(data)
        entries.append((log.pk, builder.size, leaf, data))
        for level, index, value in builder.append(leaf):
            nodes.append((log.pk, level, index, value))
        if len(entries) >= BULK_CHUNK:
            _insert(Entry, ENTRY_COLUMNS, entries)
            entries = []
        if len(nodes) >= BULK_CHUNK:
            _insert(Node, NODE_COLUMNS, nodes)
            nodes = []
    _insert(Entry, ENTRY_COLUMNS, entries)
    _insert(Node, NODE_COLUMNS, nodes)
    log.size = builder.size
    log.save(update_fields=["size"])
    return builder.root()


ENTRY_COLUMNS = ("log_id", "index", "leaf_hash", "data")
NODE_COLUMNS = ("log_id", "level", "index", "hash")


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT many rows. On PostgreSQL, one statement over UNNEST of one array per column:
    Django's bulk_create cannot use its own UNNEST path for BinaryField columns and spends its
    time writing and splitting a statement of 20,000 placeholders per 5,000 rows. Measured
    (20,000 entries and their nodes, two runs each, on a busy machine): 16.0 s and 21.4 s
    through bulk_create, 4.6 s and 3.2 s through UNNEST."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows])
        return
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in columns]
    types = [field.target_field if field.is_relation else field for field in fields]
    arrays = ", ".join(f"%s::{t.db_type(connection).split('(')[0]}[]" for t in types)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT * FROM UNNEST({arrays})",  # noqa: S608
            [list(column) for column in zip(*rows, strict=True)],
        )


def tree_head_sign(*, log: Log) -> TreeHead:
    """Sign a tree head for the log's current size (a fresh timestamp over the same root, for
    a log that has had no append for a while)."""
    with transaction.atomic():
        locked = Log.objects.select_for_update().get(pk=log.pk)
        head = _sign(locked, selectors.root_at(log=locked, size=locked.size))
    log.size = locked.size
    return head


def _sign(log: Log, root: bytes) -> TreeHead:
    """Sign (size, now, root) with the log's key. The timestamp never goes back within a log,
    even if the clock does: a verifier may order heads by it."""
    latest = selectors.tree_head_latest(log=log)
    timestamp = time.time_ns() // 1_000_000
    if latest is not None:
        timestamp = max(timestamp, latest.timestamp)
    message = tree_head_message(size=log.size, timestamp=timestamp, root_hash=root)
    secret = key_open(
        sealed=bytes(log.sealed_private_key), purpose=Log.signing_purpose(log.public_key)
    )
    signature = Ed25519PrivateKey.from_private_bytes(secret).sign(message)
    return TreeHead.objects.create(
        log=log, size=log.size, timestamp=timestamp, root_hash=root, signature=signature
    )


def leaf_promise_sign(*, log: Log, message: bytes) -> bytes:
    """The log key's Ed25519 signature over an app's promise about a leaf (a poll's ballot
    receipt: `polls.protocol.receipt_message`). A message shaped like a tree head (49 bytes
    beginning with the version byte 0x01) is refused: with the same key, such a signature
    would be a tree head the log never made."""
    message = bytes(message)
    if len(message) == len(tree_head_message(size=0, timestamp=0, root_hash=bytes(32))) and (
        message[:1] == bytes([TREE_HEAD_VERSION])
    ):
        raise LedgerError("tree_head_shaped", "a promise must not be shaped like a tree head")
    secret = key_open(
        sealed=bytes(log.sealed_private_key), purpose=Log.signing_purpose(log.public_key)
    )
    return Ed25519PrivateKey.from_private_bytes(secret).sign(message)
