"""Credentials, secret ballots, receipts, shuffled batches, named votes and the count."""

import hashlib
import json

from django.utils import translation

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ledger.models import Entry
from ledger.services import LedgerError, leaf_promise_sign
from polls import blind_rsa, protocol, sealing, selectors
from polls.errors import PollError
from polls.models import Issuance, NamedVote, PendingBallot, Poll, SpentToken
from polls.personal_data import erase_for, export_for
from polls.selectors import issuance_of, poll_vote_status, roll_hashes
from polls.services.ballots import (
    ballot_submit,
    ballots_append_batch,
    credential_issue,
    named_vote_cast,
    poll_tally,
)
from polls.services.polls import poll_close
from tests.polls.factories import (
    ANSWERS,
    blinded_request,
    credential_for,
    holder_private_keys,
    poll_with_voters,
    residents_of,
    seal_answers,
    secret_ballot,
)
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def test_an_eligible_person_gets_a_credential_that_finalizes_to_a_valid_signature(
    open_secret_poll,
):
    poll, voters = open_secret_poll
    token, signature = credential_for(poll, voters[0])
    blind_rsa.verify(
        blind_rsa.public_key_from_spki(bytes(poll.credential_public_key)), token, signature
    )
    poll.refresh_from_db()
    assert poll.credentials_issued == 1
    issuance = issuance_of(poll, voters[0])
    assert len(bytes(issuance.roll_secret)) == 16
    line = protocol.roll_hash(poll_id=poll.pk, secret=bytes(issuance.roll_secret))
    assert roll_hashes(poll) == [line]
    assert poll_vote_status(poll, voters[0]).roll_hash == line


def test_a_second_credential_for_the_same_person_is_refused(open_secret_poll):
    poll, voters = open_secret_poll
    credential_for(poll, voters[0])
    blinded = blinded_request(poll)
    with pytest.raises(PollError) as refused:
        credential_issue(poll=poll, user=voters[0], blinded_msg=blinded)
    assert refused.value.code == "already_issued"
    poll.refresh_from_db()
    assert poll.credentials_issued == 1
    assert Issuance.objects.filter(poll=poll).count() == 1


def test_an_ineligible_person_gets_no_credential(open_secret_poll):
    poll, _voters = open_secret_poll
    outsider = residents_of(DistrictFactory(), 1)[0]
    blinded = blinded_request(poll)
    with pytest.raises(PollError) as refused:
        credential_issue(poll=poll, user=outsider, blinded_msg=blinded)
    assert refused.value.code == "not_eligible"
    poll.refresh_from_db()
    assert poll.credentials_issued == 0 and not Issuance.objects.exists()


def test_no_credential_before_the_poll_opens():
    poll, voters = poll_with_voters(voters=20, state="scheduled")
    blinded = blinded_request(poll)
    with pytest.raises(PollError) as refused:
        credential_issue(poll=poll, user=voters[0], blinded_msg=blinded)
    assert refused.value.code == "not_open"


def test_a_blinded_value_of_the_wrong_size_is_refused(open_secret_poll):
    poll, voters = open_secret_poll
    with pytest.raises(PollError) as refused:
        credential_issue(poll=poll, user=voters[0], blinded_msg=b"\x01" * 10)
    assert refused.value.code == "bad_blinded"
    assert not Issuance.objects.exists()


def test_a_ballot_is_accepted_with_a_receipt_that_the_logs_key_verifies(open_secret_poll):
    poll, voters = open_secret_poll
    ballot = secret_ballot(poll, voters[0], ANSWERS)
    receipt = ballot_submit(poll=poll, **ballot.submission)
    assert receipt.log_id == poll.log_id
    assert receipt.leaf_hash == ballot.leaf_hash(poll.pk)
    message = protocol.receipt_message(log_id=poll.log_id, leaf_hash=receipt.leaf_hash)
    Ed25519PublicKey.from_public_bytes(bytes(poll.log.public_key)).verify(
        receipt.signature, message
    )
    with pytest.raises(InvalidSignature):
        Ed25519PublicKey.from_public_bytes(bytes(poll.log.public_key)).verify(
            receipt.signature, protocol.receipt_message(log_id=poll.log_id, leaf_hash=bytes(32))
        )
    poll.refresh_from_db()
    assert poll.ballots_received == 1
    assert SpentToken.objects.get().token_hash == hashlib.sha256(ballot.token).digest()
    assert ballots_append_batch(poll=poll) == 1
    entry = Entry.objects.get(log=poll.log)
    assert bytes(entry.leaf_hash) == receipt.leaf_hash
    assert not PendingBallot.objects.exists()


