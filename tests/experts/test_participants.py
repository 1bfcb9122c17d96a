"""Who is listed on a project: the coordinator adds and removes people and organizations,
invited people accept or decline in their cabinet, and only accepted ones are public."""

from django.urls import reverse
from django.utils import translation

import pytest

from experts import services
from experts.errors import ProjectError, RatingError
from experts.models import ProjectParticipant
from profiles.models import Organization
from tests.experts.factories import rate, verified_expert
from tests.refused_forms import assert_refused_on

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
Role = ProjectParticipant.Role
State = ProjectParticipant.State


def route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


@pytest.fixture
def organization(db):
    return Organization.objects.create(
        name="ОСББ «Липова 7»", slug="lypova-7", kind="public_organization"
    )


@pytest.fixture
def newcomer(heating):
    return verified_expert(
        heating, email="newcomer@example.org", first_name="Богдан", last_name="Мельник"
    )


def invite(client, team, email, role="participant", competency=""):
    return client.post(
        route(team.project, "add_participant"),
        {
            "person-email": email,
            "person-role": role,
            "person-competency": competency,
            "person-title": "",
        },
    )


def test_the_owner_adds_an_organization_on_the_project_page(client, directory, team, organization):
    client.force_login(team.coordinator)
    client.post(
        route(team.project, "add_participant"),
        {"org-organization": organization.pk, "org-title": "співфінансування"},
    )
    partner = ProjectParticipant.objects.get(organization=organization)
    assert partner.role == Role.PARTNER and partner.is_accepted
    assert "ОСББ «Липова 7»" in client.get(team.project.url).content.decode()


def test_someone_who_does_not_own_the_project_cannot_add_participants(
    client, directory, team, newcomer
):
    client.force_login(team.resident)
    response = invite(client, team, "newcomer@example.org")
    assert response.status_code == 403
    assert not ProjectParticipant.objects.filter(user=newcomer.user).exists()


def test_the_service_refuses_a_non_owner_too(team, newcomer):
    with pytest.raises(ProjectError, match="coordinator"):
        services.participant_invite(
            project=team.project, by=team.resident, role=Role.PARTICIPANT, user=newcomer.user
        )


def test_an_unknown_email_is_explained_on_the_email_field_with_the_address_kept(
    client, directory, team
):
    client.force_login(team.coordinator)
    response = invite(client, team, "nobody@example.org")
    assert response.status_code == 200
    form = response.context["invite_form"]
    assert list(form.errors) == ["email"]
    page = response.content.decode()
    assert "На Спільно немає користувача з цією адресою." in page
    assert 'value="nobody@example.org"' in page
    assert ProjectParticipant.objects.filter(project=team.project).count() == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("title", "Енергоаудит і технагляд " * 10, id="over-long-title"),
        pytest.param("title", "енерго\x00аудит", id="nul-byte-title"),
        pytest.param("role", "", id="no-role"),
    ],
)
def test_a_refused_invitation_shows_the_project_again_with_what_was_typed(
    client, directory, team, newcomer, field, value
):
    client.force_login(team.coordinator)
    data = {
        "person-email": "newcomer@example.org",
        "person-role": "participant",
        "person-competency": "",
        "person-title": "аудит",
    }
    response = client.post(
        route(team.project, "add_participant"), data | {f"person-{field}": value}
    )
    assert_refused_on(response, response.context["invite_form"], field, value)
    assert 'value="newcomer@example.org"' in response.content.decode()
    assert not ProjectParticipant.objects.filter(user=newcomer.user).exists()


def test_an_organization_not_chosen_is_asked_for_with_the_title_kept(client, directory, team):
    client.force_login(team.coordinator)
    response = client.post(
        route(team.project, "add_participant"),
        {"org-organization": "", "org-title": "співфінансування"},
    )
    assert_refused_on(response, response.context["organization_form"], "organization")
    assert 'value="співфінансування"' in response.content.decode()
    assert not ProjectParticipant.objects.filter(role=Role.PARTNER).exists()


