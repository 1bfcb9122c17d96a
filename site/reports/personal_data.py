"""What the reports app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

- Reports they made (with their account, or without one from their email address), the
  updates they wrote on reports' timelines, the reports they said "me too" to, and the Open311
  keys issued to them.
- As staff or for a body: the reports and updates they hid, and the official updates they gave.

Erasure. A public report stays: it is about a public place (or a provider's service) and the
body's answers hang on it, but it loses every link to the person: the account, the email, the
name (and `show_name` is turned off). An unconfirmed report (nobody but them has seen it) is
deleted with its photos, as are their unconfirmed updates. Their updates stay on the timelines
with the author's account, email and name removed. Their "me too"s are deleted; each report's
`supporter_count` stays as it is, so every count stays exact. A key issued to them stays for the
application that uses it, without them.

Retention while the account exists (`reports_tick`): a report never confirmed is deleted
`REPORT_CONFIRM_DAYS` (7) after it was made, with its unconfirmed updates and "me too"s; the
email and name of a reporter without an account (and of the authors of updates and "me too"s
by email) are erased `REPORT_RETENTION_DAYS` (730) after the report was fixed or closed
(`services.reports_expire_personal_data`).
"""

from django.db import transaction
from django.db.models import Q

from reports.models import Open311Key, Report, ReportSupporter, ReportUpdate
from reports.states import State

MODELS = [
    "reports.Report",
    "reports.ReportUpdate",
    "reports.ReportSupporter",
    "reports.Open311Key",
]


def _by(user, account_field: str, email_field: str) -> Q:
    """Rows linked to the account, or (when it has one) carrying its email address."""
    condition = Q(**{account_field: user})
    if user.email:
        condition |= Q(**{f"{email_field}__iexact": user.email})
    return condition


def _reports(user):
    return Report.objects.filter(_by(user, "reporter", "reporter_email"))


def _updates(user):
    return ReportUpdate.objects.filter(_by(user, "author", "author_email"))


def _supporters(user):
    return ReportSupporter.objects.filter(_by(user, "user", "email"))


def export_for(user) -> dict:
    return {
        "reports_made": [
            {
                "number": report.pk,
                "title": report.title,
                "description": report.description,
                "category": report.category.code,
                "address": report.address,
                "latitude": report.latitude,
                "longitude": report.longitude,
                "email": report.reporter_email,
                "name": report.reporter_name,
                "name_shown": report.show_name,
                "state": report.state,
                "attributes": report.attributes,
                "created_at": report.created_at,
                "confirmed_at": report.confirmed_at,
            }
            for report in _reports(user).select_related("category")
        ],
        "report_updates": [
            {
                "report": update.report_id,
                "kind": update.kind,
                "text": update.text,
                "email": update.author_email,
                "name": update.author_name,
                "state_after": update.state_after,
                "created_at": update.created_at,
                "confirmed_at": update.confirmed_at,
            }
            for update in _updates(user)
        ],
        "reports_supported": [
            {
                "report": supporter.report_id,
                "title": supporter.report.title,
                "email": supporter.email,
                "created_at": supporter.created_at,
                "confirmed_at": supporter.confirmed_at,
            }
            for supporter in _supporters(user).select_related("report")
        ],
        "open311_keys": [
            {
                "application": key.application,
                "contact_email": key.contact_email,
                "prefix": key.prefix,
                "created_at": key.created_at,
                "revoked_at": key.revoked_at,
            }
            for key in Open311Key.objects.filter(_by(user, "owner", "contact_email"))
        ],
        "reports_hidden": [
            {"report": report.pk, "reason": report.hidden_reason, "hidden_at": report.hidden_at}
            for report in Report.objects.filter(hidden_by=user)
        ],
        "report_updates_hidden": [
            {"update": update.pk, "reason": update.hidden_reason, "hidden_at": update.hidden_at}
            for update in ReportUpdate.objects.filter(hidden_by=user)
        ],
    }


def _delete_with_photos(reports) -> None:
    for report in reports:
        for photo in report.photos.all():
            stored, storage = photo.file.name, photo.file.storage
            transaction.on_commit(lambda s=storage, n=stored: s.delete(n) if n else None)
    reports.delete()


def erase_for(user) -> None:
    with transaction.atomic():
        _delete_with_photos(_reports(user).filter(state=State.UNCONFIRMED))
        _reports(user).update(reporter=None, reporter_email="", reporter_name="", show_name=False)
        Report.objects.filter(hidden_by=user).update(hidden_by=None)
        _updates(user).filter(confirmed_at__isnull=True).delete()
        _updates(user).update(author=None, author_email="", author_name="")
        ReportUpdate.objects.filter(hidden_by=user).update(hidden_by=None)
        _supporters(user).delete()
        Open311Key.objects.filter(owner=user).update(owner=None)
        if user.email:
            Open311Key.objects.filter(contact_email__iexact=user.email).update(contact_email="")
