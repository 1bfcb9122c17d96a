"""The notice to every co-owner when a meeting is convened, and the reminders 3 days and 1 day
before the close to those who have not voted: each email once (idempotent), only to people
who want it, each with the link to turn it off."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from meetings.models import EmailSent
from meetings.services.meetings import meetings_tick
from meetings.services.votes import proxy_record, votes_cast
from meetings.tasks import meeting_notice_send, meeting_reminders_send, reminder_due
from profiles.models import NotificationSetting
from tests.meetings.factories import house_with_coowners, items_of, meeting_for, right_of
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.django_db


def _recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_the_notice_goes_to_every_coowner_who_wants_it_once(django_capture_on_commit_callbacks):
    house = house_with_coowners(areas=["50.00", "30.00", "20.00"], unlinked_areas=["10.00"])
    NotificationSetting.objects.create(user=house.owners[2], kind="meetings.notice", wanted=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_for(house, state="convened")
    assert _recipients() == sorted([house.owners[0].email, house.owners[1].email])
    body = mail.outbox[0].body
    assert meeting.title in body and items_of(meeting)[0].title in body
    assert reverse("profiles:notifications") in body
    assert reverse("meetings:detail", kwargs={"pk": meeting.pk}) in body
    meeting_notice_send.call(meeting_id=meeting.pk)
    assert len(mail.outbox) == 2
    assert EmailSent.objects.filter(meeting=meeting, kind="notice").count() == 2


def test_a_cancelled_meeting_sends_no_notice(house):
    meeting = meeting_for(house, state="convened")
    meeting.state = "cancelled"
    meeting.save(update_fields=["state"])
    mail.outbox.clear()
    assert meeting_notice_send.call(meeting_id=meeting.pk) == 0


@pytest.mark.parametrize(
    ("left", "kind"),
    [
        (timedelta(days=4), None),
        (timedelta(days=3), "reminder_3"),
        (timedelta(days=1, seconds=1), "reminder_3"),
        (timedelta(days=1), "reminder_1"),
        (timedelta(minutes=5), "reminder_1"),
        (timedelta(0), None),
    ],
)
def test_which_reminder_is_due(house, left, kind):
    meeting = meeting_for(house, state="voting", window_days=5)
    assert reminder_due(meeting, meeting.voting_closes_at - left) == kind


def test_reminders_go_to_those_who_have_not_voted_once_each(
    house, django_capture_on_commit_callbacks
):
    meeting = meeting_for(house, state="voting", window_days=3)
    votes_cast(
        meeting=meeting,
        by=house.owners[0],
        right=right_of(meeting, house.owners[0]),
        choices={items_of(meeting)[0].pk: "for"},
    )
    NotificationSetting.objects.create(user=house.owners[2], kind="meetings.reminder", wanted=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = meetings_tick(now=timezone.now())
    assert done["reminders"] == 1
    assert _recipients() == [house.owners[1].email]
    assert reverse("meetings:vote", kwargs={"pk": meeting.pk}) in mail.outbox[0].body
    assert reverse("profiles:notifications") in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = meetings_tick(now=timezone.now())
    assert again["reminders"] == 0
    assert meeting_reminders_send.call(meeting_id=meeting.pk, kind="reminder_3") == 0
    assert len(mail.outbox) == 1


def test_the_one_day_reminder_follows_the_three_day_one(house, django_capture_on_commit_callbacks):
    meeting = meeting_for(house, state="voting", window_days=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meetings_tick(now=timezone.now())
        meetings_tick(now=meeting.voting_closes_at - timedelta(hours=12))
    kinds = sorted(EmailSent.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert kinds == ["reminder_1"] * 3 + ["reminder_3"] * 3
    assert len(mail.outbox) == 6


def test_a_proxy_is_reminded_instead_of_the_owner(django_capture_on_commit_callbacks):
    house = house_with_coowners(areas=["50.00", "50.00"])
    meeting = meeting_for(house, state="voting", window_days=3)
    representative = profiled_user(display_name="Представник")
    proxy_record(
        meeting=meeting,
        by=house.board,
        right=right_of(meeting, house.owners[0]),
        proxy_user=representative,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meetings_tick(now=timezone.now())
    assert _recipients() == sorted([representative.email, house.owners[1].email])


def test_no_reminder_after_the_close(house):
    meeting = meeting_for(house, state="voting", window_days=3)
    meeting.voting_closes_at = timezone.now() - timedelta(minutes=1)
    meeting.save(update_fields=["voting_closes_at"])
    mail.outbox.clear()
    assert meeting_reminders_send.call(meeting_id=meeting.pk, kind="reminder_1") == 0
    assert mail.outbox == []
