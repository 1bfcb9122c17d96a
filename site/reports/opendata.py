"""Open data: every public report as JSON (`/reports/opendata/reports.json`) and CSV
(`reports.csv`).

No personal data: never the reporter's email, name or account, nor who said "me too" (only how
many), nor the description or updates (free text people write about themselves and their
neighbours; the report's page shows them with moderation behind it). The place is rounded to 4
decimal places (about 10 metres): enough to find a pothole, not a front door. The body and a
provider complained about are named: they act in public. CSV cells a spreadsheet would run as
a formula are made harmless (`config.spreadsheets.csv_safe`).
"""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from config.spreadsheets import csv_safe
from reports.models import Report

COLUMNS = [
    "id",
    "url",
    "title",
    "category",
    "kind",
    "state",
    "district",
    "latitude",
    "longitude",
    "body",
    "provider",
    "supporter_count",
    "created_at",
    "first_response_at",
    "expected_at",
    "fixed_at",
    "closed_at",
    "duplicate_of",
    "source",
]
PLACES = Decimal("0.0001")


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _rounded(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(PLACES, ROUND_HALF_UP))


def public_reports():
    """Every public report (confirmed, not hidden), oldest first."""
    return (
        Report.objects.public()
        .select_related("category", "district", "body", "provider", "duplicate_of")
        .order_by("created_at", "pk")
    )


def report_record(report: Report) -> dict:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    original = report.duplicate_of if report.duplicate_of_id else None
    return {
        "id": report.pk,
        "url": base + report.get_absolute_url(),
        "title": report.title,
        "category": report.category.code,
        "kind": report.category.kind,
        "state": report.state,
        "district": report.district.slug if report.district_id else None,
        "latitude": _rounded(report.latitude),
        "longitude": _rounded(report.longitude),
        "body": report.body.name,
        "provider": report.provider.name if report.provider_id else None,
        "supporter_count": report.supporter_count,
        "created_at": _iso(report.created_at),
        "first_response_at": _iso(report.first_response_at),
        "expected_at": _iso(report.expected_at),
        "fixed_at": _iso(report.fixed_at),
        "closed_at": _iso(report.closed_at),
        "duplicate_of": original.pk if original and original.is_public else None,
        "source": report.source,
    }


def reports_document(reports) -> dict:
    return {
        "generated_at": timezone.now().isoformat(),
        "columns": COLUMNS,
        "reports": [report_record(report) for report in reports],
    }


def reports_csv(reports) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for report in reports:
        record = report_record(report)
        writer.writerow([csv_safe(record[column]) for column in COLUMNS])
    return out.getvalue()
