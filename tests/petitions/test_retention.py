"""Six months after signing closed, signers' names and emails are erased; counts stay."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from petitions import services
from petitions.models import PetitionPage, Signature
from petitions.states import State
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
