"""Meetings for the page tests, on top of `tests/meetings/factories.py` (the real services).

`meeting_at(state)` makes a building of four equal units of 50 m² (200 m² in all): three owned
by named co-owners and one by an invited owner who never accepted, so the area that votes is
never the whole building; and a meeting of three items (majority, two thirds, 3/5) brought to
`state`, with the votes `votes` cast while it was open.
"""

from dataclasses import dataclass, field

from meetings.models import Meeting
from meetings.services.meetings import meeting_cancel
from meetings.services.votes import votes_cast
from tests.meetings.factories import house_with_coowners, meeting_advance, meeting_for, right_of

ITEMS = [
    {
        "title": "Ворота у двір",
        "proposed_decision": "Встановити ворота з домофоном у двір будинку.",
        "rule": "majority",
    },
    {
        "title": "Нові вхідні двері",
        "proposed_decision": "Замінити вхідні двері першого під'їзду.",
        "rule": "two_thirds",
    },
    {
        "title": "Нова управляюча компанія",
        "proposed_decision": "Обрати нову управляючу компанію.",
        "rule": "custom",
        "threshold": (3, 5),
    },
]
# The co-owners' names as `house_with_coowners` gives them, in order.
NAMES = ["Співвласник 1", "Співвласник 2", "Співвласник 3"]
BOARD_NAME = "Голова правління"


@dataclass
class Built:
    meeting: Meeting
    board: object
    coowners: list = field(default_factory=list)
    building: object = None

    def refresh(self) -> Meeting:
        self.meeting = Meeting.objects.get(pk=self.meeting.pk)
        return self.meeting


def meeting_at(state: str, *, votes: dict | None = None, title: str | None = None) -> Built:
    """A meeting in `state` ("draft", "convened", "voting", "counted", "published",
    "cancelled"). `votes`: co-owner index → {item position: choice}."""
    house = house_with_coowners(areas=["50.00"] * 3, unlinked_areas=["50.00"])
    first = {"cancelled": "convened", "counted": "voting", "published": "voting"}.get(state, state)
    meeting = meeting_for(house, state=first, items=ITEMS, title=title or "Благоустрій двору")
    built = Built(
        meeting=meeting, board=house.board, coowners=house.owners, building=house.building
    )
    for index, choices in (votes or {}).items():
        cast(built, house.owners[index], choices)
    if state == "cancelled":
        meeting_cancel(meeting=meeting, by=house.board, reason="Перенесено на весну.")
    elif state != first:
        meeting_advance(built.refresh(), state, board=house.board)
    built.refresh()
    return built


def cast(built: Built, person, choices: dict[int, str]):
    """`person` votes their own right: item position → choice."""
    meeting = built.refresh()
    by_position = {item.position: item.pk for item in meeting.items.all()}
    return votes_cast(
        meeting=meeting,
        by=person,
        right=right_of(meeting, person),
        choices={by_position[position]: choice for position, choice in choices.items()},
    )
