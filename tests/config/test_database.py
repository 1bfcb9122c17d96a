"""The database takes concurrent writes: people posting at the same moment all get their write
stored, on SQLite too (WAL, a busy timeout and immediate transactions, see settings/base.py).

Threads need committed rows and a database every connection can open: the test settings give
SQLite a file, not Django's in-memory default. The serialized rollback puts back what
migrations created (groups, the home page) for the tests that follow."""

import threading

from django.conf import settings
from django.db import connection
from django.test import Client

import pytest

from experts.models import Answer, ExpertDirectoryPage, Question
from tests.experts.factories import CompetencyFactory, QuestionFactory, verified_expert

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EXPERTS = 6
QUESTIONS = 3


@pytest.fixture
def directory(home_page):
    page = ExpertDirectoryPage(title="Експерти", slug="experts")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_sqlite_is_configured_for_concurrent_writers():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the SQLite configuration")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_experts_answering_at_the_same_moment_all_get_their_answers_stored(directory):
    competency = CompetencyFactory()
    questions = [QuestionFactory(competency=competency) for _ in range(QUESTIONS)]
    urls = [directory.url + directory.reverse_subpage("question", args=[q.pk]) for q in questions]
    experts = [verified_expert(competency) for _ in range(EXPERTS)]
    clients = []
    for expert in experts:
        client = Client(raise_request_exception=False)
        client.force_login(expert.user)
        clients.append(client)
    barrier = threading.Barrier(EXPERTS)
    statuses = []

    def answer_every_question(client):
        try:
            barrier.wait(timeout=10)
            for url in urls:
                statuses.append(client.post(url, {"body": "Перевірте стояк опалення."}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer_every_question, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert statuses == [302] * (EXPERTS * QUESTIONS)
    assert Answer.objects.count() == EXPERTS * QUESTIONS
    assert sorted(Question.objects.values_list("answers_count", flat=True)) == [EXPERTS] * QUESTIONS
