"""The client's address behind our proxies: the entry TRUSTED_PROXY_COUNT hops from the right of
X-Forwarded-For, never one a client wrote; login throttling counts per person, not per proxy."""

from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from config.privacy import client_ip
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.2"  # the proxy next to gunicorn: REMOTE_ADDR of every request
OUTER_PROXY = "10.0.0.1"  # a load balancer in front of it
OLENA = "203.0.113.9"
TARAS = "198.51.100.7"
FORGED = "192.0.2.66"


@pytest.fixture(autouse=True)
def _https_proxy_header_as_in_production(settings):
    """Production trusts the proxy's X-Forwarded-Proto; that must not make X-Forwarded-For
    trusted as well."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def request_from(forwarded=None, *, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(OLENA, remote=TARAS)) == TARAS


def test_behind_one_proxy_the_client_is_the_last_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(OLENA)) == OLENA


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(f"{OLENA}, {OUTER_PROXY}")) == OLENA


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [(1, f"{FORGED}, {OLENA}"), (2, f"{FORGED}, {OLENA}, {OUTER_PROXY}")],
)
def test_entries_a_client_wrote_further_left_are_never_read(settings, proxies, forwarded):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(forwarded)) == OLENA


@pytest.mark.parametrize("forwarded", [None, "", OLENA])
def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_proxy(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(forwarded)) == PROXY


@pytest.mark.parametrize("forwarded", ["unknown", f"{OLENA}, not-an-address", "203.0.113.300"])
def test_an_entry_that_is_not_an_address_falls_back_to_the_proxy(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(forwarded)) == PROXY


def test_an_ipv6_client_is_read_in_its_canonical_form(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(" 2001:DB8:0::1 ")) == "2001:db8::1"


def behind_the_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def wrong_passwords(client: Client, times: int):
    """`times` wrong passwords, each for another account, so only the per-address limit bites."""
    url = reverse("account_login")
    return [
        client.post(url, {"login": f"guess{n}@example.org", "password": "wrong"}).status_code
        for n in range(times)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxies", "olena", "taras"),
    [(1, OLENA, TARAS), (2, f"{OLENA}, {OUTER_PROXY}", f"{TARAS}, {OUTER_PROXY}")],
)
def test_two_people_behind_the_same_proxy_have_separate_login_limits(
    settings, proxies, olena, taras
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert wrong_passwords(behind_the_proxy(olena), 11)[-1] == 429

    assert wrong_passwords(behind_the_proxy(taras), 1) == [200]


@pytest.mark.django_db
def test_a_forged_leftmost_entry_does_not_escape_the_login_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    wrong_passwords(behind_the_proxy(OLENA), 10)

    assert wrong_passwords(behind_the_proxy(f"{FORGED}, {OLENA}"), 1) == [429]


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_login_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    wrong_passwords(Client(REMOTE_ADDR=OLENA), 10)

    assert wrong_passwords(Client(REMOTE_ADDR=OLENA, HTTP_X_FORWARDED_FOR=FORGED), 1) == [429]


@pytest.mark.django_db
def test_the_right_password_from_a_person_behind_the_proxy_signs_in(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="olena@example.org")
    wrong_passwords(behind_the_proxy(TARAS), 11)

    olena = behind_the_proxy(OLENA)
    response = olena.post(
        reverse("account_login"),
        {"login": "olena@example.org", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert "_auth_user_id" in olena.session
