"""The discussion: co-owners (only they) post before and during the vote, a board member's
post is the board's answer, moderators hide with a reason and restore."""

import pytest

from meetings import selectors
from meetings.errors import MeetingError
from meetings.models import Comment
from meetings.services.discussion import comment_hide, comment_post, comment_restore
from tests.factories import UserFactory
from tests.meetings.factories import items_of, meeting_advance, meeting_for

pytestmark = pytest.mark.django_db


def test_a_coowner_posts_on_an_item_and_the_board_answers(house):
    meeting = meeting_for(house, state="convened")
    item = items_of(meeting)[0]
    question = comment_post(meeting=meeting, by=house.owners[0], body=" Яка ціна? ", item=item)
    answer = comment_post(meeting=meeting, by=house.board, body="Кошторис у додатку.", item=item)
    assert question.body == "Яка ціна?" and not question.is_board_answer
    assert answer.is_board_answer
    assert list(selectors.comments_for(meeting, house.owners[1], item=item)) == [question, answer]
    assert list(selectors.comments_for(meeting, house.owners[1])) == []  # the meeting as a whole


def test_nobody_else_posts_or_reads(house):
    meeting = meeting_for(house, state="voting")
    comment_post(meeting=meeting, by=house.owners[0], body="Я за.")
    outsider = UserFactory()
    with pytest.raises(MeetingError) as caught:
        comment_post(meeting=meeting, by=outsider, body="А я не звідси.")
    assert caught.value.code == "not_allowed"
    assert list(selectors.comments_for(meeting, outsider)) == []
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   ", "я" * 3001])
def test_an_empty_or_long_comment_is_refused(house, body):
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        comment_post(meeting=meeting, by=house.owners[0], body=body)
    assert caught.value.code == "bad_body"
    assert not Comment.objects.exists()


def test_the_discussion_closes_with_the_vote(house):
    meeting = meeting_advance(meeting_for(house, state="voting"), "counted", board=house.board)
    with pytest.raises(MeetingError) as caught:
        comment_post(meeting=meeting, by=house.owners[0], body="Запізно?")
    assert caught.value.code == "discussion_closed"


def test_the_board_hides_with_a_reason_and_restores(house):
    meeting = meeting_for(house, state="convened")
    comment = comment_post(meeting=meeting, by=house.owners[0], body="Образлива репліка")
    with pytest.raises(MeetingError) as caught:
        comment_hide(comment=comment, by=house.board, reason=" ")
    assert caught.value.code == "reason_required"
    with pytest.raises(MeetingError) as caught:
        comment_hide(comment=comment, by=house.owners[1], reason="Не подобається")
    assert caught.value.code == "not_allowed"
    hidden = comment_hide(comment=comment, by=house.board, reason="Образи сусідів.")
    assert hidden.is_hidden and hidden.hidden_by == house.board
    assert list(selectors.comments_for(meeting, house.owners[1])) == []
    assert list(selectors.comments_for(meeting, house.board, include_hidden=True)) == [hidden]
    with pytest.raises(MeetingError) as caught:
        comment_hide(comment=hidden, by=house.board, reason="Ще раз.")
    assert caught.value.code == "illegal_transition"
    restored = comment_restore(comment=hidden, by=house.board)
    assert not restored.is_hidden and restored.hidden_reason == ""
    assert list(selectors.comments_for(meeting, house.owners[1])) == [restored]
