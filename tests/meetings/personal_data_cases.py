"""Rows of the meetings app that hold something about a person, made for
`tests/profiles/test_personal_data_completeness.py` (its CASES name these builders): each
returns (row, text of the row that the person's archive must contain)."""

from meetings.models import EmailSent, InitiativeMember
from meetings.services.discussion import comment_post
from meetings.services.votes import proxy_record, votes_cast
from profiles.models import Membership
from tests.meetings.factories import House, house_with_coowners, items_of, meeting_for, right_of
from tests.profiles.factories import member
from tests.residents.factories import UnitFactory, accepted_ownership


def _house_with(person) -> House:
    """A house of two co-owners where `person` co-owns a third unit, no. 77."""
    house = house_with_coowners(areas=["50.00", "40.00"])
    unit = UnitFactory(building=house.building, number="77", area="10.00")
    house.ownerships.append(accepted_ownership(unit=unit, user=person))
    return house


def meeting(person, world):
    house = house_with_coowners(areas=["50.00", "50.00"])
    member(house.building.association, person, role=Membership.Role.ADMIN)
    made = meeting_for(House(building=house.building, board=person), title="Збори правління")
    return made, "Збори правління"


def initiative_member(person, world):
    house = _house_with(person)
    made = meeting_for(house, title="Ініціатива двору")
    return InitiativeMember.objects.create(meeting=made, user=person), "Ініціатива двору"


def voting_right(person, world):
    house = _house_with(person)
    made = meeting_for(house, state="voting", title="Збори про ліфт")
    return right_of(made, person), "Збори про ліфт"


def proxy(person, world):
    house = house_with_coowners(areas=["50.00", "50.00"])
    made = meeting_for(house, state="voting", title="Збори з довіреністю")
    right = right_of(made, house.owners[0])
    return (
        proxy_record(meeting=made, by=house.board, right=right, proxy_user=person),
        "Збори з довіреністю",
    )


def vote(person, world):
    house = _house_with(person)
    made = meeting_for(house, state="voting", title="Збори про двері")
    (cast,) = votes_cast(
        meeting=made,
        by=person,
        right=right_of(made, person),
        choices={items_of(made)[0].pk: "against"},
    )
    return cast, bytes(cast.leaf_hash).hex()


def email_sent(person, world):
    house = house_with_coowners(areas=["50.00", "50.00"])
    made = meeting_for(house, title="Збори з листом")
    return EmailSent.objects.create(meeting=made, user=person, kind="notice"), "Збори з листом"


def comment(person, world):
    house = _house_with(person)
    made = meeting_for(house, state="convened")
    return comment_post(meeting=made, by=person, body="Ворота — так, але з хвірткою."), (
        "Ворота — так, але з хвірткою."
    )
