"""Background work of the petitions app: every email it sends.

Tasks take ids, not objects, and read fresh rows: by the time a worker runs one, a signature
may have been erased or a signer may have unsubscribed.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from django_tasks import task

from petitions.links import absolute, page_address, page_path, reverse_in
from petitions.models import PetitionPage, Signature
from petitions.selectors import signature_unconfirmed
from petitions.tokens import confirm_token, unsubscribe_token


def response_batch_size() -> int:
    """Signers emailed per task run (setting PETITIONS_RESPONSE_BATCH_SIZE, default 200)."""
    return getattr(settings, "PETITIONS_RESPONSE_BATCH_SIZE", 200)


def _message(*, template: str, context: dict, to: list[str], language: str):
    with translation.override(language):
        subject = render_to_string(f"petitions/emails/{template}_subject.txt", context)
        body = render_to_string(f"petitions/emails/{template}.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


@task()
def signature_confirmation_send(*, signature_id: int) -> None:
    """The link that makes an anonymous signature count. (Sent for every anonymous signature:
    a few columns and the petition's cached address, never the whole petition.)"""
    signature = signature_unconfirmed(signature_id)
    if signature is None:
        return
    petition = page_address(signature.petition_id)
    context = {
        "name": signature.name,
        "petition_title": petition.title,
        "confirm_url": absolute(
            reverse_in("petitions:confirm", signature.language, token=confirm_token(signature_id))
        ),
        "petition_url": absolute(petition.path(signature.language)),
    }
    _message(
        template="confirm_signature",
        context=context,
        to=[signature.email],
        language=signature.language,
    ).send()


def _response_recipients(petition_id: int):
    return Signature.objects.filter(
        petition_id=petition_id,
        confirmed_at__isnull=False,
        invalidated_at__isnull=True,
        unsubscribed_at__isnull=True,
        notified_at__isnull=True,
        erased_at__isnull=True,
    ).exclude(email="")


@task()
def response_emails_send(*, petition_id: int) -> None:
    """Email one batch of signers about the official response, then queue the next batch.

    Each signer is marked as notified with the batch, so a retried or duplicated task never
    emails anyone twice and a crash resumes where it stopped."""
    petition = PetitionPage.objects.select_related("response").get(pk=petition_id)
    size = response_batch_size()
    batch = list(_response_recipients(petition_id).order_by("pk")[:size])
    if not batch:
        return
    messages = []
    for signature in batch:
        language = signature.language
        context = {
            "name": signature.name,
            "petition_title": petition.title,
            "response": petition.response,
            "petition_url": absolute(page_path(petition, language=language)),
            "unsubscribe_url": absolute(
                reverse_in("petitions:unsubscribe", language, token=unsubscribe_token(signature.pk))
            ),
        }
        message = _message(
            template="response", context=context, to=[signature.email], language=language
        )
        message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        messages.append(message)
    with mail.get_connection() as connection:
        connection.send_messages(messages)
    Signature.objects.filter(pk__in=[s.pk for s in batch]).update(notified_at=timezone.now())
    if len(batch) == size:
        response_emails_send.enqueue(petition_id=petition_id)


@task()
def moderators_notify(*, petition_id: int) -> None:
    """A petition has its supporters and waits in the moderation queue."""
    petition = PetitionPage.objects.get(pk=petition_id)
    moderators = (
        get_user_model()
        .objects.filter(
            Q(groups__permissions__codename="moderate_petition") | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
    )
    recipients = [user.email for user in moderators if user.email]
    if recipients:
        context = {
            "petition_title": petition.title,
            "queue_url": absolute(
                reverse("petitions_admin:detail", kwargs={"petition_id": petition.pk})
            ),
        }
        _message(
            template="moderation_needed",
            context=context,
            to=recipients,
            language=settings.LANGUAGE_CODE,
        ).send()


@task()
def authority_notify(*, petition_id: int) -> None:
    """The petition reached its response threshold: the authority now owes an answer."""
    petition = PetitionPage.objects.select_related("authority").get(pk=petition_id)
    authority = petition.authority
    recipients = {user.email for user in authority.members.filter(is_active=True) if user.email}
    if authority.email:
        recipients.add(authority.email)
    if recipients:
        context = {
            "petition_title": petition.title,
            "authority": authority.name,
            "deadline": petition.response_deadline,
            "respond_url": absolute(page_path(petition, "respond/", settings.LANGUAGE_CODE)),
        }
        _message(
            template="response_due",
            context=context,
            to=sorted(recipients),
            language=settings.LANGUAGE_CODE,
        ).send()
