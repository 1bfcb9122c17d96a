"""What every write of the reports app shares: locking a report, writing a step of its
timeline, and cleaning free text and email addresses."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from reports.models import Report, ReportUpdate
from reports.states import ReportError


def report_lock(report: Report) -> Report:
    """The report's row, held until the transaction ends: every change of its state or count
    happens under this lock, so two requests never both move or count it."""
    return Report.objects.select_for_update().get(pk=report.pk)


def timeline_add(
    *,
    report: Report,
    kind: str,
    at: datetime,
    text: str = "",
    state_before: str = "",
    state_after: str = "",
    confirmed: bool = True,
    **fields,
) -> ReportUpdate:
    return ReportUpdate.objects.create(
        report=report,
        kind=kind,
        text=text,
        state_before=state_before,
        state_after=state_after,
        confirmed_at=at if confirmed else None,
        created_at=at,
        **fields,
    )


def text_clean(value, *, label: str, max_length: int, required: bool = True) -> str:
    """Free text, stripped; ReportError naming the field when it is missing, too long or not
    text at all (a crafted request may send anything)."""
    text = value.strip() if isinstance(value, str) else ("" if value is None else None)
    if text is None or "\x00" in text:
        raise ReportError(_("“%(field)s” is not valid text.") % {"field": label}, code="bad_text")
    if required and not text:
        raise ReportError(_("Fill in “%(field)s”.") % {"field": label}, code="required")
    if len(text) > max_length:
        raise ReportError(
            _("“%(field)s” is too long: at most %(max)s characters.")
            % {"field": label, "max": max_length},
            code="too_long",
        )
    return text


def email_clean(value, *, required: bool = True) -> str:
    email = value.strip() if isinstance(value, str) else ""
    if not email:
        if required:
            raise ReportError(_("Give your email address."), code="email_required")
        return ""
    try:
        validate_email(email)
    except ValidationError as error:
        raise ReportError(_("Give a valid email address."), code="bad_email") from error
    if len(email) > 254:
        raise ReportError(_("Give a valid email address."), code="bad_email")
    return email


def require_public(report: Report) -> None:
    if not report.is_public:
        raise ReportError(_("This report is not public."), code="not_public")
