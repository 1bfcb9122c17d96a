"""RSA blind signatures, RFC 9474, variant RSABSSA-SHA384-PSS-Randomized (§5).

Secret ballots: the voter's browser prepares a random token (§4.1, a 32-byte random prefix),
blinds it (§4.2) and sends only the blinded value; the server, having checked that this person
may vote, blind-signs it (§4.3) without learning the token; the browser finalizes (§4.4) into an
ordinary RSASSA-PSS signature (SHA-384, MGF1-SHA-384, 48-byte salt) over the prepared token, and
later presents token and signature, which anyone verifies with the poll's public key and which
nobody can link to the signing request.

Each poll has its own RSA-3072 key (e = 65537), used for this protocol alone (§7.1). The browser
side is `@cloudflare/blindrsa-ts` (static/vendor/blindrsa.js), which imports the public key as a
WebCrypto RSA-PSS/SHA-384 key from SubjectPublicKeyInfo DER (`public_key_spki`) or from a JWK
(`public_key_jwk`). The client functions here (`prepare`, `blind`, `finalize`) exist so that tests
and the demo city cast ballots through the real protocol.

Byte strings throughout are big-endian and `modulus_len` (= 384 for RSA-3072) long where the RFC
says so; an input of the wrong size or out of range raises `BlindSignatureError`.
"""

import base64
import hashlib
import math
import secrets

import gmpy2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SUITE = "RSABSSA-SHA384-PSS-Randomized"
MODULUS_BITS = 3072
PUBLIC_EXPONENT = 65537
HASH_LENGTH = 48  # SHA-384
SALT_LENGTH = 48  # §5: the PSS variants use a salt as long as the hash
PREFIX_LENGTH = 32  # §4.1: the randomized variants prefix 32 random bytes


class BlindSignatureError(ValueError):
    """An input the protocol refuses: wrong size, out of range, or a signature that fails."""


class InvalidBlindSignature(BlindSignatureError):
    """The signature does not verify for this message under this public key."""


def key_generate() -> rsa.RSAPrivateKey:
    """A poll's signing key: RSA-3072, e = 65537."""
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=MODULUS_BITS)


def private_key_to_der(private_key: rsa.RSAPrivateKey) -> bytes:
    """PKCS #8 DER, unencrypted: store it only through `config.keys.key_seal`."""
    return private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def private_key_from_der(data: bytes, *, checked: bool = True) -> rsa.RSAPrivateKey:
    """The key from PKCS#8 DER. `checked=False` skips OpenSSL's consistency check of the
    primes, which costs about 170 ms for RSA-3072 on every load: only for a key this project
    generated and kept sealed with an authenticated cipher (`config.keys`), so no one can have
    altered it; every signature made with it is verified before it is returned anyway
    (`blind_sign`, as RFC 9474 §4.3 requires)."""
    key = serialization.load_der_private_key(
        data, password=None, unsafe_skip_rsa_key_validation=not checked
    )
    if not isinstance(key, rsa.RSAPrivateKey):
        raise BlindSignatureError("Not an RSA private key.")
    return key


def public_key_spki(public_key: rsa.RSAPublicKey) -> bytes:
    """SubjectPublicKeyInfo DER: `crypto.subtle.importKey("spki", der, {name: "RSA-PSS", hash:
    "SHA-384"}, true, ["verify"])` gives the key blindrsa-ts wants (it must be extractable)."""
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_from_spki(data: bytes) -> rsa.RSAPublicKey:
    key = serialization.load_der_public_key(data)
    if not isinstance(key, rsa.RSAPublicKey):
        raise BlindSignatureError("Not an RSA public key.")
    return key


