"""The demo city's meetings (issue 17, point 7): every state in several buildings, on gates,
a door and a management company, one with a failed quorum; votes online, on paper and by a
proxy; a discussion with the board's answers; results equal to the count from the log; and
seeding again changes nothing."""

import io

import pytest

from config.demo import Progress
from meetings import demo
from meetings.models import Comment, Meeting, Vote
from meetings.services.counting import tally_from_log

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_city")]


def test_meetings_in_every_state_in_several_buildings():
    meetings = Meeting.objects.all()
    assert set(meetings.values_list("state", flat=True)) == set(Meeting.State.values)
    assert meetings.values("building").distinct().count() >= 4
    titles = " ".join(meetings.values_list("items__title", flat=True))
    for subject in ("Встановити ворота у двір", "Замінити вхідні двері", "Змінити управителя"):
        assert subject in titles


def test_one_published_meeting_failed_its_quorum_and_another_passed():
    published = Meeting.objects.filter(state=Meeting.State.PUBLISHED)
    reached = sorted(meeting.results["quorum_reached"] for meeting in published)
    assert reached == [False, True]
    for meeting in published:
        assert meeting.minutes.coowners_pdf and meeting.minutes.public_pdf
        assert meeting.chair_name


def test_votes_come_online_on_paper_and_by_proxy():
    channels = set(Vote.objects.values_list("channel", flat=True))
    assert channels == {"online", "paper", "proxy"}
    assert Comment.objects.filter(is_board_answer=True).exists()
    assert Comment.objects.filter(is_board_answer=False).exists()


def test_counted_results_are_what_the_log_counts_to():
    for meeting in Meeting.objects.filter(state__in=["counted", "published"]):
        stored = {key: value for key, value in meeting.results.items() if key != "tree_head"}
        assert stored == tally_from_log(meeting=meeting)
        assert meeting.final_tree_head.size == meeting.log.size


def test_seeding_again_changes_nothing():
    before = (Meeting.objects.count(), Vote.objects.count(), Comment.objects.count())
    demo.seed(progress=Progress(stream=io.StringIO(), enabled=False))
    assert (Meeting.objects.count(), Vote.objects.count(), Comment.objects.count()) == before
