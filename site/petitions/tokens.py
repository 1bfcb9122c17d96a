"""Signed tokens in links we email or share: nothing to store, nothing to guess.

Each kind has its own salt, so a token made for one purpose never works for another.
"""

from datetime import timedelta

from django.core import signing
from django.utils.crypto import constant_time_compare

CONFIRM_SALT = "petitions.signature.confirm"
UNSUBSCRIBE_SALT = "petitions.signature.unsubscribe"
SUPPORT_SALT = "petitions.petition.support"

# An unconfirmed signature lives this long; the link in its email stops working with it.
CONFIRMATION_TTL = timedelta(days=7)


def confirm_token(signature_id: int) -> str:
    return signing.dumps(signature_id, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_TTL)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return value if isinstance(value, int) else None


def unsubscribe_token(signature_id: int) -> str:
    return signing.dumps(signature_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def support_token(petition_id: int) -> str:
    """The creator's share link for supporters: stable, so it can be printed or reposted.
    `<id>-<signature>`: only letters, digits, `-` and `_`, as Wagtail page paths require."""
    return f"{petition_id}-{signing.Signer(salt=SUPPORT_SALT).signature(str(petition_id))}"


def read_support_token(token: str) -> int | None:
    number, _dash, signature = token.partition("-")
    if not number.isdigit():
        return None
    expected = signing.Signer(salt=SUPPORT_SALT).signature(number)
    return int(number) if constant_time_compare(signature, expected) else None
