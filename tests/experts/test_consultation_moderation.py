"""Moderating consultations: residents report a question or an answer, moderators hide or
restore it with a reason, and a hidden one leaves the pages, search and reputation."""

from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse
from django.utils import translation

import pytest

from experts import reputation, services
from experts.errors import ConsultationError
from experts.models import ConsultationFlag, ExpertProfile, ModerationAction, Question
from search.selectors import search_documents
from tests.experts.factories import verified_expert
from tests.factories import UserFactory
from tests.refused_forms import assert_refused_on

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the search index tasks) of what happens inside."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def moderator(db):
    user = UserFactory(is_staff=True, first_name="Марта", last_name="Модераторка")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def asker(db):
    return UserFactory(first_name="Ганна")


@pytest.fixture
def consultation(directory, heating, asker, committed):
    """A question with an accepted answer by a verified expert, indexed for search."""
    expert = verified_expert(heating, first_name="Олена", last_name="Коваленко")
    with committed():
        question = services.question_ask(
            asker=asker,
            competency=heating,
            title="Чому холодно в кутовій квартирі?",
            body="Батареї гарячі, а в кімнаті сімнадцять градусів.",
        )
        answer = services.answer_post(
            question=question, user=expert.user, body="Промийте стояк і утепліть кут ззовні."
        )
        services.answer_accept(answer=answer, user=asker)
    return question, answer, expert


def accepted_labels() -> tuple[str, str]:
    """The "answer accepted" badges of a question and of its answer, as the (Ukrainian)
    public pages show them."""
    with translation.override("uk"):
        return str(Question.Status.RESOLVED.label), translation.gettext("Accepted by the asker")


def found(query: str) -> list[str]:
    """The addresses search finds for a query."""
    return [hit.url for hit in search_documents(query=query).hits]


def test_a_resident_reports_a_question_once(consultation):
    question, _, _ = consultation
    reporter = UserFactory()
    services.question_flag(question=question, user=reporter, reason="Це реклама")
    with pytest.raises(ConsultationError, match="already reported"):
        services.question_flag(question=question, user=reporter, reason="Ще раз")
    assert ConsultationFlag.objects.get().resolution == ConsultationFlag.Resolution.OPEN


def test_a_report_needs_a_reason_and_a_signed_in_person(consultation):
    question, answer, _ = consultation
    with pytest.raises(ConsultationError, match="what is wrong"):
        services.answer_flag(answer=answer, user=UserFactory(), reason="  ")
    with pytest.raises(ConsultationError, match="Sign in"):
        services.question_flag(question=question, user=AnonymousUser(), reason="Спам")


def test_nobody_reports_what_they_wrote(consultation, asker):
    question, answer, expert = consultation
    with pytest.raises(ConsultationError, match="wrote yourself"):
        services.question_flag(question=question, user=asker, reason="Спам")
    with pytest.raises(ConsultationError, match="wrote yourself"):
        services.answer_flag(answer=answer, user=expert.user, reason="Спам")


