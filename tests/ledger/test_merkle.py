"""`ledger.merkle` against RFC 9162 §2.1: published vectors, the RFC's recursive definitions
written out literally for every small tree, pymerkle 7 and properties over random trees."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymerkle import InmemoryTree, InvalidProof, verify_consistency, verify_inclusion

from ledger import merkle

# The eight entries of the Certificate Transparency reference implementation's tests
# (RFC 6962 and RFC 9162 share the tree), and the roots of their prefixes.
VECTOR_ENTRIES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
VECTOR_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
VECTOR_INCLUSION_0_OF_8 = [
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
]


def mth(entries: list[bytes]) -> bytes:
    """MTH(D[n]) exactly as §2.1.1 defines it, on entries (not hashes)."""
    n = len(entries)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


def rfc_path(m: int, entries: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of §2.1.3.1."""
    n = len(entries)
    if n == 1:
        return []
    k = merkle.split(n)
    if m < k:
        return rfc_path(m, entries[:k]) + [mth(entries[k:])]
    return rfc_path(m - k, entries[k:]) + [mth(entries[:k])]


def rfc_subproof(m: int, entries: list[bytes], b: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of §2.1.4.1."""
    n = len(entries)
    if m == n:
        return [] if b else [mth(entries)]
    k = merkle.split(n)
    if m <= k:
        return rfc_subproof(m, entries[:k], b) + [mth(entries[k:])]
    return rfc_subproof(m - k, entries[k:], False) + [mth(entries[:k])]


def entries_of(n: int) -> list[bytes]:
    return [f"entry {i}".encode() for i in range(n)]


def store(entries: list[bytes]):
    """The `subtree(level, index)` callback of a store holding every perfect subtree."""
    leaves = [merkle.leaf_hash(e) for e in entries]
    builder = merkle.TreeBuilder()
    hashes = {}
    for i, leaf in enumerate(leaves):
        hashes[0, i] = leaf
        for level, index, value in builder.append(leaf):
            hashes[level, index] = value
    return lambda level, index: hashes[level, index]


def flip_bit(value: bytes, bit: int) -> bytes:
    data = bytearray(value)
    data[bit // 8] ^= 1 << (bit % 8)
    return bytes(data)


def test_the_reference_vectors_roots():
    for size, expected in enumerate(VECTOR_ROOTS):
        leaves = [merkle.leaf_hash(e) for e in VECTOR_ENTRIES[:size]]
        assert merkle.root(leaves).hex() == expected
        assert mth(VECTOR_ENTRIES[:size]).hex() == expected


def test_the_reference_vectors_inclusion_path():
    path = merkle.inclusion_proof(0, 8, store(VECTOR_ENTRIES))
    assert [h.hex() for h in path] == VECTOR_INCLUSION_0_OF_8


def test_hashes_carry_the_domain_separation_prefixes():
    assert merkle.leaf_hash(b"a") == hashlib.sha256(b"\x00a").digest()
    assert merkle.node_hash(b"l", b"r") == hashlib.sha256(b"\x01lr").digest()
    assert merkle.root([]) == hashlib.sha256(b"").digest()


def test_split_is_the_largest_power_of_two_below_n():
    assert [merkle.split(n) for n in range(2, 11)] == [1, 2, 2, 4, 4, 4, 4, 8, 8]
    with pytest.raises(ValueError):
        merkle.split(1)


@pytest.mark.parametrize("n", range(21))
def test_roots_of_small_trees_match_the_definition(n):
    entries = entries_of(n)
    assert merkle.root([merkle.leaf_hash(e) for e in entries]) == mth(entries)
    assert merkle.root_from(n, store(entries)) == mth(entries)


@pytest.mark.parametrize("n", range(1, 21))
def test_inclusion_proofs_of_every_leaf_of_small_trees(n):
    entries = entries_of(n)
    subtree = store(entries)
    root = mth(entries)
    for m in range(n):
        path = merkle.inclusion_proof(m, n, subtree)
        assert path == rfc_path(m, entries)
        leaf = merkle.leaf_hash(entries[m])
        assert merkle.verify_inclusion(leaf=leaf, index=m, size=n, path=path, root=root)
        other = (m + 1) % n
        if other != m:
            assert not merkle.verify_inclusion(leaf=leaf, index=other, size=n, path=path, root=root)


@pytest.mark.parametrize("n", range(1, 21))
def test_consistency_proofs_of_every_pair_of_small_sizes(n):
    entries = entries_of(n)
    subtree = store(entries)
    for m in range(1, n + 1):
        path = merkle.consistency_proof(m, n, subtree)
        assert path == rfc_subproof(m, entries, True)
        assert merkle.verify_consistency(
            first=m, second=n, first_hash=mth(entries[:m]), second_hash=mth(entries), path=path
        )
        if m < n:
            assert not merkle.verify_consistency(
                first=m,
                second=n,
                first_hash=mth(entries[: m - 1] + [b"other"]),
                second_hash=mth(entries),
                path=path,
            )


def test_verification_refuses_malformed_input_without_raising():
    entries = entries_of(5)
    root = mth(entries)
    leaf = merkle.leaf_hash(entries[2])
    path = merkle.inclusion_proof(2, 5, store(entries))
    cases = [
        {"leaf": leaf, "index": 5, "size": 5, "path": path, "root": root},  # index past the tree
        {"leaf": leaf, "index": -1, "size": 5, "path": path, "root": root},
        {
            "leaf": leaf,
            "index": 2,
            "size": 5,
            "path": path + [leaf],
            "root": root,
        },  # one hash too many
        {"leaf": leaf, "index": 2, "size": 5, "path": path[:-1], "root": root},
        {"leaf": leaf[:31], "index": 2, "size": 5, "path": path, "root": root},
        {"leaf": leaf, "index": 2, "size": 5, "path": ["not bytes"], "root": root},
    ]
    for case in cases:
        assert merkle.verify_inclusion(**case) is False
    hashes = {"first_hash": mth(entries[:3]), "second_hash": root}
    assert merkle.verify_consistency(first=3, second=5, path=[], **hashes) is False
    assert merkle.verify_consistency(first=0, second=5, path=[], **hashes) is False
    assert merkle.verify_consistency(first=6, second=5, path=[], **hashes) is False
    assert merkle.verify_consistency(first=5, second=5, path=[], first_hash=root, second_hash=root)
    assert not merkle.verify_consistency(first=5, second=5, path=[root], **hashes)


def test_generators_refuse_impossible_requests():
    with pytest.raises(ValueError):
        merkle.inclusion_ranges(3, 3)
    with pytest.raises(ValueError):
        merkle.consistency_ranges(0, 3)
    with pytest.raises(ValueError):
        merkle.consistency_ranges(4, 3)
    with pytest.raises(ValueError):
        merkle.TreeBuilder(3, [b"x" * 32])  # a tree of 3 has two maximal perfect subtrees


def test_a_proof_asks_for_a_logarithmic_number_of_subtrees():
    n = 1_000_003
    for index in (0, 1, n // 2, n - 2, n - 1):
        assert len(merkle.inclusion_subtrees(index, n)) <= 2 * n.bit_length()
    for first in (1, 2, 3, n // 3, n - 1, n):
        assert len(merkle.consistency_subtrees(first, n)) <= 2 * n.bit_length()


def test_a_builder_resumed_from_its_frontier_goes_on_like_the_original():
    entries = entries_of(45)
    subtree = store(entries)
    for size in range(46):
        frontier = [subtree(level, index) for level, index in merkle.root_subtrees(size)]
        resumed = merkle.TreeBuilder(size, frontier)
        for entry in entries[size:]:
            resumed.append(merkle.leaf_hash(entry))
        assert resumed.root() == mth(entries)


# pymerkle 7's in-memory tree with its defaults is an RFC 9162 tree: SHA-256, with the 0x00 /
# 0x01 prefixes ("security", on by default), the empty tree hashing to SHA-256(""), and the
# split at the largest power of two below the width. It counts leaves from 1, and its proofs
# carry the base hash first: an inclusion proof's `path` is [leaf hash] + the RFC's audit path.
# Its consistency proofs follow a layout of their own (at m = k it descends right, and every
# path starts with a base hash and carries a bit mask telling which hashes rebuild the old
# root), so for those we compare each hash of our path with pymerkle's root of the same range
# of entries, and check that pymerkle's own proof verifies between our two roots.
def pymerkle_tree(entries: list[bytes]) -> InmemoryTree:
    tree = InmemoryTree(algorithm="sha256")
    for entry in entries:
        tree.append_entry(entry)
    return tree


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 20, 33])
def test_roots_and_inclusion_paths_equal_pymerkles(n):
    entries = entries_of(n)
    tree = pymerkle_tree(entries)
    subtree = store(entries)
    for size in range(n + 1):
        assert merkle.root_from(size, subtree) == tree.get_root(size)
    for size in range(1, n + 1):
        root = merkle.root_from(size, subtree)
        for m in range(size):
            ours = merkle.inclusion_proof(m, size, subtree)
            theirs = tree.prove_inclusion(m + 1, size)
            assert theirs.path == [merkle.leaf_hash(entries[m])] + ours
            verify_inclusion(merkle.leaf_hash(entries[m]), root, theirs)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 20])
def test_consistency_paths_agree_with_pymerkle(n):
    entries = entries_of(n)
    tree = pymerkle_tree(entries)
    subtree = store(entries)
    for second in range(1, n + 1):
        for first in range(1, second + 1):
            ours = merkle.consistency_proof(first, second, subtree)
            ranges = merkle.consistency_ranges(first, second)
            assert ours == [pymerkle_tree(entries[a:b]).get_root() for a, b in ranges]
            verify_consistency(
                merkle.root_from(first, subtree),
                merkle.root_from(second, subtree),
                tree.prove_consistency(first, second),
            )


def test_pymerkle_refuses_a_root_we_did_not_compute():
    entries = entries_of(9)
    tree = pymerkle_tree(entries)
    wrong = merkle.root([merkle.leaf_hash(e) for e in entries[:8]])
    with pytest.raises(InvalidProof):
        verify_consistency(wrong, tree.get_root(9), tree.prove_consistency(4, 9))


trees = st.lists(st.binary(max_size=12), min_size=1, max_size=70)


@settings(max_examples=150, deadline=None)
@given(entries=trees, data=st.data())
def test_any_inclusion_proof_verifies_and_any_flipped_bit_fails(entries, data):
    n = len(entries)
    m = data.draw(st.integers(0, n - 1))
    size = data.draw(st.integers(m + 1, n))
    subtree = store(entries)
    root = merkle.root_from(size, subtree)
    leaf = merkle.leaf_hash(entries[m])
    path = merkle.inclusion_proof(m, size, subtree)
    assert merkle.verify_inclusion(leaf=leaf, index=m, size=size, path=path, root=root)
    values = [leaf, root, *path]
    which = data.draw(st.integers(0, len(values) - 1))
    bit = data.draw(st.integers(0, 255))
    values[which] = flip_bit(values[which], bit)
    leaf, root, *path = values
    assert not merkle.verify_inclusion(leaf=leaf, index=m, size=size, path=path, root=root)


@settings(max_examples=150, deadline=None)
@given(entries=trees, data=st.data())
def test_any_consistency_proof_verifies_and_any_flipped_bit_fails(entries, data):
    n = len(entries)
    second = data.draw(st.integers(1, n))
    first = data.draw(st.integers(1, second))
    subtree = store(entries)
    hashes = [merkle.root_from(first, subtree), merkle.root_from(second, subtree)]
    path = merkle.consistency_proof(first, second, subtree)
    assert merkle.verify_consistency(
        first=first, second=second, first_hash=hashes[0], second_hash=hashes[1], path=path
    )
    values = [*hashes, *path]
    which = data.draw(st.integers(0, len(values) - 1))
    values[which] = flip_bit(values[which], data.draw(st.integers(0, 255)))
    first_hash, second_hash, *path = values
    assert not merkle.verify_consistency(
        first=first, second=second, first_hash=first_hash, second_hash=second_hash, path=path
    )


@settings(max_examples=60, deadline=None)
@given(entries=trees, data=st.data())
def test_a_proof_for_another_index_fails(entries, data):
    n = len(entries)
    if n < 2:
        return
    m = data.draw(st.integers(0, n - 1))
    subtree = store(entries)
    root = merkle.root_from(n, subtree)
    leaf = merkle.leaf_hash(entries[m])
    path = merkle.inclusion_proof(m, n, subtree)
    other = data.draw(st.integers(0, n - 1).filter(lambda i: i != m))
    if merkle.leaf_hash(entries[other]) != leaf:
        assert not merkle.verify_inclusion(leaf=leaf, index=other, size=n, path=path, root=root)


def test_the_module_stands_alone_for_outside_verifiers():
    """A verifier copies merkle.py and runs it with Python alone: no Django, no site."""
    import subprocess
    import sys
    from pathlib import Path

    source = Path(merkle.__file__)
    script = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('merkle', {str(source)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "loaded = {name.split('.')[0] for name in sys.modules}\n"
        "assert not loaded & {'django', 'ledger', 'config'}, loaded\n"
        "print(module.root([module.leaf_hash(b'')]).hex())\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == VECTOR_ROOTS[1]
