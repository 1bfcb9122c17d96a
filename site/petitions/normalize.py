"""One mailbox, one signature: the canonical form of an email address.

Addresses are compared case-insensitively. Some providers deliver `Ivan.Petrenko+city@gmail.com`
to the same mailbox as `ivanpetrenko@gmail.com`; for those we also drop what they ignore, so a
person cannot sign twice by writing their address differently. Other providers are left alone:
for them a dot or a plus may be part of a different person's address.

What stays after a signer's data is erased is a keyed hash of the canonical form
(`mailbox_hash`): enough to refuse the same mailbox a second signature, never an address.
"""

from config.privacy import keyed_hash

MAILBOX_HASH_PURPOSE = "petitions.mailbox"

# Providers whose mailbox ignores dots in the local part (and the alias they map to).
DOT_BLIND_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
# Providers that deliver `name+anything@` to `name@`.
PLUS_TAG_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "fastmail.com",
        "fastmail.fm",
        "protonmail.com",
        "proton.me",
        "pm.me",
    }
)


def normalize_email(email: str) -> str:
    """`Ivan.Petrenko+city@GoogleMail.com` → `ivanpetrenko@gmail.com`."""
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        return email
    domain = domain.rstrip(".")
    if domain in PLUS_TAG_DOMAINS:
        local = local.split("+", 1)[0]
    if domain in DOT_BLIND_DOMAINS:
        local = local.replace(".", "")
        domain = DOT_BLIND_DOMAINS[domain]
    return f"{local}@{domain}"


def email_domain(email: str) -> str:
    """The domain as the moderators' signing-rate view groups it."""
    return normalize_email(email).rpartition("@")[2]


def mailbox_hash(normalized: str) -> str:
    """The keyed hash of a normalised address (`normalize_email`) that signatures are unique on.
    It survives erasure; without the key (`PRIVACY_HASH_KEY`) it matches no address."""
    return keyed_hash(normalized, purpose=MAILBOX_HASH_PURPOSE)
