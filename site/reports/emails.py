"""The reports app's emails: confirmation links, a new report to the responsible body (with
its signed link) and the body's updates to the reporter. Each is rendered in its recipient's
language: an account's preferred language when it has one, else the site's ("uk"). Callers
send them after commit (`config.transactions.on_commit_robust`)."""

from django.conf import settings
from django.urls import reverse

from profiles.emails import absolute_url, templated_message
from reports.tokens import body_link_token, confirm_token

UPDATED_KIND = "reports.updated"


def language_of(user) -> str:
    """The account's preferred language if it set one we speak, else the site's."""
    languages = {code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
    preferred = (getattr(profile, "preferred_language", "") or "").split("-")[0]
    return preferred if preferred in languages else settings.LANGUAGE_CODE


def confirm_link(kind: str, pk: int) -> str:
    return absolute_url(reverse("reports:confirm", kwargs={"token": confirm_token(kind, pk)}))


def body_link(report) -> str:
    return absolute_url(reverse("reports:act", kwargs={"token": body_link_token(report)}))


def confirmation_send(*, kind: str, pk: int, email: str, report, user=None) -> None:
    """Ask `email` to confirm the report, update or "me too" `pk` (kind "report", "update",
    "supporter")."""
    if not email:
        return
    templated_message(
        to=[email],
        template=f"reports/email/confirm_{kind}",
        context={
            "report": report,
            "link": confirm_link(kind, pk),
            "report_link": absolute_url(report.get_absolute_url()),
            "days": settings.REPORT_CONFIRM_DAYS,
        },
        language=language_of(user),
    ).send()


def body_recipients(body) -> list[str]:
    """The body's public contact email, else the emails of its owners and administrators."""
    if body.email:
        return [body.email]
    from profiles.models import Membership

    return sorted(
        set(
            Membership.objects.filter(
                organization=body,
                role__in=[Membership.Role.OWNER, Membership.Role.ADMIN],
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def report_to_body_send(*, report) -> int:
    """Email the responsible body the report with its signed link. Returns how many were
    addressed."""
    recipients = body_recipients(report.body)
    if not recipients:
        return 0
    templated_message(
        to=recipients,
        template="reports/email/new_report",
        context={
            "report": report,
            "act_link": body_link(report),
            "report_link": absolute_url(report.get_absolute_url()),
            "photos": [absolute_url(photo.file.url) for photo in report.photos.all()],
        },
        language=settings.LANGUAGE_CODE,
    ).send()
    return len(recipients)


def update_to_reporter_send(*, update) -> bool:
    """Tell the reporter of the body's official update; an account that turned the kind
    "reports.updated" off is not told. Returns whether an email went."""
    from profiles.notifications import notifications_wanted
    from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url

    report = update.report
    reporter = report.reporter
    context = {
        "report": report,
        "update": update,
        "report_link": absolute_url(report.get_absolute_url()),
    }
    headers = None
    if reporter is not None:
        if not reporter.email or not notifications_wanted(reporter, UPDATED_KIND):
            return False
        to = reporter.email
        language = language_of(reporter)
        context["unsubscribe_link"] = unsubscribe_url(user=reporter, kind=UPDATED_KIND)
        headers = unsubscribe_headers(user=reporter, kind=UPDATED_KIND)
    elif report.reporter_email:
        to = report.reporter_email
        language = settings.LANGUAGE_CODE
    else:
        return False
    templated_message(
        to=[to],
        template="reports/email/updated",
        context=context,
        language=language,
        headers=headers,
    ).send()
    return True
