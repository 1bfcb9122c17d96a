"""The cookieless ballot box and the open data at /poll-data/<id>/…: a good ballot gets a
receipt signed by the log's key; every hostile or malformed request gets a 4xx with a clear
JSON message and changes nothing; the box neither reads nor sets a cookie."""

import json

from django.test import Client
from django.urls import reverse

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from polls import blind_rsa, protocol
from polls.models import PendingBallot, Poll, SpentToken
from tests.polls.factories import poll_advance, poll_with_voters, secret_ballot

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def credential_key():
    return blind_rsa.key_generate()


@pytest.fixture(autouse=True)
def _small_polls(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)


@pytest.fixture
def open_poll():
    return poll_with_voters(voters=4, state="open")


def body_of(ballot) -> dict:
    return {name: protocol.b64url(value) for name, value in ballot.submission.items()}


def cast(client, poll, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        reverse("polls_data:ballots", args=[poll.pk]), data=data, content_type="application/json"
    )


def nothing_stored(poll) -> bool:
    fresh = Poll.objects.get(pk=poll.pk)
    return (
        fresh.ballots_received == 0
        and not SpentToken.objects.filter(poll=poll).exists()
        and not PendingBallot.objects.filter(poll=poll).exists()
    )


def test_a_ballot_gets_a_receipt_signed_by_the_logs_key(open_poll):
    poll, voters = open_poll
    ballot = secret_ballot(poll, voters[0], [[1], [0, 2], [4]])

    response = cast(Client(enforce_csrf_checks=True), poll, body_of(ballot))

    assert response.status_code == 201
    receipt = response.json()
    assert receipt["log_id"] == poll.log_id
    assert receipt["leaf_hash"] == ballot.leaf_hash(poll.pk).hex()
    message = protocol.receipt_message(log_id=poll.log_id, leaf_hash=ballot.leaf_hash(poll.pk))
    Ed25519PublicKey.from_public_bytes(bytes(poll.log.public_key)).verify(
        bytes.fromhex(receipt["receipt"]), message
    )
    assert Poll.objects.get(pk=poll.pk).ballots_received == 1


def test_the_ballot_box_sets_no_cookie_and_ignores_the_session(client, open_poll):
    poll, voters = open_poll
    client.force_login(voters[0])
    ballot = secret_ballot(poll, voters[0], [[0], [1], [3]])

    response = cast(client, poll, body_of(ballot))

    assert response.status_code == 201
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_spent_token_is_refused(open_poll):
    poll, voters = open_poll
    body = body_of(secret_ballot(poll, voters[0], [[0], [1], [3]]))
    assert cast(Client(), poll, body).status_code == 201

    again = cast(Client(), poll, body)

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "token_spent"
    assert Poll.objects.get(pk=poll.pk).ballots_received == 1


def test_a_forged_signature_is_refused(open_poll):
    poll, voters = open_poll
    body = body_of(secret_ballot(poll, voters[0], [[0], [1], [3]]))
    signature = bytearray(protocol.b64url_decode(body["signature"]))
    signature[-1] ^= 1
    body["signature"] = protocol.b64url(bytes(signature))

    response = cast(Client(), poll, body)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    assert nothing_stored(poll)


def test_a_closed_poll_takes_no_ballot(open_poll):
    poll, voters = open_poll
    body = body_of(secret_ballot(poll, voters[0], [[0], [1], [3]]))
    poll = poll_advance(poll, "closed")
    response = cast(Client(), poll, body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_open"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "not_json"),
        (b"\xff\xfe\xfd", 400, "not_json"),
        ('"a string"', 400, "not_an_object"),
        ("[]", 400, "not_an_object"),
        ({}, 400, "missing"),
        ({"token": "AA", "signature": "AA", "enc": "AA"}, 400, "missing"),
        ({"token": 1, "signature": "AA", "enc": "AA", "ct": "AA"}, 400, "missing"),
        ({"token": "AA==", "signature": "AA", "enc": "AA", "ct": "AA"}, 400, "not_base64url"),
        ({"token": "a+/b", "signature": "AA", "enc": "AA", "ct": "AA"}, 400, "not_base64url"),
        ({"token": "AB", "signature": "AA", "enc": "AA", "ct": "AA"}, 400, "not_base64url"),
        ({"token": "AA", "signature": "AA", "enc": "AA", "ct": "AA"}, 400, "bad_ballot"),
        ({"token": "A" * 86, "signature": "AA", "enc": "A" * 87, "ct": "AA"}, 400, "bad_signature"),
        ({"token": "A" * 40_000, "signature": "A", "enc": "A", "ct": "A"}, 413, "too_large"),
    ],
)
def test_a_malformed_ballot_is_refused_with_a_clear_message(open_poll, body, status, code):
    poll, _voters = open_poll
    response = cast(Client(), poll, body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert nothing_stored(poll)


def test_a_body_of_megabytes_is_refused_before_it_is_read(open_poll):
    poll, _voters = open_poll
    response = cast(Client(), poll, b"{" + b" " * 3_000_000 + b"}")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert nothing_stored(poll)


@pytest.mark.parametrize("poll_id", ["abc", "0", "-1", "9" * 19, "9" * 40, "1.5"])
def test_impossible_poll_ids_are_not_found(client, poll_id):
    url = f"/poll-data/{poll_id}/ballots/"
    response = client.post(url, data="{}", content_type="application/json")
    assert response.status_code == 404
    assert client.get(f"/poll-data/{poll_id}/bundle.json").status_code == 404


def test_an_unknown_poll_is_a_json_404(client):
    response = client.post("/poll-data/987654/ballots/", data="{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "poll_not_found"


def test_the_ballot_box_only_takes_posts(client, open_poll):
    poll, _voters = open_poll
    assert client.get(reverse("polls_data:ballots", args=[poll.pk])).status_code == 405


def test_ballots_from_one_address_are_rate_limited(open_poll):
    poll, _voters = open_poll
    statuses = [cast(Client(), poll, {}).status_code for _ in range(61)]
    assert statuses[:60] == [400] * 60
    limited = cast(Client(), poll, {})
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"


def test_a_draft_has_no_ballot_box(client):
    poll, _voters = poll_with_voters(voters=3, state="draft")
    response = cast(client, poll, {})
    assert response.status_code == 404


def test_results_csv_before_publication_is_a_404_that_says_why(client, open_poll):
    poll, _voters = open_poll
    response = client.get(reverse("polls_data:results_csv", args=[poll.pk]))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_published"
