"""The discussion of an idea: people with a confirmed email comment, the authority's comments
are marked official, anyone signed in reports a comment with a reason, and moderators hide it
(keeping the text, the reason and who hid it) or dismiss the reports, as consultations and
meetings do."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.models import Comment, CommentReport, Idea
from ideas.permissions import can_answer
from ideas.services.common import require_confirmed, require_moderator, text_clean
from ideas.states import IdeaError

MAX_BODY = 3000
HIDDEN_FIELDS = ["state", "hidden_reason", "hidden_by", "hidden_at"]
Resolution = CommentReport.Resolution


def comment_add(*, idea: Idea, author, body: str) -> Comment:
    """A comment on a public idea; the responsible authority's is marked official."""
    require_confirmed(author, _("Confirm your email address to comment."))
    if not idea.is_public:
        raise IdeaError(_("This idea is not open for comments."), code="not_public")
    body = text_clean(body, label=_("comment"), max_length=MAX_BODY)
    return Comment.objects.create(
        idea=idea, author=author, body=body, is_official=can_answer(user=author, idea=idea)
    )


def comment_report(
    *, comment: Comment, reporter, reason: str, explanation: str = ""
) -> CommentReport:
    """Report a comment to the moderators, with a reason; one open report per person."""
    if reporter is None or not reporter.is_authenticated or not reporter.is_active:
        raise IdeaError(_("Sign in to report a comment."), code="anonymous")
    if reason not in CommentReport.Reason.values:
        raise IdeaError(_("Choose why you report this comment."), code="bad_reason")
    explanation = text_clean(explanation, label=_("explanation"), max_length=500, required=False)
    comment = Comment.objects.select_related("idea").get(pk=comment.pk)  # as it is now
    if comment.is_hidden or not comment.idea.is_public:
        raise IdeaError(_("This comment is no longer public."), code="not_public")
    if comment.author_id == reporter.pk:
        raise IdeaError(_("You cannot report your own comment."), code="own")
    if CommentReport.objects.filter(
        comment=comment, reporter=reporter, resolution=Resolution.OPEN
    ).exists():
        raise IdeaError(_("You have already reported this comment."), code="twice")
    try:
        with transaction.atomic():
            return CommentReport.objects.create(
                comment=comment, reporter=reporter, reason=reason, explanation=explanation
            )
    except IntegrityError:  # a double submit racing its twin
        raise IdeaError(_("You have already reported this comment."), code="twice") from None


def _locked(comment: Comment, target: str) -> Comment:
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if target not in Comment.TRANSITIONS[Comment.State(locked.state)]:
        raise IdeaError(
            _("This comment is already hidden.")
            if target == Comment.State.HIDDEN
            else _("This comment is not hidden."),
            code="illegal_transition",
        )
    return locked


def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Hide a comment from the discussion; the reason and the moderator are kept, and its
    open reports are resolved as hidden."""
    require_moderator(by)
    reason = text_clean(reason, label=_("why it was hidden"), max_length=300)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(comment, Comment.State.HIDDEN)
        locked.state = Comment.State.HIDDEN
        locked.hidden_reason = reason
        locked.hidden_by = by
        locked.hidden_at = now
        locked.save(update_fields=HIDDEN_FIELDS)
        CommentReport.objects.filter(comment=locked, resolution=Resolution.OPEN).update(
            resolution=Resolution.HIDDEN, resolved_by=by, resolved_at=now
        )
    return locked


def comment_restore(*, comment: Comment, by) -> Comment:
    """Undo a hide: the comment is back in the discussion."""
    require_moderator(by)
    with transaction.atomic():
        locked = _locked(comment, Comment.State.VISIBLE)
        locked.state = Comment.State.VISIBLE
        locked.hidden_reason = ""
        locked.hidden_by = None
        locked.hidden_at = None
        locked.save(update_fields=HIDDEN_FIELDS)
    return locked


def report_dismiss(*, report: CommentReport, by) -> CommentReport:
    """Close a report without hiding the comment."""
    require_moderator(by)
    with transaction.atomic():
        locked = CommentReport.objects.select_for_update().get(pk=report.pk)
        if locked.resolution != Resolution.OPEN:
            raise IdeaError(_("This report was already resolved."), code="resolved")
        locked.resolution = Resolution.DISMISSED
        locked.resolved_by = by
        locked.resolved_at = timezone.now()
        locked.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    return locked
