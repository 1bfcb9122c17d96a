"""The experts app's blocks on the home page and in the personal cabinet."""

from django.utils.translation import gettext_lazy as _

from config.home import HomeSection
from experts.models import (
    Answer,
    ExpertProfile,
    ProjectParticipant,
    Question,
    Rating,
)
from experts.reputation import platform_means
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
    """My expertise, my projects, ratings to give, given and received, my consultations."""
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
    given = Rating.objects.filter(rater=user).select_related("project", "expert__profile")
    received = Rating.objects.filter(expert=user, is_hidden=False).select_related("project")
    return CabinetSection(
        title=_("Expertise and projects"),
        template="experts/includes/cabinet_section.html",
        context={
            "profile": profile,
            "claims": list(profile.claims.select_related("tag")) if profile else [],
            "invitations": [p for p in participations if not p.is_accepted],
            "participations": [p for p in participations if p.is_accepted][:PREVIEW],
            "coordinated": coordinated[:PREVIEW],
            "to_rate": to_rate[:PREVIEW],
            "given": list(given[:PREVIEW]),
            "received": list(received[:PREVIEW]),
            "questions": list(
                Question.objects.filter(asker=user).select_related("competency")[:PREVIEW]
            ),
            "answers": list(
                Answer.objects.filter(expert__user=user).select_related("question")[:PREVIEW]
            ),
        },
    )
