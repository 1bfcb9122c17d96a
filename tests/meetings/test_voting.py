"""Votes, changed votes, paper ballots and proxies: each one entry of the meeting's restricted
log and one row; the last per (right, item) counts. And a non-co-owner sees nothing."""

import json

import pytest

from ledger import access
from ledger.models import Entry
from meetings import selectors
from meetings.errors import MeetingError
from meetings.models import Vote
from meetings.services.counting import meeting_tally, tally_from_log
from meetings.services.meetings import meeting_count
from meetings.services.votes import paper_ballot_enter, proxy_record, proxy_revoke, votes_cast
from tests.factories import UserFactory
from tests.meetings.factories import house_with_coowners, items_of, meeting_for, right_of

pytestmark = pytest.mark.django_db


def _entries(meeting) -> list[dict]:
    rows = Entry.objects.filter(log=meeting.log).order_by("index").values_list("data", flat=True)
    return [json.loads(bytes(data)) for data in rows]


def test_a_coowner_votes_on_every_item_at_once_each_an_entry(house, voting_meeting):
    items = items_of(voting_meeting)
    right = right_of(voting_meeting, house.owners[0])
    votes = votes_cast(
        meeting=voting_meeting,
        by=house.owners[0],
        right=right,
        choices={items[0].pk: "for", items[1].pk: "against", items[2].pk: "abstain"},
    )
    assert [vote.entry_index for vote in votes] == [0, 1, 2]
    assert all(vote.channel == "online" and vote.cast_by == house.owners[0] for vote in votes)
    entries = _entries(voting_meeting)
    assert [(e["item"], e["choice"]) for e in entries] == [
        (1, "for"),
        (2, "against"),
        (3, "abstain"),
    ]
    assert entries[0]["voter"] == house.owners[0].display_name
    assert entries[0]["weight"] == "50/1" and entries[0]["unit"] == "1"


def test_a_changed_vote_is_a_new_entry_and_the_last_one_counts(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    right = right_of(voting_meeting, house.owners[0])
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    votes_cast(
        meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "against"}
    )
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    votes_cast(
        meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "against"}
    )
    assert Vote.objects.filter(meeting=voting_meeting).count() == 4
    assert len(_entries(voting_meeting)) == 4
    first = meeting_tally(meeting=voting_meeting)["items"][0]
    assert (first["for"], first["against"]) == ("0/1", "50/1")
    assert tally_from_log(meeting=voting_meeting) == meeting_tally(meeting=voting_meeting)


