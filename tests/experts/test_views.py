"""The forms behind the pages: thin views that call one service and redirect."""

import re

from django.utils import timezone

import pytest

from experts.models import CompetencyClaim, ExpertProfile, ProjectParticipant, Rating
from tests.experts.factories import rate, verified_expert
from tests.factories import UserFactory
from tests.refused_forms import assert_refused_on

pytestmark = pytest.mark.django_db


def route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


def test_a_resident_applies_to_be_an_expert_through_the_form(client, directory, heating):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        route(directory, "apply"),
        {
            "statement": "Налаштовую теплові пункти.",
            "credentials": "Інженер, 12 років.",
            "tags": "ІТП, балансування",
            "competency": heating.pk,
            "evidence": "Сертифікат № 77",
        },
    )
    profile = ExpertProfile.objects.get(user=user)
    assert response.status_code == 302
    assert response.url == route(directory, "expert", profile.pk)
    assert profile.claims.get().status == CompetencyClaim.Status.PENDING


def test_the_application_form_explains_what_is_missing(client, directory):
    client.force_login(UserFactory())
    html = client.get(route(directory, "apply")).content.decode()
    assert 'name="evidence"' in html
    response = client.post(route(directory, "apply"), {"statement": "Так"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_applying_needs_a_signed_in_person(client, directory):
    response = client.get(route(directory, "apply"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_coordinator_invites_an_expert_by_email_on_the_project_page(
    client, directory, team, heating
):
    expert = verified_expert(heating, email="new.expert@example.org")
    client.force_login(team.coordinator)
    client.post(
        route(team.project, "add_participant"),
        {
            "person-email": "New.Expert@example.org",
            "person-role": "expert",
            "person-competency": heating.pk,
            "person-title": "аудит",
        },
    )
    invitation = ProjectParticipant.objects.get(user=expert.user)
    assert invitation.state == ProjectParticipant.State.INVITED
    client.force_login(expert.user)
    client.post(route(team.project, "respond", invitation.pk), {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.is_accepted


def test_a_resident_cannot_manage_someone_elses_project(client, directory, team):
    client.force_login(team.resident)
    response = client.post(route(team.project, "transition"), {"to": "active"}, follow=True)
    team.project.refresh_from_db()
    assert team.project.status == "planned"
    assert "координатор" in response.content.decode()


def test_a_participant_rates_through_the_form(client, directory, completed_team):
    client.force_login(completed_team.resident)
    url = route(completed_team.project, "rate", completed_team.expert.user.pk)
    form = client.get(url).content.decode()
    assert form.count('type="radio"') == 20
    response = client.post(
        url,
        {"competence": 5, "usefulness": 4, "timeliness": 3, "communication": 5, "comment": ""},
    )
    assert response.status_code == 302
    assert Rating.objects.get().values()["timeliness"] == 3


def test_the_directory_sorts_by_recent_activity(client, directory, heating):
    older = verified_expert(heating, first_name="Давніша")
    newer = verified_expert(heating, first_name="Свіжіша")
    older.last_activity_on = timezone.localdate().replace(year=2020)
    newer.last_activity_on = timezone.localdate()
    older.save()
    newer.save()
    html = client.get(directory.url, {"sort": "activity"}).content.decode()
    names = re.findall(r'<h3><a href="[^"]*/experts/\d+/">([^<]+)</a></h3>', html)
    assert names.index("Свіжіша") < names.index("Давніша")


def test_a_report_on_a_rating_reaches_the_moderators(client, directory, completed_team):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user)
    client.force_login(completed_team.expert.user)
    client.post(route(completed_team.project, "flag", rating.pk), {"reason": "Це неправда"})
    assert rating.flags.get().reason == "Це неправда"


@pytest.mark.parametrize(
    "reason",
    [
        pytest.param("Оцінка не відповідає роботі. " * 40, id="over-long"),
        pytest.param("Це не\x00правда", id="nul-byte"),
        pytest.param("", id="empty"),
    ],
)
def test_a_refused_report_on_a_rating_shows_the_project_again_with_what_was_typed(
    client, directory, completed_team, reason
):
    rating = rate(completed_team, completed_team.resident, completed_team.expert.user)
    client.force_login(completed_team.expert.user)
    response = client.post(route(completed_team.project, "flag", rating.pk), {"reason": reason})
    shown = next(r for r in response.context["ratings"] if r.pk == rating.pk)
    assert_refused_on(response, shown.report_form, "reason", reason)
    assert '<details class="flag" open>' in response.content.decode()
    assert not rating.flags.exists()
