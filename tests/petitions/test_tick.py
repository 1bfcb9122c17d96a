"""`manage.py petitions_tick`: the periodic housekeeping, safe to run any number of times."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from petitions import services
from petitions.models import PetitionPage, Signature
from petitions.states import State
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory


def tick() -> str:
    out = io.StringIO()
    call_command("petitions_tick", stdout=out)
    return out.getvalue()


def test_the_tick_closes_due_petitions_and_purges_expired_signatures(make_petition, districts):
    due = make_petition("open", closes_at=timezone.now() - timedelta(hours=1))
    SignatureFactory(
        petition=due, district=districts[0], created_at=timezone.now() - timedelta(days=10)
    )

    output = tick()

    assert "Closed 1 petitions" in output and "purged 1" in output
    assert PetitionPage.objects.get(pk=due.pk).state == State.CLOSED
    assert not Signature.objects.exists()


def test_the_tick_moves_a_petition_whose_threshold_was_missed(make_petition, districts):
    """A confirmation whose follow-up never ran (a crash after commit) is caught up, and the
    authority is told that it owes a response."""
    petition = make_petition("open", response_threshold=2)
    petition.authority.memberships.create(user=UserFactory(email="clerk@example.org"))
    for district in districts[:2]:
        signature = SignatureFactory(petition=petition, district=district)
        services.signature_confirm(signature_id=signature.pk)  # follow-ups are not run here
    assert PetitionPage.objects.get(pk=petition.pk).state == State.OPEN

    tick()

    assert PetitionPage.objects.get(pk=petition.pk).state == State.AWAITING_RESPONSE
    assert [m.to for m in mail.outbox] == [["clerk@example.org"]]
    assert petition.title in mail.outbox[0].subject


def test_a_second_tick_changes_nothing(make_petition):
    make_petition("open", closes_at=timezone.now() - timedelta(hours=1))
    tick()

    assert "Closed 0 petitions" in tick()
