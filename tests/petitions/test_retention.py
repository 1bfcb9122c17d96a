"""Six months after signing ended, however it ended, signers' names and emails are erased;
counts stay, and a keyed hash of each mailbox keeps it from signing the same petition again."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from petitions import services
from petitions.dates import add_months
from petitions.models import PetitionPage, Signature
from petitions.normalize import mailbox_hash, normalize_email
from petitions.states import SIGNABLE_STATES, PetitionError, State
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory


def closed_petition(make_petition, districts, *, days_ago, signers=3):
    """Signed while open, then closed `days_ago` days ago."""
    petition = make_petition("open")
    for i in range(signers):
        signature = SignatureFactory(petition=petition, district=districts[i])
        services.signature_confirm(signature_id=signature.pk)
    closed_at = timezone.now() - timedelta(days=days_ago)
    PetitionPage.objects.filter(pk=petition.pk).update(
        state=State.CLOSED, closes_at=closed_at, closed_at=closed_at
    )
    return petition


def run_retention() -> str:
    out = io.StringIO()
    call_command("petitions_retention", stdout=out)
    return out.getvalue()


def test_signers_of_a_petition_closed_over_six_months_ago_are_erased(make_petition, districts):
    old = closed_petition(make_petition, districts, days_ago=190)
    Signature.objects.filter(petition=old).update(confirmed_at=timezone.now() - timedelta(days=200))

    output = run_retention()

    erased = Signature.objects.filter(petition=old)
    assert all(s.name == "" and s.email == "" and s.normalized_email is None for s in erased)
    assert all(s.erased_at for s in erased)
    assert services.petition_total(old.pk) == 3
    assert f"petition {old.pk}: erased 3 signatures" in output


def test_a_petition_closed_less_than_six_months_ago_keeps_its_signers(make_petition, districts):
    recent = closed_petition(make_petition, districts, days_ago=150)

    run_retention()

    assert not Signature.objects.filter(petition=recent, erased_at__isnull=False).exists()


def test_retention_is_idempotent(make_petition, districts):
    closed_petition(make_petition, districts, days_ago=200)
    run_retention()

    output = run_retention()

    assert "Erased 0 signatures in all." in output


def test_petitions_still_open_are_untouched(open_petition, districts):
    signature = SignatureFactory(petition=open_petition, district=districts[0])

    run_retention()

    signature.refresh_from_db()
    assert signature.email and signature.erased_at is None


def _signed(petition, districts, signers=2):
    for i in range(signers):
        signature = SignatureFactory(petition=petition, district=districts[i])
        services.signature_confirm(signature_id=signature.pk)


def _expired(make_petition, districts, moderator):
    petition = make_petition("gathering_support")
    _signed(petition, districts)
    PetitionPage.objects.filter(pk=petition.pk).update(closes_at=timezone.now())
    services.petitions_expire_due()
    return petition


def _closed(make_petition, districts, moderator):
    petition = make_petition("open")
    _signed(petition, districts)
    PetitionPage.objects.filter(pk=petition.pk).update(closes_at=timezone.now())
    services.petitions_close_due()
    return petition


def _rejected(make_petition, districts, moderator):
    petition = make_petition("awaiting_moderation")
    _signed(petition, districts)
    return services.petition_reject(petition=petition, moderator=moderator, reason="duplicate")


def _hidden(make_petition, districts, moderator):
    petition = make_petition("gathering_support")
    _signed(petition, districts)
    return services.petition_hide(petition=petition, moderator=moderator, note="Заклики.")


def _signing_ended_awaiting_response(make_petition, districts, moderator):
    petition = make_petition("awaiting_response")
    _signed(petition, districts)
    PetitionPage.objects.filter(pk=petition.pk).update(closes_at=timezone.now())
    services.petitions_close_due()
    return petition


def _signing_ended_responded(make_petition, districts, moderator):
    petition = make_petition("responded")
    _signed(petition, districts)
    PetitionPage.objects.filter(pk=petition.pk).update(closes_at=timezone.now())
    services.petitions_close_due()
    return petition


# Every way signing ends, each reached through the service that ends it.
ENDINGS = {
    State.EXPIRED: _expired,
    State.CLOSED: _closed,
    State.REJECTED: _rejected,
    State.HIDDEN: _hidden,
    State.AWAITING_RESPONSE: _signing_ended_awaiting_response,
    State.RESPONDED: _signing_ended_responded,
}


def test_every_state_that_takes_no_more_signatures_has_a_retention_clock():
    """A state added later (withdrawn, say) must join `ENDINGS`, or this fails."""
    ended = {state for state in State.values if state not in SIGNABLE_STATES} - {State.DRAFT}

    assert ended <= set(ENDINGS)


@pytest.mark.parametrize("state", list(ENDINGS))
def test_signers_are_erased_six_months_after_signing_ended_in_every_end_state(
    make_petition, districts, moderator, state
):
    petition = ENDINGS[state](make_petition, districts, moderator)
    petition.refresh_from_db()
    assert petition.state == state and petition.closed_at is not None

    services.signatures_apply_retention(now=add_months(petition.closed_at, 5))
    assert not Signature.objects.filter(petition=petition, erased_at__isnull=False).exists()

    services.signatures_apply_retention(now=add_months(petition.closed_at, 6))
    erased = Signature.objects.filter(petition=petition)
    assert erased.count() == 2
    assert all(s.erased_at and s.name == "" and s.email == "" for s in erased)


def test_an_erased_signature_keeps_only_a_keyed_hash_of_its_mailbox(make_petition, districts):
    petition = closed_petition(make_petition, districts, days_ago=200, signers=1)
    address = Signature.objects.get(petition=petition).email

    run_retention()

    erased = Signature.objects.get(petition=petition)
    assert erased.normalized_email is None and erased.email == ""
    assert erased.mailbox_hash == mailbox_hash(normalize_email(address))
    assert address.split("@")[0] not in erased.mailbox_hash


def test_an_erased_mailbox_cannot_sign_the_same_petition_again(open_petition, districts):
    user = UserFactory(email="Taras.Shevchuk@gmail.com")
    first = SignatureFactory(petition=open_petition, district=districts[0], email=user.email)
    services.signature_confirm(signature_id=first.pk)
    services.signatures_erase(signatures=Signature.objects.filter(pk=first.pk))

    with pytest.raises(PetitionError) as refused:
        services.signature_create(
            petition_id=open_petition.pk,
            name="Тарас",
            email="tarasshevchuk+again@gmail.com",
            district=districts[0],
            show_name=False,
        )

    assert refused.value.code == "duplicate"
    assert Signature.objects.filter(petition=open_petition).count() == 1
    assert services.petition_total(open_petition.pk) == 1


def test_an_erased_mailbox_cannot_sign_again_with_one_click_either(open_petition, districts):
    user = UserFactory(email="olena@example.org")
    services.signature_sign_as_user(
        petition=open_petition, user=user, name="Олена", district=districts[0], show_name=False
    )
    services.signatures_erase(signatures=Signature.objects.filter(petition=open_petition))

    with pytest.raises(PetitionError):
        services.signature_sign_as_user(
            petition=open_petition, user=user, name="Олена", district=districts[0], show_name=False
        )

    assert services.petition_total(open_petition.pk) == 1


def test_the_database_refuses_a_second_signature_with_the_mailbox_hash_of_an_erased_one(
    open_petition, districts
):
    first = SignatureFactory(petition=open_petition, district=districts[0])
    services.signatures_erase(signatures=Signature.objects.filter(pk=first.pk))
    first.refresh_from_db()

    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            petition=open_petition,
            name="Хтось",
            email="someone@example.org",
            normalized_email="someone@example.org",
            mailbox_hash=first.mailbox_hash,
            district=districts[0],
        )


def test_the_migration_hashes_the_mailboxes_of_signatures_made_before_it(open_petition, districts):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("petitions.migrations.0004_backfill_deadlines_and_mailbox_hashes")
    older = SignatureFactory(petition=open_petition, district=districts[0], mailbox_hash=None)
    erased_before = SignatureFactory(
        petition=open_petition, district=districts[1], normalized_email=None, mailbox_hash=None
    )

    migration.hash_mailboxes(apps, None)

    older.refresh_from_db()
    erased_before.refresh_from_db()
    assert older.mailbox_hash == mailbox_hash(older.normalized_email)
    assert erased_before.mailbox_hash is None  # nothing left to hash
