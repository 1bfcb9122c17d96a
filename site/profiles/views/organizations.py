"""The organization directory, organization pages, and managing a team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.params import page_number, page_of, query_text
from profiles.activity import activity_page
from profiles.exceptions import ProfilesError
from profiles.forms import InvitationForm, JoinRequestForm, OrganizationForm
from profiles.models import BlogPost, JoinRequest, Membership, Organization
from profiles.selectors import (
    invitations_pending_of,
    join_requests_pending,
    post_visible_to,
    posts_published,
    team_of,
)
from profiles.services.join_requests import join_request_create, join_request_withdraw
from profiles.services.organizations import (
    INVITABLE_ROLES,
    invitation_create,
    membership_leave,
    organization_can,
    organization_create,
    organization_update,
    role_of,
)
from profiles.views.blog import post_page
from profiles.views.common import error_message, limit_writes, report_error
from profiles.visibility import visible_profile


def organizations(request):
    from profiles.selectors import organizations_matching

    query = query_text(request, "q", max_length=100)
    kind = request.GET.get("kind", "")
    if kind not in Organization.Kind.values:
        kind = ""
    return render(
        request,
        "profiles/organizations.html",
        {
            "page": page_of(request, organizations_matching(query=query, kind=kind), per_page=24),
            "query": query,
            "kind": kind,
            "kinds": Organization.Kind.choices,
        },
    )


@login_required
@limit_writes
def organization_new(request):
    form = OrganizationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = organization_create(creator=request.user, **form.service_kwargs())
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("The organization is created. You are its owner."))
            return redirect(organization.get_absolute_url())
    return render(request, "profiles/organization_form.html", {"form": form, "organization": None})


def team_cards(organization: Organization, viewer) -> list[dict]:
    """The team as the viewer may see it: each member's visible profile, role and position."""
    return [
        {
            "person": visible_profile(membership.user.profile, viewer=viewer),
            "membership": membership,
        }
        for membership in team_of(organization)
    ]


def organization(request, slug):
    organization = get_object_or_404(Organization.objects.select_related("district"), slug=slug)
    return organization_page(request, organization)


def organization_page(request, organization: Organization, *, join_form=None):
    """The organization's public page. `join_form`: a request to join that was refused, shown
    again with what was typed and why."""
    role = role_of(user=request.user, organization=organization)
    pending_request = None
    if request.user.is_authenticated and role is None:
        pending_request = JoinRequest.objects.filter(
            organization=organization, user=request.user, state=JoinRequest.State.PENDING
        ).first()
    return render(
        request,
        "profiles/organization.html",
        {
            "organization": organization,
            "team": team_cards(organization, request.user),
            "role": role,
            "can_edit": organization_can(
                user=request.user, organization=organization, action="edit"
            ),
            "can_post": organization_can(
                user=request.user, organization=organization, action="post"
            ),
            "pending_request": pending_request,
            "join_form": join_form if join_form is not None else JoinRequestForm(),
            "posts": posts_published(organization=organization)[:5],
            "activity": activity_page(
                subject=organization, viewer=request.user, page=page_number(request)
            ),
        },
    )


def organization_json(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    data = {
        "name": organization.name,
        "url": organization.get_absolute_url(),
        "kind": organization.kind,
        "kind_label": organization.get_kind_display(),
        "is_registered": organization.is_registered,
        "registry_code": organization.registry_code,
        "address": organization.address,
        "is_verified": organization.is_verified,
        "about": organization.about,
        "activity": organization.activity,
        "areas": sorted(tag.name for tag in organization.areas.all()),
        "links": organization.links,
        "email": organization.email,
        "district": organization.district.name if organization.district else "",
        "team": [
            {
                "name": card["person"].display_name,
                "url": card["person"].url,
                "role": card["membership"].role,
                "position": card["membership"].title,
            }
            for card in team_cards(organization, None)
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def organization_blog(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    return render(
        request,
        "profiles/blog_list.html",
        {
            "organization": organization,
            "page": page_of(request, posts_published(organization=organization), per_page=10),
        },
    )


def organization_post(request, slug, pk):
    organization = get_object_or_404(Organization, slug=slug)
    post = get_object_or_404(
        BlogPost.objects.select_related("author__profile"), pk=pk, organization=organization
    )
    if not post_visible_to(post, request.user):
        raise Http404
    return post_page(request, post)


@login_required
@limit_writes
def organization_edit(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    if not organization_can(user=request.user, organization=organization, action="edit"):
        raise Http404
    form = OrganizationForm.for_organization(
        organization, request.POST or None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        try:
            organization_update(
                organization=organization, actor=request.user, **form.service_kwargs()
            )
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(request, _("The organization's page is saved."))
            return redirect(organization.get_absolute_url())
    return render(
        request, "profiles/organization_form.html", {"form": form, "organization": organization}
    )


@login_required
@limit_writes
def organization_team(request, slug):
    """Managing the team: invite by email, answer join requests, change roles, remove."""
    organization = get_object_or_404(Organization, slug=slug)
    role = role_of(user=request.user, organization=organization)
    if not organization_can(user=request.user, organization=organization, action="invite"):
        raise Http404
    form = InvitationForm(request.POST or None, roles=INVITABLE_ROLES[role])
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(organization=organization, inviter=request.user, **form.cleaned_data)
        except ProfilesError as error:
            form.add_error(None, error_message(error))
        else:
            messages.success(
                request,
                _("An invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("profiles:organization_team", organization.slug)
    return team_page(request, organization, form=form)


def team_page(request, organization: Organization, *, form=None, member_forms=None):
    """The team page, also re-rendered by a member's position or role form that was refused
    (`member_forms`: membership pk → the bound form), so what was typed and why it was
    refused show beside that member. Closed (404) to whoever may not manage the team."""
    role = role_of(user=request.user, organization=organization)
    if not organization_can(user=request.user, organization=organization, action="invite"):
        raise Http404
    if form is None:
        form = InvitationForm(roles=INVITABLE_ROLES[role])
    team = team_cards(organization, request.user)
    for card in team:
        card["member_form"] = (member_forms or {}).get(card["membership"].pk)
    return render(
        request,
        "profiles/organization_team.html",
        {
            "organization": organization,
            "role": role,
            "form": form,
            "team": team,
            "invitations": invitations_pending_of(organization),
            "join_requests": join_requests_pending(organization),
            "can_change_roles": role == Membership.Role.OWNER,
            "roles": Membership.Role.choices,
        },
    )


@login_required
@require_POST
@limit_writes
def organization_join(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        # The page again with the message as typed and why it was refused: a redirect would
        # lose it without a word.
        return organization_page(request, organization, join_form=form)
    try:
        join_request_create(
            organization=organization, user=request.user, message=form.cleaned_data["message"]
        )
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Your request is sent to the team."))
    return redirect(organization.get_absolute_url())


@login_required
@require_POST
def join_request_cancel(request, pk):
    join_request = get_object_or_404(JoinRequest, pk=pk, user=request.user)
    try:
        join_request_withdraw(join_request=join_request, user=request.user)
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(join_request.organization.get_absolute_url())


@login_required
@require_POST
def organization_leave(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    membership = get_object_or_404(Membership, organization=organization, user=request.user)
    try:
        membership_leave(membership=membership, user=request.user)
    except ProfilesError as error:
        report_error(request, error)
    else:
        messages.success(request, _("You have left the team."))
    return redirect(organization.get_absolute_url())
