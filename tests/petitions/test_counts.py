"""Counts are stored, exact, and stay exact under concurrent confirmations (PostgreSQL)."""

import threading
from collections import Counter

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

import pytest

from petitions import services
from petitions.models import PetitionPage, Signature, SignatureTally
from petitions.selectors import signature_breakdown
from petitions.states import PetitionError, State
from tests.petitions.factories import SignatureFactory


def counted_rows(petition) -> Counter:
    """What the tallies must say: confirmed, valid signature rows per district."""
    rows = Signature.objects.filter(
        petition=petition, confirmed_at__isnull=False, invalidated_at__isnull=True
    )
    return Counter(rows.values_list("district_id", flat=True))


def tallied(petition) -> Counter:
    sums = (
        SignatureTally.objects.filter(petition=petition)
        .values_list("district_id")
        .annotate(n=Sum("count"))
    )
    return Counter({district: n for district, n in sums if n})


def test_confirming_adds_to_the_tally_of_the_signers_district_and_day(open_petition, districts):
    for district in [districts[0], districts[0], districts[4]]:
        signature = SignatureFactory(petition=open_petition, district=district)
        services.signature_confirm(signature_id=signature.pk)

    rows = SignatureTally.objects.filter(petition=open_petition)
    assert {(t.district_id, t.day, t.count) for t in rows} == {
        (districts[0].pk, timezone.localdate(), 2),
        (districts[4].pk, timezone.localdate(), 1),
    }
    assert services.petition_total(open_petition.pk) == 3


def test_the_page_reads_the_breakdown_from_tallies_not_signatures(
    open_petition, districts, django_assert_max_num_queries
):
    for i in range(30):
        signature = SignatureFactory(petition=open_petition, district=districts[i % 3])
        services.signature_confirm(signature_id=signature.pk)

    with django_assert_max_num_queries(3):
        breakdown = signature_breakdown(open_petition)

    assert breakdown.total == 30
    assert [cell.count for _d, cell in breakdown.districts[:4]] == [10, 10, 10, 0]


def test_small_district_counts_are_shown_as_fewer_than_5(open_petition, districts):
    for district in [districts[0]] * 7 + [districts[1]] * 3 + [districts[2]] * 6:
        signature = SignatureFactory(petition=open_petition, district=district)
        services.signature_confirm(signature_id=signature.pk)

    cells = dict(signature_breakdown(open_petition).districts)

    assert cells[districts[1]].label == "fewer than 5" or cells[districts[1]].suppressed
    # One hidden group could be worked out from the total, so the next smallest hides too.
    assert cells[districts[2]].suppressed
    assert cells[districts[0]].count == 7
    assert cells[districts[3]].count == 0


def run_at_once(jobs):
    """Start every job at the same moment, each on its own database connection."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 (collected, then reported by the test)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_confirmations_count_every_signature_exactly_once(
    on_postgres, make_petition, districts
):
    petition = make_petition("open", response_threshold=100_000)
    distinct = [
        SignatureFactory(petition=petition, district=districts[i % len(districts)])
        for i in range(50)
    ]
    shared = SignatureFactory(petition=petition, district=districts[3])
    jobs = [lambda s=s: services.signature_confirm(signature_id=s.pk) for s in distinct]
    jobs += [lambda: services.signature_confirm(signature_id=shared.pk)] * 10

    errors = run_at_once(jobs)

    assert errors == []
    assert Signature.objects.filter(petition=petition, confirmed_at__isnull=False).count() == 51
    assert services.petition_total(petition.pk) == 51
    assert tallied(petition) == counted_rows(petition)
    assert tallied(petition)[districts[3].pk] == 6  # 5 distinct from that district + the shared


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_confirmations_cross_the_threshold_exactly_once(
    on_postgres, make_petition, districts
):
    petition = make_petition("open", response_threshold=30)
    signatures = [
        SignatureFactory(petition=petition, district=districts[i % len(districts)])
        for i in range(40)
    ]

    errors = run_at_once(
        [lambda s=s: services.signature_confirm(signature_id=s.pk) for s in signatures]
    )

    assert errors == []
    petition = PetitionPage.objects.get(pk=petition.pk)
    assert petition.state == State.AWAITING_RESPONSE
    assert petition.response_threshold_reached_at is not None
    assert services.petition_total(petition.pk) == 40


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invalidation_racing_with_confirmations_leaves_exact_counts(
    on_postgres, make_petition, districts, moderator
):
    petition = make_petition("open", response_threshold=100_000)
    flood = [
        SignatureFactory(petition=petition, district=districts[i % 4], ip_prefix_hash="f" * 64)
        for i in range(30)
    ]
    others = [SignatureFactory(petition=petition, district=districts[5]) for _ in range(10)]
    for signature in flood[:10]:
        services.signature_confirm(signature_id=signature.pk)

    def confirm(signature):
        try:
            services.signature_confirm(signature_id=signature.pk)
        except PetitionError as refused:  # invalidated first: the link no longer counts
            assert refused.code == "invalid_link"

    jobs = [lambda s=s: confirm(s) for s in flood + others]
    jobs.append(
        lambda: services.signatures_invalidate(
            petition=petition, moderator=moderator, network="f" * 64
        )
    )

    errors = run_at_once(jobs)

    assert errors == []
    assert tallied(petition) == counted_rows(petition)
    assert tallied(petition)[districts[5].pk] == 10
    assert not Signature.objects.filter(
        petition=petition, ip_prefix_hash="f" * 64, invalidated_at__isnull=True
    ).exists()
