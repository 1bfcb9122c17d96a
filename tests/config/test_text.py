"""Names cannot spoof, addresses name a mail domain: the shared checks of `config.text`."""

from django.core.exceptions import ValidationError

import pytest

from config.text import validate_email_domain, validate_public_name

BIDI_CONTROLS = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
    "\u200e", "\u200f", "\u061c",  # marks
]  # fmt: skip
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u2800"]


@pytest.mark.parametrize("char", BIDI_CONTROLS + INVISIBLE)
def test_a_name_with_a_bidi_control_or_an_invisible_character_is_refused(char):
    with pytest.raises(ValidationError) as refused:
        validate_public_name(f"Олена{char} Коваль")
    assert f"U+{ord(char):04X}" in refused.value.messages[0]


@pytest.mark.parametrize(
    "name", ["Олена Коваль", "Д'Артаньян", "Мар’яна Іванів-Петренко", "ОСББ «Лісова, 3»", "Zoë"]
)
def test_ordinary_names_pass(name):
    validate_public_name(name)


@pytest.mark.parametrize(
    "email", ["user@[127.0.0.1]", "user@[IPv6:::1]", "user@[192.168.0.1]", "USER@[10.0.0.1] "]
)
def test_an_address_at_an_ip_literal_is_refused(email):
    with pytest.raises(ValidationError):
        validate_email_domain(email)


@pytest.mark.parametrize("email", ["olena@example.org", "o@mail.ukr.net", "admin@spilno.localhost"])
def test_addresses_at_mail_domains_pass(email):
    validate_email_domain(email)
