"""An initiative group of co-owners, for those who are not the board, under
`/organizations/<slug>/meetings/initiatives/`: a co-owner of one of the association's
buildings starts a draft meeting as an initiative, other co-owners of that building join it,
and once the members hold the association's share of the building's area (10% unless it set
another) a member convenes it.

The page shows the share joined against the share needed; whether a convening is allowed is
decided by `meetings.services.meetings.meeting_convene`, which counts the members' shares from
the register at that moment. Co-owners of the building and the board see the group; everyone
else gets a 404 for it, the same answer as for a group that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import charts, selectors_board
from meetings.errors import MeetingError
from meetings.models import Meeting
from meetings.permissions import is_board, is_coowner
from meetings.selectors import meetings_settings_for
from meetings.services.meetings import initiative_join, initiative_leave, meeting_convene
from meetings.views.board import cancel_page, draft_form, limit_writes
from profiles.models import Organization


def _association(request, slug: str) -> Organization:
    """The association, for a co-owner of one of its buildings (403 for anyone else)."""
    association = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.CONDOMINIUM)
    if not selectors_board.coowned_buildings(association, request.user).exists():
        raise PermissionDenied
    return association


def _initiative(request, slug: str, pk: int) -> tuple[Organization, Meeting]:
    association = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.CONDOMINIUM)
    meeting = (
        Meeting.objects.select_related("building", "organization")
        .filter(pk=pk, organization=association, convened_by=Meeting.ConvenedBy.INITIATIVE)
        .first()
    )
    if meeting is None or not (
        is_coowner(user=request.user, building=meeting.building)
        or is_board(user=request.user, building=meeting.building)
    ):
        raise Http404
    return association, meeting


def initiative_url(meeting: Meeting) -> str:
    return reverse("meetings_board:initiative", args=[meeting.organization.slug, meeting.pk])


def _back(meeting: Meeting):
    return redirect(initiative_url(meeting))


@login_required
def initiatives(request, slug):
    association = _association(request, slug)
    settings = meetings_settings_for(association)
    return render(
        request,
        "meetings/board/initiatives.html",
        {
            "association": association,
            "meetings": selectors_board.initiatives_of(association, request.user),
            "share_percent": charts.percent_text(settings.initiative_share),
        },
    )


@login_required
@limit_writes
def initiative_create(request, slug):
    association = _association(request, slug)
    return draft_form(
        request,
        association=association,
        buildings=selectors_board.coowned_buildings(association, request.user),
        initiative=True,
        done_url=initiative_url,
    )


@login_required
def initiative_detail(request, slug, pk):
    association, meeting = _initiative(request, slug, pk)
    member = meeting.initiative.filter(user=request.user).exists()
    return render(
        request,
        "meetings/board/initiative.html",
        {
            "association": association,
            "meeting": meeting,
            "items": meeting.items.all(),
            "progress": selectors_board.initiative_progress(meeting),
            "is_member": member,
            "is_coowner": is_coowner(user=request.user, building=meeting.building),
            "is_board": is_board(user=request.user, building=meeting.building),
        },
    )


@login_required
@require_POST
@limit_writes
def initiative_join_view(request, slug, pk):
    _association_, meeting = _initiative(request, slug, pk)
    try:
        initiative_join(meeting=meeting, user=request.user)
    except MeetingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You joined the initiative group: your share counts."))
    return _back(meeting)


@login_required
@require_POST
@limit_writes
def initiative_leave_view(request, slug, pk):
    _association_, meeting = _initiative(request, slug, pk)
    try:
        initiative_leave(meeting=meeting, user=request.user)
    except MeetingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You left the initiative group."))
    return _back(meeting)


@login_required
@require_POST
@limit_writes
def initiative_convene(request, slug, pk):
    _association_, meeting = _initiative(request, slug, pk)
    try:
        meeting_convene(meeting=meeting, by=request.user)
    except MeetingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _(
                "The meeting is convened: the notice goes to every co-owner by email and in "
                "their cabinet. Voting opens by itself at its time."
            ),
        )
    return _back(meeting)


@login_required
@limit_writes
def initiative_edit(request, slug, pk):
    association, meeting = _initiative(request, slug, pk)
    if meeting.state != Meeting.State.DRAFT:
        messages.error(request, _("Only a draft meeting can be changed."))
        return _back(meeting)
    if not meeting.initiative.filter(user=request.user).exists():
        messages.error(request, _("Only the group's members change its draft."))
        return _back(meeting)
    return draft_form(
        request,
        association=association,
        buildings=selectors_board.coowned_buildings(association, request.user),
        meeting=meeting,
        initiative=True,
        done_url=initiative_url,
    )


@login_required
@limit_writes
def initiative_cancel(request, slug, pk):
    association, meeting = _initiative(request, slug, pk)
    return cancel_page(
        request, association=association, meeting=meeting, back_url=initiative_url(meeting)
    )
