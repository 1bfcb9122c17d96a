"""Factories of the meetings tests: a building of an association with its board and its
register of co-owners, and meetings made through the real services (their own log), moved to
the state a test needs.

    house = house_with_coowners(areas=["50.00", "30.00", "20.00"])
    meeting = meeting_for(house, state="voting")
    votes_cast(meeting=meeting, by=house.owners[0], right=right_of(meeting, house.owners[0]),
               choices={meeting.items.first().pk: "for"})
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from meetings.models import Meeting, VotingRight
from meetings.services.meetings import (
    meeting_convene,
    meeting_count,
    meeting_create,
    meeting_open_voting,
    meeting_publish,
)
from profiles.models import Membership
from residents.models import Ownership
from tests.profiles.factories import member, profiled_user
from tests.residents.factories import (
    AssociationFactory,
    BuildingFactory,
    DistrictFactory,
    OwnershipFactory,
    UnitFactory,
    accepted_ownership,
)

DEFAULT_ITEMS = [
    {
        "title": "Встановити ворота у двір",
        "proposed_decision": "Встановити автоматичні ворота за кошторисом у додатку.",
        "rule": "majority",
    },
    {
        "title": "Замінити вхідні двері",
        "proposed_decision": "Замінити двері першого під'їзду на металеві.",
        "rule": "two_thirds",
    },
    {
        "title": "Змінити управителя",
        "proposed_decision": "Розірвати договір з управителем і обрати нового.",
        "rule": "custom",
        "threshold": (3, 4),
    },
]
STATES = ("draft", "convened", "voting", "counted", "published")


@dataclass
class House:
    """A building with its association's board member and its register: `owners[i]` holds
    the whole of unit i unless the test says otherwise; `unlinked` are ownerships nobody has
    accepted (no account)."""

    building: object
    board: object
    owners: list = field(default_factory=list)
    ownerships: list = field(default_factory=list)
    unlinked: list = field(default_factory=list)


def house_with_coowners(
    *, areas=("50.00", "30.00", "20.00"), unlinked_areas=(), shares=None
) -> House:
    """One unit per area in `areas`, each owned whole by a verified co-owner (or, with
    `shares` = {unit index: [(n, d), …]}, by several, each their fraction); one unit per
    area in `unlinked_areas` owned by an invited person who never accepted."""
    association = AssociationFactory()
    building = BuildingFactory(district=DistrictFactory(), association=association)
    board = profiled_user(display_name="Голова правління")
    member(association, board, role=Membership.Role.ADMIN)
    house = House(building=building, board=board)
    shares = shares or {}
    for index, area in enumerate(areas):
        unit = UnitFactory(building=building, number=str(index + 1), area=Decimal(area))
        for numerator, denominator in shares.get(index, [(1, 1)]):
            owner = profiled_user(display_name=f"Співвласник {len(house.owners) + 1}")
            house.owners.append(owner)
            house.ownerships.append(
                accepted_ownership(
                    unit=unit, user=owner, numerator=numerator, denominator=denominator
                )
            )
    for index, area in enumerate(unlinked_areas):
        unit = UnitFactory(building=building, number=f"U{index + 1}", area=Decimal(area))
        house.unlinked.append(OwnershipFactory(unit=unit))
    return house


def meeting_for(
    house: House,
    *,
    state: str = "draft",
    items=None,
    now=None,
    window_days: int = 2,
    title: str = "Збори співвласників: двір і двері",
) -> Meeting:
    """A board-convened meeting of `house`, moved to `state` through the services. Its vote
    opened an hour before `now` and closes `window_days` after that; it was convened just
    over the notice period before the opening; counting uses its closing time."""
    now = now or timezone.now()
    opens = now - timedelta(hours=1)
    meeting = meeting_create(
        building=house.building,
        by=house.board,
        title=title,
        description="Порядок денний у додатку.",
        items=items if items is not None else DEFAULT_ITEMS,
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=window_days),
    )
    return meeting_advance(meeting, state, board=house.board)


def meeting_advance(meeting: Meeting, state: str, *, board) -> Meeting:
    """Move `meeting` forward to `state` ("convened", "voting", "counted", "published")."""
    steps = [
        lambda m: meeting_convene(
            meeting=m,
            by=board,
            now=m.voting_opens_at - timedelta(days=m.notice_days, minutes=1),
        ),
        lambda m: meeting_open_voting(meeting=m, now=m.voting_opens_at),
        lambda m: meeting_count(meeting=m, now=m.voting_closes_at),
        lambda m: meeting_publish(meeting=m, by=board),
    ]
    for index in range(STATES.index(meeting.state), STATES.index(state)):
        meeting = steps[index](meeting)
    meeting.refresh_from_db()
    return meeting


def right_of(meeting: Meeting, owner=None, *, ownership: Ownership | None = None) -> VotingRight:
    """The meeting's right of `owner` (their only one) or of `ownership`."""
    if ownership is not None:
        return VotingRight.objects.get(meeting=meeting, ownership=ownership)
    return VotingRight.objects.get(meeting=meeting, user=owner)


def items_of(meeting: Meeting) -> list:
    return list(meeting.items.order_by("position"))
