"""Races on PostgreSQL, with real threads released together by a barrier: 100 co-owners vote
and change their votes at once, and the tally equals the count made from the log, every
entry in the log exactly once; and a count that closes the vote in the middle of it sees
exactly the votes its tree head covers.

PostgreSQL allows 100 connections in all and other sessions share them, so the 100 co-owners
are served by 40 threads (each a connection) that take them from one queue at the same moment.
"""

from collections import Counter

import pytest

from ledger.models import Entry
from meetings.errors import MeetingError
from meetings.models import Meeting, Vote
from meetings.services.counting import meeting_tally, tally_from_log
from meetings.services.meetings import meeting_count
from meetings.services.votes import votes_cast
from tests.concurrency import race
from tests.meetings.factories import house_with_coowners, items_of, meeting_for, right_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 40
COOWNERS = 100


def _race(jobs, *, threads: int = THREADS) -> list:
    return race(jobs, threads=threads)


def _codes(outcomes) -> Counter:
    return Counter(
        outcome.code if isinstance(outcome, MeetingError) else type(outcome).__name__
        for outcome in outcomes
    )


def _house_and_meeting():
    areas = [f"{30 + (n % 17)}.{n % 100:02d}" for n in range(COOWNERS)]
    house = house_with_coowners(areas=areas)
    meeting = meeting_for(house, state="voting")
    rights = {owner.pk: right_of(meeting, owner) for owner in house.owners}
    return house, meeting, rights


def test_a_hundred_coowners_vote_and_change_at_once_and_the_tally_equals_the_log(on_postgres):
    house, meeting, rights = _house_and_meeting()
    items = items_of(meeting)

    def vote_then_change(owner):
        def job():
            fresh = Meeting.objects.get(pk=meeting.pk)
            votes_cast(
                meeting=fresh,
                by=owner,
                right=rights[owner.pk],
                choices={item.pk: "for" for item in items},
            )
            votes_cast(
                meeting=fresh, by=owner, right=rights[owner.pk], choices={items[0].pk: "against"}
            )
            return "voted"

        return job

    outcomes = _race([vote_then_change(owner) for owner in house.owners])
    assert _codes(outcomes) == {"str": COOWNERS}, _codes(outcomes)

    meeting.log.refresh_from_db()
    entries = dict(Entry.objects.filter(log=meeting.log).values_list("index", "leaf_hash"))
    votes = list(Vote.objects.filter(meeting=meeting).values_list("entry_index", "leaf_hash"))
    assert meeting.log.size == len(entries) == len(votes) == COOWNERS * 4
    assert sorted(entries) == list(range(COOWNERS * 4))
    # Every entry is exactly one vote's, with the same leaf.
    assert sorted(index for index, _leaf in votes) == sorted(entries)
    assert all(bytes(leaf) == bytes(entries[index]) for index, leaf in votes)

    tally = meeting_tally(meeting=meeting)
    assert tally == tally_from_log(meeting=meeting)
    first, second = tally["items"][0], tally["items"][1]
    assert first["for"] == "0/1" and first["against"] == tally["total"]
    assert second["for"] == tally["total"]


def test_a_count_in_the_middle_of_the_votes_sees_exactly_its_tree_head(on_postgres):
    house, meeting, rights = _house_and_meeting()
    item = items_of(meeting)[0]

    def vote(owner):
        return lambda: votes_cast(
            meeting=Meeting.objects.get(pk=meeting.pk),
            by=owner,
            right=rights[owner.pk],
            choices={item.pk: "for"},
        )

    def count():
        return meeting_count(
            meeting=Meeting.objects.get(pk=meeting.pk), now=meeting.voting_closes_at
        )

    jobs = (
        [vote(owner) for owner in house.owners[:50]]
        + [count]
        + [vote(owner) for owner in house.owners[50:]]
    )
    outcomes = _race(jobs)
    codes = _codes(outcomes)
    assert codes["Meeting"] == 1, codes
    assert codes["list"] + codes["not_voting"] == COOWNERS, codes

    meeting.refresh_from_db()
    head = meeting.final_tree_head
    assert head.size == codes["list"] == Vote.objects.filter(meeting=meeting).count()
    stored = {key: value for key, value in meeting.results.items() if key != "tree_head"}
    assert stored == tally_from_log(meeting=meeting, size=head.size)
