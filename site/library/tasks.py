"""Background work of the library: telling contributors how their proposal is doing."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from django_tasks import task

from library.models import Contribution, ContributionEvent

EMAILED_STATES = {
    Contribution.State.IN_REVIEW,
    Contribution.State.CHANGES_REQUESTED,
    Contribution.State.PUBLISHED,
    Contribution.State.REJECTED,
    Contribution.State.WITHDRAWN,
}


@task()
def contribution_email_send(*, event_id: int) -> None:
    """One email per step of a contribution's review, in the language it was written in."""
    event = (
        ContributionEvent.objects.select_related(
            "contribution__page__locale", "contribution__contributor"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.to_state not in EMAILED_STATES:
        return
    contribution = event.contribution
    contributor = contribution.contributor
    if contributor is None or not contributor.email:
        return
    page = contribution.page.specific
    with translation.override(page.locale.language_code):
        context = _context(event, page)
        name = f"library/emails/contribution_{event.to_state}"
        subject = render_to_string(f"{name}_subject.txt", context).strip()
        body = render_to_string(f"{name}.txt", context)
    send_mail(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        message=body,
        from_email=None,
        recipient_list=[contributor.email],
    )


def _context(event: ContributionEvent, page) -> dict:
    from library.selectors import library_index_for

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    index = library_index_for(locale=page.locale)
    edit_url = ""
    if index is not None:
        edit_path = index.reverse_subpage("contribution_edit", args=[event.contribution_id])
        edit_url = f"{base}{index.url}{edit_path}"
    return {
        "contributor": event.contribution.contributor,
        "title": page.draft_title,
        "comment": event.comment,
        "first_submission": event.from_state == Contribution.State.DRAFT,
        "page_url": f"{base}{page.url}" if page.live and page.url else "",
        "edit_url": edit_url,
        "cabinet_url": f"{base}{reverse('account_cabinet')}",
    }
