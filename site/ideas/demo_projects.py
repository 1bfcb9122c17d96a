"""The demo's ideas that went on: projects made from accepted ideas, with milestones and teams of
experts rated as the experts demo rates them, and one idea put to a poll (`ideas.demo`)."""

import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from wagtail.models import Locale

from config.demo import Progress
from experts import demo_data as experts_data
from experts.demo import _participants, _team
from experts.demo_activity import moment, seed_ratings
from experts.models import ExpertProfile, ProjectIndexPage, ProjectMilestone, ProjectPage
from ideas.models import Idea
from ideas.services.projects import project_slug_free
from ideas.states import State

PROJECT_NEEDS = {
    "done": ["landscape-architect", "budget-analyst"],
    "in_progress": ["urban-planner", "road-safety-engineer"],
}


def _experts() -> list[dict]:
    """The experts demo's experts, as its helpers take them."""
    profiles = {
        profile.user.email: profile
        for profile in ExpertProfile.objects.select_related("user").filter(
            user__email__endswith="@example.org"
        )
    }
    experts = []
    for n, (_first, _last, slugs, archetype, _district) in enumerate(experts_data.EXPERTS, 1):
        profile = profiles.get(f"expert{n:03d}@example.org")
        if profile is not None:
            experts.append({"profile": profile, "archetype": archetype, "slugs": slugs})
    return experts


def projects_seed(progress: Progress, rng: random.Random, ideas: list[dict], people: dict) -> list:
    """Three ideas in progress and the done ones become projects with milestones (some
    closed), teams of experts drawn and rated as the experts demo does."""
    index = ProjectIndexPage.objects.filter(locale=Locale.get_default()).first()
    experts = _experts()
    if index is None or not experts:
        return []
    chosen = [row for row in ideas if row["idea"].state == State.DONE]
    chosen += [row for row in ideas if row["idea"].state == State.IN_PROGRESS][:3]
    picks: dict[int, int] = {}
    projects = []
    residents = people["authors"]
    for n, row in enumerate(progress.iterate("ideas: projects", chosen)):
        idea = row["idea"]
        done = idea.state == State.DONE
        page = _project_page(rng, index, idea, row, closed=4 if done else n % 3, done=done)
        team = _team(rng, PROJECT_NEEDS[idea.state], experts, picks)
        crowd = [r for r in rng.sample(residents, 6) if r != page.coordinator][:5]
        _participants(rng, page, team, crowd, "completed" if done else "active", [])
        projects.append({"page": page, "team": team, "people": crowd})
        idea.project = page
    Idea.objects.bulk_update([row["idea"] for row in chosen], ["project"])
    seed_ratings(progress, rng, projects, experts, moderation_examples=False)
    return projects


def _project_page(rng, index, idea, row, *, closed: int, done: bool) -> ProjectPage:
    """Published as an editor publishes a page (a revision), dated from the idea's answer."""
    started = (idea.answered_at + timedelta(days=rng.randint(20, 45))).date()
    page = ProjectPage(
        title=idea.title,
        slug=project_slug_free(index, idea.slug),
        goal=idea.summary,
        body=f"<p>{idea.description.split(chr(10))[0]}</p>",
        district=idea.district,
        coordinator=row["author"],
        status=ProjectPage.Status.COMPLETED if done else ProjectPage.Status.ACTIVE,
        started_on=started,
        completed_on=idea.done_at.date() if done else None,
        outcome=experts_data.OUTCOME_UK if done else "",
        first_published_at=moment(started - timedelta(days=7)),
    )
    row["milestones"] = []
    for order, (title, _title_en) in enumerate(experts_data.MILESTONES):
        due = started + timedelta(days=45 * (order + 1))
        closed_on = None
        if order < closed:
            closed_on = min(due, page.completed_on or timezone.localdate() - timedelta(days=5))
            row["milestones"].append((title, closed_on))
        page.milestones.add(
            ProjectMilestone(title=title, due_on=due, closed_on=closed_on, sort_order=order)
        )
    index.add_child(instance=page)
    row["project_at"] = page.first_published_at
    page.save_revision().publish()
    return page


def poll_seed(ideas: list[dict], people: dict) -> None:
    """The accepted city-wide idea (else the first accepted one) is put to a draft poll of
    the whole city by the editor, through the service, as an authority would."""
    from ideas.services.projects import idea_poll_create
    from residents.services.audiences import audience_create

    accepted = [row["idea"] for row in ideas if row["idea"].state == State.ACCEPTED]
    if not accepted:
        return
    idea = next((i for i in accepted if i.district_id is None), accepted[0])
    now = timezone.now()
    # In the city's language, whatever language the command runs in.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        idea_poll_create(
            idea=idea,
            by=people["editor"],
            audience=audience_create(whole_city=True),
            opens_at=now + timedelta(days=10),
            closes_at=now + timedelta(days=24),
        )
