"""The association board's pages of its buildings' meetings, on the public site under
`/organizations/<slug>/meetings/` (`meetings.board_urls`): the meetings by state, a draft
created and corrected (with its agenda and documents), convened, cancelled with a reason, and
after the count published with who chaired. The vote's own pages (paper ballots, proxies) and
the discussion's moderation are in `views.board_voting`.

Only the association's owners and administrators see these pages (403, the register's rule
`residents.services.register.register_can`); the services check the same again, and what
they refuse is shown as a message, with nothing changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from meetings import selectors, selectors_board
from meetings.errors import MeetingError
from meetings.forms_board import CancelForm, MeetingForm, PublishForm, item_formset, rows_of
from meetings.models import Meeting
from meetings.services.meetings import meeting_cancel, meeting_convene, meeting_publish
from meetings.services_board import meeting_draft_save
from meetings.views.common import results_of
from profiles.models import Organization
from residents.services.register import register_can

limit_writes = ratelimit(key="user_or_ip", rate="30/m", method="POST", block=True)
STATE_ORDER = [state for state, _label in Meeting.State.choices]


def association_for_board(request, slug: str) -> Organization:
    association = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.CONDOMINIUM)
    if not register_can(user=request.user, association=association):
        raise PermissionDenied
    return association


def meeting_for_board(association: Organization, pk: int) -> Meeting:
    meeting = selectors.meeting_for_board(pk, association)
    if meeting is None:
        raise Http404
    return meeting


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings_board:detail", args=[meeting.organization.slug, meeting.pk])


def back_to(meeting: Meeting):
    return redirect("meetings_board:detail", meeting.organization.slug, meeting.pk)


def run(request, meeting: Meeting, action, done: str, **kwargs) -> bool:
    """Call the service `action`; its refusal is the person's message. True when done."""
    try:
        action(meeting=meeting, by=request.user, **kwargs)
    except MeetingError as error:
        messages.error(request, str(error.message))
        return False
    messages.success(request, done)
    return True


@login_required
def index(request, slug):
    association = association_for_board(request, slug)
    meetings = list(selectors.meetings_of_organization(association))
    groups = [
        {"state": Meeting.State(state), "meetings": [m for m in meetings if m.state == state]}
        for state in STATE_ORDER
    ]
    return render(
        request,
        "meetings/board/index.html",
        {
            "association": association,
            "groups": [group for group in groups if group["meetings"]],
            "has_buildings": selectors_board.association_buildings(association).exists(),
        },
    )


def draft_form(request, *, association, buildings, meeting=None, initiative=False, done_url):
    """The page of a draft's form (new or edited, by the board or an initiative group). On a
    valid POST the draft is saved through `meeting_draft_save` and the person is sent to
    `done_url(meeting)`; anything refused comes back on the form, nothing saved."""
    data = request.POST if request.method == "POST" else None
    files = request.FILES if data is not None else None
    initial = MeetingForm.initial_for(meeting) if meeting is not None and data is None else None
    form = MeetingForm(data, initial=initial, buildings=buildings)
    if meeting is not None:
        form.fields["building"].disabled = True
        form.fields["building"].initial = meeting.building_id
    items = item_formset(data, files, meeting=meeting)
    if data is not None and "add_item" not in data:
        form_ok = form.is_valid()
        if items.is_valid() and form_ok:
            try:
                saved = meeting_draft_save(
                    by=request.user,
                    building=form.cleaned_data["building"],
                    meeting=meeting,
                    initiative=initiative,
                    values=form.values(),
                    items=items.items(),
                )
            except MeetingError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The meeting is saved as a draft."))
                return redirect(done_url(saved))
    return render(
        request,
        "meetings/board/form.html",
        {
            "association": association,
            "form": form,
            "items": items,
            "item_rows": rows_of(items),
            "meeting": meeting,
            "initiative": initiative,
        },
    )


@login_required
@limit_writes
def create(request, slug):
    association = association_for_board(request, slug)
    return draft_form(
        request,
        association=association,
        buildings=selectors_board.association_buildings(association),
        done_url=meeting_url,
    )


@login_required
@limit_writes
def edit(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    if meeting.state != Meeting.State.DRAFT:
        messages.error(request, _("Only a draft meeting can be changed."))
        return back_to(meeting)
    return draft_form(
        request,
        association=association,
        buildings=selectors_board.association_buildings(association),
        meeting=meeting,
        initiative=meeting.convened_by == Meeting.ConvenedBy.INITIATIVE,
        done_url=meeting_url,
    )


@login_required
def detail(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    context = {
        "association": association,
        "meeting": meeting,
        "items": meeting.items.all(),
        "notices_sent": selectors_board.notices_sent(meeting),
        "rights": meeting.rights.count(),
        "rights_voted": meeting.rights.filter(votes__isnull=False).distinct().count(),
        "results": results_of(meeting, disclose_small_groups=True),
    }
    if meeting.convened_by == Meeting.ConvenedBy.INITIATIVE:
        context["progress"] = selectors_board.initiative_progress(meeting)
    if meeting.state == Meeting.State.COUNTED:
        context["publish_form"] = PublishForm(
            initial={"chair": request.user.pk},
            candidates=selectors_board.chair_candidates(meeting),
        )
    return render(request, "meetings/board/detail.html", context)


@login_required
@require_POST
@limit_writes
def convene(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    run(
        request,
        meeting,
        meeting_convene,
        _(
            "The meeting is convened: the notice goes to every co-owner by email and in their "
            "cabinet. Voting opens by itself at its time."
        ),
    )
    return back_to(meeting)


def cancel_page(request, *, association, meeting, back_url: str):
    """The form to cancel `meeting` with its reason (the board's, or an initiative group's)."""
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(meeting=meeting, by=request.user, reason=form.cleaned_data["reason"])
        except MeetingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The meeting is cancelled; its page gives the reason."))
            return redirect(back_url)
    return render(
        request,
        "meetings/board/action.html",
        {
            "association": association,
            "meeting": meeting,
            "form": form,
            "back_url": back_url,
            "title": _("Cancel the meeting"),
            "explanation": _(
                "A draft, a convened meeting or one that is voting can be cancelled; a counted "
                "meeting's result stands. The co-owners see the reason on the meeting's page."
            ),
            "submit": _("Cancel the meeting"),
            "danger": True,
        },
    )


@login_required
@limit_writes
def cancel(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    return cancel_page(
        request, association=association, meeting=meeting, back_url=meeting_url(meeting)
    )


@login_required
@limit_writes
def publish(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"chair": request.user.pk},
        candidates=selectors_board.chair_candidates(meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_publish(meeting=meeting, by=request.user, chair=form.cleaned_data["chair"])
        except MeetingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The minutes are published, with who chaired."))
            return back_to(meeting)
    return render(
        request,
        "meetings/board/action.html",
        {
            "association": association,
            "meeting": meeting,
            "form": form,
            "back_url": meeting_url(meeting),
            "title": _("Publish the minutes"),
            "explanation": _(
                "The minutes are made once, in two copies: the co-owners' copy with every "
                "co-owner's votes, and the public copy without names. Both print the log's "
                "final tree head and who chaired."
            ),
            "submit": _("Publish the minutes"),
        },
    )
