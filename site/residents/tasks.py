"""Background work of the residents app: the emails of registrars' decisions and revocations,
and the daily housekeeping of verification.

Arguments are ids and a language code only: with the database backend, task arguments are
stored, and an email address must not end up in the task table. The emails answer a person's
own request or tell them they lost an attribute: they are not optional notifications.
"""

from django.urls import reverse
from django.utils import translation

from django_tasks import task

from profiles.emails import absolute_url, send_templated_email
from residents.models import ResidenceRequest, VerifiedAttribute


def _residence_link(language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("residents:residence"))


@task()
def residence_decision_notify(request_id: int, language: str) -> None:
    residence_request = (
        ResidenceRequest.objects.select_related("user", "district", "building")
        .filter(pk=request_id)
        .first()
    )
    if residence_request is None or not residence_request.user.is_active:
        return
    send_templated_email(
        to=[residence_request.user.email],
        template="residence_decision",
        language=language,
        context={
            "residence_request": residence_request,
            "approved": residence_request.state == ResidenceRequest.State.APPROVED,
            "place": residence_request.district or residence_request.building,
            "link": _residence_link(language),
        },
    )


@task()
def attribute_revoked_notify(attribute_id: int, language: str) -> None:
    attribute = VerifiedAttribute.objects.select_related("user").filter(pk=attribute_id).first()
    if attribute is None or attribute.revoked_at is None or not attribute.user.is_active:
        return
    send_templated_email(
        to=[attribute.user.email],
        template="residence_attribute_revoked",
        language=language,
        context={"attribute": attribute, "link": _residence_link(language)},
    )


@task()
def verification_housekeeping() -> dict:
    """Daily: letters whose code expired expire (their flat forgotten), decided requests past
    their retention are deleted, attributes that stopped holding 90 days ago are deleted, and
    documents a failed deletion left behind go. Also
    `manage.py residents_housekeeping`."""
    from residents.services.verification import (
        postal_letters_expire,
        residence_documents_sweep,
        residence_requests_purge,
        verified_attributes_purge,
    )

    return {
        "letters_expired": postal_letters_expire(),
        "requests_deleted": residence_requests_purge(),
        "attributes_deleted": verified_attributes_purge(),
        "documents_deleted": residence_documents_sweep(),
    }
