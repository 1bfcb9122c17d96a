""" "Check my vote": each of a co-owner's log entries proved to be in the meeting's log.

For every vote the co-owner cast (or that was cast on their right), the server reads the entry
at its index, recomputes its leaf hash from the entry's bytes (RFC 9162 §2.1.1), asks the
ledger for the inclusion path to the latest signed tree head (§2.1.3.1), verifies the path
with `ledger.merkle` (§2.1.3.2) and the tree head's Ed25519 signature with the log's key. The
page shows the verdicts and every input, so anyone can recompute them without trusting us.
"""

from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ledger import merkle
from ledger import selectors as ledger_selectors
from ledger.models import Entry, TreeHead


@dataclass(frozen=True)
class EntryCheck:
    """One of my votes and what was checked of it."""

    vote: object
    index: int
    data: str  # the entry's canonical bytes (UTF-8 JSON)
    leaf_hash: str
    path: list[str] = field(default_factory=list)
    leaf_matches: bool = False  # SHA-256(0x00 ‖ data) is the leaf hash the vote recorded
    included: bool = False  # the path leads from the leaf to the signed root

    @property
    def passed(self) -> bool:
        return self.leaf_matches and self.included


def tree_head_verifies(*, head: TreeHead, public_key: bytes) -> bool:
    """Does the log's key sign this tree head (`ledger.models.tree_head_message`)?"""
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(
            bytes(head.signature), head.message()
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def entries_checked(*, log, head: TreeHead, votes) -> list[EntryCheck]:
    """Each vote's entry checked against `head` (votes entered after it are left out: the
    next tree head covers them)."""
    votes = [vote for vote in votes if vote.entry_index < head.size]
    stored = {
        entry.index: entry
        for entry in Entry.objects.filter(log=log, index__in=[v.entry_index for v in votes])
    }
    root = bytes(head.root_hash)
    checks = []
    for vote in votes:
        entry = stored.get(vote.entry_index)
        data = bytes(entry.data) if entry is not None else b""
        recorded = bytes(vote.leaf_hash)
        path = ledger_selectors.inclusion_proof(log=log, index=vote.entry_index, size=head.size)
        checks.append(
            EntryCheck(
                vote=vote,
                index=vote.entry_index,
                data=data.decode("utf-8", errors="replace"),
                leaf_hash=recorded.hex(),
                path=[step.hex() for step in path],
                leaf_matches=entry is not None and merkle.leaf_hash(data) == recorded,
                included=merkle.verify_inclusion(
                    leaf=recorded, index=vote.entry_index, size=head.size, path=path, root=root
                ),
            )
        )
    return checks
