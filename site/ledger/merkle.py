"""The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1, with SHA-256.

Standard library only and free of Django, so that a verifier outside the site can import this
file alone and check what the site publishes.

- §2.1.1: a leaf hashes as SHA-256(0x00 ‖ entry), an inner node as SHA-256(0x01 ‖ left ‖
  right); a tree of n > 1 leaves splits at k, the largest power of two smaller than n; the
  empty tree's hash is SHA-256 of nothing.
- §2.1.3.1 / §2.1.3.2: inclusion proofs, generated and verified.
- §2.1.4.1 / §2.1.4.2: consistency proofs, generated and verified.

Generation never walks the leaves. Every node of an RFC 9162 tree covers a range of leaves
that splits into a few *perfect* subtrees (2**level leaves starting at `index * 2**level`), and
a store keeps the hash of each perfect subtree as the leaves arrive. The generators here name
the perfect subtrees a proof needs (`*_subtrees`), so the store can fetch them all at once, and
then build the proof from a callback `subtree(level, index) -> bytes` that returns one of those
hashes. A proof of a tree of n leaves needs at most 2·log2(n) of them.

Indices count from 0, sizes are numbers of leaves.
"""

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()

Subtree = tuple[int, int]  # (level, index): leaves index·2**level … (index+1)·2**level − 1
SubtreeHash = Callable[[int, int], bytes]


