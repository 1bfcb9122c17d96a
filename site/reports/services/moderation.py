"""Moderators' work: hiding unlawful reports and updates (a flag, not a state, so a report's
place in its life is kept), and re-routing a report the routing sent to the wrong body."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from reports.models import Report, ReportUpdate
from reports.permissions import can_moderate
from reports.services.common import report_lock, text_clean, timeline_add
from reports.states import PUBLIC_STATES, ReportError


def _require_moderator(user) -> None:
    if not can_moderate(user=user):
        raise ReportError(_("Only moderators can do this."), code="not_allowed")


def report_hide(*, report: Report, user, reason, now: datetime | None = None) -> Report:
    _require_moderator(user)
    reason = text_clean(reason, label=_("reason"), max_length=300)
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(report)
        locked.hidden_at = now
        locked.hidden_by = user
        locked.hidden_reason = reason
        locked.updated_at = now
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return locked


def report_restore(*, report: Report, user, now: datetime | None = None) -> Report:
    _require_moderator(user)
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(report)
        locked.hidden_at = None
        locked.hidden_by = None
        locked.hidden_reason = ""
        locked.updated_at = now
        locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return locked


def update_hide(*, update: ReportUpdate, user, reason, now: datetime | None = None):
    _require_moderator(user)
    reason = text_clean(reason, label=_("reason"), max_length=300)
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(update.report)
        update = ReportUpdate.objects.select_for_update().get(pk=update.pk)
        update.hidden_at = now
        update.hidden_by = user
        update.hidden_reason = reason
        update.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        locked.updated_at = now
        locked.save(update_fields=["updated_at"])
    return update


def report_reroute(*, report: Report, user, body, note="", now: datetime | None = None) -> Report:
    """Send the report to another body: a note on the timeline, the old body's link stops
    working (it is signed over the body), and the new body is emailed."""
    from profiles.models import Organization

    _require_moderator(user)
    if not isinstance(body, Organization) or body.kind != Organization.Kind.MUNICIPAL_BODY:
        raise ReportError(_("Choose a municipal body."), code="bad_body")
    note = text_clean(note, label=_("note"), max_length=1000, required=False)
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(report)
        if locked.body_id == body.pk:
            raise ReportError(_("The report is already that body's."), code="same_body")
        previous = locked.body
        locked.body = body
        locked.sent_at = None
        locked.updated_at = now
        locked.save(update_fields=["body", "sent_at", "updated_at"])
        with translation.override(settings.LANGUAGE_CODE):
            text = _("Sent on from %(old)s to %(new)s.") % {
                "old": previous.name,
                "new": body.name,
            }
        timeline_add(
            report=locked,
            kind=ReportUpdate.Kind.SITE,
            at=now,
            text=f"{text}\n{note}".strip(),
            author=user,
            body=body,
        )
        if locked.state in PUBLIC_STATES:
            from reports.services.reports import report_send_to_body

            report_id = locked.pk
            on_commit_robust(lambda: report_send_to_body(report=Report.objects.get(pk=report_id)))
    return locked
