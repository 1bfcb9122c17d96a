"""A person's own lists, for the cabinet's experts section and the full pages behind it:
projects I coordinate or was asked to join, ratings I gave and received, questions I asked
and answers I wrote. Each is a queryset, newest first, so the pages can paginate it."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from experts.models import Answer, ProjectParticipant, Question, Rating
from experts.selectors.experts import coordinated_projects

__all__ = [
    "answers_written_by",
    "coordinated_projects",
    "participations_of",
    "questions_asked_by",
    "ratings_given_by",
    "ratings_received_by",
]


def participations_of(user) -> QuerySet[ProjectParticipant]:
    """Every live project I was asked to join: invitations waiting for my answer first, then
    the projects I am listed on, then those I declined."""
    State = ProjectParticipant.State
    return (
        ProjectParticipant.objects.filter(user=user, project__live=True)
        .select_related("project", "competency")
        .annotate(
            waiting=Case(
                When(state=State.INVITED, then=Value(0)),
                When(state=State.ACCEPTED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "-created_at", "-pk")
    )


def ratings_given_by(user) -> QuerySet[Rating]:
    """Every rating I gave, the ones a moderator hid included (the page marks them)."""
    return (
        Rating.objects.filter(rater=user)
        .select_related("project", "competency", "expert__profile")
        .order_by("-work_on", "-created_at", "-pk")
    )


def ratings_received_by(user) -> QuerySet[Rating]:
    """The ratings of my work that count and are shown publicly: hidden ones are left out,
    as they are on my expert page."""
    return (
        Rating.objects.filter(expert=user, is_hidden=False)
        .select_related("project", "competency")
        .order_by("-work_on", "-created_at", "-pk")
    )


def questions_asked_by(user) -> QuerySet[Question]:
    return (
        Question.objects.filter(asker=user)
        .select_related("competency")
        .order_by("-created_at", "-pk")
    )


def answers_written_by(user) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(expert__user=user)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )
