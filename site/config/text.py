"""Checks on what people type that other people read, or that we send mail to.

Names: a display or organization name is how people recognise each other, so it may not
carry characters that change how the text around them is shown (bidirectional overrides turn
"Ольга" into something that reads as someone else's name) or that cannot be seen at all (a
zero-width space makes a second "Міська рада" that looks exactly like the first). Unicode
calls almost all of them "format" characters (category Cf); a few letters that render blank
are named here too.

Email addresses: an address with an IP literal for a domain (`user@[127.0.0.1]`) names a host,
not a mail domain; mail to it would go wherever that address points, inside our network too.
Every field where a person enters an address refuses it.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters and symbols that show as blank space (category Lo or So, so not caught as Cf):
# Hangul fillers, the Braille blank, the Khmer inherent vowels, the Mongolian vowel separator.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5\u180e")


def spoofing_characters(text: str) -> list[str]:
    """The code points in `text` that reorder or hide text (`U+202E`), in order of appearance."""
    found = []
    for char in text:
        if unicodedata.category(char) in ("Cf", "Cc") or char in BLANK_LOOKING:
            code = f"U+{ord(char):04X}"
            if code not in found:
                found.append(code)
    return found


def validate_public_name(value: str) -> None:
    """Refuse a name with bidirectional controls, zero-width or other invisible characters
    (a form field validator; services call it too)."""
    found = spoofing_characters(value or "")
    if found:
        raise ValidationError(
            _(
                "A name cannot contain invisible characters or characters that change the "
                "direction of text (found: %(characters)s)."
            ),
            code="spoofing_characters",
            params={"characters": ", ".join(found)},
        )


def validate_email_domain(value: str) -> None:
    """Refuse an address whose domain is an IP literal (`user@[127.0.0.1]`,
    `user@[IPv6:::1]`): Django's EmailValidator accepts them, we never send mail there."""
    domain = (value or "").rpartition("@")[2].strip()
    if domain.startswith("[") or domain.endswith("]"):
        raise ValidationError(
            _("Use an address at a mail domain (name@example.org), not at an IP address."),
            code="ip_literal",
        )
