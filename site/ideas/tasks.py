"""Background work of the ideas app: the emails of an idea's two turning points.

- Threshold reached: the responsible authority (the staff of the idea's district, or the
  editors for a city-wide idea or a district nobody is scoped to) and the author, each once,
  since the move that sends them happens once (`services.support.threshold_check`).
- Answered (accepted, in part, rejected, or merged as a duplicate): the author, and the
  supporters who have not turned the kind "ideas.answered" off (My account → Notification
  settings, or the email's own unsubscribe link and List-Unsubscribe header,
  `profiles.unsubscribe`). Supporters are emailed in batches of `IDEA_EMAIL_BATCH` in the order
  of their ids, each batch queueing the next from the last id it reached, as polls do.

The emails to the authority and the author are not optional (an act the authority owes, an
answer to the author's own request). Arguments are ids only; emails go in the site's default
language, since no account stores one.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from django_tasks import task

from ideas.models import Idea, Support
from ideas.states import ANSWER_STATES, State
from polls.permissions import AREA_GROUPS, EDITOR_GROUPS
from profiles.emails import absolute_url, templated_message
from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url

ANSWERED_KIND = "ideas.answered"
IDEA_EMAIL_BATCH = 200
ANSWERED_STATES = ANSWER_STATES | {State.DUPLICATE}


def _reachable():
    return get_user_model().objects.filter(is_active=True, erased_at__isnull=True).exclude(email="")


def authority_recipients(idea: Idea):
    """Who answers for the idea: the staff accounts of municipal bodies and deputies scoped to
    its district; the editors when none is (or for a city-wide idea)."""
    if idea.district_id is not None:
        area = _reachable().filter(
            is_staff=True,
            groups__name__in=AREA_GROUPS.values(),
            poll_scopes__district_id=idea.district_id,
        )
        if area.exists():
            return area.distinct().order_by("pk")
    return (
        _reachable().filter(is_staff=True, groups__name__in=EDITOR_GROUPS).distinct().order_by("pk")
    )


def supporter_recipients(idea: Idea, *, after_user_id: int = 0):
    """Supporters (the author apart: they have their own email) who want to hear, by id."""
    return (
        _reachable()
        .filter(pk__in=Support.objects.filter(idea=idea).values("user_id"), pk__gt=after_user_id)
        .exclude(pk=idea.author_id or 0)
        .exclude(notification_settings__kind=ANSWERED_KIND, notification_settings__wanted=False)
        .order_by("pk")
    )


def _message(*, idea: Idea, user, template: str, optional: bool = False) -> mail.EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "idea": idea,
            "state": State(idea.state).label,
            "link": absolute_url(idea.get_absolute_url()),
            "target_link": absolute_url(idea.merged_into.get_absolute_url())
            if idea.merged_into_id
            else "",
        }
        headers = None
        if optional:
            context["unsubscribe_link"] = unsubscribe_url(user=user, kind=ANSWERED_KIND)
            headers = unsubscribe_headers(user=user, kind=ANSWERED_KIND)
    return templated_message(
        to=[user.email],
        template=f"ideas/email/{template}",
        context=context,
        language=settings.LANGUAGE_CODE,
        headers=headers,
    )


def _author(idea: Idea):
    author = idea.author
    if author is None or not author.is_active or author.erased_at is not None or not author.email:
        return None
    return author


@task()
def idea_threshold_notify(*, idea_id: int) -> int:
    """Tell the authority and the author that the idea reached its threshold and awaits an
    answer. Returns how many were emailed."""
    idea = Idea.objects.select_related("author", "district").filter(pk=idea_id).first()
    if idea is None or idea.threshold_reached_at is None:
        return 0
    messages = [
        _message(idea=idea, user=user, template="threshold_authority")
        for user in authority_recipients(idea).only("pk", "email")
    ]
    author = _author(idea)
    if author is not None:
        messages.append(_message(idea=idea, user=author, template="threshold_author"))
    if messages:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
    return len(messages)


@task()
def idea_answered_notify(*, idea_id: int, after_user_id: int = 0) -> int:
    """Tell the author (first batch only) and one batch of supporters the idea's answer; queue
    the next batch. Returns how many were emailed."""
    idea = (
        Idea.objects.select_related("author", "merged_into", "answering_body")
        .filter(pk=idea_id)
        .first()
    )
    if idea is None or idea.state not in ANSWERED_STATES:
        return 0
    messages = []
    author = _author(idea)
    if after_user_id == 0 and author is not None:
        messages.append(_message(idea=idea, user=author, template="answered_author"))
    batch = list(
        supporter_recipients(idea, after_user_id=after_user_id).only("pk", "email")[
            :IDEA_EMAIL_BATCH
        ]
    )
    messages += [
        _message(idea=idea, user=user, template="answered_supporter", optional=True)
        for user in batch
    ]
    if messages:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
    if len(batch) == IDEA_EMAIL_BATCH:
        idea_answered_notify.enqueue(idea_id=idea_id, after_user_id=batch[-1].pk)
    return len(messages)
