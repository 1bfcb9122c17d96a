"""The poll's states and the constraints the database itself enforces."""

from django.db import IntegrityError, models, transaction

import pytest

from polls.errors import PollError
from polls.models import Issuance, NamedVote, PendingBallot, Poll, SpentToken
from polls.services.polls import poll_transition

State = Poll.State


def test_every_state_has_its_transitions_and_published_is_final():
    assert set(Poll.TRANSITIONS) == set(State)
    assert Poll.TRANSITIONS[State.PUBLISHED] == set()
    assert Poll.TRANSITIONS[State.OPEN] == {State.CLOSED}


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("draft", "open"),
        ("draft", "closed"),
        ("scheduled", "closed"),
        ("open", "draft"),
        ("open", "scheduled"),
        ("closed", "open"),
        ("published", "closed"),
    ],
)
def test_an_illegal_transition_is_refused(current, target):
    with pytest.raises(PollError) as refused:
        poll_transition(Poll(state=current), target)
    assert refused.value.code == "illegal_transition"


@pytest.mark.parametrize(
    ("current", "target"),
    [("draft", "scheduled"), ("scheduled", "draft"), ("scheduled", "open"), ("open", "closed")],
)
def test_a_legal_transition_passes(current, target):
    poll_transition(Poll(state=current), target)


def test_a_token_is_spent_once_per_poll(open_secret_poll):
    poll, _voters = open_secret_poll
    SpentToken.objects.create(poll=poll, token_hash=b"\x01" * 32)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpentToken.objects.create(poll=poll, token_hash=b"\x01" * 32)


def test_one_credential_per_person_but_erased_rows_may_repeat(open_secret_poll):
    poll, voters = open_secret_poll
    Issuance.objects.create(poll=poll, user=voters[0], roll_secret=b"a" * 16)
    with pytest.raises(IntegrityError), transaction.atomic():
        Issuance.objects.create(poll=poll, user=voters[0], roll_secret=b"b" * 16)
    Issuance.objects.create(poll=poll, user=None, roll_secret=b"c" * 16)
    Issuance.objects.create(poll=poll, user=None, roll_secret=b"d" * 16)
    assert Issuance.objects.filter(poll=poll, user=None).count() == 2


def test_one_named_vote_per_person(open_named_poll):
    poll, voters = open_named_poll
    NamedVote.objects.create(poll=poll, user=voters[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        NamedVote.objects.create(poll=poll, user=voters[0])


def test_ballot_tables_have_no_time_and_no_person():
    """Nothing in a spent token or a pending ballot could order ballots by arrival or name
    anyone: no date or time column, no sequential key, no link to an account."""
    for model in (SpentToken, PendingBallot):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField)
            assert field.related_model in (None, Poll)
        assert isinstance(model._meta.pk, models.UUIDField)
