"""People asking to join a team, and owners and administrators deciding."""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from profiles.exceptions import NotAllowed, ProfilesError, check_transition
from profiles.models import JoinRequest, Membership, Organization, User
from profiles.services.organizations import lock_organization, require_role


def _enqueue(task_name: str, join_request_id: int) -> None:
    from profiles import tasks

    task = getattr(tasks, task_name)
    language = translation.get_language() or "uk"
    on_commit_robust(lambda: task.enqueue(join_request_id, language))


def join_request_create(
    *, organization: Organization, user: User, message: str = ""
) -> JoinRequest:
    """Ask to join; the team's owners and administrators are told (if they want emails)."""
    if not user.is_authenticated or not user.is_active:
        raise NotAllowed(_("Sign in to ask to join."))
    if Membership.objects.filter(organization=organization, user=user).exists():
        raise ProfilesError(_("You are already on this team."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                organization=organization, user=user, message=message.strip()[:500]
            )
    except IntegrityError as error:
        raise ProfilesError(_("You have already asked to join; the team will answer.")) from error
    _enqueue("join_request_notify", join_request.pk)
    return join_request


def join_request_withdraw(*, join_request: JoinRequest, user: User) -> JoinRequest:
    if join_request.user_id != user.pk:
        raise NotAllowed(_("This is not your request."))
    join_request.refresh_from_db(fields=["state"])
    check_transition(join_request, JoinRequest.State.WITHDRAWN)
    join_request.state = JoinRequest.State.WITHDRAWN
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["state", "decided_at"])
    return join_request


def _decide(join_request: JoinRequest, actor: User, state: str) -> JoinRequest:
    with transaction.atomic():
        lock_organization(join_request.organization)
        require_role(actor, join_request.organization, "decide_join_requests")
        join_request = JoinRequest.objects.get(pk=join_request.pk)
        check_transition(join_request, state)
        if state == JoinRequest.State.APPROVED:
            Membership.objects.get_or_create(
                organization=join_request.organization,
                user=join_request.user,
                defaults={"role": Membership.Role.MEMBER},
            )
        join_request.state = state
        join_request.decided_at = timezone.now()
        join_request.decided_by = actor
        join_request.save(update_fields=["state", "decided_at", "decided_by"])
        _enqueue("join_request_decided_notify", join_request.pk)
    return join_request


def join_request_approve(*, join_request: JoinRequest, actor: User) -> JoinRequest:
    """The person joins as a member."""
    return _decide(join_request, actor, JoinRequest.State.APPROVED)


def join_request_decline(*, join_request: JoinRequest, actor: User) -> JoinRequest:
    return _decide(join_request, actor, JoinRequest.State.DECLINED)
