"""What every write of the ideas app shares: locking an idea, moving it between states with
its timeline entry, the role checks that raise, and the cleaning of free text."""

from datetime import datetime

from django.utils.translation import gettext as _

from ideas.models import Idea, IdeaEvent
from ideas.permissions import can_answer, can_moderate, has_confirmed_email
from ideas.states import IdeaError, check_transition


def idea_lock(idea: Idea) -> Idea:
    """The idea's row, held until the transaction ends: every change of its state or count
    happens under this lock, so two requests never both move or count it."""
    return Idea.objects.select_for_update().get(pk=idea.pk)


def ideas_lock_in_order(*ideas: Idea) -> list[Idea]:
    """Lock several ideas, always in the order of their ids, so two merges that touch the same
    pair from opposite sides wait for each other instead of deadlocking."""
    locked = {
        row.pk: row
        for row in Idea.objects.select_for_update()
        .filter(pk__in=[i.pk for i in ideas])
        .order_by("pk")
    }
    return [locked[idea.pk] for idea in ideas]


def event_add(*, idea: Idea, kind: str, at: datetime, state: str = "", note: str = "", actor=None):
    return IdeaEvent.objects.create(
        idea=idea, kind=kind, state=state, note=note, actor=actor, at=at
    )


def state_move(idea: Idea, target: str, *, at: datetime, actor=None, note: str = "") -> None:
    """Move a locked idea to `target` (IdeaError if the move is illegal) and write the step to
    its timeline. The caller saves the idea's other fields with `state`."""
    check_transition(idea.state, target)
    idea.state = target
    event_add(idea=idea, kind=IdeaEvent.Kind.STATE, state=target, note=note, actor=actor, at=at)


def require_confirmed(user, message: str) -> None:
    if not has_confirmed_email(user=user):
        raise IdeaError(message, code="unconfirmed")


def require_moderator(user) -> None:
    if not can_moderate(user=user):
        raise IdeaError(_("Only moderators can do this."), code="not_allowed")


def require_authority(*, user, idea: Idea) -> None:
    if not can_answer(user=user, idea=idea):
        raise IdeaError(
            _("Only the authority responsible for this idea can do this."), code="not_allowed"
        )


def text_clean(value, *, label: str, max_length: int, required: bool = True) -> str:
    """Free text, stripped; IdeaError with the field's name when it is missing, too long or not
    text at all (a crafted request may send anything)."""
    text = value.strip() if isinstance(value, str) else ("" if value is None else None)
    if text is None or "\x00" in text:
        raise IdeaError(_("“%(field)s” is not valid text.") % {"field": label}, code="bad_text")
    if required and not text:
        raise IdeaError(_("Fill in “%(field)s”.") % {"field": label}, code="required")
    if len(text) > max_length:
        raise IdeaError(
            _("“%(field)s” is too long: at most %(max)s characters.")
            % {"field": label, "max": max_length},
            code="too_long",
        )
    return text
