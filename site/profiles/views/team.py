"""Team actions (each a POST from the team page) and answering an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from profiles.exceptions import ProfilesError
from profiles.forms import PositionForm, RoleForm
from profiles.models import Invitation, JoinRequest, Membership, Organization
from profiles.services.join_requests import join_request_approve, join_request_decline
from profiles.services.organizations import (
    invitation_accept,
    invitation_decline,
    invitation_from_token,
    invitation_is_for,
    invitation_revoke,
    membership_change_role,
    membership_remove,
    membership_set_title,
)
from profiles.views.common import limit_writes, report_error
from profiles.views.organizations import team_page


def _done(request, organization: Organization, action, message: str):
    """Run one service call; report its refusal as a message; back to the team page."""
    try:
        action()
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, message)
    return redirect("profiles:organization_team", organization.slug)


def _membership(slug: str, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=pk, organization__slug=slug
    )


@login_required
@require_POST
@limit_writes
def member_role(request, slug, pk):
    membership = _membership(slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return team_page(request, membership.organization, member_forms={membership.pk: form})
    role = form.cleaned_data["role"]
    return _done(
        request,
        membership.organization,
        lambda: membership_change_role(membership=membership, actor=request.user, role=role),
        _("The role is changed."),
    )


@login_required
@require_POST
@limit_writes
def member_title(request, slug, pk):
    membership = _membership(slug, pk)
    form = PositionForm(request.POST)
    if not form.is_valid():
        return team_page(request, membership.organization, member_forms={membership.pk: form})
    title = form.cleaned_data["title"]
    return _done(
        request,
        membership.organization,
        lambda: membership_set_title(membership=membership, actor=request.user, title=title),
        _("The position is saved."),
    )


@login_required
@require_POST
@limit_writes
def member_remove(request, slug, pk):
    membership = _membership(slug, pk)
    return _done(
        request,
        membership.organization,
        lambda: membership_remove(membership=membership, actor=request.user),
        _("%(name)s is no longer on the team.") % {"name": membership.user.display_name},
    )


@login_required
@require_POST
def invitation_withdraw(request, slug, pk):
    invitation = get_object_or_404(Invitation, pk=pk, organization__slug=slug)
    return _done(
        request,
        invitation.organization,
        lambda: invitation_revoke(invitation=invitation, actor=request.user),
        _("The invitation is withdrawn."),
    )


@login_required
@require_POST
@limit_writes
def join_request_decide(request, slug, pk):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("organization", "user"),
        pk=pk,
        organization__slug=slug,
    )
    approve = request.POST.get("decision") == "approve"
    service = join_request_approve if approve else join_request_decline
    return _done(
        request,
        join_request.organization,
        lambda: service(join_request=join_request, actor=request.user),
        _("%(name)s joined the team.") % {"name": join_request.user.display_name}
        if approve
        else _("The request is declined."),
    )


@limit_writes
def invitation(request, token):
    """The page an invitation email links to: accept (signed in with the invited address)
    or decline (the link itself is proof enough)."""
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                invitation_accept(invitation=invitation, user=request.user)
                messages.success(request, _("Welcome to the team!"))
                return redirect(invitation.organization.get_absolute_url())
            if action == "decline":
                invitation_decline(invitation=invitation)
                messages.info(request, _("You declined the invitation."))
                return redirect("profiles:invitation", token)
        except ProfilesError as error:
            report_error(request, error)
        return redirect("profiles:invitation", token)
    return render(
        request,
        "profiles/invitation.html",
        {
            "invitation": invitation,
            "organization": invitation.organization,
            "is_for_me": invitation_is_for(invitation=invitation, user=request.user),
            "token": token,
        },
    )
