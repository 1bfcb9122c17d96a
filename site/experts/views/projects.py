"""Projects: the index, a project's page, and what its coordinator and invitees do there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import services
from experts.errors import ExpertsError
from experts.forms import AddOrganizationForm, FlagForm, InvitePersonForm, ProjectFilterForm
from experts.models import ProjectPage, ProjectParticipant
from experts.selectors.projects import project_people, projects_list, rating_slots, visible_ratings
from experts.services.projects import can_manage
from experts.views.base import message_of, paginate, rate_limit, render_route


def project_index_context(*, request, index) -> dict:
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = projects_list(status=filters.get("status") or "", district=filters.get("district"))
    return {"form": form, "listing": paginate(request, projects)}


def project_detail(request, *, page):
    return project_page(request, page)


def rating_report_form(rating_id: int, data=None) -> FlagForm:
    return FlagForm(data, auto_id=f"flag-{rating_id}-%s")


def project_page(request, page, *, participant_form=None, rating_reports=None):
    """The project's page with its forms. A form that was refused is shown again in its place
    with what was typed and why: `participant_form` (the coordinator's invitation of a person
    or an organization, told apart by its prefix) or `rating_reports` (rating pk → the bound
    report)."""
    project = page.canonical
    manager = can_manage(project, request.user)
    forms = {"person": None, "org": None}
    if manager:
        forms["person"] = InvitePersonForm(prefix="person")
        forms["org"] = AddOrganizationForm(prefix="org")
        if participant_form is not None:
            forms[participant_form.prefix] = participant_form
    ratings = visible_ratings(project)
    refused = rating_reports or {}
    for rating in ratings:
        rating.report_form = refused.get(rating.pk) or rating_report_form(rating.pk)
    return render_route(
        request,
        page,
        "experts/project_page.html",
        {
            "project": project,
            "people": project_people(project, include_pending=manager),
            "milestones": list(project.milestones.all()),
            "ratings": ratings,
            "slots": rating_slots(project, request.user),
            "manager": manager,
            "next_status": sorted(ProjectPage.TRANSITIONS[project.status]),
            "invite_form": forms["person"],
            "organization_form": forms["org"],
            "invitation": _my_invitation(project, request.user),
        },
    )


def _my_invitation(project, user):
    if not user.is_authenticated:
        return None
    return project.participants.filter(user=user, state=ProjectParticipant.State.INVITED).first()


def _back(page):
    return redirect(page.url)


@require_POST
@login_required
@rate_limit("20/m")
def participant_add(request, *, page):
    """The coordinator invites a person by email or lists an organization."""
    project = page.canonical
    if not can_manage(project, request.user):
        raise PermissionDenied
    if "org-organization" in request.POST:
        form = AddOrganizationForm(request.POST, prefix="org")
    else:
        form = InvitePersonForm(request.POST, prefix="person")
    if form.is_valid():
        try:
            _invite(request, project, form)
        except ExpertsError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added. People are listed once they accept."))
            return _back(page)
    # The page again, with what the coordinator typed and the message of the field that is
    # wrong: a redirect would lose the address they typed.
    return project_page(request, page, participant_form=form)


def _invite(request, project, form) -> None:
    data = form.cleaned_data
    if isinstance(form, AddOrganizationForm):
        services.participant_invite(
            project=project,
            by=request.user,
            role=ProjectParticipant.Role.PARTNER,
            organization=data["organization"],
            title=data["title"],
        )
    else:
        services.participant_invite(
            project=project,
            by=request.user,
            role=data["role"],
            user=form.invitee,
            competency=data["competency"],
            title=data["title"],
        )


@require_POST
@login_required
@rate_limit("20/m")
def participant_respond(request, *, page, participant_id: int):
    participant = get_object_or_404(ProjectParticipant, pk=participant_id)
    accept = request.POST.get("answer") == "accept"
    try:
        services.participant_respond(participant=participant, user=request.user, accept=accept)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(
            request,
            _("You are now listed on this project.") if accept else _("Invitation declined."),
        )
    return _back(page)


@require_POST
@login_required
@rate_limit("20/m")
def participant_remove(request, *, page, participant_id: int):
    """The coordinator takes someone off the project, or a person withdraws themselves."""
    participant = get_object_or_404(page.canonical.participants, pk=participant_id)
    if participant.user_id != request.user.pk and not can_manage(page.canonical, request.user):
        raise PermissionDenied
    name = participant.name
    try:
        services.participant_remove(participant=participant, by=request.user)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("%(name)s is no longer listed.") % {"name": name})
    return _back(page)


@require_POST
@login_required
@rate_limit("20/m")
def project_transition(request, *, page):
    try:
        project = services.project_transition(
            project=page, to=request.POST.get("to", ""), by=request.user
        )
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(
            request,
            _("The project is now “%(status)s”.") % {"status": project.get_status_display()},
        )
    return _back(page)


@require_POST
@login_required
@rate_limit("20/m")
def milestone_close(request, *, page, milestone_id: int):
    milestone = get_object_or_404(page.canonical.milestones, pk=milestone_id)
    try:
        services.milestone_close(milestone=milestone, by=request.user)
    except ExpertsError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, _("Milestone closed. Participants can now rate the experts."))
    return _back(page)
