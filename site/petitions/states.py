"""The life of a petition: its states, the legal moves between them, and why one is rejected.

    draft ─▶ gathering support ─▶ awaiting moderation ─▶ open ─▶ awaiting response ─▶ responded
                    │                     │                 └─▶ closed
                    └─▶ expired           └─▶ rejected
    any published or pending state ─▶ hidden (unlawful content)

Signing ends at the petition's closing time in every state that takes signatures. While a
petition gathers support, that is the end of the support period (`PetitionSettings.support_days`
after submission): one that has not found its supporters by then becomes *expired*. Publication
sets the closing time of the signing period. A petition that never reached its response
threshold then becomes *closed*; one that did stays *awaiting response* or *responded*, because
the answer it is owed does not expire with the signing period.

Every way signing ends (expired, closed, rejected, hidden, or the end of the signing period of
a petition awaiting or having its response) sets `closed_at`: the clock from which signers'
names and emails are kept for the retention period only (`services.signatures_apply_retention`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class PetitionError(ValidationError):
    """A petition or signature rule was broken; the message is shown to the person as is."""


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    GATHERING_SUPPORT = "gathering_support", _("Gathering supporters")
    AWAITING_MODERATION = "awaiting_moderation", _("Awaiting moderation")
    OPEN = "open", _("Open for signatures")
    AWAITING_RESPONSE = "awaiting_response", _("Awaiting an official response")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired without enough support")
    HIDDEN = "hidden", _("Hidden")


TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.GATHERING_SUPPORT}),
    State.GATHERING_SUPPORT: frozenset({State.AWAITING_MODERATION, State.EXPIRED, State.HIDDEN}),
    State.AWAITING_MODERATION: frozenset({State.OPEN, State.REJECTED, State.HIDDEN}),
    State.OPEN: frozenset({State.AWAITING_RESPONSE, State.CLOSED, State.HIDDEN}),
    State.AWAITING_RESPONSE: frozenset({State.RESPONDED, State.HIDDEN}),
    State.RESPONDED: frozenset({State.HIDDEN}),
    State.CLOSED: frozenset({State.HIDDEN}),
    State.REJECTED: frozenset({State.HIDDEN}),
    State.EXPIRED: frozenset(),
    State.HIDDEN: frozenset(),
}

# Where signatures are taken (until the closing time); the first two only through the
# creator's share link.
SIGNABLE_STATES = frozenset(
    {
        State.GATHERING_SUPPORT,
        State.AWAITING_MODERATION,
        State.OPEN,
        State.AWAITING_RESPONSE,
        State.RESPONDED,
    }
)
SUPPORT_STATES = frozenset({State.GATHERING_SUPPORT, State.AWAITING_MODERATION})
# Shown to the public as a page of the site (the Wagtail page is live).
PUBLIC_STATES = frozenset(
    {State.OPEN, State.AWAITING_RESPONSE, State.RESPONDED, State.CLOSED, State.REJECTED}
)
# Published and past moderation: these count in the open-data lists.
PUBLISHED_STATES = PUBLIC_STATES - {State.REJECTED}


def check_transition(current: str, target: str) -> None:
    """Raise PetitionError unless a petition in `current` may move to `target`."""
    if target not in TRANSITIONS.get(current, frozenset()):
        raise PetitionError(
            _("A petition that is “%(current)s” cannot become “%(target)s”."),
            code="illegal_transition",
            params={"current": State(current).label, "target": State(target).label},
        )


class Scope(models.TextChoices):
    CITY = "city", _("The whole city")
    DISTRICT = "district", _("One district")


class RejectionReason(models.TextChoices):
    """Coded reasons, each with the explanation shown publicly on the rejected petition."""

    DUPLICATE = "duplicate", _("Duplicate")
    NOT_COMPETENCE = "not_competence", _("Not the city's competence")
    OFFENSIVE = "offensive", _("Offensive")
    DEFAMATORY = "defamatory", _("Defamatory")
    PERSONAL_DATA = "personal_data", _("Personal data")
    NOT_ACTION = "not_action", _("Not a request for action")


REJECTION_EXPLANATIONS = {
    RejectionReason.DUPLICATE: _(
        "There is already a petition about this. Please sign that one instead: one petition "
        "with many signatures carries more weight than several small ones."
    ),
    RejectionReason.NOT_COMPETENCE: _(
        "It asks for something the city council and its bodies have no power to do. National "
        "matters belong to the national government or parliament."
    ),
    RejectionReason.OFFENSIVE: _(
        "It contained language that is offensive, abusive or provocative. We do not publish "
        "such text."
    ),
    RejectionReason.DEFAMATORY: _(
        "It made claims about people or organizations that could be defamatory. We do not "
        "publish such text."
    ),
    RejectionReason.PERSONAL_DATA: _(
        "It contained personal information about people who could be identified. We do not "
        "publish such text."
    ),
    RejectionReason.NOT_ACTION: _(
        "It did not ask the city to take a clear action. Petitions must say what the city "
        "council or its bodies should do."
    ),
}

# For these reasons the text itself stays unpublished; only the title and reason are shown.
TEXT_WITHHELD_REASONS = frozenset(
    {RejectionReason.OFFENSIVE, RejectionReason.DEFAMATORY, RejectionReason.PERSONAL_DATA}
)
