"""Sealed ballots: HPKE, RFC 9180, base mode (§5.1.1), DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
AES-128-GCM (suite 0x0010/0x0001/0x0001, the one Appendix A.3 gives vectors for).

The voter's browser seals its choices to the poll's results key (`@hpke/core`,
static/vendor/hpke.js); the server keeps the private half sealed at rest (`config.keys`) and
opens the ballots only when the poll closes. `info` binds a ciphertext to its context (the
poll), so a ballot sealed for one poll does not open as a ballot of another.

Keys travel as bytes: the private key as the 32-byte scalar (SerializePrivateKey, §7.1.2), the
public key as the 65-byte uncompressed point (SerializePublicKey, §7.1.1), which the browser
hands to `suite.kem.deserializePublicKey`; `public_key_b64` is its base64url form for a page.
A single-shot seal (§6.1) is one message in a fresh context, sequence number 0 (the browser
passes no AAD; `aad` is there for the RFC's vectors).
"""

import base64
import secrets

from pyhpke import AEADId, CipherSuite, KDFId, KEMId, KEMKeyPair

SUITE = CipherSuite.new(KEMId.DHKEM_P256_HKDF_SHA256, KDFId.HKDF_SHA256, AEADId.AES128_GCM)
SUITE_NAME = "DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM"
PUBLIC_KEY_BYTES = 65
PRIVATE_KEY_BYTES = 32


class SealingError(ValueError):
    """A key that is not one, or a ciphertext that does not open (wrong key, info, or altered)."""


def key_generate() -> tuple[bytes, bytes]:
    """A new results key pair: (private key bytes, public key bytes)."""
    return _serialize(SUITE.kem.derive_key_pair(_random_ikm()))


def key_derive(ikm: bytes) -> tuple[bytes, bytes]:
    """DeriveKeyPair(ikm) (§7.1.3): the same key pair from the same input keying material."""
    return _serialize(SUITE.kem.derive_key_pair(ikm))


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
