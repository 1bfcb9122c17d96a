"""The demo city's petitions: every state, thousands of signatures, counts equal to rows."""

import io

from django.db.models import Count, Sum

import pytest

from config.demo import Progress
from petitions.models import PetitionPage, Signature, SignatureTally
from petitions.states import State


@pytest.fixture
def demo(db):
    from config.demo import seed as seed_city
    from petitions.demo import seed

    progress = Progress(stream=io.StringIO(), enabled=False)
    seed_city(progress=progress)
    seed(progress=progress)
    return seed, progress


def test_the_demo_has_petitions_in_every_state_and_over_20000_signatures(demo):
    states = set(PetitionPage.objects.values_list("state", flat=True))
    confirmed = Signature.objects.filter(confirmed_at__isnull=False).count()

    assert states == set(State.values)
    assert PetitionPage.objects.count() >= 30
    assert confirmed >= 20_000
    assert PetitionPage.objects.filter(state=State.RESPONDED, response__isnull=False).count() >= 3


def test_the_demo_counts_equal_the_signatures_they_count(demo):
    rows = {
        (r["petition_id"], r["district_id"]): r["n"]
        for r in Signature.objects.filter(confirmed_at__isnull=False, invalidated_at__isnull=True)
        .values("petition_id", "district_id")
        .annotate(n=Count("pk"))
    }
    tallies = {
        (r["petition_id"], r["district_id"]): r["n"]
        for r in SignatureTally.objects.values("petition_id", "district_id").annotate(
            n=Sum("count")
        )
    }
    assert rows == tallies


def test_seeding_the_demo_again_changes_nothing(demo):
    seed, progress = demo
    before = (PetitionPage.objects.count(), Signature.objects.count())

    seed(progress=progress)

    assert (PetitionPage.objects.count(), Signature.objects.count()) == before
