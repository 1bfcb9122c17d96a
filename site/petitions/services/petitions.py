"""Writes about petitions: create, submit, moderate, move on thresholds, expire, close, respond.

Every state change checks `states.check_transition` first. Moderator and creator actions lock
the petition row; the automatic moves (thresholds, closing) are conditional updates
(`… WHERE state = <from>`), so running them twice or from two processes at once moves a
petition once.
"""

from datetime import timedelta
from uuid import uuid4

from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from config.freshness import changed_now_and_on_commit
from config.transactions import on_commit_robust
from petitions.dates import add_months
from petitions.models import (
    PetitionIndexPage,
    PetitionPage,
    PetitionResponse,
    PetitionSettings,
    SignatureTally,
)
from petitions.services.signatures import signature_sign_as_user, user_has_confirmed_email
from petitions.states import (
    PUBLIC_STATES,
    PetitionError,
    RejectionReason,
    Scope,
    State,
    check_transition,
)
from profiles.selectors import authorities_addressable, user_can_answer_for
from search.signals import objects_changed


def can_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm("petitions.moderate_petition")


def can_respond(user, petition: PetitionPage) -> bool:
    """Those who answer for the responsible authority (`user_can_answer_for`: its owners,
    administrators and named responders); editors may post on its behalf."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.groups.filter(name="Editors").exists():
        return True
    return user_can_answer_for(user=user, organization=petition.authority)


def _require_creator(user, petition: PetitionPage | None = None) -> None:
    if not user_has_confirmed_email(user):
        raise PetitionError(
            _("Sign in with a confirmed email address to start a petition."), code="unconfirmed"
        )
    if petition is not None and petition.creator_id != user.pk:
        raise PetitionError(_("Only the creator can change this petition."), code="forbidden")


def _validate_addressing(*, scope: str, district, authority) -> None:
    if scope == Scope.DISTRICT and district is None:
        raise PetitionError(_("Choose the district the petition is about."), code="district")
    if not authorities_addressable().filter(pk=authority.pk).exists():
        raise PetitionError(
            _("A petition is addressed to a verified municipal body or deputy."),
            code="authority",
        )


def petition_create(
    *,
    index: PetitionIndexPage,
    creator,
    title: str,
    background: str,
    additional_details: str = "",
    scope: str,
    district=None,
    authority,
) -> PetitionPage:
    """A draft petition under the index of the default language, visible only to its creator."""
    _require_creator(creator)
    _validate_addressing(scope=scope, district=district, authority=authority)
    index = index.source_index()
    with transaction.atomic():
        petition = PetitionPage(
            title=title.strip(),
            slug=f"draft-{uuid4().hex[:16]}",
            background=background.strip(),
            additional_details=additional_details.strip(),
            scope=scope,
            district=district if scope == Scope.DISTRICT else None,
            authority=authority,
            creator=creator,
            owner=creator,
            live=False,
            state=State.DRAFT,
            locale_id=index.locale_id,
        )
        index.add_child(instance=petition)
        petition.slug = str(petition.pk)  # short, stable public addresses: /petitions/123/
        petition.save()
    return petition


def petition_update_draft(
    *,
    petition: PetitionPage,
    user,
    title: str,
    background: str,
    additional_details: str = "",
    scope: str,
    district=None,
    authority,
) -> PetitionPage:
    _require_creator(user, petition)
    if petition.state != State.DRAFT:
        raise PetitionError(_("Only a draft can be changed."), code="not_draft")
    _validate_addressing(scope=scope, district=district, authority=authority)
    petition.title = petition.draft_title = title.strip()
    petition.background = background.strip()
    petition.additional_details = additional_details.strip()
    petition.scope = scope
    petition.district = district if scope == Scope.DISTRICT else None
    petition.authority = authority
    petition.save()
    return petition


def _locked(petition: PetitionPage) -> PetitionPage:
    return PetitionPage.objects.select_for_update().get(pk=petition.pk)


def petition_submit(
    *, petition: PetitionPage, user, district, show_name: bool, ip: str = ""
) -> PetitionPage:
    """The creator signs and starts gathering supporters through the share link, for the
    support period of today's settings: `closes_at` ends it (see `petitions_expire_due`)."""
    _require_creator(user, petition)
    if district is None:
        raise PetitionError(_("Choose the district you live in."), code="district")
    settings = PetitionSettings.current()
    with transaction.atomic():
        petition = _locked(petition)
        check_transition(petition.state, State.GATHERING_SUPPORT)
        petition.state = State.GATHERING_SUPPORT
        petition.submitted_at = timezone.now()
        petition.closes_at = petition.submitted_at + timedelta(days=settings.support_days)
        petition.supporters_required = settings.supporters_required
        petition.save(update_fields=["state", "submitted_at", "closes_at", "supporters_required"])
        signature_sign_as_user(
            petition=petition,
            user=user,
            name=user.display_name,
            district=district,
            show_name=show_name,
            ip=ip,
            is_creator=True,
        )
    return petition


