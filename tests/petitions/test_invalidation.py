"""Bulk invalidation by network or email domain: exact counts, moderators only."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

import pytest

from petitions import services
from petitions.models import Signature, SignatureTally
from petitions.selectors import signing_rates
from petitions.states import PetitionError
from tests.factories import UserFactory
from tests.petitions.factories import SignatureFactory

FLOOD = "a" * 64


@pytest.fixture
def flooded(open_petition, districts):
    """12 signatures from one network (10 confirmed, 2 pending) and 5 honest ones."""
    for i in range(12):
        signature = SignatureFactory(
            petition=open_petition,
            district=districts[i % 3],
            ip_prefix_hash=FLOOD,
            email=f"bot{i}@mailinator.com",
            email_domain="mailinator.com",
        )
        if i < 10:
            services.signature_confirm(signature_id=signature.pk)
    for i in range(5):
        signature = SignatureFactory(petition=open_petition, district=districts[i])
        services.signature_confirm(signature_id=signature.pk)
    return open_petition


def test_invalidating_a_network_removes_exactly_its_confirmed_signatures_from_the_counts(
    flooded, moderator, districts
):
    result = services.signatures_invalidate(petition=flooded, moderator=moderator, network=FLOOD)

    assert (result.invalidated, result.uncounted) == (12, 10)
    assert services.petition_total(flooded.pk) == 5
    per_district = dict(
        SignatureTally.objects.filter(petition=flooded)
        .values_list("district_id")
        .annotate(n=Sum("count"))
    )
    assert [per_district[d.pk] for d in districts[:5]] == [1, 1, 1, 1, 1]


def test_invalidating_twice_changes_nothing_more(flooded, moderator):
    services.signatures_invalidate(petition=flooded, moderator=moderator, network=FLOOD)

    again = services.signatures_invalidate(petition=flooded, moderator=moderator, network=FLOOD)

    assert (again.invalidated, again.uncounted) == (0, 0)
    assert services.petition_total(flooded.pk) == 5


def test_invalidating_an_email_domain(flooded, moderator):
    result = services.signatures_invalidate(
        petition=flooded, moderator=moderator, domain="mailinator.com"
    )
    assert result.uncounted == 10
    assert services.petition_total(flooded.pk) == 5


def test_invalidation_can_be_limited_to_recent_signatures(flooded, moderator):
    Signature.objects.filter(email__in=["bot0@mailinator.com", "bot1@mailinator.com"]).update(
        created_at=timezone.now() - timedelta(days=3)
    )

    result = services.signatures_invalidate(
        petition=flooded,
        moderator=moderator,
        network=FLOOD,
        since=timezone.now() - timedelta(days=1),
    )

    assert result.uncounted == 8
    assert services.petition_total(flooded.pk) == 7


def test_an_invalidated_signature_can_no_longer_be_confirmed(flooded, moderator):
    pending = Signature.objects.get(email="bot11@mailinator.com")
    services.signatures_invalidate(petition=flooded, moderator=moderator, network=FLOOD)

    with pytest.raises(PetitionError):
        services.signature_confirm(signature_id=pending.pk)
    assert services.petition_total(flooded.pk) == 5


def test_only_moderators_invalidate(flooded):
    with pytest.raises(PetitionError):
        services.signatures_invalidate(petition=flooded, moderator=UserFactory(), network=FLOOD)
    assert services.petition_total(flooded.pk) == 15


def test_the_rates_view_puts_the_busiest_network_first(flooded):
    networks = signing_rates(flooded, group_by="ip_prefix_hash")
    domains = signing_rates(flooded, group_by="email_domain")

    assert networks[0]["ip_prefix_hash"] == FLOOD
    assert (networks[0]["confirmed"], networks[0]["pending"], networks[0]["last_hour"]) == (
        10,
        2,
        12,
    )
    assert domains[0]["email_domain"] == "mailinator.com"
