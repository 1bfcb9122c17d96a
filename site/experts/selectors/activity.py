"""What a person or organization did in the experts app, for their public page
(`profiles.activity`): the projects they are listed on and the answers they gave."""

from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from experts.models import Answer, ProjectPage, ProjectParticipant
from experts.selectors.urls import directory_page, route_url


def activity_for(*, subject, viewer, limit: int) -> list:
    """Live projects where the subject is listed (accepted invitations only: people are listed
    once they accept) or that a person coordinates, and a person's public answers."""
    from profiles.models import Organization, User

    if isinstance(subject, Organization):
        return _participations(subject, limit)
    if isinstance(subject, User):
        items = _participations(subject, limit) + _coordinated(subject, limit)
        items += _answers(subject, limit)
        items.sort(key=lambda item: item.date, reverse=True)
        return items[:limit]
    return []


def _public_projects():
    """Projects as their people are stored: on the live page in the default language."""
    return ProjectPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)


def _project_item(project: ProjectPage, *, date, role: str):
    from profiles.activity import ActivityItem

    shown = project.localized
    return ActivityItem(
        date=date, kind=str(_("Project")), title=shown.title, url=shown.url, role=role
    )


def _participations(subject, limit: int) -> list:
    from profiles.models import Organization

    lookup = {"organization": subject} if isinstance(subject, Organization) else {"user": subject}
    participations = (
        ProjectParticipant.objects.filter(
            state=ProjectParticipant.State.ACCEPTED, project__in=_public_projects(), **lookup
        )
        .select_related("project")
        .order_by("-created_at", "-pk")[:limit]
    )
    items = []
    for participation in participations:
        role = participation.get_role_display()
        if participation.title:
            role = f"{role} ({participation.title})"
        date = participation.responded_at or participation.created_at
        items.append(_project_item(participation.project, date=date, role=str(role)))
    return items


def _coordinated(user, limit: int) -> list:
    from profiles.activity import page_date

    newest = F("first_published_at").desc(nulls_last=True)  # same order on both databases
    projects = _public_projects().filter(coordinator=user).order_by(newest, "pk")
    return [
        _project_item(project, date=page_date(project, subject=user), role=str(_("coordinator")))
        for project in projects[:limit]
    ]


def _answers(user, limit: int) -> list:
    from profiles.activity import ActivityItem

    page = directory_page()
    if page is None:
        return []  # no directory page: questions have no public address
    answers = (
        Answer.objects.filter(expert__user=user, is_hidden=False, question__is_hidden=False)
        .select_related("question")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        ActivityItem(
            date=answer.created_at,
            kind=str(_("Consultation")),
            title=answer.question.title,
            url=route_url(page, "question", answer.question_id),
            role=str(_("answered")),
        )
        for answer in answers
    ]
