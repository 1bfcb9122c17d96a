"""Verified statuses: a participant asks with evidence, staff grant or decline, staff may
revoke. Every grant and revocation is written to StatusChange (who, when, why)."""

import uuid

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from profiles.exceptions import NotAllowed, ProfilesError, check_transition
from profiles.images import picture_check
from profiles.models import (
    VERIFIED_STATUSES,
    Membership,
    Organization,
    Profile,
    Status,
    StatusChange,
    StatusRequest,
    User,
)
from profiles.services.authorities import (
    AUTHORITY_KIND_OF_STATUS,
    authority_claim_check,
    authority_grant,
)

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024

# Which organizations a status may name as the one the person represents. The municipal
# official's and deputy's statuses name an authority, or one staff make an authority on
# granting them (`profiles.services.authorities`).
STATUS_ORGANIZATION_KINDS = {
    Status.ORGANIZATION_REPRESENTATIVE: {
        Organization.Kind.PUBLIC_ORGANIZATION,
        Organization.Kind.CONDOMINIUM,
        Organization.Kind.SCHOOL,
        Organization.Kind.SELF_ORGANIZATION,
        Organization.Kind.INFORMAL_GROUP,
    },
    Status.RESPONSIBLE_BUSINESS: {Organization.Kind.RESPONSIBLE_BUSINESS},
}


def _check_staff(staff: User) -> None:
    if not (staff.is_active and staff.has_perm("profiles.decide_statusrequest")):
        raise NotAllowed(_("Only staff who decide statuses can do this."))


# What a document's first bytes must be, and the extension it is then stored under: the
# name a browser sends is not trusted.
EVIDENCE_SIGNATURES = [(b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG", "png")]


def _evidence_extension(upload) -> str:
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ProfilesError(_("The document is larger than 5 MB."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, extension in EVIDENCE_SIGNATURES:
        if head.startswith(signature):
            if extension != "pdf":
                # Staff open it in their browser: no bomb of a bitmap, nothing unreadable.
                picture_check(upload)
            return extension
    raise ProfilesError(_("Attach a PDF, JPEG or PNG document."))


def status_request_create(
    *,
    user: User,
    status: str,
    evidence: str,
    organization: Organization | None = None,
    evidence_file=None,
) -> StatusRequest:
    """Ask staff for a verified status. One open request at a time; the organization, if
    named, must be one the person belongs to and of a kind that fits the status."""
    if status not in VERIFIED_STATUSES:
        raise ProfilesError(_("Choose one of the verified statuses."))
    if user.profile.status == status:
        raise ProfilesError(_("You already have this status."))
    if StatusRequest.objects.filter(user=user, state=StatusRequest.State.PENDING).exists():
        raise ProfilesError(_("You already have a request waiting for staff."))
    if not evidence.strip():
        raise ProfilesError(_("Tell staff how they can check your status."))
    if organization is not None:
        if status not in AUTHORITY_KIND_OF_STATUS and (
            organization.kind not in STATUS_ORGANIZATION_KINDS[status]
        ):
            raise ProfilesError(_("This organization does not fit the status you ask for."))
        if not Membership.objects.filter(organization=organization, user=user).exists():
            raise ProfilesError(_("You can only name an organization whose team you are on."))
        if status in AUTHORITY_KIND_OF_STATUS:
            authority_claim_check(organization=organization, status=status, user=user)
    extension = _evidence_extension(evidence_file) if evidence_file else ""
    with transaction.atomic():
        request = StatusRequest(
            user=user, status=status, organization=organization, evidence=evidence.strip()
        )
        if evidence_file:
            name = f"{uuid.uuid4().hex}.{extension}"
            request.evidence_file.save(name, evidence_file, save=False)
        request.save()
    return request


def status_request_withdraw(*, request: StatusRequest, user: User) -> StatusRequest:
    if request.user_id != user.pk:
        raise NotAllowed(_("This is not your request."))
    request.refresh_from_db(fields=["state"])
    check_transition(request, StatusRequest.State.WITHDRAWN)
    request.state = StatusRequest.State.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_at"])
    return request


def _notify(request_id: int) -> None:
    from profiles.tasks import status_decision_notify

    language = translation.get_language() or "uk"
    on_commit_robust(lambda: status_decision_notify.enqueue(request_id, language))


def status_request_approve(*, request: StatusRequest, staff: User, note: str = "") -> StatusChange:
    """Grant the requested status: the badge appears at once, and the grant is logged. The
    municipal official's or deputy's status also grants the organization it names its kind,
    if it is not an authority yet (`profiles.services.authorities`)."""
    _check_staff(staff)
    with transaction.atomic():
        request = StatusRequest.objects.select_for_update().get(pk=request.pk)
        check_transition(request, StatusRequest.State.APPROVED)
        if request.status in AUTHORITY_KIND_OF_STATUS and request.organization_id:
            authority_grant(
                organization=request.organization,
                status=request.status,
                staff=staff,
                representative=request.user,
            )
        profile = Profile.objects.select_for_update().get(user_id=request.user_id)
        change = StatusChange.objects.create(
            user_id=request.user_id,
            action=StatusChange.Action.GRANT,
            status_before=profile.status,
            status_after=request.status,
            changed_by=staff,
            reason=note.strip() or str(_("Evidence checked.")),
            request=request,
        )
        profile.status = request.status
        profile.status_organization = request.organization
        profile.status_since = timezone.now()
        profile.save(update_fields=["status", "status_organization", "status_since", "updated_at"])
        request.state = StatusRequest.State.APPROVED
        request.decided_at = timezone.now()
        request.decided_by = staff
        request.decision_note = note.strip()
        request.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
        _notify(request.pk)
    return change


def status_request_decline(*, request: StatusRequest, staff: User, reason: str) -> StatusRequest:
    """Decline with a reason the participant will read."""
    _check_staff(staff)
    if not reason.strip():
        raise ProfilesError(_("Say why the request is declined."))
    with transaction.atomic():
        request = StatusRequest.objects.select_for_update().get(pk=request.pk)
        check_transition(request, StatusRequest.State.DECLINED)
        request.state = StatusRequest.State.DECLINED
        request.decided_at = timezone.now()
        request.decided_by = staff
        request.decision_note = reason.strip()
        request.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
        _notify(request.pk)
    return request


def status_revoke(*, user: User, staff: User, reason: str) -> StatusChange:
    """Take a verified status back (the person left office, the evidence was false…)."""
    _check_staff(staff)
    if not reason.strip():
        raise ProfilesError(_("Say why the status is revoked."))
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        if profile.status == Status.CITIZEN:
            raise ProfilesError(_("This person has no verified status to revoke."))
        change = StatusChange.objects.create(
            user=user,
            action=StatusChange.Action.REVOKE,
            status_before=profile.status,
            status_after=Status.CITIZEN,
            changed_by=staff,
            reason=reason.strip(),
        )
        profile.status = Status.CITIZEN
        profile.status_organization = None
        profile.status_since = timezone.now()
        profile.save(update_fields=["status", "status_organization", "status_since", "updated_at"])
        from profiles.tasks import status_revoked_notify

        language = translation.get_language() or "uk"
        on_commit_robust(lambda: status_revoked_notify.enqueue(change.pk, language))
    return change
