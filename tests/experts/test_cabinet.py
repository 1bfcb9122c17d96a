"""The full, paginated lists behind the cabinet's experts section: my projects, my ratings
and my consultations."""

from django.urls import reverse

import pytest

from experts import services
from experts.models import ProjectParticipant
from tests.experts.factories import QuestionFactory, rate, verified_expert
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["experts:my_projects", "experts:my_ratings", "experts:my_consultations"]


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_require_signing_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_projects_show_my_role_whether_i_am_listed_and_invitations_to_answer(
    client, directory, completed_team, heating, project_index
):
    newcomer = verified_expert(heating)
    invitation = services.participant_invite(
        project=completed_team.project,
        by=completed_team.coordinator,
        role=ProjectParticipant.Role.EXPERT,
        user=newcomer.user,
        competency=heating,
    )
    other = services.project_create(
        parent=project_index, title="Чужий проєкт", goal="Інше.", coordinator=UserFactory()
    )
    client.force_login(newcomer.user)
    body = client.get(reverse("experts:my_projects")).content.decode()
    assert "Тепловий пункт" in body and "Чужий проєкт" not in body
    assert "Експерт" in body and "чекає на вашу відповідь" in body
    assert f"participants/{invitation.pk}/respond/" in body
    assert other.title not in body

    client.force_login(completed_team.coordinator)
    body = client.get(reverse("experts:my_projects")).content.decode()
    assert "Проєкти, які я координую" in body and "Тепловий пункт" in body


def test_my_projects_are_paginated(client, directory, project_index):
    coordinator = UserFactory()
    for n in range(21):
        services.project_create(
            parent=project_index, title=f"Проєкт {n}", goal="Мета.", coordinator=coordinator
        )
    client.force_login(coordinator)
    first = client.get(reverse("experts:my_projects"))
    second = client.get(reverse("experts:my_projects"), {"coordinated": 2})
    assert len(first.context["coordinated"]["page"].object_list) == 20
    assert first.context["coordinated"]["page"].has_next()
    assert "?coordinated=2" in first.content.decode()
    assert len(second.context["coordinated"]["page"].object_list) == 1


def test_my_ratings_list_given_ones_with_hidden_marked_and_visible_received_ones(
    client, directory, completed_team
):
    team = completed_team
    kept = rate(team, team.resident, team.expert.user, (4, 4, 4, 4), "Добре попрацювала")
    hidden = rate(team, team.neighbour, team.expert.user, (1, 1, 1, 1), "Образливий відгук")
    hidden.is_hidden = True
    hidden.save(update_fields=["is_hidden"])

    client.force_login(team.neighbour)
    body = client.get(reverse("experts:my_ratings")).content.decode()
    assert "Олена Коваленко" in body and "приховано модератором" in body

    client.force_login(team.expert.user)
    response = client.get(reverse("experts:my_ratings"))
    body = response.content.decode()
    assert "Добре попрацювала" in body and "Образливий відгук" not in body
    assert list(response.context["received"]["page"]) == [kept]
    assert list(response.context["given"]["page"]) == []


def test_my_consultations_list_my_questions_and_answers_with_hidden_ones_marked(
    client, directory, heating
):
    expert = verified_expert(heating)
    mine = QuestionFactory(competency=heating, title="Моє питання")
    QuestionFactory(competency=heating, title="Чуже питання")
    hidden = QuestionFactory(
        asker=mine.asker, competency=heating, title="Приховане питання", is_hidden=True
    )
    services.answer_post(question=mine, user=expert.user, body="Перевірте стояк.")

    client.force_login(mine.asker)
    body = client.get(reverse("experts:my_consultations")).content.decode()
    assert "Моє питання" in body and "Чуже питання" not in body
    assert hidden.title in body and "приховано модератором" in body

    client.force_login(expert.user)
    response = client.get(reverse("experts:my_consultations"))
    assert [a.question for a in response.context["answers"]["page"]] == [mine]


def test_my_questions_are_paginated_apart_from_my_answers(client, directory, heating):
    asker = UserFactory()
    for n in range(21):
        QuestionFactory(asker=asker, competency=heating, title=f"Питання {n}")
    client.force_login(asker)
    first = client.get(reverse("experts:my_consultations"))
    second = client.get(reverse("experts:my_consultations"), {"questions": 2})
    assert len(first.context["questions"]["page"].object_list) == 20
    assert first.context["questions"]["page"].has_next()
    assert [q.title for q in second.context["questions"]["page"]] == ["Питання 0"]


def test_the_cabinet_links_to_the_full_lists(client, directory, completed_team, heating):
    team = completed_team
    rate(team, team.resident, team.expert.user)
    QuestionFactory(asker=team.resident, competency=heating)
    client.force_login(team.resident)
    body = client.get(reverse("account_cabinet")).content.decode()
    for name in PAGES:
        assert reverse(name) in body
