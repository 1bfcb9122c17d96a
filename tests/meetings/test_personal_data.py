"""A co-owner's data in meetings: exported with their shares and votes (and the note on the
named log), erased by cutting every link and blanking names, cut after retention."""

from datetime import timedelta

from django.utils import translation

import pytest

from meetings import personal_data
from meetings.models import EmailSent, Proxy, Vote, VotingRight
from meetings.services.counting import meeting_tally
from meetings.services.meetings import meetings_tick
from meetings.services.votes import proxy_record, votes_cast
from tests.meetings.factories import items_of, meeting_advance, meeting_for, right_of
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db


def _vote(house, meeting, owner, choice="for"):
    return votes_cast(
        meeting=meeting,
        by=owner,
        right=right_of(meeting, owner),
        choices={items_of(meeting)[0].pk: choice},
    )[0]


def test_the_export_holds_my_share_my_votes_and_the_note_on_the_log(house, voting_meeting):
    vote = _vote(house, voting_meeting, house.owners[0])
    with translation.override("en"):
        data = personal_data.export_for(house.owners[0])
    assert data["meeting_shares"][0]["unit"] == "1"
    assert data["meeting_shares"][0]["weight_m2"] == "50.00"
    assert data["meeting_votes"][0]["leaf_hash"] == bytes(vote.leaf_hash).hex()
    assert data["meeting_votes"][0]["choice"] == "for"
    assert "append-only" in data["meeting_votes_note"]
    assert personal_data.export_for(house.owners[1])["meeting_votes"] == []


def test_erasure_cuts_links_and_names_and_keeps_the_count(house, voting_meeting):
    _vote(house, voting_meeting, house.owners[0])
    representative = profiled_user(display_name="Представник")
    proxy_record(
        meeting=voting_meeting,
        by=house.board,
        right=right_of(voting_meeting, house.owners[1]),
        proxy_user=representative,
    )
    EmailSent.objects.create(meeting=voting_meeting, user=house.owners[0], kind="reminder_3")
    before = meeting_tally(meeting=voting_meeting)
    personal_data.erase_for(house.owners[0])
    personal_data.erase_for(representative)
    right = VotingRight.objects.get(meeting=voting_meeting, ownership=house.ownerships[0])
    assert right.user is None and right.holder_name == ""
    assert Vote.objects.get().cast_by is None
    assert Proxy.objects.get().proxy_user is None and Proxy.objects.get().proxy_name == ""
    assert not EmailSent.objects.filter(kind="reminder_3").exists()
    assert meeting_tally(meeting=voting_meeting) == before


def test_links_are_cut_after_the_retention_period(house, settings):
    meeting = meeting_for(house, state="voting")
    _vote(house, meeting, house.owners[0])
    meeting = meeting_advance(meeting, "published", board=house.board)
    settings.MEETING_RETENTION_DAYS = 30
    assert meetings_tick(now=meeting.published_at + timedelta(days=29))["links_cut"] == 0
    done = meetings_tick(now=meeting.published_at + timedelta(days=31))
    assert done["links_cut"] == 4  # three rights and one vote
    assert not VotingRight.objects.filter(user__isnull=False).exists()
    assert Vote.objects.get().cast_by is None
    assert meeting.minutes.coowners_pdf  # the record stays
