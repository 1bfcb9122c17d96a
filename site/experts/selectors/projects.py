"""Reads about projects: the index, a project's people, what a visitor may rate."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from experts.errors import RatingError
from experts.models import ProjectPage, ProjectParticipant, Rating
from experts.services.ratings import EDIT_WINDOW, rateable_experts, rating_check

Status = ProjectPage.Status
State = ProjectParticipant.State

STATUS_ORDER = Case(
    When(status=Status.ACTIVE, then=Value(0)),
    When(status=Status.PLANNED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def projects_list(*, status: str = "", district=None) -> QuerySet[ProjectPage]:
    """Live projects in the default language (where their state lives): active first,
    then planned, then completed, newest first within each."""
    projects = ProjectPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    if status in Status.values:
        projects = projects.filter(status=status)
    if district is not None:
        projects = projects.filter(district=district)
    return projects.select_related("district").order_by(
        STATUS_ORDER, "-completed_on", "-started_on", "-first_published_at", "pk"
    )


def project_people(project: ProjectPage, *, include_pending: bool = False):
    """The people and organizations listed on a project (invitations too, for its manager)."""
    people = project.participants.select_related(
        "user__profile", "user__expert_profile", "organization", "competency"
    )
    if not include_pending:
        people = people.filter(state=State.ACCEPTED)
    return list(people.order_by("role", "created_at", "pk"))


def visible_ratings(project: ProjectPage) -> list[Rating]:
    return list(
        project.ratings.filter(is_hidden=False)
        .select_related("expert__profile", "rater__profile", "competency")
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class RatingSlot:
    """One expert a visitor may rate (or has rated) on a project."""

    participant: ProjectParticipant
    rating: Rating | None
    allowed: bool
    reason: str
    editable: bool


def rating_slots(project: ProjectPage, user) -> list[RatingSlot]:
    """For each expert of the project: may this user rate them, and have they already?"""
    if not user.is_authenticated:
        return []
    mine = {r.expert_id: r for r in Rating.objects.filter(project=project, rater=user)}
    slots = []
    for participant in rateable_experts(project):
        if participant.user_id == user.pk:
            continue
        try:
            rating_check(project=project, rater=user, expert_user=participant.user)
            allowed, reason = True, ""
        except RatingError as error:
            allowed, reason = False, error.messages[0]
        rating = mine.get(participant.user_id)
        editable = rating is not None and _within_window(rating)
        slots.append(RatingSlot(participant, rating, allowed, reason, editable))
    return slots


def _within_window(rating: Rating) -> bool:
    return timezone.now() - rating.created_at <= EDIT_WINDOW
