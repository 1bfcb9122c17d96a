"""Sending the app's emails: text templates in `templates/profiles/emails/`, in the language
of the person who caused them, with absolute links to the site."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """A link for an email: the site's configured address (SITE_URL) plus a path."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def send_templated_email(
    *, to: list[str], template: str, context: dict, language: str, headers: dict | None = None
) -> None:
    """Render `profiles/emails/<template>_subject.txt` and `_body.txt` and send them; optional
    emails pass `profiles.unsubscribe.unsubscribe_headers` as `headers`."""
    if not to:
        return
    with translation.override(language):
        subject = render_to_string(f"profiles/emails/{template}_subject.txt", context)
        body = render_to_string(f"profiles/emails/{template}_body.txt", context)
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}"
    EmailMessage(
        subject, body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, to, headers=headers
    ).send()
