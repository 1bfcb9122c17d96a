"""Background work of the profiles app: emails and data archives.

Arguments are ids and a language code only: with the database backend, task arguments are
stored, and an email address must not end up in the task table.
"""

from django.urls import reverse
from django.utils import translation

from django_tasks import task

from profiles.emails import absolute_url, send_templated_email
from profiles.models import (
    AccountDeletion,
    BlogPost,
    DataExport,
    Invitation,
    JoinRequest,
    Membership,
    Organization,
    StatusChange,
    StatusRequest,
    User,
)
from profiles.notifications import notifications_wanted
from profiles.unsubscribe import unsubscribe_headers, unsubscribe_url


def _url(language: str, name: str, *args) -> str:
    with translation.override(language):
        return absolute_url(reverse(name, args=args))


def _send_optional(*, user: User, kind: str, template: str, context: dict, language: str) -> None:
    """One optional email to one person, with the link and headers that stop its kind: the
    link names the person, so nobody shares a message."""
    if not user.email:
        return
    with translation.override(language):
        link = unsubscribe_url(user=user, kind=kind)
        headers = unsubscribe_headers(user=user, kind=kind)
    send_templated_email(
        to=[user.email],
        template=template,
        language=language,
        context={**context, "unsubscribe_link": link},
        headers=headers,
    )


@task()
def invitation_send(invitation_id: int, language: str) -> None:
    from profiles.services.organizations import invitation_token

    invitation = Invitation.objects.select_related("organization", "invited_by__profile").get(
        pk=invitation_id
    )
    send_templated_email(
        to=[invitation.email],
        template="invitation",
        language=language,
        context={
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
            "role": invitation.get_role_display(),
            "link": _url(language, "profiles:invitation", invitation_token(invitation)),
        },
    )


def _managers(organization: Organization):
    return User.objects.filter(
        memberships__organization=organization,
        memberships__role__in=[Membership.Role.OWNER, Membership.Role.ADMIN],
        is_active=True,
    )


@task()
def join_request_notify(join_request_id: int, language: str) -> None:
    join_request = JoinRequest.objects.select_related("organization", "user__profile").get(
        pk=join_request_id
    )
    context = {
        "join_request": join_request,
        "organization": join_request.organization,
        "person": join_request.user.display_name,
        "link": _url(language, "profiles:organization_team", join_request.organization.slug),
    }
    for user in _managers(join_request.organization):
        if notifications_wanted(user, "profiles.join_requests"):
            _send_optional(
                user=user,
                kind="profiles.join_requests",
                template="join_request",
                context=context,
                language=language,
            )


@task()
def join_request_decided_notify(join_request_id: int, language: str) -> None:
    join_request = JoinRequest.objects.select_related("organization", "user").get(
        pk=join_request_id
    )
    send_templated_email(
        to=[join_request.user.email],
        template="join_request_decided",
        language=language,
        context={
            "approved": join_request.state == JoinRequest.State.APPROVED,
            "organization": join_request.organization,
            "link": _url(language, "profiles:organization", join_request.organization.slug),
        },
    )


@task()
def team_change_notify(user_id: int, organization_id: int, what: str, language: str) -> None:
    user = User.objects.get(pk=user_id)
    if not notifications_wanted(user, "profiles.team_changes"):
        return
    organization = Organization.objects.get(pk=organization_id)
    membership = Membership.objects.filter(user=user, organization=organization).first()
    _send_optional(
        user=user,
        kind="profiles.team_changes",
        template="team_change",
        language=language,
        context={
            "organization": organization,
            "removed": what == "removed",
            "role": membership.get_role_display() if membership else "",
            "link": _url(language, "profiles:organization", organization.slug),
        },
    )


@task()
def organization_post_notify(post_id: int, language: str) -> None:
    post = BlogPost.objects.select_related("organization").get(pk=post_id)
    members = User.objects.filter(
        memberships__organization=post.organization, is_active=True
    ).exclude(pk=post.author_id)
    for user in members:
        if notifications_wanted(user, "profiles.organization_posts"):
            _send_optional(
                user=user,
                kind="profiles.organization_posts",
                template="organization_post",
                context={"post": post, "link": absolute_url(post.get_absolute_url())},
                language=language,
            )


@task()
def status_decision_notify(request_id: int, language: str) -> None:
    request = StatusRequest.objects.select_related("user").get(pk=request_id)
    send_templated_email(
        to=[request.user.email],
        template="status_decision",
        language=language,
        context={
            "request": request,
            "approved": request.state == StatusRequest.State.APPROVED,
            "link": _url(language, "profiles:status"),
        },
    )


@task()
def status_revoked_notify(change_id: int, language: str) -> None:
    change = StatusChange.objects.select_related("user").get(pk=change_id)
    send_templated_email(
        to=[change.user.email],
        template="status_revoked",
        language=language,
        context={"change": change, "link": _url(language, "profiles:status")},
    )


@task()
def post_hidden_notify(post_id: int, language: str) -> None:
    post = BlogPost.objects.select_related("author").get(pk=post_id)
    send_templated_email(
        to=[post.author.email],
        template="post_hidden",
        language=language,
        context={"post": post, "link": _url(language, "profiles:my_blog")},
    )


@task()
def data_export_build(export_id: int, language: str) -> None:
    from profiles.services.privacy import data_export_build as build

    export = build(export=DataExport.objects.select_related("user").get(pk=export_id))
    send_templated_email(
        to=[export.user.email],
        template="data_export_ready",
        language=language,
        context={"export": export, "link": _url(language, "profiles:my_data")},
    )


@task()
def account_deletion_notify(deletion_id: int, language: str) -> None:
    deletion = AccountDeletion.objects.select_related("user").get(pk=deletion_id)
    send_templated_email(
        to=[deletion.user.email],
        template="account_deletion_scheduled",
        language=language,
        context={"deletion": deletion, "link": _url(language, "account_login")},
    )


@task()
def privacy_housekeeping() -> dict:
    """Daily: erase accounts whose grace period is over, delete expired archives, expire
    lapsed invitations. Also `manage.py privacy_housekeeping`."""
    from profiles.services.organizations import invitation_expire_lapsed
    from profiles.services.privacy import account_deletions_process_due, data_exports_expire

    return {
        "accounts_erased": account_deletions_process_due(),
        "exports_deleted": data_exports_expire(),
        "invitations_expired": invitation_expire_lapsed(),
    }