def _publish_page(petition: PetitionPage, now) -> None:
    petition.live = True
    petition.has_unpublished_changes = False
    petition.first_published_at = petition.first_published_at or now
    petition.last_published_at = now


def petition_publish(*, petition: PetitionPage, moderator) -> PetitionPage:
    """Open for signatures for the set duration, with the thresholds that apply today."""
    if not can_moderate(moderator):
        raise PetitionError(_("Only moderators can publish petitions."), code="forbidden")
    settings = PetitionSettings.current()
    now = timezone.now()
    with transaction.atomic():
        petition = _locked(petition)
        check_transition(petition.state, State.OPEN)
        petition.state = State.OPEN
        petition.opened_at = now
        petition.closes_at = add_months(now, settings.open_months)
        petition.response_threshold, petition.hearing_threshold = settings.thresholds(
            petition.scope
        )
        petition.moderated_by = moderator
        _publish_page(petition, now)
        petition.save()
        on_commit_robust(lambda: petition_check_thresholds(petition_id=petition.pk))
    return petition


def petition_reject(
    *, petition: PetitionPage, moderator, reason: str, details: str = ""
) -> PetitionPage:
    """Rejected petitions stay public with the coded reason and its explanation; for offensive,
    defamatory or personal content the text itself is withheld (`PetitionPage.text_withheld`)."""
    if not can_moderate(moderator):
        raise PetitionError(_("Only moderators can reject petitions."), code="forbidden")
    if reason not in RejectionReason.values:
        raise PetitionError(_("Choose one of the rejection reasons."), code="reason")
    now = timezone.now()
    with transaction.atomic():
        petition = _locked(petition)
        check_transition(petition.state, State.REJECTED)
        petition.state = State.REJECTED
        petition.rejection_reason = reason
        petition.rejection_details = details.strip()
        petition.rejected_at = petition.closed_at = now
        petition.moderated_by = moderator
        _publish_page(petition, now)
        petition.save()
    return petition


def petition_hide(*, petition: PetitionPage, moderator, note: str) -> PetitionPage:
    """Take down unlawful content: the page stops being served, signing stops."""
    if not can_moderate(moderator):
        raise PetitionError(_("Only moderators can hide petitions."), code="forbidden")
    if not note.strip():
        raise PetitionError(_("Say why the petition is hidden."), code="note")
    now = timezone.now()
    with transaction.atomic():
        petition = _locked(petition)
        check_transition(petition.state, State.HIDDEN)
        petition.state = State.HIDDEN
        petition.hidden_at = now
        petition.hidden_note = note.strip()
        petition.closed_at = petition.closed_at or now
        petition.moderated_by = moderator
        petition.live = False
        petition.save()
    return petition


def petition_total(petition_id: int) -> int:
    total = SignatureTally.objects.filter(petition_id=petition_id).aggregate(total=Sum("count"))
    return total["total"] or 0


def _move(petition_id: int, current: str, target: str, **fields) -> bool:
    """Conditional state change: true for the one caller that made it. An update sends no
    signal, so the search index and the shared pages (`config.freshness`) are told here."""
    check_transition(current, target)
    moved = PetitionPage.objects.filter(pk=petition_id, state=current).update(
        state=target, **fields
    )
    if moved:
        objects_changed("petitions.PetitionPage", [petition_id])
        changed_now_and_on_commit()
    return bool(moved)


# What `petition_check_thresholds` reads after every confirmation, in plain SQL: through the
# ORM, building the statement cost ten times running it (bench/signatures.py).
THRESHOLD_FACT_NAMES = (
    "state", "supporters_required", "response_threshold", "hearing_threshold",
    "hearing_reached", "total",
)  # fmt: skip
THRESHOLD_FACTS = f"""
    SELECT p.state, p.supporters_required, p.response_threshold, p.hearing_threshold,
           p.hearing_threshold_reached_at IS NOT NULL,
           (SELECT COALESCE(SUM(t.count), 0) FROM {SignatureTally._meta.db_table} t
            WHERE t.petition_id = p.page_ptr_id)
    FROM {PetitionPage._meta.db_table} p WHERE p.page_ptr_id = %s"""  # noqa: S608