def test_a_spent_token_is_refused(open_secret_poll):
    poll, voters = open_secret_poll
    ballot = secret_ballot(poll, voters[0], ANSWERS)
    ballot_submit(poll=poll, **ballot.submission)
    enc, ct = seal_answers(poll, [[1], [0], [1]])
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, token=ballot.token, signature=ballot.signature, enc=enc, ct=ct)
    assert refused.value.code == "token_spent"
    poll.refresh_from_db()
    assert poll.ballots_received == 1 and PendingBallot.objects.count() == 1


def test_a_ballot_reaching_a_poll_closed_meanwhile_is_refused_and_writes_nothing(
    open_secret_poll,
):
    poll, voters = open_secret_poll
    ballot = secret_ballot(poll, voters[0], ANSWERS)
    # The ballot box read the poll open; it closed before the ballot was stored.
    Poll.objects.filter(pk=poll.pk).update(state=Poll.State.CLOSED)
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **ballot.submission)
    assert refused.value.code == "not_open"
    poll.refresh_from_db()
    assert poll.ballots_received == 0
    assert not SpentToken.objects.exists() and not PendingBallot.objects.exists()


def test_a_bad_signature_is_refused(open_secret_poll):
    poll, voters = open_secret_poll
    ballot = secret_ballot(poll, voters[0], ANSWERS)
    forged = bytearray(ballot.signature)
    forged[-1] ^= 1
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **{**ballot.submission, "signature": bytes(forged)})
    assert refused.value.code == "bad_signature"
    other_token = blind_rsa.prepare(b"x" * 32)
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **{**ballot.submission, "token": other_token})
    assert refused.value.code == "bad_signature"
    assert not SpentToken.objects.exists() and not PendingBallot.objects.exists()


def test_a_credential_of_another_poll_is_refused(open_secret_poll):
    poll, _voters = open_secret_poll
    other, other_voters = poll_with_voters(voters=20, state="open")
    ballot = secret_ballot(other, other_voters[0], ANSWERS)
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **ballot.submission)
    assert refused.value.code == "bad_signature"


def test_a_batch_is_not_in_the_order_of_arrival_and_carries_no_time(open_secret_poll):
    """40 ballots submitted in a known order: the log's order differs from it (the chance
    that a fair shuffle keeps it is 1/40!), and an entry holds nothing but the ballot."""
    poll, voters = open_secret_poll
    more = residents_of(poll.audience.districts.get(), 20)
    ballots = [secret_ballot(poll, voter, ANSWERS) for voter in [*voters, *more]]
    submitted = [ballot_submit(poll=poll, **b.submission).leaf_hash for b in ballots]
    assert ballots_append_batch(poll=poll) == 40
    logged = [
        bytes(h)
        for h in Entry.objects.filter(log=poll.log)
        .order_by("index")
        .values_list("leaf_hash", flat=True)
    ]
    assert sorted(logged) == sorted(submitted)
    assert logged != submitted
    for data in Entry.objects.filter(log=poll.log).values_list("data", flat=True):
        assert set(json.loads(bytes(data))) == {"ct", "enc", "poll", "signature", "token", "v"}


def test_the_count_lists_spoilt_ballots_by_leaf_index(open_secret_poll):
    poll, voters = open_secret_poll
    valid = [
        secret_ballot(poll, voters[0], [[0], [0, 2], [5]]),
        secret_ballot(poll, voters[1], [[1], [2], [1]]),
    ]
    spoilt = [
        secret_ballot(poll, voters[2], None, plaintext=b"not json"),
        secret_ballot(poll, voters[3], [[2], [0], [3]]),  # no third option in question 1
        secret_ballot(poll, voters[4], [[0], [2, 0], [3]]),  # not in increasing order
        secret_ballot(poll, voters[5], [[0], [0], [6]]),  # off the scale
    ]
    wrong_info = secret_ballot(poll, voters[6], ANSWERS)
    wrong_info.enc, wrong_info.ct = protocol_seal_for_other_poll(poll, ANSWERS)
    spoilt.append(wrong_info)
    for ballot in valid + spoilt:
        ballot_submit(poll=poll, **ballot.submission)
    poll = poll_close(poll=poll, now=poll.closes_at)
    tally = poll_tally(poll=poll, private_keys=holder_private_keys(poll))
    index_of = {
        bytes(h): i for i, h in Entry.objects.filter(log=poll.log).values_list("index", "leaf_hash")
    }
    assert tally["ballots"] == 7 and tally["spoilt"] == 5
    assert tally["spoilt_indices"] == sorted(index_of[b.leaf_hash(poll.pk)] for b in spoilt)
    assert tally["questions"][0] == {"kind": "single", "counts": [1, 1]}
    assert tally["questions"][1] == {"kind": "multiple", "counts": [1, 0, 2]}
    assert tally["questions"][2] == {"kind": "scale", "counts": [1, 0, 0, 0, 1], "mean": 3.0}


