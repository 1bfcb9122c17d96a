"""The authority's part: the public, dated answer to an idea that reached its threshold, and
following an accepted idea through its work (in progress, done)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from ideas.models import Idea
from ideas.services.common import idea_lock, require_authority, state_move, text_clean
from ideas.states import ANSWER_STATES, IdeaError, State
from profiles.models import Organization


def idea_answer(
    *,
    idea: Idea,
    by,
    state: str,
    answer: str,
    answering_body=None,
    now: datetime | None = None,
) -> Idea:
    """Under review → accepted, accepted in part or rejected, with the answer's text, its date
    and (optionally) the municipal body or deputy's office it is given for. The author and the
    supporters are told by email after commit."""
    now = now or timezone.now()
    require_authority(user=by, idea=idea)
    if not isinstance(state, str) or state not in ANSWER_STATES:
        raise IdeaError(
            _("Answer with “accepted”, “accepted in part” or “rejected”."), code="bad_answer"
        )
    answer = text_clean(answer, label=_("answer"), max_length=10_000)
    if answering_body is not None and (
        not isinstance(answering_body, Organization)
        or answering_body.kind not in Organization.AUTHORITY_KINDS
    ):
        raise IdeaError(
            _("An answer is given for a municipal body or a deputy's office."),
            code="bad_body",
        )
    with transaction.atomic():
        locked = idea_lock(idea)
        state_move(locked, state, at=now, actor=by, note=answer)
        locked.answer = answer
        locked.answered_at = now
        locked.answered_by = by
        locked.answering_body = answering_body
        locked.save()
        idea_id = locked.pk

        def notify():
            from ideas.tasks import idea_answered_notify

            idea_answered_notify.enqueue(idea_id=idea_id)

        on_commit_robust(notify)
    return locked


def idea_start(*, idea: Idea, by, note: str = "", now: datetime | None = None) -> Idea:
    """Accepted (wholly or in part) → in progress: the authority says work has started."""
    now = now or timezone.now()
    require_authority(user=by, idea=idea)
    note = text_clean(note, label=_("note"), max_length=2000, required=False)
    with transaction.atomic():
        locked = idea_lock(idea)
        state_move(locked, State.IN_PROGRESS, at=now, actor=by, note=note)
        locked.save(update_fields=["state", "updated_at"])
    return locked


def idea_finish(*, idea: Idea, by, note: str = "", now: datetime | None = None) -> Idea:
    """In progress → done: the work is finished."""
    now = now or timezone.now()
    require_authority(user=by, idea=idea)
    note = text_clean(note, label=_("note"), max_length=2000, required=False)
    with transaction.atomic():
        locked = idea_lock(idea)
        state_move(locked, State.DONE, at=now, actor=by, note=note)
        locked.done_at = now
        locked.save(update_fields=["state", "done_at", "updated_at"])
    return locked
