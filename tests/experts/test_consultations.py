"""Consultations: asking, notifying the right experts, answering, accepting, helpful marks,
search and rate limits."""

from django.core import mail

import pytest

from experts import services
from experts.errors import ConsultationError
from experts.models import Answer, CompetencyClaim, HelpfulMark, Question
from experts.selectors import questions_search
from profiles.models import NotificationSetting
from tests.experts.factories import (
    ClaimFactory,
    CompetencyFactory,
    QuestionFactory,
    verified_expert,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def asker(db):
    return UserFactory(first_name="Ганна")


def ask(asker, competency, title="Чому холодно в кутовій квартирі?"):
    return services.question_ask(
        asker=asker, competency=competency, title=title, body="Батареї гарячі, а в кімнаті 17."
    )


def test_experts_verified_in_the_competency_are_told_by_email(
    asker, heating, directory, django_capture_on_commit_callbacks
):
    first = verified_expert(heating, email="first@example.org")
    second = verified_expert(heating, email="second@example.org")
    pending = verified_expert(CompetencyFactory(), email="other@example.org")
    ClaimFactory(content_object=pending, tag=heating, status=CompetencyClaim.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(asker, heating)
    assert sorted(m.to[0] for m in mail.outbox) == [first.user.email, second.user.email]
    assert question.title in mail.outbox[0].body
    assert f"/experts/questions/{question.pk}/" in mail.outbox[0].body


def test_only_a_verified_expert_in_the_competency_can_answer(asker, heating):
    question = ask(asker, heating)
    stranger = verified_expert(CompetencyFactory())
    with pytest.raises(ConsultationError, match="Only experts verified"):
        services.answer_post(question=question, user=stranger.user, body="Не знаю")
    with pytest.raises(ConsultationError, match="Only experts verified"):
        services.answer_post(question=question, user=UserFactory(), body="Спробуйте так")


def test_an_expert_answers_a_question_once_and_the_asker_hears_of_it(
    asker, heating, directory, django_capture_on_commit_callbacks
):
    expert = verified_expert(heating)
    question = ask(asker, heating)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_post(question=question, user=expert.user, body="Перевірте стояк.")
    assert mail.outbox[0].to == [asker.email]
    with pytest.raises(ConsultationError, match="already answered"):
        services.answer_post(question=question, user=expert.user, body="Ще одна відповідь")
    question.refresh_from_db()
    assert question.answers_count == 1


def test_the_asker_accepts_one_answer_and_the_question_is_resolved(asker, heating):
    first, second = verified_expert(heating), verified_expert(heating)
    question = ask(asker, heating)
    answer = services.answer_post(question=question, user=first.user, body="Перша")
    other = services.answer_post(question=question, user=second.user, body="Друга")
    with pytest.raises(ConsultationError, match="Only the person who asked"):
        services.answer_accept(answer=answer, user=second.user)
    services.answer_accept(answer=answer, user=asker)
    question.refresh_from_db()
    assert question.status == Question.Status.RESOLVED
    with pytest.raises(ConsultationError, match="already accepted"):
        services.answer_accept(answer=other, user=asker)
    assert list(Answer.objects.filter(is_accepted=True)) == [answer]


def test_other_people_mark_an_answer_helpful_once_each(asker, heating):
    expert = verified_expert(heating)
    question = ask(asker, heating)
    answer = services.answer_post(question=question, user=expert.user, body="Перевірте стояк.")
    reader = UserFactory()
    services.answer_mark_helpful(answer=answer, user=reader)
    with pytest.raises(ConsultationError, match="already marked"):
        services.answer_mark_helpful(answer=answer, user=reader)
    with pytest.raises(ConsultationError, match="own answer"):
        services.answer_mark_helpful(answer=answer, user=expert.user)
    with pytest.raises(ConsultationError, match="accept the answer instead"):
        services.answer_mark_helpful(answer=answer, user=asker)
    answer.refresh_from_db()
    assert answer.helpful_count == 1 == HelpfulMark.objects.count()


def test_questions_are_found_by_any_word_in_any_case(heating):
    QuestionFactory(competency=heating, title="Опалення в кутовій квартирі", body="Холодно")
    QuestionFactory(competency=heating, title="Ремонт даху", body="Протікає")
    for query in ["опалення", "ОПАЛЕННЯ", "кутовій холодно"]:
        assert [q.title for q in questions_search(q=query)] == ["Опалення в кутовій квартирі"]


def test_questions_are_filtered_by_competency_and_district(heating, districts):
    QuestionFactory(competency=heating, district=districts[0], title="Перше")
    QuestionFactory(competency=heating, district=districts[1], title="Друге")
    QuestionFactory(title="Третє")
    found = questions_search(competency=heating, district=districts[1])
    assert [q.title for q in found] == ["Друге"]


def test_asking_is_rate_limited(client, directory, heating):
    client.force_login(UserFactory())
    url = directory.url + directory.reverse_subpage("ask")
    data = {"competency": heating.pk, "title": "Питання", "body": "Подробиці"}
    statuses = [client.post(url, data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert Question.objects.count() == 5


def test_the_question_page_lists_answers_and_offers_the_answer_form_to_experts(
    client, directory, asker, heating
):
    expert = verified_expert(heating)
    question = ask(asker, heating)
    url = directory.url + directory.reverse_subpage("question", args=[question.pk])
    client.force_login(expert.user)
    response = client.post(url, {"body": "Перевірте стояк опалення."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Перевірте стояк опалення." in page
    assert 'name="body"' not in page  # answered already: no second answer form


def test_an_expert_who_turned_question_emails_off_is_not_told(
    asker, heating, directory, django_capture_on_commit_callbacks
):
    keen = verified_expert(heating, email="keen@example.org")
    quiet = verified_expert(heating, email="quiet@example.org")
    NotificationSetting.objects.create(user=quiet.user, kind="experts.questions", wanted=False)
    with django_capture_on_commit_callbacks(execute=True):
        ask(asker, heating)
    assert [m.to[0] for m in mail.outbox] == [keen.user.email]
