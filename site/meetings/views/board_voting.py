"""The board's pages while a meeting votes and is discussed: a paper ballot entered for a
co-owner's share, proxies recorded and revoked, and the discussion's moderation (hide or
restore a comment with its reason, answer as the board).

Same gate as `views.board`: the association's owners and administrators only (403); the
services (`meetings.services.votes`, `meetings.services.discussion`) check again and their
refusals are shown on the page, nothing changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors, selectors_board
from meetings.errors import MeetingError
from meetings.forms import CommentForm
from meetings.forms_board import HideForm, PaperBallotForm, ProxyForm
from meetings.models import Comment, Meeting, Proxy
from meetings.services.discussion import comment_hide, comment_post, comment_restore
from meetings.services.votes import paper_ballot_enter, proxy_record, proxy_revoke
from meetings.views.board import association_for_board, limit_writes, meeting_for_board


def _voting_only(request, meeting: Meeting):
    """A page of the vote asked for outside it: said so, on the meeting's page."""
    if meeting.state == Meeting.State.VOTING:
        return None
    messages.error(request, _("Voting is not open for this meeting."))
    return redirect("meetings_board:detail", meeting.organization.slug, meeting.pk)


@login_required
@limit_writes
def paper_ballot(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    if request.method == "GET" and (closed := _voting_only(request, meeting)):
        return closed
    form = PaperBallotForm(
        request.POST if request.method == "POST" else None,
        items=meeting.items.all(),
        rights=selectors.rights_of_meeting(meeting),
    )
    if request.method == "POST" and form.is_valid():
        right = form.cleaned_data["right"]
        try:
            votes = paper_ballot_enter(
                meeting=meeting, by=request.user, right=right, choices=form.choices()
            )
        except MeetingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("The paper ballot of unit %(unit)s is entered: %(count)s votes, marked as paper.")
                % {"unit": right.unit_number, "count": len(votes)},
            )
            return redirect("meetings_board:paper", association.slug, meeting.pk)
    return render(
        request,
        "meetings/board/paper.html",
        {"association": association, "meeting": meeting, "form": form},
    )


@login_required
@limit_writes
def proxies(request, slug, pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    if request.method == "GET" and (closed := _voting_only(request, meeting)):
        return closed
    form = ProxyForm(
        request.POST if request.method == "POST" else None,
        rights=selectors_board.rights_for_proxy(meeting),
    )
    if request.method == "POST" and form.is_valid():
        right = form.cleaned_data["right"]
        try:
            proxy_record(
                meeting=meeting,
                by=request.user,
                right=right,
                proxy_user=form.cleaned_data["proxy_user"],
            )
        except MeetingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request,
                _("The proxy for unit %(unit)s is recorded: from now on only they vote its share.")
                % {"unit": right.unit_number},
            )
            return redirect("meetings_board:proxies", association.slug, meeting.pk)
    rights = selectors.rights_of_meeting(meeting)
    return render(
        request,
        "meetings/board/proxies.html",
        {
            "association": association,
            "meeting": meeting,
            "form": form,
            "proxied": [right for right in rights if right.active_proxies],
        },
    )


@login_required
@require_POST
@limit_writes
def proxy_remove(request, slug, pk, proxy_pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    proxy = get_object_or_404(Proxy, pk=proxy_pk, right__meeting=meeting)
    try:
        proxy_revoke(proxy=proxy, by=request.user)
    except MeetingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The proxy is revoked: the co-owner votes their share again."),
        )
    return redirect("meetings_board:proxies", association.slug, meeting.pk)


def _discussion_page(request, association, meeting, *, answer=None, hide=None, status=200):
    """The whole discussion with a hide (or restore) form by each comment and the board's
    answer form; `hide` is a bound form that came back with an error, shown at the top."""
    items = meeting.items.all()
    comments = selectors_board.comments_for_moderation(meeting)
    for comment in comments:
        bound = hide is not None and hide.prefix == f"c{comment.pk}"
        comment.hide_form = hide if bound else HideForm(prefix=f"c{comment.pk}")
    return render(
        request,
        "meetings/board/discussion.html",
        {
            "association": association,
            "meeting": meeting,
            "comments": comments,
            "answer_form": answer or CommentForm(items=items),
            "hide_error": hide,
            "open": meeting.state
            in (Meeting.State.DRAFT, Meeting.State.CONVENED, Meeting.State.VOTING),
        },
        status=status,
    )


@login_required
@limit_writes
def discussion(request, slug, pk):
    """The discussion as the board moderates it; a POST here is the board's answer."""
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    if request.method != "POST":
        return _discussion_page(request, association, meeting)
    form = CommentForm(request.POST, items=meeting.items.all())
    form.fields["body"].label = _("The board's answer")
    if form.is_valid():
        try:
            comment_post(
                meeting=meeting,
                by=request.user,
                body=form.cleaned_data["body"],
                item=form.agenda_item(),
            )
        except MeetingError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The board's answer is posted."))
            return redirect("meetings_board:discussion", association.slug, meeting.pk)
    return _discussion_page(request, association, meeting, answer=form)


def _comment(meeting: Meeting, comment_pk: int) -> Comment:
    return get_object_or_404(Comment, pk=comment_pk, meeting=meeting)


@login_required
@require_POST
@limit_writes
def comment_hide_view(request, slug, pk, comment_pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    comment = _comment(meeting, comment_pk)
    form = HideForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        try:
            comment_hide(comment=comment, by=request.user, reason=form.cleaned_data["reason"])
        except MeetingError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The comment is hidden; the reason is kept."))
        return redirect("meetings_board:discussion", association.slug, meeting.pk)
    return _discussion_page(request, association, meeting, hide=form)


@login_required
@require_POST
@limit_writes
def comment_restore_view(request, slug, pk, comment_pk):
    association = association_for_board(request, slug)
    meeting = meeting_for_board(association, pk)
    comment = _comment(meeting, comment_pk)
    try:
        comment_restore(comment=comment, by=request.user)
    except MeetingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The comment is back in the discussion."))
    return redirect("meetings_board:discussion", association.slug, meeting.pk)
