"""Races on PostgreSQL, with real threads released together by a barrier: one credential per
person, exact counters, one ballot per token, and every accepted ballot appended exactly once
even while batches are appended and the poll closes."""

import threading
from collections import Counter

from django.db import connection

import pytest

from ledger.models import Entry
from polls.errors import PollError
from polls.models import Issuance, PendingBallot, Poll
from polls.services.ballots import ballot_submit, ballots_append_batch, credential_issue
from polls.services.polls import poll_close
from tests.polls.factories import ANSWERS, blinded_request, poll_with_voters, secret_ballot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(workers) -> list:
    """Run each callable in its own thread, all released at once; returns their outcomes
    (a value, or the exception raised)."""
    barrier = threading.Barrier(len(workers))
    outcomes: list = [None] * len(workers)

    def run(index, work):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = work()
        except Exception as error:  # noqa: BLE001 - each outcome is asserted by the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, work)) for index, work in enumerate(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    return outcomes


def _codes(outcomes) -> Counter:
    return Counter(
        outcome.code if isinstance(outcome, PollError) else type(outcome).__name__
        for outcome in outcomes
    )


def _logged_leaves(poll: Poll) -> list[bytes]:
    hashes = Entry.objects.filter(log=poll.log).values_list("leaf_hash", flat=True)
    return [bytes(h) for h in hashes]


def test_twenty_requests_for_one_person_give_exactly_one_credential(on_postgres):
    poll, voters = poll_with_voters(voters=20, state="open")
    blinded = [blinded_request(poll) for _ in range(20)]

    def request(value):
        return lambda: credential_issue(
            poll=Poll.objects.get(pk=poll.pk), user=voters[0], blinded_msg=value
        )

    outcomes = _race([request(value) for value in blinded])
    codes = _codes(outcomes)
    assert codes["bytes"] == 1, codes
    assert codes["already_issued"] == 19, codes
    poll.refresh_from_db()
    assert poll.credentials_issued == 1
    assert Issuance.objects.filter(poll=poll).count() == 1


def test_thirty_people_at_once_are_counted_exactly(on_postgres):
    poll, voters = poll_with_voters(voters=30, state="open")
    blinded = [blinded_request(poll) for _ in voters]

    def request(voter, value):
        return lambda: credential_issue(
            poll=Poll.objects.get(pk=poll.pk), user=voter, blinded_msg=value
        )

    outcomes = _race([request(v, b) for v, b in zip(voters, blinded, strict=True)])
    assert _codes(outcomes)["bytes"] == 30, _codes(outcomes)
    poll.refresh_from_db()
    assert poll.credentials_issued == 30
    assert Issuance.objects.filter(poll=poll).count() == 30


def test_thirty_submissions_of_one_token_accept_exactly_one(on_postgres):
    poll, voters = poll_with_voters(voters=20, state="open")
    ballot = secret_ballot(poll, voters[0], ANSWERS)

    def submit():
        return ballot_submit(poll=Poll.objects.get(pk=poll.pk), **ballot.submission)

    outcomes = _race([submit for _ in range(30)])
    codes = _codes(outcomes)
    assert codes["Receipt"] == 1, codes
    assert codes["token_spent"] == 29, codes
    poll.refresh_from_db()
    assert poll.ballots_received == 1
    assert PendingBallot.objects.filter(poll=poll).count() == 1


def test_ballots_submitted_during_batches_are_each_appended_once(on_postgres):
    poll, voters = poll_with_voters(voters=24, state="open")
    ballots = [secret_ballot(poll, voter, ANSWERS) for voter in voters]
    groups = [ballots[i::6] for i in range(6)]

    def submitter(group):
        def work():
            own = Poll.objects.get(pk=poll.pk)
            return [ballot_submit(poll=own, **b.submission).leaf_hash for b in group]

        return work

    def appender():
        return sum(ballots_append_batch(poll=Poll.objects.get(pk=poll.pk)) for _ in range(8))

    outcomes = _race([submitter(group) for group in groups] + [appender, appender])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    ballots_append_batch(poll=poll)
    receipts = [leaf for outcome in outcomes[:6] for leaf in outcome]
    logged = [
        bytes(h) for h in Entry.objects.filter(log=poll.log).values_list("leaf_hash", flat=True)
    ]
    assert sorted(logged) == sorted(receipts)
    assert len(set(logged)) == len(voters)
    assert not PendingBallot.objects.filter(poll=poll).exists()
    poll.refresh_from_db()
    assert poll.ballots_received == len(voters) == poll.log.size


def test_a_close_during_submissions_leaves_no_accepted_ballot_out(on_postgres):
    poll, voters = poll_with_voters(voters=24, state="open")
    ballots = [secret_ballot(poll, voter, ANSWERS) for voter in voters]

    def submit(ballot):
        return lambda: ballot_submit(poll=Poll.objects.get(pk=poll.pk), **ballot.submission)

    def close():
        return poll_close(poll=Poll.objects.get(pk=poll.pk), now=poll.closes_at)

    outcomes = _race([submit(b) for b in ballots] + [close])
    accepted = [o.leaf_hash for o in outcomes[:-1] if not isinstance(o, Exception)]
    refused = [o for o in outcomes[:-1] if isinstance(o, Exception)]
    assert all(isinstance(o, PollError) and o.code == "not_open" for o in refused), refused
    assert isinstance(outcomes[-1], Poll)
    poll.refresh_from_db()
    logged = [
        bytes(h) for h in Entry.objects.filter(log=poll.log).values_list("leaf_hash", flat=True)
    ]
    assert sorted(logged) == sorted(accepted)
    assert poll.ballots_received == len(accepted) == poll.log.size
    assert not PendingBallot.objects.filter(poll=poll).exists()
