"""What the meeting pages share: the meeting's page itself (its public part and the part only
the building's co-owners see), the results as charts and tables, and the signed tree head.

The public part names nobody: the agenda, the dates, after counting the weighted tally and the
quorum, and the log's signed tree head. The co-owners' part adds the discussion, their votes
and the links to the named ledger and the named minutes; it is built only after
`permissions.can_see_named` said yes, so nothing of it reaches anyone else.
"""

from datetime import UTC, datetime
from fractions import Fraction

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from meetings import charts, selectors
from meetings.forms import CommentForm
from meetings.models import AgendaItem, Meeting, Minutes
from meetings.permissions import can_discuss, can_see_named

# Co-owners may write in the discussion before and during voting, never after the close.
DISCUSSION_STATES = {Meeting.State.CONVENED, Meeting.State.VOTING}


def public_meeting_or_404(pk: int) -> Meeting:
    meeting = selectors.meeting_public(pk)
    if meeting is None:
        raise Http404
    return meeting


def coowner_meeting_or_404(pk: int, user) -> Meeting:
    """The meeting if `user` may see its named data; a 404 otherwise, the same answer as for
    a meeting that does not exist, so the address tells a stranger nothing."""
    meeting = selectors.meeting_for_coowner(pk, user)
    if meeting is None:
        raise Http404
    return meeting


def results_of(meeting: Meeting, *, disclose_small_groups: bool = False) -> dict | None:
    """The counted results for the page: quorum, and per item its chart and table rows. The
    public page hides an answer chosen by fewer than 5 shares (`charts.rows_disclosed`); the
    board, which holds the named votes anyway, sees every row."""
    tally = selectors.public_tally(meeting)
    if not tally:
        return None
    total = Fraction(tally["total"])
    items = {item.pk: item for item in meeting.items.all()}
    shown = []
    for result in tally["items"]:
        rows = charts.item_rows(
            for_weight=Fraction(result["for"]),
            against_weight=Fraction(result["against"]),
            abstain_weight=Fraction(result["abstain"]),
            total=total,
        )
        if not disclose_small_groups:
            rows = charts.rows_disclosed(rows, charts.shares_per_answer(result))
        number = result["position"]
        title = _(
            "Results of item %(number)s as shares of the building's area; the dashed line is "
            "the share the decision needs. The same numbers are in the table."
        ) % {"number": number}
        threshold = Fraction(result["threshold"]) if result.get("threshold") else None
        shown.append(
            {
                "number": number,
                "item": items.get(result["item"]),
                "title": result["title"],
                "adopted": result["adopted"],
                "rows": rows,
                "threshold_text": charts.percent_text(threshold) if threshold else "",
                # A majority needs more than its share; the other rules reach theirs.
                "strict": result.get("rule") == AgendaItem.Rule.MAJORITY,
                "svg": charts.item_svg(
                    rows, title=title, chart_id=f"result-{number}-title", threshold=threshold
                ),
            }
        )
    voted = Fraction(tally["voted"])
    return {
        "total_area_text": charts.area_text(total),
        "voted_area_text": charts.area_text(voted),
        "voted_percent_text": charts.percent_text(voted / total if total else Fraction(0)),
        "quorum_text": charts.percent_text(Fraction(tally["quorum"])),
        "quorum_reached": tally["quorum_reached"],
        "rights": tally.get("rights"),
        "rights_voted": tally.get("rights_voted"),
        "items": shown,
    }


def tree_head_of(meeting: Meeting) -> dict | None:
    """The log's signed tree head as the page prints it (hex), with the key that verifies it:
    the public sees this, never the entries."""
    head = selectors.tree_head(meeting)
    if head is None:
        return None
    return {
        "size": head.size,
        "root_hash": bytes(head.root_hash).hex(),
        "signature": bytes(head.signature).hex(),
        "timestamp": head.timestamp,
        "signed_at": datetime.fromtimestamp(head.timestamp / 1000, tz=UTC),
        "public_key": bytes(meeting.log.public_key).hex(),
        "is_final": meeting.final_tree_head_id == head.pk,
    }


def has_minutes(meeting: Meeting) -> bool:
    # exists(), not the relation: the row carries both PDFs, which the page does not need.
    return (
        meeting.state == Meeting.State.PUBLISHED
        and Minutes.objects.filter(meeting=meeting).exists()
    )


def minutes_pdf_of(meeting: Meeting, field: str) -> bytes:
    """One stored copy of the published minutes (`public_pdf` or `coowners_pdf`), read alone;
    a 404 before publication."""
    if meeting.state != Meeting.State.PUBLISHED:
        raise Http404
    content = Minutes.objects.filter(meeting=meeting).values_list(field, flat=True).first()
    if content is None:
        raise Http404
    return bytes(content)


def public_context(meeting: Meeting) -> dict:
    items = list(meeting.items.all())  # with their documents (`selectors.meeting_public`)
    return {
        "meeting": meeting,
        "items": items,
        "paragraphs": [p for p in meeting.description.split("\n\n") if p.strip()],
        "results": results_of(meeting),
        "tree_head": tree_head_of(meeting),
        "has_minutes": has_minutes(meeting),
    }


def coowner_context(request, meeting: Meeting, items, comment_form=None) -> dict:
    """What a co-owner of the building sees on the meeting's page besides the public part."""
    user = request.user
    may_write = meeting.state in DISCUSSION_STATES and can_discuss(user=user, meeting=meeting)
    rights = selectors.rights_votable_by(meeting, user)
    current = selectors.current_votes(meeting, rights) if rights else {}
    return {
        "is_coowner_view": True,
        "discussion": [
            {"item": item, "comments": list(selectors.comments_for(meeting, user, item=item))}
            for item in [None, *items]
        ],
        "comment_form": comment_form
        if comment_form is not None
        else (CommentForm(items=items) if may_write else None),
        "my_current": [
            {"right": right, "item": item, "vote": current.get((right.pk, item.pk))}
            for right in rights
            for item in items
        ],
        "can_vote": meeting.is_open_for_votes and bool(rights),
    }


def render_detail(request, meeting: Meeting, *, comment_form=None, status: int = 200):
    """The meeting's page: its public part for everyone, the co-owners' part for them."""
    context = public_context(meeting)
    if can_see_named(user=request.user, meeting=meeting):
        context.update(
            coowner_context(request, meeting, context["items"], comment_form=comment_form)
        )
    return render(request, "meetings/detail.html", context, status=status)
