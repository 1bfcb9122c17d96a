"""Signing behind our reverse proxy: each signer has a limit and a network of their own, read
from X-Forwarded-For as the proxies wrote it, never from what a client wrote there."""

from django.test import Client
from django.urls import reverse

import pytest

from config.privacy import keyed_hash
from petitions.models import Signature

PROXY = "10.0.0.2"
OLENA = "203.0.113.9"
TARAS = "198.51.100.7"
FORGED = "192.0.2.66"


@pytest.fixture(autouse=True)
def _one_proxy_as_in_production(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def behind_the_proxy(forwarded: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def sign(client, petition, districts, email):
    data = {"name": "Олена Коваль", "email": email, "district": districts[0].pk}
    return client.post(reverse("petitions:sign", kwargs={"petition_id": petition.pk}), data)


def sign_many(client, petition, districts, times: int, *, prefix: str) -> list[int]:
    return [
        sign(client, petition, districts, f"{prefix}{n}@example.org").status_code
        for n in range(times)
    ]


def test_two_signers_behind_the_same_proxy_have_separate_limits(open_petition, districts):
    assert sign_many(behind_the_proxy(OLENA), open_petition, districts, 21, prefix="o")[-1] == 429

    assert sign_many(behind_the_proxy(TARAS), open_petition, districts, 1, prefix="t") == [302]


def test_a_forged_leftmost_entry_does_not_reset_the_signing_limit(open_petition, districts):
    sign_many(behind_the_proxy(OLENA), open_petition, districts, 20, prefix="o")

    forged = behind_the_proxy(f"{FORGED}, {OLENA}")
    assert sign_many(forged, open_petition, districts, 1, prefix="f") == [429]


def test_the_network_kept_is_the_signers_not_the_proxys(open_petition, districts):
    sign(behind_the_proxy(f"{FORGED}, {OLENA}"), open_petition, districts, "olena@example.org")

    stored = Signature.objects.get(petition=open_petition).ip_prefix_hash
    assert stored == keyed_hash("203.0.113.0/24", purpose="petitions.network")
