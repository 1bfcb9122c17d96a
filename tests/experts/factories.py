"""Factories for the experts app's tests."""

from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from experts import services
from experts.models import (
    Competency,
    CompetencyClaim,
    ExpertProfile,
    ProjectPage,
    ProjectParticipant,
    Question,
)
from tests.factories import UserFactory


class CompetencyFactory(DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"competency-{n}")
    name = factory.Sequence(lambda n: f"Компетенція {n}")
    name_en = factory.Sequence(lambda n: f"Competency {n}")


class ExpertFactory(DjangoModelFactory):
    """An expert profile (no competency: use `verified_expert` for a usable expert)."""

    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(UserFactory)
    statement = "Допомагаю будинкам з опаленням."
    credentials = "Диплом інженера, 10 років практики."


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = CompetencyClaim

    content_object = factory.SubFactory(ExpertFactory)
    tag = factory.SubFactory(CompetencyFactory)
    evidence = "Диплом № 123, сертифікат 2023."
    status = CompetencyClaim.Status.VERIFIED


def verified_expert(competency: Competency, **user_fields) -> ExpertProfile:
    """An expert verified in `competency`; `user_fields` go to the user (e.g. email)."""
    expert = ExpertFactory(user=UserFactory(**user_fields))
    ClaimFactory(content_object=expert, tag=competency)
    return expert


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    asker = factory.SubFactory(UserFactory)
    competency = factory.SubFactory(CompetencyFactory)
    title = "Чому холодно в квартирі?"
    body = "Батареї гарячі, а в кімнаті 17 градусів."
    search_text = factory.LazyAttribute(lambda q: f"{q.title} {q.body}".casefold())


@dataclass
class Team:
    """A project with a coordinator, one verified expert and two residents, all accepted."""

    project: ProjectPage
    coordinator: object
    expert: object  # ExpertProfile
    resident: object
    neighbour: object

    def complete(self) -> None:
        services.project_transition(project=self.project, to="active", by=self.coordinator)
        services.project_transition(project=self.project, to="completed", by=self.coordinator)
        self.project.refresh_from_db()


def make_team(project_index, competency, *, title="Тепловий пункт", milestones=None) -> Team:
    coordinator = UserFactory(first_name="Ганна", last_name="Бойко")
    project = services.project_create(
        parent=project_index,
        title=title,
        goal="Зменшити рахунки за опалення.",
        coordinator=coordinator,
        milestones=milestones or ["Обстеження", "Роботи"],
    )
    expert = verified_expert(competency, first_name="Олена", last_name="Коваленко")
    resident = UserFactory(first_name="Петро", last_name="Савчук")
    neighbour = UserFactory(first_name="Оксана", last_name="Ковальчук")
    invited = services.participant_invite(
        project=project,
        by=coordinator,
        role=ProjectParticipant.Role.EXPERT,
        user=expert.user,
        competency=competency,
    )
    services.participant_respond(participant=invited, user=expert.user, accept=True)
    for person in (resident, neighbour):
        invited = services.participant_invite(
            project=project, by=coordinator, role=ProjectParticipant.Role.PARTICIPANT, user=person
        )
        services.participant_respond(participant=invited, user=person, accept=True)
    return Team(project, coordinator, expert, resident, neighbour)


def rate(team_or_project, rater, expert_user, values=(5, 5, 5, 5), comment=""):
    project = getattr(team_or_project, "project", team_or_project)
    competence, usefulness, timeliness, communication = values
    return services.rating_submit(
        project=project,
        rater=rater,
        expert_user=expert_user,
        competence=competence,
        usefulness=usefulness,
        timeliness=timeliness,
        communication=communication,
        comment=comment,
    )
