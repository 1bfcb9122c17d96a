"""Counters stay exact when readers answer at the same moment (PostgreSQL only)."""

import threading

from django.db import connection

import pytest

from library.models import ArticleStats, Feedback
from library.services import FeedbackError, feedback_submit
from tests.library.factories import GuideFactory

# Threads need committed rows. The serialized rollback puts back what migrations created
# (groups, the home page) for the tests that follow, as for the browser tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        try:
            barrier.wait()
            job()
        except FeedbackError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_answers_are_all_counted(on_postgres, topic):
    guide = GuideFactory(parent=topic)
    run_together(
        [
            lambda n=n: feedback_submit(page=guide, useful=n % 2 == 0, session_key=f"s{n}")
            for n in range(8)
        ]
    )
    stats = ArticleStats.objects.get(page=guide)
    assert (stats.useful_yes, stats.useful_no) == (4, 4)
    assert Feedback.objects.filter(page=guide).count() == 8


def test_the_same_browser_answering_twice_at_once_counts_once(on_postgres, topic):
    guide = GuideFactory(parent=topic)
    errors = run_together(
        [lambda: feedback_submit(page=guide, useful=True, session_key="same")] * 4
    )
    assert len(errors) == 3
    assert ArticleStats.objects.get(page=guide).useful_yes == 1
