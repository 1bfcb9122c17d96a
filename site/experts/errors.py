"""The experts app's domain errors: shown to people as plain messages."""

from django.core.exceptions import ValidationError


class ExpertsError(ValidationError):
    """Something the rules of the experts app do not allow."""


class ApplicationError(ExpertsError):
    """An expert profile or competency application that cannot be accepted."""


class ProjectError(ExpertsError):
    """A project change that is not allowed (wrong person, illegal transition)."""


class RatingError(ExpertsError):
    """A rating that breaks a rule: not a co-participant, conflict of interest, too late."""


class ConsultationError(ExpertsError):
    """A question, answer or helpful mark that is not allowed."""