def test_the_same_vote_twice_is_two_distinct_leaves(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    right = right_of(voting_meeting, house.owners[0])
    for _ in range(2):
        votes_cast(
            meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"}
        )
    hashes = {
        bytes(h)
        for h in Entry.objects.filter(log=voting_meeting.log).values_list("leaf_hash", flat=True)
    }
    assert len(hashes) == 2


@pytest.mark.parametrize(
    "choices",
    [{}, {"nope": "for"}, {999999: "for"}, {"ITEM": "maybe"}, ["for"]],
)
def test_bad_choices_change_nothing(house, voting_meeting, choices):
    item = items_of(voting_meeting)[0]
    if isinstance(choices, dict) and "ITEM" in choices:
        choices = {item.pk: choices["ITEM"]}
    with pytest.raises(MeetingError) as caught:
        votes_cast(
            meeting=voting_meeting,
            by=house.owners[0],
            right=right_of(voting_meeting, house.owners[0]),
            choices=choices,
        )
    assert caught.value.code == "bad_choices"
    voting_meeting.log.refresh_from_db()
    assert voting_meeting.log.size == 0 and not Vote.objects.exists()


def test_an_item_of_another_meeting_is_refused(house, voting_meeting):
    other = meeting_for(house, state="voting", title="Інші збори")
    with pytest.raises(MeetingError) as caught:
        votes_cast(
            meeting=voting_meeting,
            by=house.owners[0],
            right=right_of(voting_meeting, house.owners[0]),
            choices={items_of(other)[0].pk: "for"},
        )
    assert caught.value.code == "bad_choices"


def test_nobody_votes_another_persons_share(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    for person in (house.owners[1], UserFactory(), house.board):
        with pytest.raises(MeetingError) as caught:
            votes_cast(
                meeting=voting_meeting,
                by=person,
                right=right_of(voting_meeting, house.owners[0]),
                choices={item.pk: "for"},
            )
        assert caught.value.code == "not_allowed"
    assert not Vote.objects.exists()


def test_votes_are_refused_before_voting_opens(house):
    other = meeting_for(house, state="voting", title="Інші збори")
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        votes_cast(
            meeting=meeting,
            by=house.owners[0],
            right=right_of(other, house.owners[0]),
            choices={items_of(meeting)[0].pk: "for"},
        )
    assert caught.value.code == "not_voting"


def test_votes_are_refused_from_the_closing_time_even_before_the_count(house, voting_meeting):
    right = right_of(voting_meeting, house.owners[0])
    choices = {items_of(voting_meeting)[0].pk: "for"}
    with pytest.raises(MeetingError) as caught:
        votes_cast(
            meeting=voting_meeting,
            by=house.owners[0],
            right=right,
            choices=choices,
            now=voting_meeting.voting_closes_at,
        )
    assert caught.value.code == "not_voting"
    meeting_count(meeting=voting_meeting, now=voting_meeting.voting_closes_at)
    with pytest.raises(MeetingError) as caught:
        votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices=choices)
    assert caught.value.code == "not_voting"
    assert not Vote.objects.exists()


def test_the_board_enters_a_paper_ballot_marked_as_such():
    house = house_with_coowners(areas=["50.00"], unlinked_areas=["30.00"])
    meeting = meeting_for(house, state="voting")
    right = right_of(meeting, ownership=house.unlinked[0])
    items = items_of(meeting)
    votes = paper_ballot_enter(
        meeting=meeting, by=house.board, right=right, choices={items[0].pk: "for"}
    )
    assert votes[0].channel == "paper" and votes[0].cast_by == house.board
    entry = _entries(meeting)[0]
    assert entry["channel"] == "paper" and entry["cast_by"] == house.board.display_name
    assert meeting_tally(meeting=meeting)["items"][0]["for"] == "30/1"


def test_only_the_board_enters_paper_ballots(house, voting_meeting):
    with pytest.raises(MeetingError) as caught:
        paper_ballot_enter(
            meeting=voting_meeting,
            by=house.owners[0],
            right=right_of(voting_meeting, house.owners[1]),
            choices={items_of(voting_meeting)[0].pk: "for"},
        )
    assert caught.value.code == "not_allowed"
    assert not Vote.objects.exists()


def test_a_paper_ballot_after_an_online_vote_counts_as_the_later_one(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    right = right_of(voting_meeting, house.owners[0])
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    paper_ballot_enter(
        meeting=voting_meeting, by=house.board, right=right, choices={item.pk: "against"}
    )
    result = meeting_tally(meeting=voting_meeting)["items"][0]
    assert (result["for"], result["against"]) == ("0/1", "50/1")


def test_a_proxy_votes_the_share_and_the_owner_cannot_meanwhile(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    right = right_of(voting_meeting, house.owners[0])
    representative = UserFactory()
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    proxy = proxy_record(
        meeting=voting_meeting, by=house.board, right=right, proxy_user=representative
    )
    assert selectors.rights_votable_by(voting_meeting, representative) == [right]
    assert selectors.rights_votable_by(voting_meeting, house.owners[0]) == []
    # The owner's earlier vote stands until the proxy votes over it.
    assert meeting_tally(meeting=voting_meeting)["items"][0]["for"] == "50/1"
    with pytest.raises(MeetingError) as caught:
        votes_cast(
            meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "abstain"}
        )
    assert caught.value.code == "proxy_recorded"
    vote = votes_cast(
        meeting=voting_meeting, by=representative, right=right, choices={item.pk: "against"}
    )[0]
    assert vote.channel == "proxy" and vote.cast_by == representative
    assert _entries(voting_meeting)[-1]["voter"] == house.owners[0].display_name
    assert meeting_tally(meeting=voting_meeting)["items"][0]["against"] == "50/1"
    proxy_revoke(proxy=proxy, by=house.board)
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    with pytest.raises(MeetingError) as caught:
        votes_cast(meeting=voting_meeting, by=representative, right=right, choices={item.pk: "for"})
    assert caught.value.code == "not_allowed"


def test_a_proxy_votes_for_an_ownership_without_an_account():
    house = house_with_coowners(areas=["50.00"], unlinked_areas=["30.00"])
    meeting = meeting_for(house, state="voting")
    right = right_of(meeting, ownership=house.unlinked[0])
    representative = UserFactory()
    proxy_record(meeting=meeting, by=house.board, right=right, proxy_user=representative)
    votes_cast(
        meeting=meeting, by=representative, right=right, choices={items_of(meeting)[0].pk: "for"}
    )
    assert meeting_tally(meeting=meeting)["items"][0]["for"] == "30/1"


def test_proxies_are_recorded_by_the_board_once_per_share(house, voting_meeting):
    right = right_of(voting_meeting, house.owners[0])
    with pytest.raises(MeetingError) as caught:
        proxy_record(
            meeting=voting_meeting, by=house.owners[1], right=right, proxy_user=UserFactory()
        )
    assert caught.value.code == "not_allowed"
    proxy_record(meeting=voting_meeting, by=house.board, right=right, proxy_user=UserFactory())
    with pytest.raises(MeetingError) as caught:
        proxy_record(meeting=voting_meeting, by=house.board, right=right, proxy_user=UserFactory())
    assert caught.value.code == "proxy_exists"
    with pytest.raises(MeetingError) as caught:
        proxy_record(
            meeting=voting_meeting,
            by=house.board,
            right=right_of(voting_meeting, house.owners[1]),
            proxy_user=house.owners[1],
        )
    assert caught.value.code == "bad_proxy"


def test_a_non_coowner_sees_nothing_named(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    votes_cast(
        meeting=voting_meeting,
        by=house.owners[0],
        right=right_of(voting_meeting, house.owners[0]),
        choices={item.pk: "for"},
    )
    outsider = UserFactory()
    assert selectors.meeting_for_coowner(voting_meeting.pk, outsider) is None
    assert selectors.named_entries(voting_meeting, outsider) is None
    assert list(selectors.meetings_for_coowner(outsider)) == []
    assert selectors.rights_votable_by(voting_meeting, outsider) == []
    assert selectors.my_votes(voting_meeting, outsider) == []
    assert not access.can_read(voting_meeting.log, outsider)
    assert selectors.public_tally(voting_meeting) is None  # no running tally before the close
    # A co-owner sees it all.
    owner = house.owners[1]
    assert selectors.meeting_for_coowner(voting_meeting.pk, owner) == voting_meeting
    assert [e["voter"] for e in selectors.named_entries(voting_meeting, owner)] == [
        house.owners[0].display_name
    ]
    assert list(selectors.meetings_for_coowner(owner)) == [voting_meeting]
    assert access.can_read(voting_meeting.log, owner)
    assert access.can_read(voting_meeting.log, house.board)


def test_the_named_log_reads_only_the_slice_a_page_shows(
    house, voting_meeting, django_assert_num_queries
):
    item = items_of(voting_meeting)[0]
    for owner, choice in zip(house.owners[:3], ("for", "against", "abstain"), strict=True):
        right = right_of(voting_meeting, owner)
        votes_cast(meeting=voting_meeting, by=owner, right=right, choices={item.pk: choice})
    voting_meeting.log.refresh_from_db()
    entries = selectors.named_entries(voting_meeting, house.owners[0])

    assert len(entries) == 3
    with django_assert_num_queries(1):
        page = entries[1:3]
    assert [entry["choice"] for entry in page] == ["against", "abstain"]
    assert [entry["index"] for entry in page] == [1, 2]
    assert entries[-1]["choice"] == "abstain"
    assert [entry["choice"] for entry in entries] == ["for", "against", "abstain"]


def test_my_votes_lists_every_entry_of_my_share_with_its_leaf(house, voting_meeting):
    item = items_of(voting_meeting)[0]
    right = right_of(voting_meeting, house.owners[0])
    votes_cast(meeting=voting_meeting, by=house.owners[0], right=right, choices={item.pk: "for"})
    paper_ballot_enter(
        meeting=voting_meeting, by=house.board, right=right, choices={item.pk: "abstain"}
    )
    mine = selectors.my_votes(voting_meeting, house.owners[0])
    assert [(vote.entry_index, vote.choice) for vote in mine] == [(0, "for"), (1, "abstain")]
    leaves = dict(Entry.objects.filter(log=voting_meeting.log).values_list("index", "leaf_hash"))
    assert all(bytes(vote.leaf_hash) == bytes(leaves[vote.entry_index]) for vote in mine)
