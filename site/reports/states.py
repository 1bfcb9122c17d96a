"""The life of a problem report, as FixMyStreet has it, and who may make each move.

    unconfirmed ─▶ open ─┬─▶ investigating ──┐
                         ├─▶ action scheduled ┼─▶ fixed ──▶ open (reopened within 4 weeks)
                         ├─▶ in progress ─────┘
                         └─▶ closed: not responsible · duplicate (linked) · unable to fix

A report made without an account is *unconfirmed* until its email address is confirmed; it is
then *open* and sent to the responsible body. The body moves it through *investigating*,
*action scheduled* and *in progress* in any order, marks it *fixed*, or closes it (*not
responsible*, *duplicate* of another report, *unable to fix*); a body may also reopen any
report of its own. The reporter and other people may say a report is *fixed*, and may reopen
a fixed one (still broken) within `REPORT_REOPEN_DAYS` (28) of the fix. Hiding unlawful content
is a moderator's flag (`Report.hidden_at`), not a state, so a report's place in its life is
never lost to moderation.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportError(ValidationError):
    """A report rule was broken; the message is shown to the person as is."""


class State(models.TextChoices):
    UNCONFIRMED = "unconfirmed", pgettext_lazy("report state", "Unconfirmed")
    OPEN = "open", pgettext_lazy("report state", "Open")
    INVESTIGATING = "investigating", pgettext_lazy("report state", "Investigating")
    ACTION_SCHEDULED = "action_scheduled", pgettext_lazy("report state", "Action scheduled")
    IN_PROGRESS = "in_progress", pgettext_lazy("report state", "In progress")
    FIXED = "fixed", pgettext_lazy("report state", "Fixed")
    NOT_RESPONSIBLE = (
        "not_responsible",
        pgettext_lazy("report state", "Not the body's responsibility"),
    )
    DUPLICATE = "duplicate", pgettext_lazy("report state", "Duplicate")
    UNABLE_TO_FIX = "unable_to_fix", pgettext_lazy("report state", "Unable to fix")


# Being worked on: open and the body's three working states.
OPEN_STATES = frozenset(
    {State.OPEN, State.INVESTIGATING, State.ACTION_SCHEDULED, State.IN_PROGRESS}
)
WORKING_STATES = frozenset({State.INVESTIGATING, State.ACTION_SCHEDULED, State.IN_PROGRESS})
CLOSED_STATES = frozenset({State.NOT_RESPONSIBLE, State.DUPLICATE, State.UNABLE_TO_FIX})
# Done with: fixed or closed. Open311 calls these "closed", the rest "open".
FINISHED_STATES = CLOSED_STATES | {State.FIXED}
# Shown to everyone (unless hidden): every state after confirmation.
PUBLIC_STATES = frozenset(State) - {State.UNCONFIRMED}

# What the responsible body may do from each state (an official update).
BODY_TRANSITIONS: dict[str, frozenset[str]] = {
    State.UNCONFIRMED: frozenset(),
    **{state: (OPEN_STATES | FINISHED_STATES) - {state} for state in OPEN_STATES},
    # A body may reopen what it fixed or closed: the problem came back, or it was wrong.
    **{state: frozenset({State.OPEN, *WORKING_STATES}) for state in FINISHED_STATES},
}
# What the reporter and other people may do: say it is fixed, or reopen a recent fix.
PUBLIC_TRANSITIONS: dict[str, frozenset[str]] = {
    **{state: frozenset({State.FIXED}) for state in OPEN_STATES},
    State.FIXED: frozenset({State.OPEN}),
}


def check_body_transition(current: str, target: str) -> None:
    """Raise ReportError unless the responsible body may move a report from `current` to
    `target`."""
    if target not in BODY_TRANSITIONS.get(current, frozenset()):
        raise _illegal(current, target)


def check_public_transition(current: str, target: str) -> None:
    """Raise ReportError unless a reporter or passer-by may move a report from `current` to
    `target` (the 4-week limit on reopening is the service's: it needs the date)."""
    if target not in PUBLIC_TRANSITIONS.get(current, frozenset()):
        raise _illegal(current, target)


def _illegal(current: str, target: str) -> ReportError:
    return ReportError(
        _("A report that is “%(current)s” cannot become “%(target)s”."),
        code="illegal_transition",
        params={"current": State(current).label, "target": State(target).label},
    )


def open311_status(state: str) -> str:
    """GeoReport v2 knows two statuses: `open` and `closed`."""
    return "closed" if state in FINISHED_STATES else "open"
