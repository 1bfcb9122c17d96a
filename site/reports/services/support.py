""" "Me too": someone with the same problem says so instead of reporting it again. Counted once
per account or email address, exactly, under the report's row lock."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from reports import emails
from reports.models import Report, ReportSupporter
from reports.permissions import has_confirmed_email
from reports.services.common import email_clean, report_lock
from reports.states import ReportError


def _supportable(report: Report) -> None:
    if not report.is_public or not report.is_open:
        raise ReportError(_("Only open reports can be supported."), code="not_open")


def report_support(
    *, report: Report, user=None, email="", now: datetime | None = None
) -> ReportSupporter:
    """Say "me too" on an open public report. Signed in (with a confirmed email), it counts at
    once; by email, it counts when the emailed link is opened (`supporter_confirm`). The
    reporter cannot, and nobody counts twice."""
    now = now or timezone.now()
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if signed_in:
        if not has_confirmed_email(user=user):
            raise ReportError(_("Confirm your email address to say “me too”."), code="unconfirmed")
        email = ""
        own = report.reporter_id == user.pk
    else:
        user = None
        email = email_clean(email)
        own = bool(report.reporter_email) and report.reporter_email.lower() == email.lower()
    if own:
        raise ReportError(_("You made this report yourself."), code="own_report")
    _supportable(report)
    with transaction.atomic():
        locked = report_lock(report)
        _supportable(locked)
        existing = ReportSupporter.objects.filter(report=locked)
        existing = (
            existing.filter(user=user) if user is not None else existing.filter(email__iexact=email)
        ).first()
        if existing is not None and (existing.confirmed_at is not None or user is not None):
            raise ReportError(_("You already said “me too”."), code="already")
        if existing is not None:
            supporter = existing
        else:
            supporter = ReportSupporter.objects.create(
                report=locked,
                user=user,
                email=email,
                confirmed_at=now if user is not None else None,
                created_at=now,
            )
            if user is not None:
                locked.supporter_count += 1
                locked.save(update_fields=["supporter_count"])
        if user is None:
            supporter_id = supporter.pk

            def ask():
                emails.confirmation_send(
                    kind="supporter", pk=supporter_id, email=email, report=locked
                )

            on_commit_robust(ask)
    report.supporter_count = locked.supporter_count
    return supporter


def supporter_confirm(
    *, supporter: ReportSupporter, now: datetime | None = None
) -> ReportSupporter:
    """The emailed "me too" link was opened: it counts (once)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(supporter.report)
        supporter = ReportSupporter.objects.select_for_update().get(pk=supporter.pk)
        if supporter.confirmed_at is None:
            supporter.confirmed_at = now
            supporter.save(update_fields=["confirmed_at"])
            locked.supporter_count += 1
            locked.save(update_fields=["supporter_count"])
    return supporter
