"""Email the experts app sends, after the transaction that caused it has committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from django_tasks import task

from experts.models import Answer, CompetencyClaim, ProjectParticipant, Question
from experts.selectors.experts import QUESTION_NOTIFICATION, experts_to_notify
from experts.selectors.urls import directory_url, route_url
from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url


def _send(*, template: str, to: str, context: dict, headers: dict | None = None) -> None:
    """Mail in the site's default language: we do not know which one the person reads."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"experts/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"experts/emails/{template}.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()


@task()
def notify_experts_of_question(*, question_id: int) -> int:
    """Tell every expert verified in the question's competency; returns how many."""
    question = Question.objects.select_related("competency", "district").get(pk=question_id)
    with translation.override(settings.LANGUAGE_CODE):
        url = directory_url("question", question.pk, full=True)
    recipients = experts_to_notify(question)
    for user in recipients:
        with translation.override(settings.LANGUAGE_CODE):
            unsubscribe = unsubscribe_url(user=user, kind=QUESTION_NOTIFICATION)
            headers = unsubscribe_headers(user=user, kind=QUESTION_NOTIFICATION)
        _send(
            template="question_asked",
            to=user.email,
            context={
                "question": question,
                "url": url,
                "name": user.display_name,
                "unsubscribe_url": unsubscribe,
            },
            headers=headers,
        )
    return len(recipients)


@task()
def notify_asker_of_answer(*, answer_id: int) -> None:
    answer = Answer.objects.select_related("question__asker", "expert__user").get(pk=answer_id)
    asker = answer.question.asker
    if asker is None or not asker.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        url = directory_url("question", answer.question_id, full=True)
    _send(template="answer_posted", to=asker.email, context={"answer": answer, "url": url})


@task()
def notify_participant_invited(*, participant_id: int) -> None:
    participant = ProjectParticipant.objects.select_related("project", "user", "competency").get(
        pk=participant_id
    )
    if participant.state != ProjectParticipant.State.INVITED:
        return
    with translation.override(settings.LANGUAGE_CODE):
        url = route_url(participant.project, "detail", full=True)
    _send(
        template="participant_invited",
        to=participant.user.email,
        context={"participant": participant, "project": participant.project, "url": url},
    )


@task()
def notify_claim_reviewed(*, claim_id: int) -> None:
    claim = CompetencyClaim.objects.select_related("tag", "content_object__user").get(pk=claim_id)
    with translation.override(settings.LANGUAGE_CODE):
        url = directory_url("expert", claim.content_object_id, full=True)
    _send(
        template="claim_reviewed",
        to=claim.content_object.user.email,
        context={"claim": claim, "url": url},
    )
