"""RFC 9180 HPKE for sealed ballots: the Appendix A.3.1 vectors, round trips, and refusals."""

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polls import sealing
from polls.sealing import SealingError

from . import rfc9180_vectors as A31

POLL_INFO = b"spilno poll 17"


def unhex(value: str) -> bytes:
    return bytes.fromhex(value)


def test_suite_is_the_one_of_appendix_a3():
    assert (
        sealing.SUITE.kem.id.value,
        sealing.SUITE.kdf.id.value,
        sealing.SUITE.aead.id.value,
    ) == (
        0x0010,
        0x0001,
        0x0001,
    )


def test_derive_key_pair_gives_the_vector_keys():
    assert sealing.key_derive(unhex(A31.IKM_R)) == (unhex(A31.SK_RM), unhex(A31.PK_RM))
    assert sealing.key_derive(unhex(A31.IKM_E)) == (unhex(A31.SK_EM), unhex(A31.PK_EM))


def test_encapsulation_gives_the_vector_enc_and_shared_secret():
    ephemeral = sealing.SUITE.kem.derive_key_pair(unhex(A31.IKM_E))
    recipient = sealing.SUITE.kem.deserialize_public_key(unhex(A31.PK_RM))
    shared_secret, enc = sealing.SUITE.kem.encap(recipient, None, ephemeral)
    assert enc == unhex(A31.ENC)
    assert shared_secret == unhex(A31.SHARED_SECRET)
    private = sealing.SUITE.kem.deserialize_private_key(unhex(A31.SK_RM))
    assert sealing.SUITE.kem.decap(enc, private) == unhex(A31.SHARED_SECRET)


def test_encryptions_of_the_vector_sequence_numbers():
    ephemeral = sealing.SUITE.kem.derive_key_pair(unhex(A31.IKM_E))
    recipient_public = sealing.SUITE.kem.deserialize_public_key(unhex(A31.PK_RM))
    enc, sender = sealing.SUITE.create_sender_context(
        recipient_public, info=unhex(A31.INFO), eks=ephemeral
    )
    assert enc == unhex(A31.ENC)
    recipient_private = sealing.SUITE.kem.deserialize_private_key(unhex(A31.SK_RM))
    receiver = sealing.SUITE.create_recipient_context(enc, recipient_private, info=unhex(A31.INFO))
    plaintext = unhex(A31.PLAINTEXT)
    for sequence in range(max(A31.ENCRYPTIONS) + 1):
        aad = f"Count-{sequence}".encode()
        ciphertext = sender.seal(plaintext, aad)
        if sequence in A31.ENCRYPTIONS:
            assert ciphertext.hex() == A31.ENCRYPTIONS[sequence], sequence
        assert receiver.open(ciphertext, aad) == plaintext
    for exporter_context, value in A31.EXPORTS:
        assert sender.export(unhex(exporter_context), 32) == unhex(value)
        assert receiver.export(unhex(exporter_context), 32) == unhex(value)


def test_open_reads_the_first_vector_ciphertext():
    plaintext = sealing.open(
        unhex(A31.SK_RM), unhex(A31.ENC), unhex(A31.ENCRYPTIONS[0]), unhex(A31.INFO), aad=b"Count-0"
    )
    assert plaintext == unhex(A31.PLAINTEXT)
    with pytest.raises(SealingError):  # the sequence-1 ciphertext needs nonce 1, not a new context
        sealing.open(
            unhex(A31.SK_RM),
            unhex(A31.ENC),
            unhex(A31.ENCRYPTIONS[1]),
            unhex(A31.INFO),
            aad=b"Count-1",
        )


@settings(max_examples=30, deadline=None)
@given(ballot=st.dictionaries(st.text(max_size=8), st.integers(0, 50), max_size=8))
def test_round_trip_of_a_json_ballot(ballot):
    private_key, public_key = sealing.key_generate()
    plaintext = json.dumps(ballot).encode()
    enc, ciphertext = sealing.seal(public_key, plaintext, POLL_INFO)
    assert len(enc) == 65 and len(ciphertext) == len(plaintext) + 16
    assert json.loads(sealing.open(private_key, enc, ciphertext, POLL_INFO)) == ballot


def test_each_seal_is_fresh():
    _, public_key = sealing.key_generate()
    first = sealing.seal(public_key, b"yes", POLL_INFO)
    second = sealing.seal(public_key, b"yes", POLL_INFO)
    assert first[0] != second[0] and first[1] != second[1]


def test_keys_are_the_rfc_sizes_and_differ():
    first, second = sealing.key_generate(), sealing.key_generate()
    assert [len(part) for part in first] == [32, 65]
    assert first != second


def test_ballot_does_not_open_under_another_key():
    _, public_key = sealing.key_generate()
    other_private, _ = sealing.key_generate()
    enc, ciphertext = sealing.seal(public_key, b"yes", POLL_INFO)
    with pytest.raises(SealingError):
        sealing.open(other_private, enc, ciphertext, POLL_INFO)


def test_ballot_does_not_open_for_another_poll():
    private_key, public_key = sealing.key_generate()
    enc, ciphertext = sealing.seal(public_key, b"yes", POLL_INFO)
    with pytest.raises(SealingError):
        sealing.open(private_key, enc, ciphertext, b"spilno poll 18")


def test_altered_ballot_or_enc_does_not_open():
    private_key, public_key = sealing.key_generate()
    enc, ciphertext = sealing.seal(public_key, b"yes", POLL_INFO)
    altered = ciphertext[:-1] + bytes([ciphertext[-1] ^ 1])
    with pytest.raises(SealingError):
        sealing.open(private_key, enc, altered, POLL_INFO)
    _, other_public = sealing.key_generate()
    with pytest.raises(SealingError):
        sealing.open(private_key, other_public, ciphertext, POLL_INFO)
    with pytest.raises(SealingError):
        sealing.open(private_key, enc[:-1], ciphertext, POLL_INFO)


@pytest.mark.parametrize("key", [b"", b"\x04" * 65, b"\x02" + b"\x01" * 32, b"\x04" + b"\x00" * 64])
def test_public_key_that_is_not_a_point_is_refused(key):
    with pytest.raises(SealingError):
        sealing.seal(key, b"yes", POLL_INFO)


def test_public_key_for_the_browser_is_base64url_of_the_point():
    _, public_key = sealing.key_generate()
    text = sealing.public_key_b64(public_key)
    assert "=" not in text and "+" not in text and "/" not in text
    assert base64.urlsafe_b64decode(text + "=") == public_key
