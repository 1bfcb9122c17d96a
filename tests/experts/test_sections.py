"""The experts' blocks on the home page and in the personal cabinet."""

import pytest

from experts import services
from experts.models import ProjectParticipant
from tests.experts.factories import QuestionFactory, rate, verified_expert
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_trusted_experts_and_answered_questions(
    client, directory, completed_team, heating
):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 5, 5, 4))
    question = QuestionFactory(competency=heating, title="Як утеплити горище?")
    answer = services.answer_post(question=question, user=completed_team.expert.user, body="Так")
    services.answer_accept(answer=answer, user=question.asker)
    html = client.get("/").content.decode()
    assert "Олена Коваленко" in html
    assert "Як утеплити горище?" in html


def test_the_home_page_has_no_experts_block_before_the_directory_exists(client, db):
    assert "home-experts" not in client.get("/").content.decode()


def test_the_cabinet_lists_invitations_ratings_to_give_and_consultations(
    client, directory, completed_team, heating
):
    newcomer = verified_expert(heating)
    services.participant_invite(
        project=completed_team.project,
        by=completed_team.coordinator,
        role=ProjectParticipant.Role.EXPERT,
        user=newcomer.user,
        competency=heating,
    )
    client.force_login(newcomer.user)
    html = client.get("/account/").content.decode()
    assert "Запрошення до проєктів" in html and "Тепловий пункт" in html

    client.force_login(completed_team.resident)
    html = client.get("/account/").content.decode()
    assert "Оцінити: Олена Коваленко, проєкт «Тепловий пункт»" in html


def test_the_cabinet_shows_ratings_given_and_received(client, directory, completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (4, 4, 4, 4), "Добре")
    client.force_login(completed_team.expert.user)
    html = client.get("/account/").content.decode()
    assert "Оцінки, які я отримав(-ла)" in html and "Добре" in html
    client.force_login(completed_team.resident)
    assert "Оцінки, які я дав(-ла)" in client.get("/account/").content.decode()


def test_a_person_without_expertise_is_invited_to_become_an_expert(client, directory):
    client.force_login(UserFactory())
    assert "Стати експертом" in client.get("/account/").content.decode()
