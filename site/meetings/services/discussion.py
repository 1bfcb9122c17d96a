"""The discussion of a meeting: co-owners post, the board answers, moderators (the board or
the site's moderators) hide and restore, with the reason kept, as in consultations."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.errors import MeetingError
from meetings.models import Comment, Meeting
from meetings.permissions import can_discuss, can_moderate, is_board

MAX_BODY = 3000
OPEN_STATES = (Meeting.State.DRAFT, Meeting.State.CONVENED, Meeting.State.VOTING)
HIDDEN_FIELDS = ["state", "hidden_reason", "hidden_by", "hidden_at"]


def comment_post(*, meeting: Meeting, by, body: str, item=None) -> Comment:
    """A co-owner's comment, or the board's answer (a board member's post is an answer),
    on the meeting or one of its items, before the vote closes."""
    if not can_discuss(user=by, meeting=meeting):
        raise MeetingError(
            "not_allowed", _("Only the building's co-owners and its board take part here.")
        )
    if meeting.state not in OPEN_STATES:
        raise MeetingError("discussion_closed", _("The discussion closes with the vote."))
    if item is not None and item.meeting_id != meeting.pk:
        raise MeetingError("bad_item", _("That item is not on this agenda."))
    text = body.strip() if isinstance(body, str) else ""
    if not text or len(text) > MAX_BODY:
        raise MeetingError(
            "bad_body", _("Write your comment (at most %(max)s characters).") % {"max": MAX_BODY}
        )
    return Comment.objects.create(
        meeting=meeting,
        item=item,
        author=by,
        body=text,
        is_board_answer=is_board(user=by, building=meeting.building),
    )


def _move(comment: Comment, target: str) -> Comment:
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if target not in Comment.TRANSITIONS[Comment.State(locked.state)]:
        raise MeetingError(
            "illegal_transition",
            _("This comment is already hidden.")
            if target == Comment.State.HIDDEN
            else _("This comment is not hidden."),
        )
    return locked


def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Hide a comment from the discussion; the reason and the moderator are kept."""
    if not can_moderate(user=by, meeting=comment.meeting):
        raise MeetingError("not_allowed", _("Only moderators can do this."))
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise MeetingError("reason_required", _("Say why it is hidden: the reason is kept."))
    with transaction.atomic():
        locked = _move(comment, Comment.State.HIDDEN)
        locked.state = Comment.State.HIDDEN
        locked.hidden_reason = reason[:300]
        locked.hidden_by = by
        locked.hidden_at = timezone.now()
        locked.save(update_fields=HIDDEN_FIELDS)
    return locked


def comment_restore(*, comment: Comment, by) -> Comment:
    """Undo a hide: the comment is back in the discussion."""
    if not can_moderate(user=by, meeting=comment.meeting):
        raise MeetingError("not_allowed", _("Only moderators can do this."))
    with transaction.atomic():
        locked = _move(comment, Comment.State.VISIBLE)
        locked.state = Comment.State.VISIBLE
        locked.hidden_reason = ""
        locked.hidden_by = None
        locked.hidden_at = None
        locked.save(update_fields=HIDDEN_FIELDS)
    return locked