def leaf_hash(entry: bytes) -> bytes:
    """§2.1.1: MTH({d(0)}) = SHA-256(0x00 ‖ d(0))."""
    return hashlib.sha256(LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """§2.1.1: SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split(n: int) -> int:
    """§2.1.1: k, the largest power of two smaller than n (n > 1)."""
    if n < 2:
        raise ValueError("only a tree of two leaves or more splits")
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of a list of leaf hashes (not entries), in one pass over them."""
    builder = TreeBuilder()
    for leaf in leaves:
        builder.append(leaf)
    return builder.root()


def range_subtrees(start: int, end: int) -> list[Subtree]:
    """The perfect subtrees, left to right, whose hashes make MTH(D[start:end]) of a node of an
    RFC 9162 tree: its width written in binary, largest power first. (Such a node starts at a
    multiple of the largest power of two not above its width, so each piece is aligned.)"""
    subtrees = []
    position = start
    while position < end:
        level = (end - position).bit_length() - 1
        if position % (1 << level):
            raise ValueError(f"[{start}, {end}) is not a node of an RFC 9162 tree")
        subtrees.append((level, position >> level))
        position += 1 << level
    return subtrees


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of adjacent perfect subtrees given left to right with decreasing sizes, as
    §2.1.1 combines them: the right-most pair first."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def range_hash(start: int, end: int, subtree: SubtreeHash) -> bytes:
    """MTH(D[start:end]) from the perfect subtrees of `range_subtrees`."""
    return fold([subtree(level, index) for level, index in range_subtrees(start, end)])


def root_subtrees(size: int) -> list[Subtree]:
    """The perfect subtrees whose hashes make the root of a tree of `size` leaves."""
    return range_subtrees(0, size)


def root_from(size: int, subtree: SubtreeHash) -> bytes:
    """MTH(D[size]) from the perfect subtrees of `root_subtrees` (the empty tree included)."""
    if size < 0:
        raise ValueError("a tree size is never negative")
    return range_hash(0, size, subtree) if size else EMPTY_ROOT


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """§2.1.3.1: the leaf ranges [start, end) whose MTH make PATH(index, D[size]), from the
    leaf's sibling up to the root's child."""
    if not 0 <= index < size:
        raise ValueError("the leaf index must be below the tree size")
    start, end = 0, size
    ranges = []
    while end - start > 1:
        k = split(end - start)
        if index < start + k:  # PATH(m, D[0:k]) : MTH(D[k:n])
            ranges.append((start + k, end))
            end = start + k
        else:  # PATH(m - k, D[k:n]) : MTH(D[0:k])
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def consistency_ranges(first: int, second: int) -> list[tuple[int, int]]:
    """§2.1.4.1: the leaf ranges [start, end) whose MTH make PROOF(first, D[second]), in the
    RFC's order (the deepest node first). Empty when first == second."""
    if not 0 < first <= second:
        raise ValueError("consistency needs 0 < first <= second")
    start, old, width, whole = 0, first, second, True
    ranges = []
    while old != width:
        k = split(width)
        if old <= k:  # SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            ranges.append((start + k, start + width))
            width = k
        else:  # SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            ranges.append((start, start + k))
            start += k
            old -= k
            width -= k
            whole = False
    if not whole:  # SUBPROOF(m, D[m], false) = {MTH(D[m])}
        ranges.append((start, start + width))
    ranges.reverse()
    return ranges


def _subtrees_of(ranges: Iterable[tuple[int, int]]) -> list[Subtree]:
    needed: dict[Subtree, None] = {}
    for start, end in ranges:
        needed.update(dict.fromkeys(range_subtrees(start, end)))
    return list(needed)


def inclusion_subtrees(index: int, size: int) -> list[Subtree]:
    """Every perfect subtree that `inclusion_proof(index, size, …)` asks its callback for."""
    return _subtrees_of(inclusion_ranges(index, size))


def consistency_subtrees(first: int, second: int) -> list[Subtree]:
    """Every perfect subtree that `consistency_proof(first, second, …)` asks its callback for."""
    return _subtrees_of(consistency_ranges(first, second))


def inclusion_proof(index: int, size: int, subtree: SubtreeHash) -> list[bytes]:
    """§2.1.3.1: the inclusion path of leaf `index` in the tree of `size` leaves."""
    return [range_hash(start, end, subtree) for start, end in inclusion_ranges(index, size)]


def consistency_proof(first: int, second: int, subtree: SubtreeHash) -> list[bytes]:
    """§2.1.4.1: the consistency path between the trees of `first` and `second` leaves."""
    return [range_hash(start, end, subtree) for start, end in consistency_ranges(first, second)]


def _is_hash(value) -> bool:
    return isinstance(value, bytes | bytearray) and len(value) == HASH_SIZE


def _equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(bytes(a), bytes(b))


def verify_inclusion(
    *, leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """§2.1.3.2: does `path` prove that leaf hash `leaf` is leaf `index` of the tree of `size`
    leaves whose hash is `root`? Malformed input is a failed proof, never an exception."""
    if not (_is_hash(leaf) and _is_hash(root) and all(_is_hash(p) for p in path)):
        return False
    if not 0 <= index < size:  # 1. leaf_index >= tree_size fails
        return False
    fn, sn = index, size - 1  # 2.
    r = bytes(leaf)  # 3.
    for p in path:  # 4.
        if sn == 0:  # 4a.
            return False
        if fn & 1 or fn == sn:  # 4b.
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1  # 4c.
        sn >>= 1
    return sn == 0 and _equal(r, root)  # 5.


def verify_consistency(
    *, first: int, second: int, first_hash: bytes, second_hash: bytes, path: Sequence[bytes]
) -> bool:
    """§2.1.4.2: does `path` prove that the tree of `first` leaves with hash `first_hash` is a
    prefix of the tree of `second` leaves with hash `second_hash`?

    The RFC's algorithm is for 0 < first < second; for first == second the only proof is the
    empty one, of two equal hashes (§2.1.4.1: PROOF(n, D[n]) is empty)."""
    if not (_is_hash(first_hash) and _is_hash(second_hash) and all(_is_hash(p) for p in path)):
        return False
    if not 0 < first <= second:
        return False
    if first == second:
        return not path and _equal(first_hash, second_hash)
    if not path:  # 1.
        return False
    path = list(path)
    if first & (first - 1) == 0:  # 2. first is a power of two
        path.insert(0, bytes(first_hash))
    fn, sn = first - 1, second - 1  # 3.
    while fn & 1:  # 4.
        fn >>= 1
        sn >>= 1
    fr = sr = bytes(path[0])  # 5.
    for c in path[1:]:  # 6.
        if sn == 0:  # 6a.
            return False
        if fn & 1 or fn == sn:  # 6b.
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1  # 6c.
        sn >>= 1
    return sn == 0 and _equal(fr, first_hash) and _equal(sr, second_hash)  # 7.


class TreeBuilder:
    """A tree grown one leaf at a time, keeping only its maximal perfect subtrees (at most
    log2(n) hashes): each append returns the perfect subtrees it completes, which is what a
    store must write to answer any later proof.

    Start from an existing tree with `TreeBuilder(size, frontier)`, `frontier` being the hashes
    of `root_subtrees(size)` in that order."""

    def __init__(self, size: int = 0, frontier: Sequence[bytes] = ()):
        levels = [level for level, _ in root_subtrees(size)]
        if len(levels) != len(frontier):
            raise ValueError("the frontier must hold one hash per subtree of root_subtrees(size)")
        self.size = size
        self._stack = [(level, bytes(h)) for level, h in zip(levels, frontier, strict=True)]

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; return the perfect subtrees of level 1 and up that it completes,
        as (level, index, hash)."""
        completed = []
        level, current = 0, bytes(leaf)
        position = self.size
        while self._stack and self._stack[-1][0] == level:
            _, left = self._stack.pop()
            current = node_hash(left, current)
            level += 1
            position >>= 1
            completed.append((level, position, current))
        self._stack.append((level, current))
        self.size += 1
        return completed

    def root(self) -> bytes:
        """MTH of the leaves so far."""
        return fold([h for _, h in self._stack]) if self._stack else EMPTY_ROOT
