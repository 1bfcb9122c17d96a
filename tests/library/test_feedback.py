""" "Was this useful?": one answer per person or browser, rate-limited, reported to editors."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from library.models import ArticleStats, Feedback
from library.services import FeedbackError, feedback_submit
from tests.factories import UserFactory
from tests.library.factories import GuideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(topic):
    return GuideFactory(parent=topic, title="Як читати бюджет міста")


def answer(client, page, useful="yes", comment="", **extra):
    return client.post(f"{page.url}feedback/", {"useful": useful, "comment": comment, **extra})


def test_a_reader_says_a_page_was_useful_and_leaves_a_comment(client, guide):
    response = answer(client, guide, "yes", "Дуже допомогло з програмною класифікацією.")
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.useful is True
    assert feedback.comment == "Дуже допомогло з програмною класифікацією."
    stats = ArticleStats.objects.get(page=guide)
    assert (stats.useful_yes, stats.useful_no, stats.comment_count) == (1, 0, 1)


def test_a_browser_answers_once_per_page(client, guide):
    answer(client, guide, "yes")
    answer(client, guide, "no")
    assert Feedback.objects.count() == 1
    assert ArticleStats.objects.get(page=guide).useful_no == 0


def test_a_signed_in_person_answers_once_whatever_the_browser(guide):
    person = UserFactory()
    first, second = Client(), Client()
    first.force_login(person)
    second.force_login(person)
    answer(first, guide, "yes")
    answer(second, guide, "no")
    assert Feedback.objects.count() == 1


def test_different_browsers_answer_separately(guide):
    answer(Client(), guide, "yes")
    answer(Client(), guide, "no")
    stats = ArticleStats.objects.get(page=guide)
    assert (stats.useful_yes, stats.useful_no) == (1, 1)


def test_the_voter_is_stored_only_as_a_keyed_hash(client, guide):
    answer(client, guide, "yes")
    feedback = Feedback.objects.get()
    assert len(feedback.voter) == 64
    assert client.session.session_key not in feedback.voter


def test_the_page_thanks_a_reader_who_has_answered(client, guide):
    answer(client, guide, "yes")
    html = client.get(guide.url).content.decode()
    assert 'name="useful"' not in html


def test_an_over_long_comment_is_shown_again_with_its_own_error(client, guide):
    comment = "Дуже довгий відгук. " * 60
    response = answer(client, guide, "yes", comment)
    assert response.status_code == 200
    form = response.context["feedback_form"]
    assert list(form.errors) == ["comment"]
    html = response.content.decode()
    assert comment.strip() in html
    assert re.search(r'value="yes"[^>]* checked', html)
    assert not Feedback.objects.exists()


def test_a_comment_with_a_nul_byte_is_refused_on_the_comment_not_the_choice(client, guide):
    response = answer(client, guide, "no", "Бракує\x00 прикладу")
    assert response.status_code == 200
    assert list(response.context["feedback_form"].errors) == ["comment"]
    assert not Feedback.objects.exists()


def test_no_choice_is_asked_for_with_the_comment_kept(client, guide):
    response = client.post(f"{guide.url}feedback/", {"comment": "Бракує прикладу."})
    assert response.status_code == 200
    assert list(response.context["feedback_form"].errors) == ["useful"]
    assert "Бракує прикладу." in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_filled_honeypot_is_not_counted(client, guide):
    answer(client, guide, "yes", website="http://spam.example")
    assert not Feedback.objects.exists()


def test_answers_are_rate_limited_per_address(guide):
    statuses = [answer(Client(), guide, "yes").status_code for _ in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert Feedback.objects.count() == 10


def test_the_score_stays_hidden_until_five_readers_answered(client, guide):
    for n in range(4):
        feedback_submit(page=guide, useful=True, session_key=f"session-{n}")
    html = client.get(guide.url).content.decode()
    assert "100%" not in html
    feedback_submit(page=guide, useful=False, session_key="session-5")
    html = client.get(guide.url).content.decode()
    assert "80%" in html


def test_a_page_that_is_not_published_takes_no_feedback(guide):
    guide.unpublish()
    with pytest.raises(FeedbackError):
        feedback_submit(page=guide, useful=True, session_key="abc")


def test_editors_see_each_page_score_and_the_comments(client, editor, guide):
    feedback_submit(page=guide, useful=True, comment="Бракує прикладу.", session_key="a")
    feedback_submit(page=guide, useful=False, session_key="b")
    client.force_login(editor)
    report = client.get(reverse("library_admin:feedback")).content.decode()
    assert "Як читати бюджет міста" in report
    assert "50%" in report
    comments = client.get(reverse("library_admin:comments"), {"page": guide.pk}).content.decode()
    assert "Бракує прикладу." in comments


def test_readers_cannot_open_the_feedback_report(client, citizen, guide):
    client.force_login(citizen)
    response = client.get(reverse("library_admin:feedback"))
    assert response.status_code in (302, 403)
    assert "Як читати бюджет міста" not in response.content.decode()


def test_a_read_is_counted_once_per_visitor(client, guide):
    client.get(guide.url)
    client.get(guide.url)
    Client(REMOTE_ADDR="203.0.113.7").get(guide.url)
    assert ArticleStats.objects.get(page=guide).read_count == 2


def test_reads_from_one_address_count_per_browser_session(guide):
    first, second = Client(), Client()
    for browser in (first, second):
        browser.session.save()  # both have a session cookie, e.g. after signing in
        browser.cookies["sessionid"] = browser.session.session_key
    first.get(guide.url)
    second.get(guide.url)
    assert ArticleStats.objects.get(page=guide).read_count == 2
