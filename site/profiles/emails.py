"""Sending the app's emails: text templates in `templates/profiles/emails/`, in the language
of the person who caused them, with absolute links to the site."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    """A link for an email: the site's configured address (SITE_URL) plus a path."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def templated_message(
    *, to: list[str], template: str, context: dict, language: str, headers: dict | None = None
) -> EmailMessage:
    """The email of `<template>_subject.txt` and `<template>_body.txt` (paths under templates/,
    e.g. "ideas/email/answered"), rendered in `language`: the subject on one line after the
    site's prefix. Optional emails pass `profiles.unsubscribe.unsubscribe_headers`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}",
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )


def send_templated_email(
    *, to: list[str], template: str, context: dict, language: str, headers: dict | None = None
) -> None:
    """Render `profiles/emails/<template>_subject.txt` and `_body.txt` and send them; optional
    emails pass `profiles.unsubscribe.unsubscribe_headers` as `headers`."""
    if not to:
        return
    templated_message(
        to=to,
        template=f"profiles/emails/{template}",
        context=context,
        language=language,
        headers=headers,
    ).send()
