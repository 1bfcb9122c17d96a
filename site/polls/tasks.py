"""Background work of the polls app: telling eligible people that a poll has opened, and
telling a person that they were named a key holder of a poll.

Arguments are ids only (task arguments are stored; no address may end up in the task table).
People are emailed in batches of `POLL_EMAIL_BATCH` in the order of their ids, each batch
queueing the next with the last id it reached, so a city-wide poll never holds one worker for
long and a retried batch resumes where it stopped. Only people who have not turned the kind
"polls.opened" off (My account → Notification settings, or the email's own unsubscribe link
and List-Unsubscribe header, `profiles.unsubscribe`) are emailed.

No account stores a language yet, so the email is in the site's default language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from django_tasks import task

from polls.models import Poll, PollKeyHolder
from profiles.emails import absolute_url, templated_message
from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url
from residents.selectors import audience_members

NOTIFICATION_KIND = "polls.opened"
POLL_EMAIL_BATCH = 200


def opened_recipients(poll: Poll, *, after_user_id: int = 0):
    """Eligible people with a usable address who want this kind of email, by id."""
    return (
        get_user_model()
        .objects.filter(
            pk__in=audience_members(audience=poll.audience),
            pk__gt=after_user_id,
            is_active=True,
            erased_at__isnull=True,
        )
        .exclude(email="")
        .exclude(notification_settings__kind=NOTIFICATION_KIND, notification_settings__wanted=False)
        .order_by("pk")
    )


def _message(*, poll: Poll, user, language: str) -> mail.EmailMessage:
    with translation.override(language):
        context = {
            "poll": poll,
            "link": absolute_url(reverse("polls:detail", kwargs={"slug": poll.slug})),
            "unsubscribe_link": unsubscribe_url(user=user, kind=NOTIFICATION_KIND),
        }
        headers = unsubscribe_headers(user=user, kind=NOTIFICATION_KIND)
    return templated_message(
        to=[user.email],
        template="polls/email/opened",
        context=context,
        language=language,
        headers=headers,
    )


@task()
def poll_opened_notify(*, poll_id: int, after_user_id: int = 0) -> int:
    """Email one batch of the poll's eligible people that it is open; queue the next batch.
    Returns how many were emailed."""
    poll = Poll.objects.select_related("audience").filter(pk=poll_id).first()
    if poll is None or poll.state != Poll.State.OPEN:
        return 0
    batch = list(
        opened_recipients(poll, after_user_id=after_user_id).only("pk", "email")[:POLL_EMAIL_BATCH]
    )
    if not batch:
        return 0
    language = settings.LANGUAGE_CODE
    messages = [_message(poll=poll, user=user, language=language) for user in batch]
    with mail.get_connection() as connection:
        connection.send_messages(messages)
    if len(batch) == POLL_EMAIL_BATCH:
        poll_opened_notify.enqueue(poll_id=poll_id, after_user_id=batch[-1].pk)
    return len(batch)


@task()
def key_holder_named_notify(*, holder_id: int) -> int:
    """Email a person named key holder of a poll: the poll cannot be counted without them, so
    this email is not optional (`profiles.notifications`: a request to act on something of
    theirs). Returns 1 when sent."""
    holder = PollKeyHolder.objects.select_related("poll", "user").filter(pk=holder_id).first()
    if holder is None or holder.user is None or holder.poll.state != Poll.State.DRAFT:
        return 0
    user = holder.user
    if not user.is_active or user.erased_at is not None or not user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "poll": holder.poll,
            "position": holder.position,
            "link": absolute_url(reverse("polls:key", kwargs={"slug": holder.poll.slug})),
        }
    templated_message(
        to=[user.email],
        template="polls/email/key_holder",
        context=context,
        language=settings.LANGUAGE_CODE,
    ).send()
    return 1
