"""Sealed ballots: HPKE, RFC 9180, base mode (§5.1.1), DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
AES-128-GCM (suite 0x0010/0x0001/0x0001, the one Appendix A.3 gives vectors for).

The voter's browser seals its choices to each of the poll's key holders in turn (`@hpke/core`,
static/vendor/hpke.js; the layers are described in `polls.protocol`). Each holder's browser
made their key pair; the server has only the public halves until the poll has closed and the
holders give their private halves, so it cannot open a ballot before. `info` binds a
ciphertext to its context (the poll and the layer), so a ballot sealed for one poll does not
open as a ballot of another.

Keys travel as bytes: the private key as the 32-byte scalar (SerializePrivateKey, §7.1.2), the
public key as the 65-byte uncompressed point (SerializePublicKey, §7.1.1), which the browser
hands to `suite.kem.deserializePublicKey`; `public_key_b64` is its base64url form for a page.
A single-shot seal (§6.1) is one message in a fresh context, sequence number 0 (the browser
passes no AAD; `aad` is there for the RFC's vectors).
"""

import base64
import secrets

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhpke import AEADId, CipherSuite, KDFId, KEMId, KEMKeyPair

from polls.protocol import layer_info

SUITE = CipherSuite.new(KEMId.DHKEM_P256_HKDF_SHA256, KDFId.HKDF_SHA256, AEADId.AES128_GCM)
SUITE_NAME = "DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM"
PUBLIC_KEY_BYTES = 65
PRIVATE_KEY_BYTES = 32


class SealingError(ValueError):
    """A key that is not one, or a ciphertext that does not open (wrong key, info, or altered)."""


def key_generate() -> tuple[bytes, bytes]:
    """A new results key pair: (private key bytes, public key bytes). The site never calls it
    for a real poll (each key holder's browser makes theirs); the demo and the tests, playing
    the holders, do."""
    return _serialize(SUITE.kem.derive_key_pair(_random_ikm()))


def key_derive(ikm: bytes) -> tuple[bytes, bytes]:
    """DeriveKeyPair(ikm) (§7.1.3): the same key pair from the same input keying material."""
    return _serialize(SUITE.kem.derive_key_pair(ikm))


def public_key_of(private_key: bytes) -> bytes:
    """The public key (65-byte uncompressed point) of a 32-byte private scalar: how a key
    holder's private key is checked against the public key they gave."""
    if len(private_key) != PRIVATE_KEY_BYTES:
        raise SealingError("A results private key is 32 bytes.")
    try:
        key = ec.derive_private_key(int.from_bytes(bytes(private_key), "big"), ec.SECP256R1())
    except ValueError as error:  # zero, or not below the group's order
        raise SealingError("Not a P-256 private key.") from error
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def public_key_check(public_key: bytes) -> bytes:
    """`public_key` if it is a 65-byte uncompressed point on P-256, else SealingError."""
    _public_key(public_key)
    return bytes(public_key)


def public_key_b64(public_key: bytes) -> str:
    """The public key for a page: base64url of the uncompressed point, without padding."""
    _public_key(public_key)
    return base64.urlsafe_b64encode(public_key).rstrip(b"=").decode()


def seal(
    public_key: bytes, plaintext: bytes, info: bytes, *, aad: bytes = b""
) -> tuple[bytes, bytes]:
    """SealBase (§6.1): (enc, ciphertext) of `plaintext` for the holder of the private key."""
    enc, context = SUITE.create_sender_context(_public_key(public_key), info=info)
    return enc, context.seal(plaintext, aad)


def open(  # the RFC's name; callers write sealing.open
    private_key: bytes, enc: bytes, ciphertext: bytes, info: bytes, *, aad: bytes = b""
) -> bytes:
    """OpenBase (§6.1): the plaintext, or SealingError when it does not open."""
    if len(private_key) != PRIVATE_KEY_BYTES:
        raise SealingError("A results private key is 32 bytes.")
    try:
        key = SUITE.kem.deserialize_private_key(bytes(private_key))
        context = SUITE.create_recipient_context(bytes(enc), key, info=info)
        return context.open(bytes(ciphertext), aad)
    except Exception as error:  # pyhpke raises several kinds; to a caller they mean one thing
        raise SealingError("The sealed ballot does not open with this key and info.") from error


def seal_layers(public_keys: list[bytes], plaintext: bytes, poll_id: int) -> tuple[bytes, bytes]:
    """(enc, ct) of the outer layer: `plaintext` sealed to the last holder, that to the one
    before, and so on to holder 1 (`polls.protocol`, "layers")."""
    if not public_keys:
        raise SealingError("A poll has at least one results key.")
    enc, ct = b"", bytes(plaintext)
    for layer in range(len(public_keys), 0, -1):
        inner = enc + ct if layer < len(public_keys) else ct
        enc, ct = seal(public_keys[layer - 1], inner, layer_info(poll_id, layer))
    return enc, ct


def open_layers(private_keys: list[bytes], enc: bytes, ct: bytes, poll_id: int) -> bytes:
    """The plaintext under every layer, opened with the holders' private keys in order;
    SealingError when any layer does not open (the ballot is spoilt)."""
    if not private_keys:
        raise SealingError("A poll has at least one results key.")
    enc, ct = bytes(enc), bytes(ct)
    for layer, private_key in enumerate(private_keys[:-1], start=1):
        inner = open(private_key, enc, ct, layer_info(poll_id, layer))
        if len(inner) <= PUBLIC_KEY_BYTES:
            raise SealingError("An inner layer is enc followed by a ciphertext.")
        enc, ct = inner[:PUBLIC_KEY_BYTES], inner[PUBLIC_KEY_BYTES:]
    return open(private_keys[-1], enc, ct, layer_info(poll_id, len(private_keys)))


def _public_key(public_key: bytes):
    if len(public_key) != PUBLIC_KEY_BYTES or public_key[0] != 0x04:
        raise SealingError("A results public key is a 65-byte uncompressed P-256 point.")
    try:
        return SUITE.kem.deserialize_public_key(bytes(public_key))
    except Exception as error:
        raise SealingError("Not a point on P-256.") from error


def _serialize(pair: KEMKeyPair) -> tuple[bytes, bytes]:
    # SerializePrivateKey by hand: pyhpke 0.6's to_private_bytes() pads the P-256 scalar to
    # key_size (256) bytes, where §7.1.2 wants Nsk = 32.
    scalar = pair.private_key.raw.private_numbers().private_value
    return scalar.to_bytes(PRIVATE_KEY_BYTES, "big"), pair.public_key.to_public_bytes()


def _random_ikm() -> bytes:
    return secrets.token_bytes(32)
