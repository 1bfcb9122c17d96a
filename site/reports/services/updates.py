"""The timeline's moves: the body's official updates, and the reporter's or a resident's word
("it is fixed", "still broken"), which without an account waits for its email's confirmation."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from reports import emails
from reports.models import Open311Key, Report, ReportUpdate
from reports.models.reports import UPDATE_MAX
from reports.permissions import can_act_for_body, has_confirmed_email
from reports.services.common import (
    email_clean,
    report_lock,
    require_public,
    text_clean,
    timeline_add,
)
from reports.states import (
    CLOSED_STATES,
    OPEN_STATES,
    ReportError,
    State,
    check_body_transition,
    check_public_transition,
)


def _may_act(*, report: Report, user, via_link: bool, app_key) -> bool:
    if via_link:
        return True
    if app_key is not None:
        return (
            isinstance(app_key, Open311Key)
            and app_key.revoked_at is None
            and app_key.body_id is not None
            and app_key.body_id == report.body_id
        )
    return can_act_for_body(user=user, body=report.body)


def _original(report: Report, duplicate_of) -> Report:
    """The report this one duplicates: another public report, not leading back to this one."""
    if not isinstance(duplicate_of, Report):
        raise ReportError(_("Name the report this one duplicates."), code="duplicate_of_required")
    if duplicate_of.pk == report.pk:
        raise ReportError(_("A report cannot duplicate itself."), code="bad_duplicate")
    original = Report.objects.filter(pk=duplicate_of.pk).first()
    if original is None or not original.is_public:
        raise ReportError(_("The original report must be public."), code="bad_duplicate")
    seen, step = {report.pk}, original
    while step is not None and step.duplicate_of_id is not None:
        if step.duplicate_of_id in seen:
            raise ReportError(
                _("That report is already a duplicate of this one."), code="bad_duplicate"
            )
        seen.add(step.pk)
        step = Report.objects.filter(pk=step.duplicate_of_id).first()
    return original


def _move(report: Report, target: str, *, now: datetime) -> None:
    """Set a locked report's state and the dates that go with it (the caller checked the
    transition and saves)."""
    report.state = target
    if target == State.FIXED:
        report.fixed_at = now
        report.closed_at = None
    elif target in CLOSED_STATES:
        report.closed_at = now
        report.fixed_at = None
    elif target in OPEN_STATES:
        report.fixed_at = None
        report.closed_at = None
    if target != State.DUPLICATE:
        report.duplicate_of = None


def report_update_official(
    *,
    report: Report,
    text,
    state: str = "",
    user=None,
    via_link: bool = False,
    app_key=None,
    duplicate_of=None,
    expected_at=None,
    now: datetime | None = None,
) -> ReportUpdate:
    """The responsible body's update: a word, a state change, or both, on the public timeline
    under the body's name; the reporter is emailed. Allowed for whoever acts for the body, for
    the body's signed link (`via_link`, the view checked it) and for the body's Open311 key."""
    now = now or timezone.now()
    if not _may_act(report=report, user=user, via_link=via_link, app_key=app_key):
        raise ReportError(
            _("Only the body responsible for this report can update it officially."),
            code="not_allowed",
        )
    text = text_clean(text, label=_("update"), max_length=UPDATE_MAX, required=False)
    state = state or ""
    if state and state not in State.values:
        raise ReportError(_("Choose a state from the list."), code="bad_state")
    if not text and not state:
        raise ReportError(_("Write an update or change the state."), code="empty")
    if expected_at is not None and not isinstance(expected_at, datetime):
        raise ReportError(_("The expected date is not valid."), code="bad_date")
    if via_link:
        source = ReportUpdate.Source.BODY_LINK
    elif app_key is not None:
        source = ReportUpdate.Source.OPEN311
    else:
        source = ReportUpdate.Source.WEB
    with transaction.atomic():
        locked = report_lock(report)
        if locked.body_id != report.body_id:
            raise ReportError(_("This report was sent to another body."), code="rerouted")
        if locked.state == State.UNCONFIRMED:
            raise ReportError(_("This report is not confirmed yet."), code="not_public")
        before = locked.state
        if not text and state == before and expected_at is None:
            raise ReportError(_("The report is already in that state."), code="empty")
        fields = ["updated_at", "first_response_at"]
        if state and state != before:
            check_body_transition(before, state)
            original = _original(locked, duplicate_of) if state == State.DUPLICATE else None
            _move(locked, state, now=now)
            locked.duplicate_of = original
            fields += ["state", "fixed_at", "closed_at", "duplicate_of"]
        elif state == State.DUPLICATE and duplicate_of is not None:
            locked.duplicate_of = _original(locked, duplicate_of)
            fields.append("duplicate_of")
        if expected_at is not None:
            locked.expected_at = expected_at
            fields.append("expected_at")
        locked.first_response_at = locked.first_response_at or now
        locked.updated_at = now
        locked.save(update_fields=fields)
        update = timeline_add(
            report=locked,
            kind=ReportUpdate.Kind.OFFICIAL,
            source=source,
            at=now,
            text=text,
            state_before=before,
            state_after=locked.state if locked.state != before else "",
            author=user if getattr(user, "is_authenticated", False) else None,
            body=locked.body,
        )
        update_id = update.pk
        on_commit_robust(
            lambda: emails.update_to_reporter_send(
                update=ReportUpdate.objects.select_related("report__reporter", "report__body").get(
                    pk=update_id
                )
            )
        )
    report.refresh_from_db()
    return update


def _reopen_check(report: Report, target: str, *, now: datetime) -> None:
    if target == State.OPEN and report.state == State.FIXED:
        days = settings.REPORT_REOPEN_DAYS
        if report.fixed_at is not None and now > report.fixed_at + timedelta(days=days):
            raise ReportError(
                _("A report fixed more than %(days)s days ago cannot be reopened: report it anew.")
                % {"days": days},
                code="reopen_too_late",
            )


def _public_move(report: Report, target: str, *, now: datetime) -> None:
    """Check and make a public move on a locked report (ReportError if not allowed now)."""
    check_public_transition(report.state, target)
    _reopen_check(report, target, now=now)
    _move(report, target, now=now)
    report.updated_at = now
    report.save(update_fields=["state", "fixed_at", "closed_at", "duplicate_of", "updated_at"])


def report_update_public(
    *,
    report: Report,
    text,
    state: str = "",
    user=None,
    email="",
    name="",
    show_name=False,
    now: datetime | None = None,
) -> ReportUpdate:
    """The reporter's or a resident's word on a public report: "fixed" on an open report, or
    "still broken" (open again) within REPORT_REOPEN_DAYS of the fix. Without an account the
    update waits for its email's confirmation (`update_confirm`), and only then moves the
    report."""
    now = now or timezone.now()
    require_public(report)
    state = state or ""
    if state not in ("", State.FIXED, State.OPEN):
        raise ReportError(_("Say it is fixed or still broken."), code="bad_state")
    text = text_clean(text, label=_("update"), max_length=UPDATE_MAX, required=not state)
    name = text_clean(name, label=_("name"), max_length=100, required=False)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if signed_in:
        if not has_confirmed_email(user=user):
            raise ReportError(_("Confirm your email address to write updates."), code="unconfirmed")
        email = ""
        is_reporter = report.reporter_id == user.pk
    else:
        user = None
        email = email_clean(email)
        is_reporter = (
            report.reporter_id is None
            and bool(report.reporter_email)
            and report.reporter_email.lower() == email.lower()
        )
    if state:
        check_public_transition(report.state, state)
        _reopen_check(report, state, now=now)
    shown_name = ""
    if show_name:
        shown_name = name or (user.get_full_name()[:100] if user is not None else "")
    kind = ReportUpdate.Kind.REPORTER if is_reporter else ReportUpdate.Kind.PUBLIC
    with transaction.atomic():
        locked = report_lock(report)
        require_public(locked)
        before = locked.state
        if signed_in and state:
            _public_move(locked, state, now=now)
        elif signed_in:
            locked.updated_at = now
            locked.save(update_fields=["updated_at"])
        update = timeline_add(
            report=locked,
            kind=kind,
            at=now,
            text=text,
            state_before=before,
            state_after=state,
            confirmed=signed_in,
            author=user,
            author_email=email,
            author_name=shown_name,
        )
        if not signed_in:
            update_id = update.pk

            def ask():
                emails.confirmation_send(kind="update", pk=update_id, email=email, report=locked)

            on_commit_robust(ask)
    report.refresh_from_db()
    return update


def update_confirm(*, update: ReportUpdate, now: datetime | None = None) -> ReportUpdate:
    """The author opened the update's confirmation link: it is published, and moves the report
    if that move is still allowed (if not, the text stands and the move is dropped)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = report_lock(update.report)
        update = ReportUpdate.objects.select_for_update().get(pk=update.pk)
        if update.confirmed_at is not None:
            return update
        update.state_before = locked.state
        if update.state_after:
            try:
                if not locked.is_public:
                    raise ReportError("", code="not_public")
                _public_move(locked, update.state_after, now=now)
            except ReportError:
                update.state_after = ""
        if not update.state_after:
            locked.updated_at = now
            locked.save(update_fields=["updated_at"])
        update.confirmed_at = now
        update.save(update_fields=["confirmed_at", "state_before", "state_after"])
    return update
