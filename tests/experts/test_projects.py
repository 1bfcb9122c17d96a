"""Projects: explicit states, milestones, and who is listed on them (and only with consent)."""

from django.core import mail

import pytest

from experts import services
from experts.errors import ProjectError
from experts.models import ProjectPage, ProjectParticipant
from profiles.models import Organization
from tests.experts.factories import CompetencyFactory, ExpertFactory, verified_expert
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Role = ProjectParticipant.Role
State = ProjectParticipant.State


def test_a_project_goes_planned_active_completed(team):
    assert team.project.status == ProjectPage.Status.PLANNED
    project = services.project_transition(project=team.project, to="active", by=team.coordinator)
    assert project.status == ProjectPage.Status.ACTIVE and project.started_on
    project = services.project_transition(project=project, to="completed", by=team.coordinator)
    assert project.status == ProjectPage.Status.COMPLETED and project.completed_on


@pytest.mark.parametrize(("start", "target"), [("planned", "completed"), ("completed", "active")])
def test_an_illegal_transition_is_refused(team, start, target):
    ProjectPage.objects.filter(pk=team.project.pk).update(status=start)
    with pytest.raises(ProjectError, match="cannot become"):
        services.project_transition(project=team.project, to=target, by=team.coordinator)
    team.project.refresh_from_db()
    assert team.project.status == start


def test_only_the_coordinator_moves_the_project_along(team):
    with pytest.raises(ProjectError, match="coordinator"):
        services.project_transition(project=team.project, to="active", by=team.resident)


def test_publishing_an_older_revision_keeps_the_projects_state(team):
    revision = team.project.latest_revision
    team.complete()
    revision.publish()
    team.project.refresh_from_db()
    assert team.project.status == ProjectPage.Status.COMPLETED


def test_the_coordinator_closes_a_milestone_of_an_active_project(team):
    milestone = team.project.milestones.first()
    with pytest.raises(ProjectError, match="active"):
        services.milestone_close(milestone=milestone, by=team.coordinator)
    services.project_transition(project=team.project, to="active", by=team.coordinator)
    services.milestone_close(milestone=milestone, by=team.coordinator)
    milestone.refresh_from_db()
    assert milestone.is_closed
    with pytest.raises(ProjectError, match="already closed"):
        services.milestone_close(milestone=milestone, by=team.coordinator)


def test_an_invited_expert_is_listed_only_after_accepting(
    team, heating, django_capture_on_commit_callbacks
):
    expert = verified_expert(heating)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.participant_invite(
            project=team.project,
            by=team.coordinator,
            role=Role.EXPERT,
            user=expert.user,
            competency=heating,
        )
    assert invitation.state == State.INVITED
    assert mail.outbox[0].to == [expert.user.email]
    services.participant_respond(participant=invitation, user=expert.user, accept=True)
    invitation.refresh_from_db()
    assert invitation.state == State.ACCEPTED


def test_an_invitee_can_decline_and_be_asked_again(team):
    person = UserFactory()
    invitation = services.participant_invite(
        project=team.project, by=team.coordinator, role=Role.PARTICIPANT, user=person
    )
    services.participant_respond(participant=invitation, user=person, accept=False)
    with pytest.raises(ProjectError, match="already been answered"):
        services.participant_respond(participant=invitation, user=person, accept=True)
    again = services.participant_invite(
        project=team.project, by=team.coordinator, role=Role.PARTICIPANT, user=person
    )
    assert again.pk == invitation.pk and again.state == State.INVITED


def test_only_the_invited_person_answers_an_invitation(team):
    person = UserFactory()
    invitation = services.participant_invite(
        project=team.project, by=team.coordinator, role=Role.PARTICIPANT, user=person
    )
    with pytest.raises(ProjectError, match="Only the invited person"):
        services.participant_respond(participant=invitation, user=team.resident, accept=True)


def test_only_the_coordinator_invites(team):
    with pytest.raises(ProjectError, match="coordinator"):
        services.participant_invite(
            project=team.project, by=team.resident, role=Role.PARTICIPANT, user=UserFactory()
        )


def test_an_expert_is_listed_only_in_a_competency_they_claim(team, heating):
    other = CompetencyFactory()
    expert = verified_expert(heating)
    with pytest.raises(ProjectError, match="not an expert"):
        services.participant_invite(
            project=team.project,
            by=team.coordinator,
            role=Role.EXPERT,
            user=expert.user,
            competency=other,
        )
    without_claims = ExpertFactory()
    with pytest.raises(ProjectError, match="not an expert"):
        services.participant_invite(
            project=team.project,
            by=team.coordinator,
            role=Role.EXPERT,
            user=without_claims.user,
            competency=heating,
        )


def test_an_organization_is_listed_as_a_partner_at_once(team):
    organization = Organization.objects.create(
        name="ГО «Зелене місто»", slug="zelene", kind="public_organization"
    )
    partner = services.participant_invite(
        project=team.project, by=team.coordinator, role=Role.PARTNER, organization=organization
    )
    assert partner.state == State.ACCEPTED


def test_a_person_is_listed_once_per_project(team):
    with pytest.raises(ProjectError, match="already listed"):
        services.participant_invite(
            project=team.project, by=team.coordinator, role=Role.PARTICIPANT, user=team.resident
        )
