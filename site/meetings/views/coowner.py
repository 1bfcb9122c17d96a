"""The pages only a building's co-owners (and its board, and people voting a right by proxy)
see: the one-page vote, the discussion's post, the building's named ledger, "my votes" with
their inclusion check, and the co-owners' copy of the minutes.

Everyone else gets a 404 from each of them, signed in or not (no redirect to the login page
either): the same answer as for a meeting that does not exist, so an address names nobody.
The meeting's public page invites a co-owner who is not signed in to sign in. The services
check again (`meetings.permissions`); the views check first, so nothing is rendered for a
stranger.
"""

from datetime import datetime
from fractions import Fraction

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from django_ratelimit.decorators import ratelimit

from config.params import page_of, parse_id
from ledger import selectors as ledger_selectors
from meetings import charts, selectors
from meetings.errors import MeetingError
from meetings.forms import BallotForm, CommentForm
from meetings.inclusion import entries_checked, tree_head_verifies
from meetings.models import Vote
from meetings.services.discussion import comment_post
from meetings.services.votes import votes_cast
from meetings.views.common import (
    coowner_meeting_or_404,
    minutes_pdf_of,
    render_detail,
    tree_head_of,
)
from meetings.views.public import pdf_response

limit_votes = ratelimit(key="user_or_ip", rate="20/m", method="POST", block=True)
limit_comments = ratelimit(key="user_or_ip", rate="10/m", method="POST", block=True)
LEDGER_PER_PAGE = 100


def _chosen_right(request, rights):
    """The right the page votes: the one named by `right`, else the first. A posted value
    that names none of the person's rights is None (nothing is voted, never someone else's
    share); on a GET such a value just shows the first right."""
    posted = request.method == "POST"
    wanted = request.POST.get("right") if posted else request.GET.get("right")
    first = rights[0] if rights else None
    if not wanted:
        return first
    number = parse_id(wanted)
    found = next((right for right in rights if right.pk == number), None)
    return found if found is not None or posted else first


def _vote_url(meeting, right) -> str:
    url = reverse("meetings:vote", args=[meeting.pk])
    return f"{url}?right={right.pk}" if right is not None else url


@never_cache
@limit_votes
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request, pk):
    meeting = coowner_meeting_or_404(pk, request.user)
    rights = selectors.rights_votable_by(meeting, request.user)
    right = _chosen_right(request, rights)
    items = list(meeting.items.all())
    current = selectors.current_votes(meeting, [right]) if right is not None else {}
    counting = {item_id: vote.choice for (_right, item_id), vote in current.items()}
    posted = request.method == "POST"
    form = BallotForm(request.POST if posted else None, items=items, current=counting)
    if posted:
        if right is None or not meeting.is_open_for_votes:
            messages.error(request, _("You cannot vote in this meeting now. Nothing was recorded."))
            return redirect(_vote_url(meeting, right))
        if form.is_valid():
            changes = {i: c for i, c in form.choices().items() if counting.get(i) != c}
            if not changes:
                messages.info(request, _("These are already your votes. Nothing was recorded."))
                return redirect(_vote_url(meeting, right))
            try:
                votes_cast(meeting=meeting, by=request.user, right=right, choices=changes)
            except MeetingError as error:
                messages.error(request, error.message)
                return redirect(_vote_url(meeting, right))
            if any(item_id in counting for item_id in changes):
                messages.success(request, _("Your vote is changed; your last vote counts."))
            else:
                messages.success(request, _("Your vote is recorded in the meeting's log."))
            return redirect(_vote_url(meeting, right))
    context = {
        "meeting": meeting,
        "rights": rights,
        "right": right,
        "form": form,
        "has_voted": bool(counting),
    }
    if right is not None:
        total = Fraction(meeting.total_area or 0)
        context["weight_text"] = charts.area_text(right.weight)
        context["percent_text"] = charts.percent_text(right.weight / total if total else 0)
    return render(request, "meetings/vote.html", context, status=400 if form.errors else 200)


@limit_comments
@require_POST
def comment(request, pk):
    """Post to the discussion; bad input re-renders the meeting's page with the errors."""
    meeting = coowner_meeting_or_404(pk, request.user)
    form = CommentForm(request.POST, items=meeting.items.all())
    if form.is_valid():
        item = form.agenda_item()
        try:
            comment_post(
                meeting=meeting, by=request.user, body=form.cleaned_data["body"], item=item
            )
        except MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your comment is posted."))
            anchor = f"#discussion-{item.position}" if item is not None else "#discussion-0"
            return redirect(reverse("meetings:detail", args=[meeting.pk]) + anchor)
    return render_detail(request, meeting, comment_form=form, status=400)


def _ledger_row(entry: dict, items: dict) -> dict:
    """One decoded log entry as the ledger's table shows it."""
    choice = entry.get("choice")
    try:
        at = datetime.fromisoformat(entry.get("at", ""))
    except (TypeError, ValueError):
        at = None
    return {
        "index": entry["index"],
        "unit": entry.get("unit", ""),
        "voter": entry.get("voter", ""),
        "cast_by": entry.get("cast_by", ""),
        "item": items.get(entry.get("item")),
        "position": entry.get("item"),
        "choice": Vote.Choice(choice).label if choice in Vote.Choice.values else choice,
        "channel": entry.get("channel", ""),
        "weight": charts.area_text(Fraction(entry["weight"])) if entry.get("weight") else "",
        "at": at,
        "leaf_hash": entry.get("leaf_hash", ""),
    }


@never_cache
@require_safe
def ledger(request, pk):
    """Every entry of the meeting's log, named, for the building's co-owners."""
    meeting = coowner_meeting_or_404(pk, request.user)
    entries = selectors.named_entries(meeting, request.user)
    if entries is None:
        raise Http404
    page = page_of(request, entries, per_page=LEDGER_PER_PAGE)
    items = {item.position: item for item in meeting.items.all()}
    rows = [_ledger_row(entry, items) for entry in page.object_list]
    context = {
        "meeting": meeting,
        "page_obj": page,
        "rows": rows,
        "tree_head": tree_head_of(meeting),
    }
    return render(request, "meetings/ledger.html", context)


@never_cache
@require_safe
def my_votes(request, pk):
    """My votes, each with its inclusion in the log checked against the latest tree head."""
    meeting = coowner_meeting_or_404(pk, request.user)
    log = meeting.log
    head = ledger_selectors.tree_head_latest(log=log)
    votes = selectors.my_votes(meeting, request.user)
    checks = entries_checked(log=log, head=head, votes=votes) if head is not None else []
    context = {
        "meeting": meeting,
        "votes": votes,
        "checks": checks,
        "pending": len(votes) - len(checks),
        "tree_head": tree_head_of(meeting),
        "head_signature_ok": head is not None
        and tree_head_verifies(head=head, public_key=log.public_key),
        "latest_head": head,
        "latest_root": bytes(head.root_hash).hex() if head is not None else "",
    }
    return render(request, "meetings/my_votes.html", context)


@never_cache
@require_safe
def minutes_coowners(request, pk):
    """The co-owners' copy of the minutes, with every co-owner's name and votes."""
    meeting = coowner_meeting_or_404(pk, request.user)
    content = minutes_pdf_of(meeting, "coowners_pdf")
    return pdf_response(content, f"meeting-{meeting.pk}-minutes-named.pdf")
