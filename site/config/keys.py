"""Private keys at rest: sealed with AES-256-GCM under a key-encryption key from the environment.

A poll's RSA signing key or HPKE results key is stored in the database only as `key_seal(...)`
output, so a copy of the database (a backup, a dump handed to a developer) holds no usable
private key without the key-encryption key, which lives in the environment.

Format, version 1 (all lengths in bytes):

    0x01 | key id (8) | nonce (12) | AES-256-GCM ciphertext with its 16-byte tag

The key id is the first 8 bytes of SHA-256 over a fixed label and the key: it names which key
sealed the value (so rotation can pick the right one and a missing key gives a clear error)
without saying anything about the key itself. The nonce is random (96 bits, as NIST SP 800-38D
§8.2.2 allows for fewer than 2^32 seals per key). The associated data is the 21-byte header
followed by the purpose in UTF-8: a value sealed for one purpose ("polls.signing-key") does not
open for another, and no byte of the header can be changed unnoticed.

Keys (settings, from the environment):

- `KEY_ENCRYPTION_KEY`: base64 of 32 random bytes; seals, and opens. Production refuses to start
  without it. Elsewhere (a laptop, the tests), when it is empty, the key is derived from
  `SECRET_KEY` with HKDF-SHA256 (RFC 5869; salt none, info "spilno key-encryption key (development
  only)"), so a development database keeps opening while its SECRET_KEY stays the same;
  `manage.py check --deploy` warns about it.
- `KEY_ENCRYPTION_KEYS_OLD`: comma-separated, base64 each; accepted for opening only. Rotation:
  put the current key here, set a new `KEY_ENCRYPTION_KEY`, reseal every stored key
  (`key_reseal`), then drop the old one.
"""

import base64
import binascii
import hashlib
import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = 1
KEY_BYTES = 32
KEY_ID_BYTES = 8
NONCE_BYTES = 12
HEADER_BYTES = 1 + KEY_ID_BYTES + NONCE_BYTES
TAG_BYTES = 16
DEVELOPMENT_INFO = b"spilno key-encryption key (development only)"
KEY_ID_LABEL = b"spilno key-encryption key id\x00"


class SealedKeyError(ValueError):
    """A sealed value does not open: altered, sealed for another purpose, or not ours."""


class UnknownKeyError(SealedKeyError):
    """The value was sealed under a key-encryption key that is not configured (any more)."""


def parse_key(value: str, *, name: str = "KEY_ENCRYPTION_KEY") -> bytes:
    """The 32 bytes of a base64 key from the settings; ImproperlyConfigured saying what is wrong."""
    try:
        key = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ImproperlyConfigured(f"{name} must be base64 of {KEY_BYTES} random bytes.") from error
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"{name} must be base64 of {KEY_BYTES} random bytes, not {len(key)} bytes."
        )
    return key


def development_key(secret_key: str) -> bytes:
    """The key used when KEY_ENCRYPTION_KEY is empty (never in production): HKDF of SECRET_KEY."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=DEVELOPMENT_INFO)
    return hkdf.derive(secret_key.encode())


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(KEY_ID_LABEL + key).digest()[:KEY_ID_BYTES]


def current_key() -> bytes:
    configured = getattr(settings, "KEY_ENCRYPTION_KEY", "")
    if configured:
        return parse_key(configured)
    return development_key(settings.SECRET_KEY)


def opening_keys() -> dict[bytes, bytes]:
    """Every key accepted for opening, by key id: the current one first, then the old ones."""
    keys = [current_key()]
    keys += [
        parse_key(value, name="KEY_ENCRYPTION_KEYS_OLD")
        for value in getattr(settings, "KEY_ENCRYPTION_KEYS_OLD", [])
        if value.strip()
    ]
    return {key_id(key): key for key in reversed(keys)}


def _associated_data(header: bytes, purpose: str) -> bytes:
    if not purpose:
        raise ValueError("A sealed key needs a purpose.")
    return header + purpose.encode()


def key_seal(*, secret: bytes, purpose: str) -> bytes:
    """Seal `secret` (a private key's bytes) under the current key-encryption key for `purpose`."""
    key = current_key()
    header = bytes([VERSION]) + key_id(key) + os.urandom(NONCE_BYTES)
    nonce = header[1 + KEY_ID_BYTES :]
    return header + AESGCM(key).encrypt(nonce, secret, _associated_data(header, purpose))


def key_open(*, sealed: bytes, purpose: str) -> bytes:
    """The secret that `key_seal` sealed for this same `purpose`; SealedKeyError otherwise."""
    sealed = bytes(sealed)
    if len(sealed) < HEADER_BYTES + TAG_BYTES:
        raise SealedKeyError("The sealed key is too short to be one.")
    if sealed[0] != VERSION:
        raise SealedKeyError(f"Unknown sealed-key format version {sealed[0]}.")
    header = sealed[:HEADER_BYTES]
    wanted_id = header[1 : 1 + KEY_ID_BYTES]
    key = opening_keys().get(wanted_id)
    if key is None:
        raise UnknownKeyError(
            f"The key was sealed under key-encryption key {wanted_id.hex()}, which is neither "
            "KEY_ENCRYPTION_KEY nor one of KEY_ENCRYPTION_KEYS_OLD."
        )
    nonce = header[1 + KEY_ID_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, sealed[HEADER_BYTES:], _associated_data(header, purpose))
    except InvalidTag as error:
        raise SealedKeyError(
            f"The sealed key does not open for purpose {purpose!r}: it was sealed for another "
            "purpose or has been altered."
        ) from error


def key_reseal(*, sealed: bytes, purpose: str) -> bytes:
    """The secret sealed under the current key (rotation); the same bytes if it already is."""
    if bytes(sealed)[1 : 1 + KEY_ID_BYTES] == key_id(current_key()):
        key_open(sealed=sealed, purpose=purpose)
        return bytes(sealed)
    return key_seal(secret=key_open(sealed=sealed, purpose=purpose), purpose=purpose)


@checks.register(checks.Tags.security)
def check_key_encryption_keys(app_configs=None, **kwargs):
    """Malformed keys are an error everywhere; a derived (development) key only under --deploy."""
    errors = []
    configured = getattr(settings, "KEY_ENCRYPTION_KEY", "")
    try:
        if configured:
            parse_key(configured)
        for value in getattr(settings, "KEY_ENCRYPTION_KEYS_OLD", []):
            if value.strip():
                parse_key(value, name="KEY_ENCRYPTION_KEYS_OLD")
    except ImproperlyConfigured as error:
        errors.append(checks.Error(str(error), id="config.E101"))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_key_encryption_key_is_set(app_configs=None, **kwargs):
    if getattr(settings, "KEY_ENCRYPTION_KEY", ""):
        return []
    return [
        checks.Warning(
            "KEY_ENCRYPTION_KEY is not set: private keys at rest are sealed under a key derived "
            "from SECRET_KEY, which is for development only.",
            hint='Set KEY_ENCRYPTION_KEY to base64 of 32 random bytes (python -c "import os, '
            'base64; print(base64.b64encode(os.urandom(32)).decode())").',
            id="config.W101",
        )
    ]