def protocol_seal_for_other_poll(poll: Poll, answers) -> tuple[bytes, bytes]:
    """Choices sealed to this poll's keys under another poll's `info`: they do not open here."""
    return sealing.seal_layers(
        selectors.results_public_keys(poll), protocol.choices_plaintext(answers), poll.pk + 1000
    )


def test_an_open_vote_is_a_named_entry_appended_at_once(open_named_poll):
    poll, voters = open_named_poll
    voters[0].first_name, voters[0].last_name = "Ганна", "Листова"
    voters[0].save()
    leaf = named_vote_cast(poll=poll, user=voters[0], answers=[[1], [0, 1], [2]])
    entry = Entry.objects.get(log=poll.log)
    assert bytes(entry.leaf_hash) == leaf
    assert json.loads(bytes(entry.data)) == {
        "answers": [[1], [0, 1], [2]],
        "poll": poll.pk,
        "v": 1,
        "voter": "Ганна Листова",
    }
    with pytest.raises(PollError) as refused:
        named_vote_cast(poll=poll, user=voters[0], answers=[[0], [0], [1]])
    assert refused.value.code == "already_voted"
    with pytest.raises(PollError) as refused:
        named_vote_cast(poll=poll, user=voters[1], answers=[[5], [0], [1]])
    assert refused.value.code == "bad_answers"
    outsider = residents_of(DistrictFactory(), 1)[0]
    with pytest.raises(PollError) as refused:
        named_vote_cast(poll=poll, user=outsider, answers=[[0], [0], [1]])
    assert refused.value.code == "not_eligible"
    blinded = blinded_request(poll)
    with pytest.raises(PollError) as refused:
        credential_issue(poll=poll, user=voters[1], blinded_msg=blinded)
    assert refused.value.code == "not_secret"
    poll.refresh_from_db()
    assert poll.ballots_received == 1 and NamedVote.objects.count() == 1
    assert poll_vote_status(poll, voters[0]).has_voted


def test_the_count_of_an_open_vote_comes_from_its_named_entries(open_named_poll):
    poll, voters = open_named_poll
    named_vote_cast(poll=poll, user=voters[0], answers=[[1], [0, 1], [2]])
    named_vote_cast(poll=poll, user=voters[1], answers=[[1], [2], [4]])
    tally = poll_tally(poll=poll)
    assert tally["ballots"] == 2 and tally["spoilt"] == 0
    assert tally["questions"][0]["counts"] == [0, 2]
    assert tally["questions"][1]["counts"] == [1, 1, 1]
    assert tally["questions"][2]["mean"] == 3.0


def test_a_promise_shaped_like_a_tree_head_is_not_signed(open_secret_poll):
    poll, _voters = open_secret_poll
    with pytest.raises(LedgerError):
        leaf_promise_sign(log=poll.log, message=b"\x01" + bytes(48))
    assert len(leaf_promise_sign(log=poll.log, message=b"\x02" + bytes(48))) == 64


def test_the_export_names_credentials_and_votes_and_erasure_cuts_the_links(
    open_secret_poll, open_named_poll
):
    secret, secret_voters = open_secret_poll
    named, named_voters = open_named_poll
    person = secret_voters[0]
    credential_for(secret, person)
    data = export_for(person)
    assert data["secret_poll_credentials"][0]["poll"] == secret.title
    assert data["secret_poll_credentials"][0]["your_line_of_the_roll"] == roll_hashes(secret)[0]
    voter = named_voters[0]
    named_vote_cast(poll=named, user=voter, answers=[[0], [0], [1]])
    with translation.override("en"):
        note = export_for(voter)["open_poll_votes"][0]["note"]
    assert "append-only" in note
    erase_for(person)
    erase_for(voter)
    secret.refresh_from_db()
    assert secret.credentials_issued == 1 and Issuance.objects.get(poll=secret).user is None
    assert NamedVote.objects.get(poll=named).user is None
    assert export_for(person)["secret_poll_credentials"] == []


@pytest.mark.parametrize(
    "change",
    [
        {"token": b"t" * 63},
        {"enc": b"\x04" * 64},
        {"ct": b""},
        {"ct": b"c" * 8193},
    ],
)
def test_a_ballot_not_in_the_expected_form_is_refused(open_secret_poll, change):
    poll, voters = open_secret_poll
    ballot = secret_ballot(poll, voters[0], ANSWERS)
    with pytest.raises(PollError) as refused:
        ballot_submit(poll=poll, **{**ballot.submission, **change})
    assert refused.value.code == "bad_ballot"
    assert not SpentToken.objects.exists()
