"""Keeping personal data no longer than needed (called by the periodic command):

- what was never confirmed (reports, updates, "me too"s) is deleted REPORT_CONFIRM_DAYS after
  it was made, with its photos' files;
- REPORT_RETENTION_DAYS after a report was finished (fixed or closed), the reporter's and the
  authors' emails and names are cleared, and "me too"s given by email are deleted (the count
  stays): the report and its timeline remain public, with nobody's address on them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from config.transactions import on_commit_robust
from reports.models import Report, ReportPhoto, ReportSupporter, ReportUpdate
from reports.states import FINISHED_STATES, State


def _delete_files(names: list[str]) -> None:
    storage = ReportPhoto._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def reports_purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete unconfirmed reports, updates and "me too"s older than REPORT_CONFIRM_DAYS.
    Returns how many rows went (of the three together)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_CONFIRM_DAYS)
    with transaction.atomic():
        reports = Report.objects.filter(state=State.UNCONFIRMED, created_at__lt=cutoff)
        files = list(
            ReportPhoto.objects.filter(report__in=reports)
            .exclude(file="")
            .values_list("file", flat=True)
        )
        report_ids = list(reports.values_list("pk", flat=True))
        count = 0
        count += (
            ReportUpdate.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
            .exclude(report_id__in=report_ids)
            .delete()[1]
            .get("reports.ReportUpdate", 0)
        )
        count += (
            ReportSupporter.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
            .exclude(report_id__in=report_ids)
            .delete()[1]
            .get("reports.ReportSupporter", 0)
        )
        count += Report.objects.filter(pk__in=report_ids).delete()[1].get("reports.Report", 0)
        if files:
            on_commit_robust(lambda: _delete_files(files))
    return count


def reports_expire_personal_data(*, now: datetime | None = None) -> int:
    """Clear the personal data of reports finished more than REPORT_RETENTION_DAYS ago.
    Returns how many reports had something cleared."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_RETENTION_DAYS)
    finished = Report.objects.annotate(finished_at=Coalesce("closed_at", "fixed_at")).filter(
        state__in=FINISHED_STATES, finished_at__lt=cutoff
    )
    ids = list(finished.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        cleared = set(
            Report.objects.filter(pk__in=ids)
            .filter(~Q(reporter_email="") | ~Q(reporter_name="") | Q(show_name=True))
            .values_list("pk", flat=True)
        )
        Report.objects.filter(pk__in=cleared).update(
            reporter_email="", reporter_name="", show_name=False
        )
        updates = ReportUpdate.objects.filter(report_id__in=ids).filter(
            ~Q(author_email="") | ~Q(author_name="")
        )
        cleared |= set(updates.values_list("report_id", flat=True))
        updates.update(author_email="", author_name="")
        by_email = ReportSupporter.objects.filter(report_id__in=ids, user__isnull=True)
        cleared |= set(by_email.values_list("report_id", flat=True))
        by_email.delete()
    return len(cleared)
