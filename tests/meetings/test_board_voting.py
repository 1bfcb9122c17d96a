"""The board's pages while a meeting votes and is discussed, and its minutes: paper ballots
marked as paper with who entered them, proxies recorded and revoked, comments hidden and
restored with a reason and the board's answers, the minutes published with who chaired; and
requests that change nothing, answered with a message."""

import pytest

from meetings.models import Comment, Meeting, Minutes, Proxy, Vote
from meetings.services.discussion import comment_post
from tests.factories import UserFactory
from tests.meetings.factories import meeting_for, right_of
from tests.meetings.test_board import _in_english, page, url  # noqa: F401  (the fixture too)

pytestmark = pytest.mark.django_db


# The vote: paper ballots and proxies.


def paper(client, meeting, right, **choices):
    data = {"right": right.pk, **{f"item-{position}": c for position, c in choices.items()}}
    return client.post(url("paper", meeting), data)


def test_the_board_enters_a_paper_ballot_marked_as_paper(client, house):
    meeting = meeting_for(house, state="voting")
    right = right_of(meeting, house.owners[1])
    client.force_login(house.board)
    response = paper(client, meeting, right, **{"1": "for", "3": "against"})
    assert response.status_code == 302
    votes = list(Vote.objects.filter(right=right).order_by("entry_index"))
    assert [(v.item.position, v.choice, v.channel, v.cast_by) for v in votes] == [
        (1, "for", "paper", house.board),
        (3, "against", "paper", house.board),
    ]
    meeting.log.refresh_from_db()
    assert meeting.log.size == 2
    assert "marked as paper" in page(client.get(url("paper", meeting)))


def test_a_paper_ballot_without_a_vote_changes_nothing(client, house):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    response = paper(client, meeting, right_of(meeting, house.owners[0]))
    assert response.status_code == 200
    assert "Choose for, against or abstain on at least one item." in page(response)
    assert not Vote.objects.exists()


def test_a_paper_ballot_for_a_right_of_another_meeting_is_refused(client, house):
    meeting = meeting_for(house, state="voting")
    other = meeting_for(house, state="voting", title="Інші збори")
    client.force_login(house.board)
    response = paper(client, meeting, right_of(other, house.owners[0]), **{"1": "for"})
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert not Vote.objects.exists()


def test_a_paper_ballot_outside_the_vote_is_answered_with_a_message(client, house):
    meeting = meeting_for(house, state="convened")
    client.force_login(house.board)
    response = client.get(url("paper", meeting), follow=True)
    assert "Voting is not open for this meeting." in page(response)
    counted = meeting_for(house, state="counted", title="Підраховані збори")
    right = right_of(counted, house.owners[0])
    response = paper(client, counted, right, **{"1": "for"})
    assert "Voting is not open for this meeting." in page(response)
    assert Vote.objects.filter(meeting=counted).count() == 0


def test_the_board_records_and_revokes_a_proxy(client, house):
    meeting = meeting_for(house, state="voting")
    proxy_person = UserFactory(email="predstavnyk@example.org")
    right = right_of(meeting, house.owners[2])
    client.force_login(house.board)
    html = page(client.get(url("proxies", meeting)))
    assert "no document is kept here" in html
    response = client.post(
        url("proxies", meeting), {"right": right.pk, "email": "Predstavnyk@example.org"}
    )
    assert response.status_code == 302
    proxy = Proxy.objects.get()
    assert (proxy.right, proxy.proxy_user, proxy.recorded_by, proxy.revoked_at) == (
        right,
        proxy_person,
        house.board,
        None,
    )
    client.post(url("proxy_revoke", meeting, proxy=proxy.pk))
    proxy.refresh_from_db()
    assert proxy.revoked_at is not None and proxy.revoked_by == house.board


def test_a_proxy_needs_an_existing_account(client, house):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    response = client.post(
        url("proxies", meeting),
        {"right": right_of(meeting, house.owners[0]).pk, "email": "nobody@example.org"},
    )
    assert "No account on this site uses this address." in page(response)
    assert not Proxy.objects.exists()