def public_key_jwk(public_key: rsa.RSAPublicKey) -> dict[str, str]:
    """The same key as a JSON Web Key (RFC 7517/7518 §6.3.1), for `importKey("jwk", ...)`."""
    numbers = public_key.public_numbers()
    return {
        "kty": "RSA",
        "alg": "PS384",
        "n": _b64url(_int_to_bytes(numbers.n, _modulus_len(public_key))),
        "e": _b64url(_int_to_bytes(numbers.e, (numbers.e.bit_length() + 7) // 8)),
        "ext": True,
    }


def prepare(msg: bytes) -> bytes:
    """§4.1 Prepare, randomized: 32 random bytes, then the message. Sign and verify this."""
    return secrets.token_bytes(PREFIX_LENGTH) + msg


def blind(public_key: rsa.RSAPublicKey, msg: bytes) -> tuple[bytes, bytes]:
    """§4.2 Blind (client): `(blinded_msg, inv)`; send `blinded_msg`, keep `inv` secret."""
    n = public_key.public_numbers().n
    while True:
        r = secrets.randbelow(n - 1) + 1
        if math.gcd(r, n) == 1:
            break
    return _blind(public_key, msg, salt=secrets.token_bytes(SALT_LENGTH), r=r)


def _blind(public_key, msg: bytes, *, salt: bytes, r: int) -> tuple[bytes, bytes]:
    """§4.2 with the salt and the blinding factor given (the test vectors give both)."""
    numbers = public_key.public_numbers()
    n, e = numbers.n, numbers.e
    k = _modulus_len(public_key)
    encoded_msg = emsa_pss_encode(msg, em_bits=n.bit_length() - 1, salt=salt)
    m = int.from_bytes(encoded_msg, "big")
    if math.gcd(m, n) != 1:
        raise BlindSignatureError("invalid input")
    try:
        inv = pow(r, -1, n)
    except ValueError as error:
        raise BlindSignatureError("blinding error") from error
    x = pow(r, e, n)
    z = (m * x) % n
    return _int_to_bytes(z, k), _int_to_bytes(inv, k)


def blind_sign(private_key: rsa.RSAPrivateKey, blinded_msg: bytes) -> bytes:
    """§4.3 BlindSign (server): the raw RSA signature of `blinded_msg`, checked before it leaves.

    RSASP1 refuses a representative outside [0, n) and an input that is not `modulus_len`
    bytes. The result is verified (s^e mod n == m) before it is returned, as §4.3 step 4
    requires: a faulty computation must never disclose a value that would factor n. The
    exponentiation runs on the input multiplied by a fresh random r^e (classic RSA blinding,
    undone afterwards): the exponentiation is constant-time in the exponent, and this way its
    timing is not correlated with the value a caller chose either.
    """
    private = private_key.private_numbers()
    n, e = private.public_numbers.n, private.public_numbers.e
    k = _modulus_len(private_key.public_key())
    if len(blinded_msg) != k:
        raise BlindSignatureError("unexpected input size")
    m = int.from_bytes(blinded_msg, "big")
    if not 0 <= m < n:
        raise BlindSignatureError("message representative out of range")
    while True:
        r = secrets.randbelow(n - 2) + 2
        if math.gcd(r, n) == 1:
            break
    s = (_rsasp1(private, (m * pow(r, e, n)) % n) * pow(r, -1, n)) % n
    if pow(s, e, n) != m:
        raise BlindSignatureError("signing failure")
    return _int_to_bytes(s, k)


def _rsasp1(private: rsa.RSAPrivateNumbers, m: int) -> int:
    """RSASP1 (RFC 8017 §5.2.1, step 2.b): m^d mod n by the Chinese remainder theorem, each half
    with GMP's `mpz_powm_sec` (gmpy2.powmod_sec), whose time and memory access do not depend on
    the secret exponent. `cryptography` offers no raw RSA private operation, and CPython's pow
    is neither constant-time nor fast: for RSA-3072 the CRT halves cost 79 ms in pow against
    11 ms here (the same loaded machine). A fault in either half is what the check in
    `blind_sign` catches."""
    p, q = private.p, private.q
    s1 = int(gmpy2.powmod_sec(m % p, private.dmp1, p))
    s2 = int(gmpy2.powmod_sec(m % q, private.dmq1, q))
    h = (private.iqmp * (s1 - s2)) % p
    return s2 + q * h


def finalize(public_key: rsa.RSAPublicKey, msg: bytes, blind_sig: bytes, inv: bytes) -> bytes:
    """§4.4 Finalize (client): unblind and check; the result is an RSASSA-PSS signature of msg."""
    return _finalize(public_key, msg, blind_sig, inv, salt_length=SALT_LENGTH)


def _finalize(public_key, msg: bytes, blind_sig: bytes, inv: bytes, *, salt_length: int) -> bytes:
    n = public_key.public_numbers().n
    k = _modulus_len(public_key)
    if len(blind_sig) != k or len(inv) != k:
        raise BlindSignatureError("unexpected input size")
    s = (int.from_bytes(blind_sig, "big") * int.from_bytes(inv, "big")) % n
    sig = _int_to_bytes(s, k)
    _pss_verify(public_key, msg, sig, salt_length=salt_length)
    return sig


def verify(public_key: rsa.RSAPublicKey, msg: bytes, signature: bytes) -> None:
    """RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) of the prepared message: SHA-384, MGF1-SHA-384,
    48-byte salt. Returns nothing; raises `InvalidBlindSignature` unless the signature holds."""
    _pss_verify(public_key, msg, signature, salt_length=SALT_LENGTH)


def _pss_verify(public_key, msg: bytes, signature: bytes, *, salt_length: int) -> None:
    if len(signature) != _modulus_len(public_key):
        raise InvalidBlindSignature("invalid signature")
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=salt_length)
    try:
        public_key.verify(signature, msg, pss, hashes.SHA384())
    except InvalidSignature as error:
        raise InvalidBlindSignature("invalid signature") from error


def emsa_pss_encode(msg: bytes, *, em_bits: int, salt: bytes) -> bytes:
    """EMSA-PSS-ENCODE (RFC 8017 §9.1.1), SHA-384 and MGF1-SHA-384; em_bits = bit_len(n) - 1."""
    em_len = (em_bits + 7) // 8
    m_hash = hashlib.sha384(msg).digest()
    if em_len < HASH_LENGTH + len(salt) + 2:
        raise BlindSignatureError("encoding error")
    h = hashlib.sha384(b"\x00" * 8 + m_hash + salt).digest()
    db = b"\x00" * (em_len - len(salt) - HASH_LENGTH - 2) + b"\x01" + salt
    masked_db = bytes(a ^ b for a, b in zip(db, _mgf1_sha384(h, len(db)), strict=True))
    clear_bits = 8 * em_len - em_bits
    masked_db = bytes([masked_db[0] & (0xFF >> clear_bits)]) + masked_db[1:]
    return masked_db + h + b"\xbc"


def _mgf1_sha384(seed: bytes, length: int) -> bytes:
    blocks = (length + HASH_LENGTH - 1) // HASH_LENGTH
    out = b"".join(hashlib.sha384(seed + i.to_bytes(4, "big")).digest() for i in range(blocks))
    return out[:length]


def _modulus_len(public_key) -> int:
    return (public_key.key_size + 7) // 8


def _int_to_bytes(value: int, length: int) -> bytes:
    return value.to_bytes(length, "big")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
