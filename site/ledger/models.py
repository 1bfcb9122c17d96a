"""Append-only public logs: RFC 9162 Merkle trees kept in the database, with signed tree heads.

A log's entries are never changed or removed; each append adds entries at the end, stores the
hash of every perfect subtree the new leaves complete (`Node`) and signs a new tree head. A
root or a proof at any size then reads O(log n) rows: see `ledger.merkle` for the tree and
`ledger.selectors` for the reads.
"""

import struct

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TREE_HEAD_VERSION = 1


def tree_head_message(*, size: int, timestamp: int, root_hash: bytes) -> bytes:
    """The bytes a tree head's Ed25519 signature covers, 49 of them, unambiguous by their
    fixed layout:

        version (1 byte, 0x01) ‖ tree size (8 bytes, big-endian, unsigned)
        ‖ timestamp (8 bytes, big-endian, unsigned; milliseconds since the Unix epoch, UTC)
        ‖ root hash (32 bytes, SHA-256 as RFC 9162 §2.1.1 defines it)

    Each log has its own key, so the log a signature belongs to is the key that verifies it."""
    if len(root_hash) != 32:
        raise ValueError("a root hash has 32 bytes")
    return struct.pack(">BQQ", TREE_HEAD_VERSION, size, timestamp) + bytes(root_hash)


class Log(models.Model):
    """One append-only log. `purpose` names the app that owns it ("poll", "meeting"); a log
    that is not public is shown only to whom that app's access checker allows
    (`ledger.access`)."""

    purpose = models.CharField(_("purpose"), max_length=40)
    is_public = models.BooleanField(_("public"), default=True)
    size = models.BigIntegerField(_("size"), default=0)
    public_key = models.BinaryField(_("public key"), max_length=32)
    # The Ed25519 private key, sealed with `config.keys.key_seal` (purpose: `signing_purpose`).
    sealed_private_key = models.BinaryField(_("sealed private key"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("public log")
        verbose_name_plural = _("public logs")

    def __str__(self):
        return f"{self.purpose} log {self.pk} ({self.size})"

    @staticmethod
    def signing_purpose(public_key: bytes) -> str:
        """What the private key is sealed for: bound to its public key, so a sealed key moved
        to another log's row does not open there."""
        return f"ledger.signing-key:{bytes(public_key).hex()}"


class Entry(models.Model):
    """Leaf `index` of a log: the entry's canonical bytes, so anyone can recompute its hash
    SHA-256(0x00 ‖ data)."""

    # No index of its own: the constraint or index below starts with the log.
    log = models.ForeignKey(Log, on_delete=models.PROTECT, related_name="entries", db_index=False)
    index = models.BigIntegerField()
    leaf_hash = models.BinaryField(max_length=32)
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["log", "index"], name="ledger_entry_unique_index"),
        ]
        indexes = [models.Index(fields=["log", "leaf_hash"], name="ledger_entry_leaf_hash")]

    def __str__(self):
        return f"entry {self.index} of log {self.log_id}"


class Node(models.Model):
    """The hash of a perfect subtree of level 1 or more: leaves index·2**level to
    (index+1)·2**level − 1. (Level 0, the leaves, are the entries' hashes.)"""

    # No index of its own: the constraint or index below starts with the log.
    log = models.ForeignKey(Log, on_delete=models.PROTECT, related_name="nodes", db_index=False)
    level = models.SmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["log", "level", "index"], name="ledger_node_unique_position"
            ),
        ]

    def __str__(self):
        return f"node ({self.level}, {self.index}) of log {self.log_id}"


class TreeHead(models.Model):
    """A signed statement of the log's size and root hash at a moment (RFC 9162 §4.10's
    signed tree head, with our own byte layout: `tree_head_message`)."""

    # No index of its own: the constraint or index below starts with the log.
    log = models.ForeignKey(
        Log, on_delete=models.PROTECT, related_name="tree_heads", db_index=False
    )
    size = models.BigIntegerField()
    timestamp = models.BigIntegerField()  # milliseconds since the Unix epoch
    root_hash = models.BinaryField(max_length=32)
    signature = models.BinaryField(max_length=64)

    class Meta:
        # The latest head and the list of heads, both in order of signing.
        indexes = [models.Index(fields=["log", "id"], name="ledger_treehead_order")]

    def __str__(self):
        return f"tree head of log {self.log_id} at size {self.size}"

    def message(self) -> bytes:
        return tree_head_message(
            size=self.size, timestamp=self.timestamp, root_hash=bytes(self.root_hash)
        )
