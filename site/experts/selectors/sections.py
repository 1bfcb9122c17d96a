"""The experts app's blocks on the home page and in the personal cabinet."""

from django.utils.translation import gettext_lazy as _

from config.home import HomeSection
from experts.models import ExpertProfile, ProjectParticipant
from experts.reputation import platform_means
from experts.selectors.cabinet import (
    answers_written_by,
    questions_asked_by,
    ratings_given_by,
    ratings_received_by,
)
from experts.selectors.consultations import answered_recently
from experts.selectors.experts import coordinated_projects, experts_directory, listing_score
from experts.selectors.projects import rating_slots
from experts.selectors.urls import directory_page
from profiles.selectors import CabinetSection

PREVIEW = 5  # the cabinet shows the first few of each list


def home_section(*, request) -> HomeSection | None:
    """Trusted experts and recently solved questions; nothing before the directory exists."""
    page = directory_page()
    if page is None:
        return None
    means = platform_means()
    top = [
        expert
        for expert in experts_directory(verified_only=True)[:6]
        if expert.ratings_count or expert.accepted_answers_count
    ][:3]
    for expert in top:
        expert.score = listing_score(expert, means)
        expert.has_evidence = True
    return HomeSection(
        template="experts/includes/home_section.html",
        context={"experts": top, "questions": answered_recently(limit=3), "page": page},
    )


def cabinet_section(*, user) -> "CabinetSection | None":
    """My expertise, my projects, ratings to give, given and received, my consultations: the
    first few of each, linking to the full lists (`experts.views.cabinet`)."""
    profile = ExpertProfile.objects.filter(user=user).first()
    participations = list(
        ProjectParticipant.objects.filter(user=user, project__live=True)
        .exclude(state=ProjectParticipant.State.DECLINED)
        .select_related("project", "competency")
        .order_by("-created_at")
    )
    coordinated = list(coordinated_projects(user))
    projects = {p.project for p in participations if p.is_accepted} | set(coordinated)
    to_rate = [
        (project, slot)
        for project in sorted(projects, key=lambda p: p.title)
        for slot in rating_slots(project, user)
        if slot.allowed and slot.rating is None
    ]
    invitations = [p for p in participations if not p.is_accepted]
    accepted = [p for p in participations if p.is_accepted]
    given = ratings_given_by(user)
    received = ratings_received_by(user)
    questions = questions_asked_by(user)
    answers = answers_written_by(user)
    return CabinetSection(
        title=_("Expertise and projects"),
        template="experts/includes/cabinet_section.html",
        context={
            "profile": profile,
            "claims": list(profile.claims.select_related("tag")) if profile else [],
            "invitations": invitations[:PREVIEW],
            "invitation_count": len(invitations),
            "participations": accepted[:PREVIEW],
            "coordinated": coordinated[:PREVIEW],
            "project_count": len(accepted) + len(coordinated),
            "to_rate": to_rate[:PREVIEW],
            "given": list(given[:PREVIEW]),
            "received": list(received[:PREVIEW]),
            "questions": list(questions[:PREVIEW]),
            "answers": list(answers[:PREVIEW]),
        },
    )
