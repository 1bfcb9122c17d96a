"""The arithmetic of weights: share × area as exact fractions, snapshotted when voting opens,
co-owners of one unit each with their own fraction, adding up to the building to the last
square centimetre."""

from decimal import Decimal
from fractions import Fraction

import pytest

from meetings import counting
from meetings.models import VotingRight
from residents.models import Ownership, Unit, VerifiedAttribute
from residents.services.attributes import attribute_revoke
from tests.meetings.factories import house_with_coowners, meeting_for, right_of

pytestmark = pytest.mark.django_db


def test_a_weight_is_the_share_times_the_area_exactly():
    assert counting.weight(1, 3, Decimal("54.30")) == Fraction(181, 10)
    assert counting.weight(1, 3, Decimal("33.33")) == Fraction(3333, 300)
    assert counting.weight(2, 7, Decimal("10.01")) == Fraction(2002, 700)
    assert isinstance(counting.weight(1, 2, Decimal("1.00")), Fraction)


def test_thirds_of_an_odd_area_add_up_to_the_area_where_floats_would_not():
    thirds = [counting.weight(1, 3, Decimal("12.01")) for _ in range(3)]
    assert sum(thirds, Fraction(0)) == Fraction(Decimal("12.01"))
    assert sum([12.01 / 3] * 3) != 12.01  # what this module must never do


def test_coowners_of_one_unit_vote_their_own_fractions():
    house = house_with_coowners(
        areas=["60.00", "40.10"], shares={0: [(1, 2), (1, 4), (1, 4)], 1: [(1, 3), (2, 3)]}
    )
    meeting = meeting_for(house, state="voting")
    weights = [right_of(meeting, owner).weight for owner in house.owners]
    assert weights == [
        Fraction(30),
        Fraction(15),
        Fraction(15),
        Fraction(401, 30),
        Fraction(802, 30),
    ]
    assert sum(weights, Fraction(0)) == Fraction(Decimal("100.10"))
    assert meeting.total_area == Decimal("100.10")


def test_the_snapshot_ignores_later_changes_to_the_register():
    house = house_with_coowners(areas=["50.00", "50.00"], shares={0: [(1, 2), (1, 2)]})
    meeting = meeting_for(house, state="voting")
    Ownership.objects.filter(pk=house.ownerships[0].pk).update(
        share_numerator=1, share_denominator=4
    )
    Unit.objects.filter(pk=house.ownerships[0].unit_id).update(area=Decimal("99.00"))
    right = right_of(meeting, house.owners[0])
    assert right.weight == Fraction(25)
    assert (right.share_numerator, right.share_denominator) == (1, 2)
    assert right.unit_area == Decimal("50.00")


def test_an_ownership_without_an_account_gets_a_right_nobody_votes_online():
    house = house_with_coowners(areas=["50.00"], unlinked_areas=["25.50"])
    meeting = meeting_for(house, state="voting")
    right = right_of(meeting, ownership=house.unlinked[0])
    assert right.user is None and right.holder_name == ""
    assert right.weight == Fraction(Decimal("25.50"))
    assert meeting.total_area == Decimal("75.50")


def test_a_revoked_coowner_gets_no_online_vote_but_the_share_stays():
    house = house_with_coowners(areas=["50.00", "50.00"])
    attribute = VerifiedAttribute.objects.get(user=house.owners[1], kind="co_owner")
    attribute_revoke(attribute=attribute, by=None, reason="Продав квартиру.")
    meeting = meeting_for(house, state="voting")
    right = VotingRight.objects.get(meeting=meeting, ownership=house.ownerships[1])
    assert right.user is None
    assert right.weight == Fraction(50)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(1, 3), "0.33"),
        (Fraction(2, 3), "0.67"),
        (Fraction(1, 200), "0.01"),
        (Fraction(1, 201), "0.00"),
        (Fraction(123456789, 100), "1234567.89"),
    ],
)
def test_areas_are_shown_in_square_metres_rounded_to_hundredths(value, shown):
    assert str(counting.m2(value)) == shown


def test_a_share_is_shown_as_a_percentage_of_the_building():
    assert str(counting.percent(Fraction(1, 3), Fraction(1))) == "33.33"
    assert str(counting.percent(Fraction(50), Fraction(150))) == "33.33"
    assert str(counting.percent(Fraction(1), Fraction(0))) == "0.00"
