"""Projects and consultations on the pages of the people and organizations who took part."""

from django.utils import translation

from experts import services
from experts.models import Answer, ProjectPage, ProjectParticipant
from experts.selectors.activity import activity_for
from profiles.activity import activity_page
from tests.experts.factories import QuestionFactory
from tests.factories import UserFactory
from tests.profiles.factories import OrganizationFactory

Role = ProjectParticipant.Role


def items(subject) -> list:
    with translation.override("en"):
        return activity_for(subject=subject, viewer=None, limit=50)


def test_a_participants_page_lists_the_project_with_their_role(client, team):
    [item] = items(team.resident)
    assert (item.title, item.kind, item.role) == ("Тепловий пункт", "Project", "Participant")
    body = client.get(team.resident.profile.get_absolute_url()).content.decode()
    assert "Тепловий пункт" in body


def test_an_expert_is_listed_with_their_role(team):
    assert [i.role for i in items(team.expert.user)] == ["Expert"]


def test_the_coordinator_is_listed_as_coordinator(team):
    assert [i.role for i in items(team.coordinator)] == ["coordinator"]


def test_invited_and_declined_people_are_not_listed(team):
    invited, declined = UserFactory(), UserFactory()
    for person in (invited, declined):
        services.participant_invite(
            project=team.project, by=team.coordinator, role=Role.PARTICIPANT, user=person
        )
    services.participant_respond(
        participant=ProjectParticipant.objects.get(user=declined), user=declined, accept=False
    )
    assert items(invited) == [] and items(declined) == []


def test_an_unpublished_project_is_not_listed(team):
    team.project.unpublish()
    assert items(team.resident) == [] and items(team.coordinator) == []


def test_a_partner_organizations_page_lists_the_project(client, team):
    organization = OrganizationFactory(name="ГО «Тепло»", slug="teplo")
    services.participant_invite(
        project=team.project,
        by=team.coordinator,
        role=Role.PARTNER,
        organization=organization,
        title="фінансування",
    )
    [item] = items(organization)
    assert item.role == "Partner organization (фінансування)"
    body = client.get(organization.get_absolute_url()).content.decode()
    assert "Тепловий пункт" in body


def test_public_answers_are_listed_and_hidden_ones_are_not(directory, team, heating):
    Answer.objects.create(
        question=QuestionFactory(competency=heating, title="Чому холодно?"),
        expert=team.expert,
        body="Промийте систему.",
    )
    Answer.objects.create(
        question=QuestionFactory(competency=heating, title="Приховане"),
        expert=team.expert,
        body="…",
        is_hidden=True,
    )
    Answer.objects.create(
        question=QuestionFactory(competency=heating, title="Питання приховане", is_hidden=True),
        expert=team.expert,
        body="…",
    )
    answers = [i for i in items(team.expert.user) if i.kind == "Consultation"]
    assert [(i.title, i.role) for i in answers] == [("Чому холодно?", "answered")]


def test_projects_on_a_profile_are_paginated(project_index):
    organization = OrganizationFactory(slug="spilne")
    coordinator = UserFactory()
    for n in range(21):
        project = services.project_create(
            parent=project_index, title=f"Проєкт {n}", goal="Мета.", coordinator=coordinator
        )
        services.participant_invite(
            project=project, by=coordinator, role=Role.PARTNER, organization=organization
        )
    # 21 projects and the organization's own joining of the platform
    assert len(activity_page(subject=organization, viewer=None, page=1).object_list) == 20
    assert len(activity_page(subject=organization, viewer=None, page=2).object_list) == 2


def test_a_project_made_live_without_a_publication_still_dates_the_coordinators_item(client, team):
    """A page put live in code, with no publication recorded (as the demo once made its
    projects), has no publication date; the coordinator's page still shows, dated."""
    ProjectPage.objects.filter(pk=team.project.pk).update(
        first_published_at=None, last_published_at=None, latest_revision_created_at=None
    )
    [item] = items(team.coordinator)
    assert item.date == team.coordinator.date_joined
    response = client.get(team.coordinator.profile.get_absolute_url())
    assert response.status_code == 200
    assert "Тепловий пункт" in response.content.decode()


def test_a_coordinated_project_is_dated_by_its_first_publication(team):
    [item] = items(team.coordinator)
    team.project.refresh_from_db()
    assert item.date == team.project.first_published_at is not None
