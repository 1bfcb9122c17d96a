"""The life of an idea: its states and the legal moves between them.

    draft ─▶ published ─▶ under review ─▶ accepted ──────────▶ in progress ─▶ done
       (gathering support)      │   ├──▶ accepted in part ──▶ in progress
                 │              │   ├──▶ rejected
                 │              │   └──▶ duplicate (merged into another idea)
                 ├─▶ expired    └──────▶ duplicate
                 └─▶ duplicate

An idea gathers support from publication for `IDEA_SUPPORT_DAYS` (183, six months). The
support that reaches its threshold (frozen at publication: `IDEA_THRESHOLD_DISTRICT` for a
district, `IDEA_THRESHOLD_CITY` for the whole city) moves it to *under review*, exactly once,
and the responsible authority owes it a public, dated answer: accepted, accepted in part,
rejected, or duplicate. One that has not reached its threshold by the end of the period
*expires*. A moderator or editor may merge a published or reviewed idea into another as a
*duplicate*; its supporters are carried over. An accepted idea goes *in progress* when a project
is made from it (or the authority says work has started) and *done* when that work is finished.
Hiding unlawful content is a separate flag (`Idea.hidden_at`), not a state, so an idea's place
in its life is never lost to moderation.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IdeaError(ValidationError):
    """An idea or support rule was broken; the message is shown to the person as is."""


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("idea state", "Draft")
    PUBLISHED = "published", pgettext_lazy("idea state", "Gathering support")
    UNDER_REVIEW = "under_review", pgettext_lazy("idea state", "Under review")
    ACCEPTED = "accepted", pgettext_lazy("idea state", "Accepted")
    ACCEPTED_IN_PART = "accepted_in_part", pgettext_lazy("idea state", "Accepted in part")
    REJECTED = "rejected", pgettext_lazy("idea state", "Rejected")
    DUPLICATE = "duplicate", pgettext_lazy("idea state", "Merged as a duplicate")
    EXPIRED = "expired", pgettext_lazy("idea state", "Expired without enough support")
    IN_PROGRESS = "in_progress", pgettext_lazy("idea state", "In progress")
    DONE = "done", pgettext_lazy("idea state", "Done")


TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.PUBLISHED}),
    State.PUBLISHED: frozenset({State.UNDER_REVIEW, State.EXPIRED, State.DUPLICATE}),
    State.UNDER_REVIEW: frozenset(
        {State.ACCEPTED, State.ACCEPTED_IN_PART, State.REJECTED, State.DUPLICATE}
    ),
    State.ACCEPTED: frozenset({State.IN_PROGRESS}),
    State.ACCEPTED_IN_PART: frozenset({State.IN_PROGRESS}),
    State.IN_PROGRESS: frozenset({State.DONE}),
    State.REJECTED: frozenset(),
    State.DUPLICATE: frozenset(),
    State.EXPIRED: frozenset(),
    State.DONE: frozenset(),
}

# The authority's answers: each is given with a public, dated text.
ANSWER_STATES = frozenset({State.ACCEPTED, State.ACCEPTED_IN_PART, State.REJECTED})
# Accepted (wholly or in part): may become a project and be put to a poll.
ACCEPTED_STATES = frozenset({State.ACCEPTED, State.ACCEPTED_IN_PART})
# Shown to everyone (unless hidden): every state after the draft.
PUBLIC_STATES = frozenset(State) - {State.DRAFT}
# Listed by default: the ones still moving (the others are one filter away).
ACTIVE_STATES = frozenset(
    {
        State.PUBLISHED,
        State.UNDER_REVIEW,
        State.ACCEPTED,
        State.ACCEPTED_IN_PART,
        State.IN_PROGRESS,
    }
)


def check_transition(current: str, target: str) -> None:
    """Raise IdeaError unless an idea in `current` may move to `target`."""
    if target not in TRANSITIONS.get(current, frozenset()):
        raise IdeaError(
            _("An idea that is “%(current)s” cannot become “%(target)s”."),
            code="illegal_transition",
            params={"current": State(current).label, "target": State(target).label},
        )