def test_a_coowner_cannot_be_their_own_proxy(client, house):
    meeting = meeting_for(house, state="voting")
    owner = house.owners[0]
    client.force_login(house.board)
    response = client.post(
        url("proxies", meeting), {"right": right_of(meeting, owner).pk, "email": owner.email}
    )
    assert "does not need a proxy" in page(response)
    assert not Proxy.objects.exists()


# The discussion.


def test_the_board_hides_and_restores_a_comment_with_a_reason(client, house):
    meeting = meeting_for(house, state="convened")
    comment = comment_post(meeting=meeting, by=house.owners[0], body="Реклама сусідньої фірми.")
    client.force_login(house.board)
    assert "Реклама сусідньої фірми." in page(client.get(url("discussion", meeting)))
    response = client.post(
        url("comment_hide", meeting, comment=comment.pk), {f"c{comment.pk}-reason": "Реклама."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.state, comment.hidden_reason, comment.hidden_by) == (
        "hidden",
        "Реклама.",
        house.board,
    )
    client.post(url("comment_restore", meeting, comment=comment.pk))
    comment.refresh_from_db()
    assert comment.state == Comment.State.VISIBLE and comment.hidden_reason == ""


def test_hiding_without_a_reason_changes_nothing(client, house):
    meeting = meeting_for(house, state="convened")
    comment = comment_post(meeting=meeting, by=house.owners[0], body="Питання про кошторис.")
    client.force_login(house.board)
    response = client.post(
        url("comment_hide", meeting, comment=comment.pk), {f"c{comment.pk}-reason": " "}
    )
    assert response.status_code == 200
    html = page(response)
    assert "error-summary" in html and f"id_c{comment.pk}-reason" in html
    comment.refresh_from_db()
    assert comment.state == Comment.State.VISIBLE


def test_restoring_a_visible_comment_is_answered_with_a_message(client, house):
    meeting = meeting_for(house, state="convened")
    comment = comment_post(meeting=meeting, by=house.owners[0], body="Коментар.")
    client.force_login(house.board)
    response = client.post(url("comment_restore", meeting, comment=comment.pk), follow=True)
    assert "This comment is not hidden." in page(response)


def test_the_board_posts_an_answer_on_an_item(client, house):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    response = client.post(
        url("discussion", meeting), {"item": "2", "body": "Двері вже замовлено."}
    )
    assert response.status_code == 302
    answer = Comment.objects.get()
    assert (answer.is_board_answer, answer.item.position, answer.author) == (True, 2, house.board)


def test_an_empty_answer_posts_nothing(client, house):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    response = client.post(url("discussion", meeting), {"item": "0", "body": "  "})
    assert response.status_code == 200
    assert "error-summary" in page(response)
    assert not Comment.objects.exists()


def test_after_the_count_the_discussion_takes_no_answer(client, house):
    meeting = meeting_for(house, state="counted")
    client.force_login(house.board)
    response = client.post(url("discussion", meeting), {"item": "0", "body": "Пізно."})
    assert "The discussion closes with the vote." in page(response)
    assert not Comment.objects.exists()


# The minutes.


def test_the_board_publishes_the_minutes_with_who_chaired(client, house):
    meeting = meeting_for(house, state="counted")
    chair = house.owners[0]
    client.force_login(house.board)
    html = page(client.get(url("detail", meeting)))
    assert "Who chaired the meeting" in html
    response = client.post(url("publish", meeting), {"chair": chair.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.state, meeting.chair) == ("published", chair)
    assert meeting.chair_name == str(chair.display_name)
    minutes = Minutes.objects.get(meeting=meeting)
    assert bytes(minutes.public_pdf).startswith(b"%PDF")


def test_a_chair_who_is_neither_board_nor_coowner_is_refused(client, house):
    meeting = meeting_for(house, state="counted")
    client.force_login(house.board)
    response = client.post(url("publish", meeting), {"chair": UserFactory().pk})
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.COUNTED


def test_minutes_of_a_meeting_still_voting_are_refused(client, house):
    meeting = meeting_for(house, state="voting")
    client.force_login(house.board)
    response = client.post(url("publish", meeting), {"chair": house.board.pk})
    assert response.status_code == 200
    assert "cannot go from" in page(response)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.VOTING
    assert not Minutes.objects.exists()
