"""Signed tokens in the links the reports app emails.

- Confirmation (`confirm_token`): a report, an update or a "me too" made without an account
  waits for its email address to be confirmed. The token carries its kind and the row's id,
  so one view serves all three, and expires after REPORT_CONFIRM_DAYS.
- The body's link (`body_link_token`): sent with a new report to the responsible body, it lets
  whoever reads that mailbox give official updates without an account. It is signed over the
  report's id and the body's id, so a re-route to another body invalidates the old link.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM_KINDS = ("report", "update", "supporter")
_CONFIRM_SALT = "reports.confirm"
_BODY_SALT = "reports.body_link"


def confirm_token(kind: str, pk: int) -> str:
    if kind not in CONFIRM_KINDS:
        raise ValueError(kind)
    return signing.dumps([kind, int(pk)], salt=_CONFIRM_SALT, compress=False)


def confirm_kind_read(token) -> tuple[str, int] | None:
    """(kind, id) of a valid, unexpired confirmation token; None for anything else."""
    if not isinstance(token, str) or not token or len(token) > 500:
        return None
    try:
        kind, pk = signing.loads(
            token,
            salt=_CONFIRM_SALT,
            max_age=timedelta(days=settings.REPORT_CONFIRM_DAYS),
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if kind not in CONFIRM_KINDS or not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return kind, pk


def confirm_read(token, kind: str) -> int | None:
    """The id in a valid token of `kind`; None when invalid, expired or of another kind."""
    found = confirm_kind_read(token)
    if found is None or found[0] != kind:
        return None
    return found[1]


def body_link_token(report) -> str:
    return signing.dumps([report.pk, report.body_id], salt=_BODY_SALT, compress=False)


def body_link_read(token):
    """The report a body's link is for, while the report is still that body's; else None."""
    from reports.models import Report

    if not isinstance(token, str) or not token or len(token) > 500:
        return None
    try:
        report_id, body_id = signing.loads(token, salt=_BODY_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (report_id, body_id)):
        return None
    return (
        Report.objects.select_related("category", "body", "district")
        .filter(pk=report_id, body_id=body_id)
        .first()
    )
