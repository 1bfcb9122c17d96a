"""Creating logs, appending to them and signing their tree heads."""

import struct

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from config.keys import SealedKeyError, key_open
from ledger import merkle, selectors, services
from ledger.models import Entry, Log, Node, TreeHead, tree_head_message
from tests.ledger.factories import entries_of, log_with

pytestmark = pytest.mark.django_db


def verify_head(log: Log, head: TreeHead) -> None:
    """Raises InvalidSignature unless the head's signature is the log's over its message."""
    message = struct.pack(">BQQ", 1, head.size, head.timestamp) + bytes(head.root_hash)
    Ed25519PublicKey.from_public_bytes(bytes(log.public_key)).verify(bytes(head.signature), message)


def test_a_new_log_has_its_own_key_and_a_signed_head_of_the_empty_tree():
    log = services.log_create(purpose="meeting", is_public=False)
    other = services.log_create(purpose="meeting", is_public=False)
    assert len(bytes(log.public_key)) == 32
    assert bytes(log.public_key) != bytes(other.public_key)
    head = TreeHead.objects.get(log=log)
    assert (head.size, bytes(head.root_hash)) == (0, merkle.EMPTY_ROOT)
    verify_head(log, head)


def test_the_private_key_is_stored_only_sealed_and_opens_for_its_own_public_key():
    log = services.log_create(purpose="poll")
    log.refresh_from_db()
    secret = key_open(
        sealed=bytes(log.sealed_private_key), purpose=Log.signing_purpose(log.public_key)
    )
    assert secret not in bytes(log.sealed_private_key)
    public = Ed25519PrivateKey.from_private_bytes(secret).public_key()
    assert public.public_bytes(Encoding.Raw, PublicFormat.Raw) == bytes(log.public_key)
    other = services.log_create(purpose="poll")
    with pytest.raises(SealedKeyError):
        key_open(
            sealed=bytes(log.sealed_private_key), purpose=Log.signing_purpose(other.public_key)
        )


def test_a_sealed_key_moved_to_another_log_does_not_sign():
    log = services.log_create(purpose="poll")
    other = services.log_create(purpose="poll")
    Log.objects.filter(pk=other.pk).update(sealed_private_key=bytes(log.sealed_private_key))
    with pytest.raises(SealedKeyError):
        services.log_append(log=Log.objects.get(pk=other.pk), entries=[b"x"])
    assert Entry.objects.filter(log=other).count() == 0


def test_appends_number_entries_in_order_and_sign_each_new_root():
    log = services.log_create(purpose="poll")
    batches = [entries_of(1), entries_of(3, start=1), entries_of(12, start=4)]
    heads = [services.log_append(log=log, entries=batch) for batch in batches]
    everything = [entry for batch in batches for entry in batch]
    stored = list(Entry.objects.filter(log=log).order_by("index"))
    assert [e.index for e in stored] == list(range(16))
    assert [bytes(e.data) for e in stored] == everything
    assert all(bytes(e.leaf_hash) == merkle.leaf_hash(bytes(e.data)) for e in stored)
    assert [h.size for h in heads] == [1, 4, 16] and log.size == 16
    for head in heads:
        verify_head(log, head)
        leaves = [merkle.leaf_hash(e) for e in everything[: head.size]]
        assert bytes(head.root_hash) == merkle.root(leaves)
    assert heads[0].timestamp <= heads[1].timestamp <= heads[2].timestamp


def test_a_changed_tree_head_no_longer_verifies():
    log = log_with(5)
    head = selectors.tree_head_latest(log=log)
    verify_head(log, head)
    for change in ({"size": 6}, {"timestamp": head.timestamp + 1}, {"root_hash": b"\0" * 32}):
        altered = TreeHead(**{**{f: getattr(head, f) for f in ("size", "timestamp")}, **change})
        altered.root_hash = change.get("root_hash", head.root_hash)
        altered.signature = head.signature
        with pytest.raises(InvalidSignature):
            verify_head(log, altered)


def test_the_signed_message_is_version_size_timestamp_root():
    message = tree_head_message(size=3, timestamp=1_700_000_000_123, root_hash=b"\xab" * 32)
    head = b"\x01" + (3).to_bytes(8, "big") + (1_700_000_000_123).to_bytes(8, "big")
    assert message == head + b"\xab" * 32
    assert len(message) == 49 and message.endswith(b"\xab" * 32)
    with pytest.raises(ValueError):
        tree_head_message(size=3, timestamp=0, root_hash=b"short")


def test_nodes_hold_every_perfect_subtree_and_nothing_else():
    for n in (1, 2, 7, 64, 100):
        log = log_with(n)
        assert Node.objects.filter(log=log).count() == n - bin(n).count("1")


def test_a_shuffled_batch_keeps_its_entries_but_not_their_order():
    batch = entries_of(64)
    plain = services.log_create(purpose="poll")
    services.log_append(log=plain, entries=batch)
    assert [bytes(e.data) for e in Entry.objects.filter(log=plain).order_by("index")] == batch
    shuffled = services.log_create(purpose="poll")
    services.log_append(log=shuffled, entries=batch, shuffle=True)
    stored = [bytes(e.data) for e in Entry.objects.filter(log=shuffled).order_by("index")]
    assert sorted(stored) == sorted(batch)
    assert stored != batch  # 1 chance in 64! of failing
    leaves = [merkle.leaf_hash(data) for data in stored]
    assert bytes(selectors.tree_head_latest(log=shuffled).root_hash) == merkle.root(leaves)


def test_bulk_and_one_by_one_appends_build_the_same_tree():
    bulk = log_with(100)
    single = services.log_create(purpose="poll")
    for entry in entries_of(100):
        services.log_append(log=single, entries=[entry])
    for size in (1, 2, 3, 50, 63, 64, 65, 100):
        assert selectors.root_at(log=bulk, size=size) == selectors.root_at(log=single, size=size)


def test_a_bulk_append_in_chunks_signs_one_head_at_the_end():
    log = services.log_create(purpose="poll")
    head = services.log_append_many(log=log, entries=iter(entries_of(1000)), chunk_size=128)
    assert head.size == 1000 and log.size == 1000
    assert TreeHead.objects.filter(log=log).count() == 2  # the empty tree's and this one
    leaves = [merkle.leaf_hash(e) for e in entries_of(1000)]
    assert bytes(head.root_hash) == merkle.root(leaves)


def test_tree_head_sign_signs_the_current_root_again():
    log = log_with(9)
    before = selectors.tree_head_latest(log=log)
    head = services.tree_head_sign(log=log)
    assert (head.size, bytes(head.root_hash)) == (9, bytes(before.root_hash))
    assert head.timestamp >= before.timestamp and head.pk != before.pk
    verify_head(log, head)


@pytest.mark.parametrize(
    ("entries", "code"),
    [
        ([], "empty_batch"),
        (["text, not bytes"], "entry_not_bytes"),
        ([b"x" * (services.MAX_ENTRY_BYTES + 1)], "entry_too_large"),
    ],
)
def test_bad_batches_are_refused_and_change_nothing(entries, code):
    log = services.log_create(purpose="poll")
    with pytest.raises(services.LedgerError) as refused:
        services.log_append(log=log, entries=entries)
    assert refused.value.code == code
    assert Log.objects.get(pk=log.pk).size == 0 and not Entry.objects.filter(log=log).exists()


@pytest.mark.parametrize("purpose", ["", "x" * 41, "опитування"])
def test_a_log_needs_a_short_ascii_purpose(purpose):
    with pytest.raises(services.LedgerError):
        services.log_create(purpose=purpose)
