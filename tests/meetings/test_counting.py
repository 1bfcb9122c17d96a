"""Counting at close: quorum and each item's decision rule against the whole building's area,
at their exact boundaries (exactly one half is no majority; exactly two thirds passes; a
custom share is "at least"; a quorum exactly at its share fails), and the count made again
from the log agrees with it."""

from datetime import timedelta

import pytest

from meetings import counting
from meetings.errors import MeetingError
from meetings.models import Meeting
from meetings.services.counting import meeting_tally, tally_from_log
from meetings.services.meetings import meeting_count
from meetings.services.votes import paper_ballot_enter, votes_cast
from tests.meetings.factories import house_with_coowners, items_of, meeting_for, right_of

pytestmark = pytest.mark.django_db


def _item(rule, threshold=None):
    spec = {"title": f"Питання ({rule})", "proposed_decision": "Ухвалити.", "rule": rule}
    if threshold:
        spec["threshold"] = threshold
    return spec


def counted(areas, choices, *, item=None, shares=None):
    """A meeting of one item in a building of `areas`, where owner i votes `choices[i]`
    (None: does not vote), counted at its close; returns (meeting, results)."""
    house = house_with_coowners(areas=areas, shares=shares)
    meeting = meeting_for(house, state="voting", items=[item or _item("majority")])
    agenda_item = items_of(meeting)[0]
    for owner, choice in zip(house.owners, choices, strict=False):
        if choice is not None:
            votes_cast(
                meeting=meeting,
                by=owner,
                right=right_of(meeting, owner),
                choices={agenda_item.pk: choice},
            )
    meeting = meeting_count(meeting=meeting, now=meeting.voting_closes_at)
    return meeting, meeting.results


def test_exactly_half_of_the_area_for_is_not_a_majority():
    _meeting, results = counted(["50.00", "25.00", "25.00"], ["for", "against", "against"])
    assert results["quorum_reached"] is True
    assert results["items"][0]["for"] == "50/1"
    assert results["items"][0]["adopted"] is False


def test_one_square_centimetre_over_half_is_a_majority():
    _meeting, results = counted(["50.01", "24.99", "25.00"], ["for", "against", None])
    assert results["items"][0]["adopted"] is True


def test_a_majority_is_of_the_whole_building_not_of_those_who_voted():
    # 40 for, 20 against, 40 silent: two thirds of the votes cast, but 40 % of the building.
    _meeting, results = counted(["40.00", "20.00", "40.00"], ["for", "against", None])
    assert results["quorum_reached"] is True
    assert results["items"][0]["adopted"] is False


def test_exactly_two_thirds_passes_two_thirds():
    _meeting, results = counted(
        ["40.00", "20.00", "30.00"], ["for", "for", "against"], item=_item("two_thirds")
    )
    assert results["items"][0]["for"] == "60/1"
    assert results["items"][0]["threshold"] == "2/3"
    assert results["items"][0]["adopted"] is True


def test_just_under_two_thirds_fails_two_thirds():
    _meeting, results = counted(
        ["40.00", "19.99", "30.01"], ["for", "for", "against"], item=_item("two_thirds")
    )
    assert results["items"][0]["adopted"] is False


@pytest.mark.parametrize(
    ("areas", "adopted"),
    [(["75.00", "25.00"], True), (["74.99", "25.01"], False)],
)
def test_a_custom_share_is_at_least_that_share(areas, adopted):
    _meeting, results = counted(areas, ["for", "against"], item=_item("custom", (3, 4)))
    assert results["items"][0]["threshold"] == "3/4"
    assert results["items"][0]["adopted"] is adopted


def test_a_custom_share_with_fractional_ownerships():
    # Unit of 30.01 m² in thirds; one third for of a 90.03 m² building is exactly 1/9.
    _meeting, results = counted(
        ["30.01", "30.01", "30.01"],
        ["for", "against", "abstain", "abstain"],
        shares={0: [(1, 3), (2, 3)]},
        item=_item("custom", (1, 9)),
    )
    assert counting.from_text(results["items"][0]["for"]) == counting.from_text("3001/300")
    assert results["items"][0]["adopted"] is True


def test_a_quorum_exactly_at_half_fails_and_nothing_is_adopted():
    _meeting, results = counted(["50.00", "50.00"], ["for", None], item=_item("custom", (1, 2)))
    assert results["voted"] == "50/1"
    assert results["quorum_reached"] is False
    assert results["items"][0]["adopted"] is False


def test_a_quorum_just_over_half_holds_and_abstentions_count_towards_it():
    _meeting, results = counted(
        ["50.00", "0.01", "49.99"], ["for", "abstain", None], item=_item("custom", (1, 2))
    )
    assert results["quorum_reached"] is True
    assert results["items"][0]["abstain"] == "1/100"
    assert results["items"][0]["adopted"] is True


def test_results_carry_areas_and_percentages_for_people():
    _meeting, results = counted(["66.67", "33.33"], ["for", "against"])
    item = results["items"][0]
    assert results["total_area"] == "100.00"
    assert (item["for_m2"], item["for_percent"]) == ("66.67", "66.67")
    assert (item["against_m2"], item["against_percent"]) == ("33.33", "33.33")
    assert results["voted_percent"] == "100.00"
    assert (results["rights"], results["rights_voted"]) == (2, 2)


def test_the_count_embeds_the_signed_tree_head_it_was_made_at():
    meeting, results = counted(["60.00", "40.00"], ["for", "against"])
    head = meeting.final_tree_head
    assert head.size == 2 == meeting.log.size
    assert results["tree_head"]["root_hash"] == bytes(head.root_hash).hex()
    assert results["tree_head"]["signature"] == bytes(head.signature).hex()


def test_the_count_from_the_log_equals_the_count_from_the_rows():
    house = house_with_coowners(areas=["41.30", "27.15", "31.55"], shares={1: [(1, 2), (1, 2)]})
    meeting = meeting_for(house, state="voting")
    items = items_of(meeting)
    pattern = ["for", "against", "abstain", "for"]
    for index, owner in enumerate(house.owners):
        right = right_of(meeting, owner)
        votes_cast(
            meeting=meeting,
            by=owner,
            right=right,
            choices={item.pk: pattern[(index + n) % 4] for n, item in enumerate(items)},
        )
        votes_cast(meeting=meeting, by=owner, right=right, choices={items[0].pk: "for"})
    paper_ballot_enter(
        meeting=meeting,
        by=house.board,
        right=right_of(meeting, house.owners[0]),
        choices={items[1].pk: "against"},
    )
    assert tally_from_log(meeting=meeting) == meeting_tally(meeting=meeting)
    meeting = meeting_count(meeting=meeting, now=meeting.voting_closes_at)
    stored = {key: value for key, value in meeting.results.items() if key != "tree_head"}
    assert stored == tally_from_log(meeting=meeting)
    assert meeting.results["items"][0]["for_m2"] == "100.00"


def test_the_count_waits_for_the_close():
    house = house_with_coowners()
    meeting = meeting_for(house, state="voting")
    with pytest.raises(MeetingError) as caught:
        meeting_count(meeting=meeting, now=meeting.voting_closes_at - timedelta(minutes=1))
    assert caught.value.code == "not_due"
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.VOTING and meeting.results is None
