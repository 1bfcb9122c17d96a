"""A meeting's life: every legal transition, every illegal one refused, and who may convene
(the board, or an initiative group holding the association's share of the area)."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from meetings.errors import MeetingError
from meetings.models import Meeting, MeetingSettings
from meetings.services.meetings import (
    initiative_join,
    initiative_leave,
    meeting_cancel,
    meeting_convene,
    meeting_count,
    meeting_create,
    meeting_open_voting,
    meeting_publish,
    meeting_transition,
    meeting_update,
    meetings_tick,
)
from tests.factories import UserFactory
from tests.meetings.factories import DEFAULT_ITEMS, House, house_with_coowners, meeting_for

pytestmark = pytest.mark.django_db
State = Meeting.State
ALL_PAIRS = [(source, target) for source in State for target in State]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_each_transition_is_legal_exactly_when_the_map_says_so(source, target):
    meeting = Meeting(state=source)
    legal = {
        (State.DRAFT, State.CONVENED),
        (State.DRAFT, State.CANCELLED),
        (State.CONVENED, State.VOTING),
        (State.CONVENED, State.CANCELLED),
        (State.VOTING, State.COUNTED),
        (State.VOTING, State.CANCELLED),
        (State.COUNTED, State.PUBLISHED),
    }
    if (source, target) in legal:
        meeting_transition(meeting, target)
    else:
        with pytest.raises(MeetingError) as caught:
            meeting_transition(meeting, target)
        assert caught.value.code == "illegal_transition"


def test_a_meeting_goes_from_draft_to_published_through_the_services(house):
    meeting = meeting_for(house)
    assert meeting.state == State.DRAFT
    opens = meeting.voting_opens_at
    meeting = meeting_convene(meeting=meeting, by=house.board, now=opens - timedelta(days=15))
    assert meeting.state == State.CONVENED and meeting.convened_at is not None
    meeting = meeting_open_voting(meeting=meeting, now=opens)
    assert meeting.state == State.VOTING
    assert meeting.rights.count() == 3
    meeting = meeting_count(meeting=meeting, now=meeting.voting_closes_at)
    assert meeting.state == State.COUNTED and meeting.results is not None
    meeting = meeting_publish(meeting=meeting, by=house.board)
    assert meeting.state == State.PUBLISHED
    assert meeting.chair_id == house.board.pk
    assert meeting.minutes.public_pdf


@pytest.mark.parametrize("state", ["draft", "convened", "voting"])
def test_a_meeting_can_be_cancelled_with_a_reason_until_it_is_counted(house, state):
    meeting = meeting_for(house, state=state)
    cancelled = meeting_cancel(meeting=meeting, by=house.board, reason="Кошторис змінився.")
    assert cancelled.state == State.CANCELLED
    assert cancelled.cancel_reason == "Кошторис змінився."
    assert cancelled.cancelled_by == house.board


@pytest.mark.parametrize("state", ["counted", "published"])
def test_a_counted_meeting_cannot_be_cancelled(house, state):
    meeting = meeting_for(house, state=state)
    with pytest.raises(MeetingError) as caught:
        meeting_cancel(meeting=meeting, by=house.board, reason="Запізно.")
    assert caught.value.code == "illegal_transition"
    meeting.refresh_from_db()
    assert meeting.state == state


def test_cancelling_needs_a_reason(house):
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        meeting_cancel(meeting=meeting, by=house.board, reason="   ")
    assert caught.value.code == "reason_required"
    meeting.refresh_from_db()
    assert meeting.state == State.CONVENED


def test_a_cancelled_meeting_goes_nowhere(house):
    meeting = meeting_for(house, state="voting")
    meeting_cancel(meeting=meeting, by=house.board, reason="Помилка в порядку денному.")
    with pytest.raises(MeetingError) as caught:
        meeting_count(meeting=meeting, now=meeting.voting_closes_at)
    assert caught.value.code == "illegal_transition"


def test_convening_twice_is_refused(house):
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        meeting_convene(meeting=meeting, by=house.board, now=timezone.now() - timedelta(days=30))
    assert caught.value.code == "illegal_transition"


def test_the_notice_period_must_pass_before_the_vote_opens(house):
    meeting = meeting_for(house)
    too_late = meeting.voting_opens_at - timedelta(days=meeting.notice_days) + timedelta(minutes=1)
    with pytest.raises(MeetingError) as caught:
        meeting_convene(meeting=meeting, by=house.board, now=too_late)
    assert caught.value.code == "notice_too_short"
    meeting.refresh_from_db()
    assert meeting.state == State.DRAFT


def test_convening_emails_the_notice_to_every_coowner(house, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_for(house, state="convened")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        owner.email for owner in house.owners
    )


@pytest.mark.parametrize(("days", "allowed"), [(0.5, False), (1, True), (45, True), (45.01, False)])
def test_the_voting_window_is_one_to_forty_five_days(house, days, allowed):
    opens = timezone.now() + timedelta(days=20)
    create = lambda: meeting_create(  # noqa: E731
        building=house.building,
        by=house.board,
        title="Вікно голосування",
        items=DEFAULT_ITEMS,
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=days),
    )
    if allowed:
        assert create().state == State.DRAFT
    else:
        with pytest.raises(MeetingError) as caught:
            create()
        assert caught.value.code == "bad_window"
        assert not Meeting.objects.exists()


def test_voting_does_not_open_early_nor_close_early(house):
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        meeting_open_voting(meeting=meeting, now=meeting.voting_opens_at - timedelta(seconds=1))
    assert caught.value.code == "not_due"
    meeting = meeting_open_voting(meeting=meeting, now=meeting.voting_opens_at)
    with pytest.raises(MeetingError) as caught:
        meeting_count(meeting=meeting, now=meeting.voting_closes_at - timedelta(seconds=1))
    assert caught.value.code == "not_due"


def test_only_the_board_creates_convenes_and_publishes(house):
    outsider = UserFactory()
    with pytest.raises(MeetingError) as caught:
        meeting_for(House(building=house.building, board=outsider))
    assert caught.value.code == "not_allowed"
    meeting = meeting_for(house)
    for person in (outsider, house.owners[0]):
        with pytest.raises(MeetingError) as caught:
            meeting_convene(meeting=meeting, by=person, now=timezone.now() - timedelta(days=30))
        assert caught.value.code == "not_allowed"
    counted = meeting_for(house, state="counted")
    with pytest.raises(MeetingError) as caught:
        meeting_publish(meeting=counted, by=house.owners[0])
    assert caught.value.code == "not_allowed"


def test_a_draft_is_corrected_and_a_convened_meeting_is_not(house):
    meeting = meeting_for(house)
    meeting = meeting_update(
        meeting=meeting, by=house.board, title="Нова назва", items=DEFAULT_ITEMS[:1]
    )
    assert meeting.title == "Нова назва" and meeting.items.count() == 1
    meeting = meeting_for(house, state="convened")
    with pytest.raises(MeetingError) as caught:
        meeting_update(meeting=meeting, by=house.board, title="Пізно")
    assert caught.value.code == "not_draft"


def _initiative(house, by, *, opens=None):
    opens = opens or timezone.now() + timedelta(days=20)
    return meeting_create(
        building=house.building,
        by=by,
        title="Ініціативна група: ворота",
        items=DEFAULT_ITEMS[:1],
        voting_opens_at=opens,
        voting_closes_at=opens + timedelta(days=7),
        initiative=True,
    )


def test_an_initiative_group_convenes_once_it_holds_the_associations_share():
    # Ten units of 10 m²: each co-owner holds exactly 10 % of the area.
    house = house_with_coowners(areas=["10.00"] * 10)
    MeetingSettings.objects.create(
        organization=house.building.association, initiative_numerator=3, initiative_denominator=10
    )
    meeting = _initiative(house, house.owners[0])
    assert meeting.convened_by == Meeting.ConvenedBy.INITIATIVE
    initiative_join(meeting=meeting, user=house.owners[1])
    with pytest.raises(MeetingError) as caught:
        meeting_convene(meeting=meeting, by=house.owners[1])
    assert caught.value.code == "initiative_too_small"
    initiative_join(meeting=meeting, user=house.owners[2])
    # Exactly 3/10 of the area: the threshold is "at least".
    meeting = meeting_convene(meeting=meeting, by=house.owners[2])
    assert meeting.state == State.CONVENED


def test_the_default_initiative_share_is_one_tenth():
    house = house_with_coowners(areas=["9.99", "90.01"])
    meeting = _initiative(house, house.owners[0])
    with pytest.raises(MeetingError) as caught:
        meeting_convene(meeting=meeting, by=house.owners[0])
    assert caught.value.code == "initiative_too_small"
    initiative_leave(meeting=meeting, user=house.owners[0])
    initiative_join(meeting=meeting, user=house.owners[1])
    assert meeting_convene(meeting=meeting, by=house.owners[1]).state == State.CONVENED


def test_only_coowners_start_or_join_an_initiative(house):
    outsider = UserFactory()
    with pytest.raises(MeetingError) as caught:
        _initiative(house, outsider)
    assert caught.value.code == "not_allowed"
    meeting = _initiative(house, house.owners[0])
    with pytest.raises(MeetingError) as caught:
        initiative_join(meeting=meeting, user=outsider)
    assert caught.value.code == "not_allowed"
    assert list(meeting.initiative.values_list("user", flat=True)) == [house.owners[0].pk]


def test_the_tick_opens_and_counts_meetings_when_due(house):
    meeting = meeting_for(house, state="convened")
    done = meetings_tick(now=meeting.voting_opens_at - timedelta(minutes=1))
    assert done["opened"] == 0
    done = meetings_tick(now=meeting.voting_opens_at)
    meeting.refresh_from_db()
    assert done["opened"] == 1 and meeting.state == State.VOTING
    done = meetings_tick(now=meeting.voting_closes_at)
    meeting.refresh_from_db()
    assert done["counted"] == 1 and meeting.state == State.COUNTED
    assert meetings_tick(now=meeting.voting_closes_at)["counted"] == 0


def test_an_initiative_group_withdraws_its_draft_but_not_a_convened_meeting():
    house = house_with_coowners(areas=["50.00", "50.00"])
    draft = _initiative(house, house.owners[0])
    assert meeting_cancel(meeting=draft, by=house.owners[0], reason="Передумали.").state == (
        State.CANCELLED
    )
    convened = meeting_convene(meeting=_initiative(house, house.owners[1]), by=house.owners[1])
    with pytest.raises(MeetingError) as caught:
        meeting_cancel(meeting=convened, by=house.owners[1], reason="Передумали.")
    assert caught.value.code == "not_allowed"
    assert meeting_cancel(meeting=convened, by=house.board, reason="Правління скасовує.").state == (
        State.CANCELLED
    )
