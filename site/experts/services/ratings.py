"""Ratings of experts' work: who may rate whom, when, how often; flags and moderation.

Every change to what counts (a new rating, an edit, hiding, restoring) updates the platform
totals and the expert's reputation in the same transaction (`experts.reputation`)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from experts import reputation
from experts.errors import RatingError
from experts.models import (
    ExpertProfile,
    ModerationAction,
    ProjectPage,
    ProjectParticipant,
    Rating,
    RatingFlag,
)
from experts.services.moderation import moderation_log
from profiles.models import Membership

EDIT_WINDOW = timedelta(days=14)
MODERATE_PERMISSION = "experts.moderate_rating"


def is_co_participant(project: ProjectPage, user) -> bool:
    """The coordinator and every person who accepted to be listed."""
    if not user.is_authenticated:
        return False
    if project.coordinator_id == user.pk:
        return True
    return project.participants.filter(user=user, state=ProjectParticipant.State.ACCEPTED).exists()


def shares_organization(a, b) -> bool:
    """Conflict of interest: a rater who belongs to any organization the expert belongs to."""
    return Membership.objects.filter(user=a, organization__memberships__user=b).exists()


def rateable_experts(project: ProjectPage):
    return project.participants.filter(
        role=ProjectParticipant.Role.EXPERT, state=ProjectParticipant.State.ACCEPTED
    ).select_related("user", "competency")


def work_date(project: ProjectPage):
    """The date of the work being rated: completion, or the latest closed milestone."""
    if project.status == ProjectPage.Status.COMPLETED and project.completed_on:
        return project.completed_on
    closed = project.milestones.filter(closed_on__isnull=False).order_by("-closed_on").first()
    return closed.closed_on if closed else None


def current(project: ProjectPage) -> ProjectPage:
    """The project as the database has it now, in its default language."""
    return ProjectPage.objects.get(pk=project.canonical.pk)


def rating_check(*, project: ProjectPage, rater, expert_user) -> ProjectParticipant:
    """The rules a new rating must pass; returns the expert's participation. Raises
    RatingError naming the rule that failed."""
    project = current(project)
    if not rater.is_authenticated:
        raise RatingError(_("Sign in to rate."))
    if rater.pk == expert_user.pk:
        raise RatingError(_("You cannot rate yourself."))
    participation = rateable_experts(project).filter(user=expert_user).first()
    if participation is None:
        raise RatingError(_("This person is not listed as an expert on this project."))
    if not is_co_participant(project, rater):
        raise RatingError(_("Only people who took part in the project can rate its experts."))
    if shares_organization(rater, expert_user):
        raise RatingError(
            _("You belong to the same organization as this expert, so you cannot rate them.")
        )
    if not project.is_open_for_rating:
        raise RatingError(
            _("Ratings open when the project is completed or one of its milestones is closed.")
        )
    return participation


def rating_submit(
    *,
    project: ProjectPage,
    rater,
    expert_user,
    competence: int,
    usefulness: int,
    timeliness: int,
    communication: int,
    comment: str = "",
) -> Rating:
    """Rate an expert's work on a project, or change one's rating within 14 days."""
    project = current(project)
    participation = rating_check(project=project, rater=rater, expert_user=expert_user)
    values = {
        "competence": competence,
        "usefulness": usefulness,
        "timeliness": timeliness,
        "communication": communication,
    }
    if any(not isinstance(v, int) or not 1 <= v <= 5 for v in values.values()):
        raise RatingError(_("Each indicator is a whole number from 1 to 5."))
    expert = ExpertProfile.objects.get(user=expert_user)
    with transaction.atomic():
        rating = _write(project, rater, expert_user, participation, values, comment)
        reputation.expert_refresh(expert)
    return rating


def _write(project, rater, expert_user, participation, values, comment) -> Rating:
    existing = (
        Rating.objects.select_for_update()
        .filter(project=project, rater=rater, expert=expert_user)
        .first()
    )
    if existing is None:
        rating = Rating(
            project=project,
            rater=rater,
            expert=expert_user,
            competency=participation.competency,
            work_on=work_date(project),
            comment=comment.strip(),
            **values,
        )
        rating.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                rating.save()
        except IntegrityError as error:  # a double submit racing its twin
            raise RatingError(_("You have already rated this expert on this project.")) from error
        reputation.baseline_apply(values, sign=1)
        return rating
    if timezone.now() - existing.created_at > EDIT_WINDOW:
        raise RatingError(_("A rating can be changed for 14 days; this one can no longer be."))
    if not existing.is_hidden:
        reputation.baseline_apply(existing.values(), sign=-1)
        reputation.baseline_apply(values, sign=1)
    for name, value in values.items():
        setattr(existing, name, value)
    existing.comment = comment.strip()
    existing.full_clean(validate_constraints=False)
    existing.save()
    return existing


def rating_flag(*, rating: Rating, user, reason: str) -> RatingFlag:
    """Report a rating to the moderators. Once per person and rating."""
    if not user.is_authenticated:
        raise RatingError(_("Sign in to report a rating."))
    if not reason.strip():
        raise RatingError(_("Say what is wrong with this rating."))
    if RatingFlag.objects.filter(rating=rating, flagged_by=user).exists():
        raise RatingError(_("You have already reported this rating."))
    try:
        with transaction.atomic():
            flag = RatingFlag(rating=rating, flagged_by=user, reason=reason.strip())
            flag.full_clean(validate_constraints=False)
            flag.save()
    except IntegrityError as error:
        raise RatingError(_("You have already reported this rating.")) from error
    return flag


def _require_moderator(user) -> None:
    if not user.has_perm(MODERATE_PERMISSION):
        raise RatingError(_("Only moderators can do this."))


def rating_hide(*, rating: Rating, by, reason: str) -> Rating:
    """Hide a rating: it leaves the public pages and the reputation; open flags close. The
    reason is required: it goes to the moderation log with who hid it and when."""
    _require_moderator(by)
    if not reason.strip():
        raise RatingError(_("Say why it is hidden: the reason is kept in the log."))
    with transaction.atomic():
        rating = Rating.objects.select_for_update().get(pk=rating.pk)
        if rating.is_hidden:
            raise RatingError(_("This rating is already hidden."))
        rating.is_hidden = True
        rating.hidden_reason = reason.strip()[:300]
        rating.hidden_by = by
        rating.hidden_at = timezone.now()
        rating.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
        reputation.baseline_apply(rating.values(), sign=-1)
        _resolve_flags(rating, RatingFlag.Resolution.HIDDEN)
        moderation_log(by=by, action=ModerationAction.Kind.HIDE, reason=reason, rating=rating)
        reputation.expert_refresh(ExpertProfile.objects.get(user_id=rating.expert_id))
    return rating


def rating_restore(*, rating: Rating, by, reason: str = "") -> Rating:
    """Undo a hide: the rating counts again."""
    _require_moderator(by)
    with transaction.atomic():
        rating = Rating.objects.select_for_update().get(pk=rating.pk)
        if not rating.is_hidden:
            raise RatingError(_("This rating is not hidden."))
        rating.is_hidden = False
        rating.hidden_reason = ""
        rating.hidden_by = None
        rating.hidden_at = None
        rating.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
        reputation.baseline_apply(rating.values(), sign=1)
        moderation_log(by=by, action=ModerationAction.Kind.RESTORE, reason=reason, rating=rating)
        reputation.expert_refresh(ExpertProfile.objects.get(user_id=rating.expert_id))
    return rating


def ratings_flags_dismiss(*, rating: Rating, by, reason: str = "") -> int:
    """The moderator looked and the rating stays: close its open flags."""
    _require_moderator(by)
    with transaction.atomic():
        closed = _resolve_flags(rating, RatingFlag.Resolution.DISMISSED)
        moderation_log(by=by, action=ModerationAction.Kind.DISMISS, reason=reason, rating=rating)
    return closed


def _resolve_flags(rating: Rating, resolution: str) -> int:
    return rating.flags.filter(resolution=RatingFlag.Resolution.OPEN).update(
        resolution=resolution, resolved_at=timezone.now()
    )