def test_reporting_through_the_page_is_rate_limited(client, directory, consultation):
    question, answer, _ = consultation
    client.force_login(UserFactory())
    url = route(directory, "flag_answer", answer.pk)
    statuses = [client.post(url, {"reason": f"Спам {n}"}).status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    assert ConsultationFlag.objects.filter(answer=answer).count() == 1


def test_the_question_page_offers_the_report_forms(client, directory, consultation):
    question, answer, _ = consultation
    client.force_login(UserFactory())
    page = client.get(route(directory, "question", question.pk)).content.decode()
    assert route(directory, "flag_question", question.pk) in page
    assert route(directory, "flag_answer", answer.pk) in page


def test_a_moderator_hides_a_reported_answer_and_it_leaves_page_search_and_reputation(
    client, directory, consultation, moderator, committed
):
    question, answer, expert = consultation
    question_url = route(directory, "question", question.pk)
    assert "утепліть кут" in client.get(question_url).content.decode()
    assert found("стояк") == [question_url]
    assert ExpertProfile.objects.get(pk=expert.pk).accepted_answers_count == 1
    before = expert.reputation.get(competency=None, indicator="overall").answers_weight
    assert before > 0
    services.answer_flag(answer=answer, user=UserFactory(), reason="Небезпечна порада")

    with committed():
        services.answer_hide(answer=answer, by=moderator, reason="Небезпечна порада")

    assert "утепліть кут" not in client.get(question_url).content.decode()
    assert found("стояк") == []
    assert found("холодно") == [question_url]  # the question itself stays
    profile = ExpertProfile.objects.get(pk=expert.pk)
    assert profile.answers_count == profile.accepted_answers_count == 0
    assert not profile.reputation.filter(answers_weight__gt=0).exists()
    assert Question.objects.get(pk=question.pk).answers_count == 0
    assert ConsultationFlag.objects.get().resolution == ConsultationFlag.Resolution.HIDDEN


def test_restoring_an_answer_gives_its_reputation_back(
    directory, consultation, moderator, committed
):
    question, answer, expert = consultation
    weight = expert.reputation.get(competency=None, indicator="overall").answers_weight
    services.answer_hide(answer=answer, by=moderator, reason="Перевірка")
    with committed():
        services.answer_restore(answer=answer, by=moderator, reason="Порада слушна")
    assert expert.reputation.get(competency=None, indicator="overall").answers_weight == weight
    assert found("стояк") == [route(directory, "question", question.pk)]


def test_a_hidden_question_leaves_the_pages_search_and_its_answers_reputation(
    client, directory, consultation, moderator, committed
):
    question, _, expert = consultation
    question_url = route(directory, "question", question.pk)
    with committed():
        services.question_hide(question=question, by=moderator, reason="Персональні дані")

    assert client.get(question_url).status_code == 404
    assert "кутовій" not in client.get(route(directory, "questions")).content.decode()
    assert found("холодно") == []
    assert ExpertProfile.objects.get(pk=expert.pk).answers_count == 0
    assert not expert.reputation.filter(answers_weight__gt=0).exists()


def test_every_decision_is_logged_with_who_when_and_why(consultation, moderator):
    question, answer, _ = consultation
    services.answer_hide(answer=answer, by=moderator, reason="Образи")
    services.answer_restore(answer=answer, by=moderator)
    services.consultation_flags_dismiss(question=question, by=moderator, reason="Усе гаразд")
    log = list(ModerationAction.objects.order_by("pk"))
    assert [(e.action, e.moderator, e.reason) for e in log] == [
        ("hide", moderator, "Образи"),
        ("restore", moderator, ""),
        ("dismiss", moderator, "Усе гаразд"),
    ]
    assert log[0].answer == answer and log[2].question == question and log[0].created_at
    answer.refresh_from_db()
    assert not answer.is_hidden and answer.hidden_by is None


def test_hiding_needs_a_reason(consultation, moderator):
    question, _, _ = consultation
    with pytest.raises(ConsultationError, match="Say why"):
        services.question_hide(question=question, by=moderator, reason=" ")
    assert not Question.objects.get(pk=question.pk).is_hidden


def test_people_who_are_not_moderators_cannot_hide(client, consultation):
    question, answer, expert = consultation
    with pytest.raises(ConsultationError, match="Only moderators"):
        services.question_hide(question=question, by=expert.user, reason="Не подобається")
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(
        reverse("experts_answer_moderate", args=[answer.pk]), {"action": "hide", "reason": "x"}
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    answer.refresh_from_db()
    assert not answer.is_hidden and not ModerationAction.objects.exists()


def test_the_admin_queue_lists_reported_questions_first_and_hides_from_there(
    client, heating, consultation, moderator
):
    quiet = services.question_ask(
        asker=UserFactory(), competency=heating, title="Тихе питання", body="Без скарг."
    )
    question, _, _ = consultation
    services.question_flag(question=question, user=UserFactory(), reason="Спам")
    client.force_login(moderator)
    index = client.get(reverse("experts_question_modeladmin_index")).content.decode()
    assert index.index("Чому холодно") < index.index(quiet.title)
    inspect = client.get(reverse("experts_question_modeladmin_inspect", args=[question.pk]))
    assert reverse("experts_question_moderate", args=[question.pk]) in inspect.content.decode()
    client.post(
        reverse("experts_question_moderate", args=[question.pk]),
        {"action": "hide", "reason": "Реклама під виглядом питання"},
    )
    question.refresh_from_db()
    assert question.is_hidden and question.hidden_by == moderator
    assert question.hidden_reason == "Реклама під виглядом питання"
    log = client.get(reverse("experts_moderationaction_modeladmin_index")).content.decode()
    assert "Реклама під виглядом питання" in log


def test_a_resident_reports_a_question_from_its_page(client, directory, consultation):
    question, _, _ = consultation
    client.force_login(UserFactory())
    response = client.post(route(directory, "flag_question", question.pk), {"reason": "Реклама"})
    assert response.status_code == 302
    flag = ConsultationFlag.objects.get()
    assert flag.question == question and flag.reason == "Реклама"


REFUSED_REASONS = [
    pytest.param("Це реклама магазину котлів. " * 40, id="over-long"),
    pytest.param("Це рек\x00лама", id="nul-byte"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("reason", REFUSED_REASONS)
def test_a_refused_report_of_a_question_shows_the_page_again_with_what_was_typed(
    client, directory, consultation, reason
):
    question, _, _ = consultation
    client.force_login(UserFactory())
    response = client.post(route(directory, "flag_question", question.pk), {"reason": reason})
    assert_refused_on(response, response.context["question_report"], "reason", reason)
    assert '<details class="flag" open>' in response.content.decode()
    assert not ConsultationFlag.objects.exists()


@pytest.mark.parametrize("reason", REFUSED_REASONS)
def test_a_refused_report_of_an_answer_shows_it_again_beside_that_answer(
    client, directory, consultation, reason
):
    _, answer, _ = consultation
    client.force_login(UserFactory())
    response = client.post(route(directory, "flag_answer", answer.pk), {"reason": reason})
    shown = next(a for a in response.context["answers"] if a.pk == answer.pk)
    assert_refused_on(response, shown.report_form, "reason", reason)
    assert not response.context["question_report"].is_bound
    assert not ConsultationFlag.objects.exists()


def test_after_hiding_a_recompute_gives_the_same_numbers(consultation, moderator):
    question, answer, _ = consultation
    services.answer_hide(answer=answer, by=moderator, reason="Спам")
    stored = reputation.reputation_snapshot()
    reputation.recompute_all()
    reputation.counters_recompute()
    assert reputation.reputation_snapshot() == stored
    assert Question.objects.get(pk=question.pk).answers_count == 0


def test_a_hidden_answer_cannot_be_marked_helpful(client, directory, consultation, moderator):
    question, answer, _ = consultation
    services.answer_hide(answer=answer, by=moderator, reason="Небезпечна порада")
    reader = UserFactory()
    with pytest.raises(ConsultationError, match="no longer public"):
        services.answer_mark_helpful(answer=answer, user=reader)
    client.force_login(reader)
    client.post(route(directory, "helpful", answer.pk))
    answer.refresh_from_db()
    assert answer.helpful_count == 0 and not answer.helpful_marks.exists()


def test_an_answer_of_a_hidden_question_cannot_be_marked_helpful(consultation, moderator):
    question, answer, _ = consultation
    services.question_hide(question=question, by=moderator, reason="Персональні дані")
    answer.refresh_from_db()
    with pytest.raises(ConsultationError, match="no longer public"):
        services.answer_mark_helpful(answer=answer, user=UserFactory())
    assert not answer.helpful_marks.exists()


def test_a_mark_on_an_answer_hidden_after_the_page_was_loaded_is_refused(consultation, moderator):
    question, answer, _ = consultation
    loaded = type(answer).objects.select_related("question").get(pk=answer.pk)
    services.answer_hide(answer=answer, by=moderator, reason="Спам")
    with pytest.raises(ConsultationError, match="no longer public"):
        services.answer_mark_helpful(answer=loaded, user=UserFactory())
    assert not answer.helpful_marks.exists()


def test_hiding_the_accepted_answer_takes_the_accepted_badge_away(
    client, directory, consultation, moderator, committed
):
    question, answer, _ = consultation
    with committed():
        services.answer_hide(answer=answer, by=moderator, reason="Небезпечна порада")
    assert Question.objects.get(pk=question.pk).status == Question.Status.OPEN
    resolved, accepted = accepted_labels()
    page = client.get(route(directory, "question", question.pk)).content.decode()
    listing = client.get(route(directory, "questions")).content.decode()
    assert resolved not in page and accepted not in page
    assert question.title in listing and f">{resolved}</span>" not in listing
    resolved_only = client.get(route(directory, "questions"), {"status": "resolved"})
    assert question.title not in resolved_only.content.decode()


def test_after_the_accepted_answer_is_hidden_the_asker_may_accept_another(
    heating, consultation, moderator, asker
):
    question, answer, _ = consultation
    services.answer_hide(answer=answer, by=moderator, reason="Небезпечна порада")
    second = verified_expert(heating)
    other = services.answer_post(question=question, user=second.user, body="Викличте майстра.")
    services.answer_accept(answer=other, user=asker)
    assert Question.objects.get(pk=question.pk).status == Question.Status.RESOLVED
    services.answer_restore(answer=answer, by=moderator)
    assert list(question.answers.filter(is_accepted=True)) == [other]


def test_restoring_the_accepted_answer_brings_the_badge_back(
    client, directory, consultation, moderator
):
    question, answer, _ = consultation
    services.answer_hide(answer=answer, by=moderator, reason="Перевірка")
    services.answer_restore(answer=answer, by=moderator, reason="Порада слушна")
    assert Question.objects.get(pk=question.pk).status == Question.Status.RESOLVED
    resolved, accepted = accepted_labels()
    page = client.get(route(directory, "question", question.pk)).content.decode()
    assert resolved in page and accepted in page