def test_a_refusal_by_the_service_shows_the_form_again_with_its_reason(
    client, directory, team, newcomer
):
    client.force_login(team.coordinator)
    response = invite(client, team, "newcomer@example.org", role="expert", competency="")
    assert response.status_code == 200
    form = response.context["invite_form"]
    assert form.non_field_errors()
    assert 'value="newcomer@example.org"' in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert not ProjectParticipant.objects.filter(user=newcomer.user).exists()


def test_an_invited_expert_is_not_public_until_they_accept_in_their_cabinet(
    client, directory, team, heating, newcomer
):
    client.force_login(team.coordinator)
    invite(client, team, "newcomer@example.org", role="expert", competency=heating.pk)
    invitation = ProjectParticipant.objects.get(user=newcomer.user)
    assert invitation.state == State.INVITED

    client.logout()
    assert "Богдан Мельник" not in client.get(team.project.url).content.decode()

    client.force_login(newcomer.user)
    cabinet = client.get(reverse("account_cabinet")).content.decode()
    assert team.project.title in cabinet
    assert route(team.project, "respond", invitation.pk) in cabinet
    client.post(route(team.project, "respond", invitation.pk), {"answer": "accept"})

    client.logout()
    assert "Богдан Мельник" in client.get(team.project.url).content.decode()


def test_a_declined_invitation_stays_private_and_the_expert_cannot_be_rated(
    client, directory, completed_team, heating, newcomer
):
    team = completed_team
    invitation = services.participant_invite(
        project=team.project,
        by=team.coordinator,
        role=Role.EXPERT,
        user=newcomer.user,
        competency=heating,
    )
    client.force_login(newcomer.user)
    client.post(route(team.project, "respond", invitation.pk), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.state == State.DECLINED
    client.logout()
    assert "Богдан Мельник" not in client.get(team.project.url).content.decode()
    with translation.override("en"), pytest.raises(RatingError, match="not listed as an expert"):
        rate(team, team.resident, newcomer.user)


def test_the_owner_removes_a_participant(client, directory, team):
    client.force_login(team.coordinator)
    listing = ProjectParticipant.objects.get(user=team.neighbour)
    client.post(route(team.project, "remove_participant", listing.pk))
    assert not ProjectParticipant.objects.filter(pk=listing.pk).exists()
    client.logout()
    assert "Оксана Ковальчук" not in client.get(team.project.url).content.decode()


def test_someone_else_cannot_remove_a_participant(client, directory, team):
    listing = ProjectParticipant.objects.get(user=team.neighbour)
    client.force_login(team.resident)
    response = client.post(route(team.project, "remove_participant", listing.pk))
    assert response.status_code == 403
    with translation.override("en"), pytest.raises(ProjectError, match="coordinator"):
        services.participant_remove(participant=listing, by=team.resident)
    assert ProjectParticipant.objects.filter(pk=listing.pk).exists()


def test_a_person_withdraws_their_own_listing(team):
    listing = ProjectParticipant.objects.get(user=team.neighbour)
    services.participant_remove(participant=listing, by=team.neighbour)
    assert not ProjectParticipant.objects.filter(pk=listing.pk).exists()


def test_someone_with_ratings_on_the_project_stays_listed(completed_team):
    team = completed_team
    rate(team, team.resident, team.expert.user)
    listing = ProjectParticipant.objects.get(user=team.expert.user)
    with pytest.raises(ProjectError, match="ratings on this project"):
        services.participant_remove(participant=listing, by=team.coordinator)
    assert ProjectParticipant.objects.filter(pk=listing.pk).exists()


def test_a_removed_expert_can_no_longer_be_rated(completed_team):
    team = completed_team
    listing = ProjectParticipant.objects.get(user=team.expert.user)
    services.participant_remove(participant=listing, by=team.coordinator)
    with pytest.raises(RatingError, match="not listed as an expert"):
        rate(team, team.resident, team.expert.user)