def petition_check_thresholds(*, petition_id: int) -> None:
    """Move a petition whose committed total reached a threshold. Idempotent, safe to race."""
    from petitions.tasks import authority_notify, moderators_notify

    with connection.cursor() as cursor:
        cursor.execute(THRESHOLD_FACTS, [petition_id])
        row = cursor.fetchone()
    if row is None:
        return
    petition = dict(zip(THRESHOLD_FACT_NAMES, row, strict=True))
    state, total, now = petition["state"], petition["total"], timezone.now()
    threshold = petition["response_threshold"]
    if state == State.GATHERING_SUPPORT and total >= petition["supporters_required"] + 1:
        deadline = now + timedelta(days=PetitionSettings.current().moderation_days)
        if _move(
            petition_id,
            state,
            State.AWAITING_MODERATION,
            moderation_requested_at=now,
            moderation_deadline=deadline,
        ):
            moderators_notify.enqueue(petition_id=petition_id)
    elif state == State.OPEN and threshold and total >= threshold:
        deadline = now + timedelta(days=PetitionSettings.current().response_days)
        if _move(
            petition_id,
            state,
            State.AWAITING_RESPONSE,
            response_threshold_reached_at=now,
            response_deadline=deadline,
        ):
            authority_notify.enqueue(petition_id=petition_id)
    hearing = petition["hearing_threshold"]
    if state in PUBLIC_STATES and hearing and not petition["hearing_reached"] and total >= hearing:
        PetitionPage.objects.filter(pk=petition_id, hearing_threshold_reached_at=None).update(
            hearing_threshold_reached_at=now
        )


def petitions_close_due(*, now=None) -> int:
    """End signing of every petition past its closing time. Those that never reached the
    response threshold become closed; the others keep waiting for (or keep) their response."""
    now = now or timezone.now()
    due = PetitionPage.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    for petition_id in due.filter(state=State.OPEN).values_list("pk", flat=True):
        petition_check_thresholds(petition_id=petition_id)
    closed = 0
    for petition_id, closes_at in due.filter(state=State.OPEN).values_list("pk", "closes_at"):
        closed += _move(petition_id, State.OPEN, State.CLOSED, closed_at=closes_at)
    due.filter(state__in=[State.AWAITING_RESPONSE, State.RESPONDED]).update(
        closed_at=F("closes_at")
    )
    return closed


def petitions_expire_due(*, now=None) -> int:
    """Expire every petition still gathering support past the end of its support period, so
    its share link stops taking signatures and its signers' data gets a retention clock
    (`closed_at`). One whose supporters were complete in time (a follow-up that never ran)
    goes to moderation instead."""
    now = now or timezone.now()
    due = PetitionPage.objects.filter(
        state=State.GATHERING_SUPPORT, closed_at__isnull=True, closes_at__lte=now
    )
    for petition_id in due.values_list("pk", flat=True):
        petition_check_thresholds(petition_id=petition_id)
    expired = 0
    for petition_id, closes_at in due.values_list("pk", "closes_at"):
        expired += _move(petition_id, State.GATHERING_SUPPORT, State.EXPIRED, closed_at=closes_at)
    return expired


def petition_respond(*, petition: PetitionPage, user, summary: str, body: str) -> PetitionResponse:
    """Publish the official response; every confirmed signer is emailed in batches afterwards."""
    from petitions.tasks import response_emails_send

    if not can_respond(user, petition):
        raise PetitionError(
            _("Only those who answer for the responsible authority, or editors, can respond."),
            code="forbidden",
        )
    if not summary.strip() or not body.strip():
        raise PetitionError(_("Write both a summary and the full response."), code="empty")
    now = timezone.now()
    with transaction.atomic():
        petition = _locked(petition)
        check_transition(petition.state, State.RESPONDED)
        response = PetitionResponse.objects.create(
            petition=petition,
            summary=summary.strip(),
            body=body.strip(),
            organization=petition.authority,
            author=user,
            published_at=now,
        )
        petition.state = State.RESPONDED
        petition.responded_at = now
        petition.save(update_fields=["state", "responded_at"])
        on_commit_robust(lambda: response_emails_send.enqueue(petition_id=petition.pk))
    return response
