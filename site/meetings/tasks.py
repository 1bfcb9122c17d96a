"""Background work of the meetings app: the notice of a convened meeting to every co-owner,
and the reminders 3 days and 1 day before the vote closes to those who have not voted.

Arguments are ids only. Each email is preceded by its `EmailSent` row, whose unique
constraint makes it go at most once however often a task or the tick runs again (a lost
email is the lesser harm than a co-owner reminded twice by a retry). People who turned the
kind off (My account → Notification settings, or the email's own unsubscribe link and
List-Unsubscribe header, `profiles.unsubscribe`) get nothing.
Batches of `MEETING_EMAIL_BATCH`, each queueing the next, as the polls' emails do.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from django_tasks import task

from meetings.models import EmailSent, Meeting, Proxy, Vote, VotingRight
from profiles.emails import absolute_url, templated_message
from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url
from residents.models import VerifiedAttribute

NOTICE_KIND = "meetings.notice"
REMINDER_KIND = "meetings.reminder"
MEETING_EMAIL_BATCH = 200
# EmailSent kind → days before the close it is due.
REMINDERS = {EmailSent.Kind.REMINDER_3: 3, EmailSent.Kind.REMINDER_1: 1}


def _reachable(users, *, kind: str):
    return (
        users.filter(is_active=True, erased_at__isnull=True)
        .exclude(email="")
        .exclude(notification_settings__kind=kind, notification_settings__wanted=False)
    )


def _not_sent(users, meeting: Meeting, kind: str):
    return users.exclude(
        pk__in=EmailSent.objects.filter(meeting=meeting, kind=kind).values("user_id")
    )


def notice_recipients(meeting: Meeting):
    """The building's verified co-owners who want the notice and have not had it, by id."""
    coowners = (
        VerifiedAttribute.objects.valid()
        .filter(kind=VerifiedAttribute.Kind.CO_OWNER, building_id=meeting.building_id)
        .values("user_id")
    )
    users = get_user_model().objects.filter(pk__in=coowners)
    users = _reachable(users, kind=NOTICE_KIND)
    return _not_sent(users, meeting, EmailSent.Kind.NOTICE).order_by("pk")


def reminder_recipients(meeting: Meeting, kind: str):
    """Who votes a right online (its co-owner with no active proxy, or its active proxy) on
    which no vote has been cast yet, who wants reminders and has not had this one."""
    unvoted = VotingRight.objects.filter(meeting=meeting).exclude(
        Exists(Vote.objects.filter(right=OuterRef("pk")))
    )
    active = Proxy.objects.filter(right=OuterRef("pk"), revoked_at__isnull=True)
    own = unvoted.exclude(Exists(active)).values("user_id")
    proxied = Proxy.objects.filter(right__in=unvoted, revoked_at__isnull=True).values(
        "proxy_user_id"
    )
    users = get_user_model().objects.filter(Q(pk__in=own) | Q(pk__in=proxied))
    return _not_sent(_reachable(users, kind=REMINDER_KIND), meeting, kind).order_by("pk")


def _message(*, meeting: Meeting, user, template: str, notification: str) -> mail.EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "meeting": meeting,
            "link": absolute_url(reverse("meetings:detail", kwargs={"pk": meeting.pk})),
            "vote_link": absolute_url(reverse("meetings:vote", kwargs={"pk": meeting.pk})),
            "settings_link": absolute_url(reverse("profiles:notifications")),
            "unsubscribe_link": unsubscribe_url(user=user, kind=notification),
        }
        headers = unsubscribe_headers(user=user, kind=notification)
    return templated_message(
        to=[user.email],
        template=f"meetings/email/{template}",
        context=context,
        language=settings.LANGUAGE_CODE,
        headers=headers,
    )


def _send_batch(
    meeting: Meeting, recipients, *, kind: str, template: str, notification: str
) -> tuple[int, bool]:
    """Mark and email one batch; returns (emailed, more may follow). `notification` is the
    kind of `profiles.notifications` that the email's unsubscribe link turns off."""
    batch = list(recipients.only("pk", "email")[:MEETING_EMAIL_BATCH])
    messages = []
    for user in batch:
        try:
            with transaction.atomic():
                EmailSent.objects.create(meeting=meeting, user_id=user.pk, kind=kind)
        except IntegrityError:
            continue  # another run took this one
        messages.append(
            _message(meeting=meeting, user=user, template=template, notification=notification)
        )
    if messages:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
    return len(messages), len(batch) == MEETING_EMAIL_BATCH


@task()
def meeting_notice_send(*, meeting_id: int) -> int:
    """Email one batch of the building's co-owners that the meeting is convened; queue the
    next. Returns how many were emailed."""
    meeting = Meeting.objects.select_related("building").filter(pk=meeting_id).first()
    if meeting is None or meeting.state not in (Meeting.State.CONVENED, Meeting.State.VOTING):
        return 0
    sent, more = _send_batch(
        meeting,
        notice_recipients(meeting),
        kind=EmailSent.Kind.NOTICE,
        template="notice",
        notification=NOTICE_KIND,
    )
    if more:
        meeting_notice_send.enqueue(meeting_id=meeting_id)
    return sent


@task()
def meeting_reminders_send(*, meeting_id: int, kind: str) -> int:
    """Remind one batch of those who have not voted (`kind` reminder_3 or reminder_1); queue
    the next. Nothing once the vote has closed."""
    meeting = Meeting.objects.select_related("building").filter(pk=meeting_id).first()
    if (
        meeting is None
        or kind not in REMINDERS
        or meeting.state != Meeting.State.VOTING
        or meeting.voting_closes_at <= timezone.now()
    ):
        return 0
    sent, more = _send_batch(
        meeting,
        reminder_recipients(meeting, kind),
        kind=kind,
        template="reminder",
        notification=REMINDER_KIND,
    )
    if more:
        meeting_reminders_send.enqueue(meeting_id=meeting_id, kind=kind)
    return sent


def reminder_due(meeting: Meeting, now) -> str | None:
    """The reminder due now: the 1-day one in the last day, the 3-day one in the two days
    before it (a meeting whose tick missed the 3-day one gets only the 1-day one)."""
    left = meeting.voting_closes_at - now
    if left <= timedelta(0):
        return None
    if left <= timedelta(days=REMINDERS[EmailSent.Kind.REMINDER_1]):
        return EmailSent.Kind.REMINDER_1
    if left <= timedelta(days=REMINDERS[EmailSent.Kind.REMINDER_3]):
        return EmailSent.Kind.REMINDER_3
    return None
