"""Domain errors of the residents app: shown to people as clear messages, never as a 500."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ResidentsError(ValidationError):
    """Something a person asked for cannot be done (and the message says why)."""


class NotAllowed(ResidentsError):
    """The person may not do this (their role or permissions do not allow it)."""


class IllegalTransition(ResidentsError):
    """A request, letter or invitation is not in a state this action starts from."""


def check_transition(obj, target: str) -> None:
    """Raise IllegalTransition unless `obj.state → target` is in the model's TRANSITIONS."""
    if target not in obj.TRANSITIONS[obj.state]:
        raise IllegalTransition(
            _("%(model)s cannot go from “%(current)s” to “%(target)s”."),
            params={
                "model": obj._meta.verbose_name,
                "current": obj.get_state_display(),
                "target": obj.State(target).label,
            },
            code="illegal_transition",
        )
