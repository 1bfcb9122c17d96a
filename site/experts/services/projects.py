"""Projects: creating them, inviting people and organizations, moving them along."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from config.models import District
from config.transactions import on_commit_robust
from experts.errors import ProjectError
from experts.models import (
    Competency,
    CompetencyClaim,
    ProjectIndexPage,
    ProjectMilestone,
    ProjectPage,
    ProjectParticipant,
    Rating,
)
from experts.signals import milestone_closed, project_completed
from profiles.models import Organization

Role = ProjectParticipant.Role
State = ProjectParticipant.State


def can_manage(project: ProjectPage, user) -> bool:
    """The coordinator runs the project; staff who may edit the page can step in."""
    if not user.is_authenticated:
        return False
    if project.coordinator_id == user.pk:
        return True
    return project.permissions_for_user(user).can_edit()


def _require_manager(project: ProjectPage, user) -> None:
    if not can_manage(project, user):
        raise ProjectError(_("Only the project's coordinator can do this."))


def project_create(
    *,
    parent: ProjectIndexPage,
    title: str,
    goal: str,
    coordinator,
    district: District | None = None,
    body: str = "",
    milestones: list[str] | None = None,
    slug: str = "",
) -> ProjectPage:
    """Publish a new planned project under the index, with its milestones."""
    with transaction.atomic():
        project = ProjectPage(
            title=title,
            slug=slug or slugify(title, allow_unicode=True)[:80] or "project",
            goal=goal,
            body=body,
            district=district,
            coordinator=coordinator,
            locale=parent.locale,
        )
        for order, name in enumerate(milestones or []):
            project.milestones.add(ProjectMilestone(title=name, sort_order=order))
        parent.add_child(instance=project)
        project.save_revision().publish()
    return project


def participant_invite(
    *,
    project: ProjectPage,
    by,
    role: str,
    user=None,
    organization: Organization | None = None,
    title: str = "",
    competency: Competency | None = None,
) -> ProjectParticipant:
    """List a person (who must accept) or an organization (listed at once) on a project.
    An expert is listed in one of their competencies; asking someone again after they
    declined sends a new invitation."""
    from experts.tasks import notify_participant_invited

    project = project.canonical
    _require_manager(project, by)
    if (user is None) == (organization is None):
        raise ProjectError(_("Choose a person or an organization."))
    if organization is not None and role != Role.PARTNER:
        raise ProjectError(_("Organizations take part as partners."))
    if user is not None and role not in (Role.EXPERT, Role.PARTICIPANT):
        raise ProjectError(_("People take part as experts or participants."))
    if role == Role.EXPERT:
        _require_claim(user, competency)
    else:
        competency = None
    with transaction.atomic():
        lookup = {"user": user} if user is not None else {"organization": organization}
        participant = (
            ProjectParticipant.objects.select_for_update().filter(project=project, **lookup).first()
        )
        if participant is not None and participant.state != State.DECLINED:
            raise ProjectError(_("%(name)s is already listed.") % {"name": participant.name})
        participant = participant or ProjectParticipant(project=project, **lookup)
        participant.role = role
        participant.title = title.strip()
        participant.competency = competency
        participant.invited_by = by
        participant.responded_at = None
        accepted_now = organization is not None or user == by
        participant.state = State.ACCEPTED if accepted_now else State.INVITED
        participant.full_clean()
        participant.save()
        if participant.state == State.INVITED:
            on_commit_robust(
                lambda: notify_participant_invited.enqueue(participant_id=participant.pk)
            )
    return participant


def _require_claim(user, competency: Competency | None) -> None:
    if competency is None:
        raise ProjectError(_("Say in which competency the expert takes part."))
    has_claim = CompetencyClaim.objects.filter(
        content_object__user=user,
        tag=competency,
        status__in=[CompetencyClaim.Status.PENDING, CompetencyClaim.Status.VERIFIED],
    ).exists()
    if not has_claim:
        raise ProjectError(
            _("This person is not an expert in “%(competency)s” on Spilno.")
            % {"competency": competency.label}
        )


def participant_respond(
    *, participant: ProjectParticipant, user, accept: bool
) -> ProjectParticipant:
    """The invited person agrees to be listed, or declines."""
    if participant.user_id != user.pk:
        raise ProjectError(_("Only the invited person can answer this invitation."))
    target = State.ACCEPTED if accept else State.DECLINED
    with transaction.atomic():
        participant = ProjectParticipant.objects.select_for_update().get(pk=participant.pk)
        if target not in ProjectParticipant.TRANSITIONS[participant.state]:
            raise ProjectError(_("This invitation has already been answered."))
        participant.state = target
        participant.responded_at = timezone.now()
        participant.save(update_fields=["state", "responded_at"])
    return participant


def participant_remove(*, participant: ProjectParticipant, by) -> None:
    """Take a person or an organization off a project: the coordinator does it, or a person
    withdraws their own listing. Someone who has rated or been rated on the project stays
    listed, since those ratings are the record of the work (moderators hide a bad one)."""
    project = ProjectPage.objects.get(pk=participant.project_id).canonical
    if participant.user_id is None or participant.user_id != by.pk:
        _require_manager(project, by)
    with transaction.atomic():
        participant = (
            ProjectParticipant.objects.select_for_update().filter(pk=participant.pk).first()
        )
        if participant is None:
            raise ProjectError(_("This person or organization is no longer listed."))
        if participant.user_id is not None:
            rated = Rating.objects.filter(project=project).filter(
                Q(rater_id=participant.user_id) | Q(expert_id=participant.user_id)
            )
            if rated.exists():
                raise ProjectError(
                    _(
                        "%(name)s has given or received ratings on this project, so they stay "
                        "listed. A moderator can hide a rating that breaks the rules."
                    )
                    % {"name": participant.name}
                )
        participant.delete()


def project_transition(*, project: ProjectPage, to: str, by) -> ProjectPage:
    """Move a project planned → active → completed; anything else is refused."""
    project = project.canonical
    _require_manager(project, by)
    with transaction.atomic():
        project = ProjectPage.objects.select_for_update().get(pk=project.pk)
        if to not in ProjectPage.TRANSITIONS[project.status]:
            raise ProjectError(
                _("A project that is “%(status)s” cannot become “%(target)s”.")
                % {
                    "status": project.get_status_display(),
                    "target": ProjectPage.Status(to).label if to in ProjectPage.Status else to,
                }
            )
        changes = {"status": to}
        today = timezone.localdate()
        if to == ProjectPage.Status.ACTIVE:
            changes["started_on"] = today
        if to == ProjectPage.Status.COMPLETED:
            changes["completed_on"] = today
        # Translations share the lifecycle; a direct update keeps it out of the revisions.
        ProjectPage.objects.filter(translation_key=project.translation_key).update(**changes)
        if to == ProjectPage.Status.COMPLETED:
            project_completed.send(sender=ProjectPage, project=project, by=by)
    project.refresh_from_db()
    return project


def milestone_close(*, milestone: ProjectMilestone, by) -> ProjectMilestone:
    """Close a milestone of an active project: the work so far can now be rated."""
    project = ProjectPage.objects.get(pk=milestone.page_id).canonical
    _require_manager(project, by)
    with transaction.atomic():
        milestone = ProjectMilestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.page_id != project.pk:
            raise ProjectError(_("This milestone belongs to another project."))
        if project.status != ProjectPage.Status.ACTIVE:
            raise ProjectError(_("Only an active project's milestones can be closed."))
        if milestone.is_closed:
            raise ProjectError(_("This milestone is already closed."))
        milestone.closed_on = timezone.localdate()
        milestone.save(update_fields=["closed_on"])
        milestone_closed.send(sender=ProjectPage, project=project, milestone=milestone, by=by)
    return milestone
