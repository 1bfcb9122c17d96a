"""What an accepted idea becomes: a civic project of the experts app, and a targeted poll of
the polls app, each made through that app's own service, each linked both ways and recorded on
the idea's public timeline. The project's milestones and its completion come back to the idea
through the experts app's signals (`experts.signals`), connected in `IdeasConfig.ready`.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.models import Locale

from experts.errors import ProjectError
from experts.models import ProjectIndexPage, ProjectMilestone, ProjectPage
from experts.services.projects import project_create
from ideas.models import Idea, IdeaEvent
from ideas.services.common import event_add, idea_lock, require_authority, state_move
from ideas.states import ACCEPTED_STATES, IdeaError, State, check_transition
from polls.errors import PollError
from polls.models import Poll, Question
from polls.services.polls import poll_create
from profiles.emails import absolute_url

SLUG_LENGTH = 70
# An idea may be put to a poll once accepted, and still while its project is under way (the
# residents may be asked about a variant of what is being built).
POLLABLE_STATES = ACCEPTED_STATES | {State.IN_PROGRESS}


def _project_index() -> ProjectIndexPage:
    index = ProjectIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise IdeaError(
            _("The site has no list of projects yet: an editor must create it first."),
            code="no_project_index",
        )
    return index


def project_slug_free(index: ProjectIndexPage, base: str) -> str:
    """The idea's own slug, numbered when a sibling project already has it (Wagtail refuses
    two children of one page with the same slug)."""
    base = base[:SLUG_LENGTH].strip("-") or "idea"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _body_from_text(text: str) -> str:
    """The idea's plain-text description as the rich text of a project page, escaped."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(escape(part).replace("\n", "<br/>")) for part in paragraphs if part
    )


def idea_project_create(*, idea: Idea, by, coordinator=None) -> ProjectPage:
    """Make an accepted (wholly or in part) idea a published, planned project under the
    project index, with the idea's title, summary, description and district. The idea goes
    in progress and its timeline says so. `coordinator` runs the project (closes its
    milestones, completes it); the authority that makes it by default."""
    require_authority(user=by, idea=idea)
    coordinator = coordinator or by
    index = _project_index()
    with transaction.atomic():
        idea = idea_lock(idea)
        if idea.state not in ACCEPTED_STATES:
            raise IdeaError(_("Only an accepted idea can become a project."), code="not_accepted")
        if idea.project_id is not None:
            raise IdeaError(_("This idea already has its project."), code="has_project")
        check_transition(idea.state, State.IN_PROGRESS)
        try:
            project = project_create(
                parent=index,
                title=idea.title,
                goal=idea.summary,
                body=_body_from_text(idea.description),
                coordinator=coordinator,
                district=idea.district,
                slug=project_slug_free(index, idea.slug),
            )
        except ProjectError as error:
            raise IdeaError(error.messages[0], code="project_refused") from error
        idea.project = project
        idea.state = State.IN_PROGRESS
        idea.save(update_fields=["project", "state", "updated_at"])
        # One step on the timeline: the project, with the state it brings.
        event_add(
            idea=idea,
            kind=IdeaEvent.Kind.PROJECT,
            state=State.IN_PROGRESS,
            note=project.title,
            actor=by,
            at=timezone.now(),
        )
    return project


def idea_poll_create(
    *,
    idea: Idea,
    by,
    audience,
    opens_at: datetime,
    closes_at: datetime,
    creator_kind: str = "editor",
    organization=None,
) -> Poll:
    """Put an accepted idea to a poll of `audience`: a draft poll (scheduled and opened as any
    other, from the polls admin) asking one single-choice question, whether it should be built,
    whose description links back to the idea. The person must be the idea's authority and be
    allowed to address that audience (`polls.permissions.poll_creation_allowed`)."""
    require_authority(user=by, idea=idea)
    with transaction.atomic():
        idea = idea_lock(idea)
        if idea.state not in POLLABLE_STATES:
            raise IdeaError(_("Only an accepted idea can be put to a poll."), code="not_accepted")
        if idea.poll_id is not None:
            raise IdeaError(_("This idea has already been put to a poll."), code="has_poll")
        title = Truncator(idea.title).chars(150)
        try:
            poll = poll_create(
                creator=by,
                title=_("Should this be built? %(title)s") % {"title": title},
                summary=idea.summary,
                description=_(
                    "This poll asks the residents about the idea “%(title)s”, which the city "
                    "has accepted. The idea, its answer and its supporters: %(url)s"
                )
                % {"title": idea.title, "url": absolute_url(idea.get_absolute_url())},
                audience=audience,
                opens_at=opens_at,
                closes_at=closes_at,
                secrecy=Poll.Secrecy.SECRET,
                questions=[
                    {
                        "text": _("Should this be built?"),
                        "kind": Question.Kind.SINGLE,
                        "options": [_("Yes, build it"), _("No, do not build it")],
                    }
                ],
                creator_kind=creator_kind,
                organization=organization,
                district=idea.district if creator_kind in ("body", "deputy") else None,
            )
        except PollError as error:
            raise IdeaError(str(error.message), code="poll_refused") from error
        idea.poll = poll
        idea.save(update_fields=["poll", "updated_at"])
        event_add(idea=idea, kind=IdeaEvent.Kind.POLL, note=poll.title, actor=by, at=timezone.now())
    return poll


def milestone_closed_record(*, project: ProjectPage, milestone: ProjectMilestone, by) -> None:
    """A milestone of an idea's project was closed: the idea's timeline shows it."""
    idea = Idea.objects.filter(project=project).first()
    if idea is None:
        return
    event_add(
        idea=idea,
        kind=IdeaEvent.Kind.MILESTONE,
        note=milestone.title,
        actor=by,
        at=timezone.now(),
    )


def project_completed_record(*, project: ProjectPage, by) -> None:
    """An idea's project was completed: the idea is done (unless the authority already said
    so, or it never went in progress)."""
    idea = Idea.objects.filter(project=project).first()
    if idea is None:
        return
    idea = idea_lock(idea)
    if idea.state != State.IN_PROGRESS:
        return
    now = timezone.now()
    state_move(idea, State.DONE, at=now, actor=by, note=project.title)
    idea.done_at = now
    idea.save(update_fields=["state", "done_at", "updated_at"])


def on_milestone_closed(sender, *, project, milestone, by, **kwargs) -> None:
    milestone_closed_record(project=project, milestone=milestone, by=by)


def on_project_completed(sender, *, project, by, **kwargs) -> None:
    project_completed_record(project=project, by=by)
