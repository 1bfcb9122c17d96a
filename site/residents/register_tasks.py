"""Emails of the building register: invitations to co-owners.

Arguments are ids and a language code only (with the database backend, task arguments are
stored, and an email address must not end up in the task table). The link is computed again
from the ownership; an invitation replaced, withdrawn or accepted meanwhile sends nothing.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare

from django_tasks import task

from profiles.emails import absolute_url
from profiles.models import User
from residents.models import Ownership


def _send(*, to: str, template: str, context: dict, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"residents/emails/{template}_subject.txt", context)
        body = render_to_string(f"residents/emails/{template}_body.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}"
    send_mail(subject, body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [to])


@task()
def ownership_invitations_send(ownership_ids: list[int], inviter_id: int, language: str) -> int:
    from residents.services.register import (
        INVITATION_LIFETIME_DAYS,
        ownership_token,
        token_hash,
    )

    inviter = User.objects.select_related("profile").filter(pk=inviter_id).first()
    inviter_name = getattr(getattr(inviter, "profile", None), "display_name", "") if inviter else ""
    ownerships = Ownership.objects.select_related(
        "unit__building__association", "unit__building__district"
    ).filter(pk__in=ownership_ids, user=None)
    sent = 0
    for ownership in ownerships.iterator(chunk_size=500):
        if not ownership.email or ownership.invited_at is None:
            continue
        token = ownership_token(ownership, inviter_id)
        if not constant_time_compare(token_hash(token), ownership.invitation_token_hash):
            continue
        building = ownership.unit.building
        with translation.override(language):
            link = absolute_url(reverse("residents:ownership_invitation", args=[token]))
        _send(
            to=ownership.email,
            template="ownership_invitation",
            language=language,
            context={
                "building": building,
                "unit": ownership.unit,
                "association": building.association,
                "inviter": inviter_name,
                "share": f"{ownership.share.numerator}/{ownership.share.denominator}",
                "link": link,
                "days": INVITATION_LIFETIME_DAYS,
            },
        )
        sent += 1
    return sent
