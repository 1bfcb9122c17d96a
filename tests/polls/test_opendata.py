"""bundle.json and results.csv: what the verifier and spreadsheets read, checked against the
database and against the ballots themselves (opened with the published key)."""

import csv
import io

from django.urls import reverse

import pytest

from polls import blind_rsa, protocol, sealing
from polls.models import Issuance, Poll
from polls.services.ballots import ballot_submit
from tests.polls.factories import (
    holder_keys_give,
    holder_private_keys,
    poll_advance,
    poll_with_voters,
    secret_ballot,
)

pytestmark = pytest.mark.django_db

ANSWERS = [[[0], [0, 1], [5]], [[1], [2], [3]], [[0], [1], [4]]]


@pytest.fixture(scope="module")
def credential_key():
    return blind_rsa.key_generate()


@pytest.fixture(autouse=True)
def _small_polls(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)


@pytest.fixture
def voted_poll():
    """An open secret poll of 5 people: 3 valid ballots and a spoilt one, and the first
    ballot (kept by the test, as a browser keeps it)."""
    poll, voters = poll_with_voters(voters=5, state="open")
    pairs = zip(voters[:3], ANSWERS, strict=True)
    ballots = [secret_ballot(poll, voter, answers) for voter, answers in pairs]
    ballots.append(secret_ballot(poll, voters[3], None, plaintext=b"not json"))
    for ballot in ballots:
        ballot_submit(poll=poll, **ballot.submission)
    return poll, ballots


def bundle_of(client, poll) -> dict:
    response = client.get(reverse("polls_data:bundle", args=[poll.pk]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_an_open_polls_bundle_has_its_keys_roll_and_no_results(client, voted_poll):
    poll, _ballots = voted_poll

    bundle = bundle_of(client, poll)

    assert bundle["format"] == "spilno-poll-bundle-1"
    assert bundle["poll"]["id"] == poll.pk and bundle["poll"]["state"] == "open"
    assert bundle["poll"]["secrecy"] == "secret"
    assert bundle["ballot_info"] == f"spilno poll {poll.pk} ballot v1"
    assert protocol.b64url_decode(bundle["credential_public_key"]) == bytes(
        poll.credential_public_key
    )
    holder = poll.key_holders.get()
    assert [protocol.b64url_decode(key) for key in bundle["results_public_keys"]] == [
        bytes(holder.public_key)
    ]
    assert bundle["results_private_keys"] is None and bundle["results"] is None
    assert bundle["log"] == {
        "id": poll.log_id,
        "public_key": bytes(poll.log.public_key).hex(),
        "export": f"/ledger/{poll.log_id}/export.jsonl",
        "tree_heads": f"/ledger/{poll.log_id}/tree-heads/",
        "consistency": f"/ledger/{poll.log_id}/consistency/",
    }
    assert [q["kind"] for q in bundle["questions"]] == ["single", "multiple", "scale"]
    assert bundle["questions"][1]["options"] == ["Лавки", "Ліхтарі", "Дитячий майданчик"]
    assert bundle["questions"][1]["max_choices"] == 2


def test_the_roll_lists_one_sorted_salted_hash_per_credential(client, voted_poll):
    poll, _ballots = voted_poll

    roll = bundle_of(client, poll)["roll"]

    expected = sorted(
        protocol.roll_hash(poll_id=poll.pk, secret=bytes(issuance.roll_secret))
        for issuance in Issuance.objects.filter(poll=poll)
    )
    assert roll == {"eligible": 5, "issued": 4, "hashes": expected}


def test_a_published_bundle_opens_the_ballots_and_carries_the_results(client, voted_poll):
    poll, ballots = voted_poll
    poll = poll_advance(poll, "published")

    bundle = bundle_of(client, poll)

    assert bundle["poll"]["state"] == "published"
    assert bundle["results"] == poll.results
    assert bundle["results"]["ballots"] == 4 and bundle["results"]["spoilt"] == 1
    private_keys = [protocol.b64url_decode(key) for key in bundle["results_private_keys"]]
    assert private_keys == holder_private_keys(poll)
    opened = sealing.open_layers(private_keys, ballots[0].enc, ballots[0].ct, poll.pk)
    assert opened == protocol.choices_plaintext(ANSWERS[0])


def test_results_csv_has_a_row_per_option_and_the_totals(client, voted_poll):
    poll, _ballots = voted_poll
    poll = poll_advance(poll, "published")

    response = client.get(reverse("polls_data:results_csv", args=[poll.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    first = [row for row in rows if row["question_position"] == "1"]
    assert [(row["option"], row["count"]) for row in first] == [
        ("Біля школи", "2"),
        ("Біля ринку", "1"),
    ]
    scale = [row for row in rows if row["question_position"] == "3"]
    assert [row["option"] for row in scale] == ["1", "2", "3", "4", "5"]
    assert [row["count"] for row in scale] == ["0", "0", "1", "1", "1"]
    totals = {row["kind"]: row["count"] for row in rows if not row["question_position"]}
    assert totals == {"ballots": "4", "spoilt": "1"}


def test_csv_cells_a_spreadsheet_would_run_are_defused(client):
    questions = [{"text": '=HYPERLINK("http://x")', "kind": "single", "options": ["+1", "@a"]}]
    poll, voters = poll_with_voters(voters=3, state="open", questions=questions)
    poll = poll_advance(poll, "published")

    body = client.get(reverse("polls_data:results_csv", args=[poll.pk])).content.decode()

    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["question"].startswith("'=")
    assert [row["option"] for row in rows[:2]] == ["'+1", "'@a"]


def test_a_closed_poll_shows_no_private_key_until_published_even_once_given(client, voted_poll):
    poll, _ballots = voted_poll
    poll = poll_advance(poll, "closed")
    holder_keys_give(poll)
    assert Poll.objects.get(pk=poll.pk).state == "closed"
    bundle = bundle_of(client, poll)
    assert bundle["results_private_keys"] is None and bundle["results"] is None
    assert client.get(reverse("polls_data:results_csv", args=[poll.pk])).status_code == 404
