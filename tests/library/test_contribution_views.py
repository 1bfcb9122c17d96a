"""The public contribution forms."""

from django.urls import reverse

import pytest

from library.models import Contribution
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def guide_form(topic, **overrides):
    data = {
        "topic": str(topic.pk),
        "title": "Як подати петицію до міськради",
        "summary": "Коротко про електронні петиції.",
        "tags": "петиції",
        "time_needed": "3 місяці",
        "authority": "Міська рада",
        "prerequisites": "- Електронний підпис\n- 250 прихильників",
        "details": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "20",
        "steps-0-title": "Сформулюйте вимогу",
        "steps-0-text": "Одна вимога — одна петиція.",
        "steps-1-title": "Зберіть підписи",
        "steps-1-text": "",
        "steps-2-title": "",
        "steps-2-text": "",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_asked_to_sign_in(client, library):
    response = client.get(f"{library.url}contribute/guide/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_unconfirmed_email_is_asked_to_confirm_first(client, library):
    client.force_login(UserFactory(confirmed=False))
    response = client.get(f"{library.url}contribute/", follow=True)
    assert reverse("account_email") in response.content.decode()


def test_the_form_lists_the_library_topics(client, citizen, topic):
    client.force_login(citizen)
    html = client.get(f"{topic.get_parent().url}contribute/guide/").content.decode()
    assert "Двори" in html
    assert 'name="steps-0-title"' in html


def test_posting_the_guide_form_creates_the_contribution(client, citizen, topic):
    client.force_login(citizen)
    response = client.post(f"{topic.get_parent().url}contribute/guide/", guide_form(topic))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    page = contribution.page.specific
    assert page.title == "Як подати петицію до міськради"
    assert len(page.steps) == 2, "blank step rows are ignored"
    assert page.prerequisites == "<ul><li>Електронний підпис</li><li>250 прихильників</li></ul>"


def test_a_guide_without_steps_is_sent_back_with_an_error(client, citizen, topic):
    client.force_login(citizen)
    response = client.post(
        f"{topic.get_parent().url}contribute/guide/",
        guide_form(topic, **{"steps-0-title": "", "steps-0-text": "", "steps-1-title": ""}),
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Contribution.objects.exists()


def test_add_another_step_adds_a_row_without_submitting(client, citizen, topic):
    client.force_login(citizen)
    response = client.post(
        f"{topic.get_parent().url}contribute/guide/", {**guide_form(topic), "add_step": "1"}
    )
    assert 'name="steps-3-title"' in response.content.decode()
    assert not Contribution.objects.exists()


def test_markup_typed_by_a_citizen_is_escaped(client, citizen, topic):
    client.force_login(citizen)
    client.post(
        f"{topic.get_parent().url}contribute/guide/",
        guide_form(topic, **{"steps-0-text": '<img src="file:///etc/passwd"><script>x</script>'}),
    )
    page = Contribution.objects.get().page.specific
    text = page.steps[0].value["text"].source
    assert "<img" not in text and "<script" not in text
    assert "&lt;img" in text


def test_posting_the_case_study_form_creates_the_contribution(client, citizen, topic, districts):
    client.force_login(citizen)
    response = client.post(
        f"{topic.get_parent().url}contribute/case_study/",
        {
            "topic": str(topic.pk),
            "title": "Пандус у школі №5",
            "summary": "Як батьки домоглися пандуса.",
            "problem": "Не було пандуса.",
            "approach": "Звернення до управління освіти.",
            "outcome": "Пандус є.",
            "district": str(districts[1].pk),
            "year": "2023",
            "cost": "85000",
        },
    )
    assert response.status_code == 302
    page = Contribution.objects.get().page.specific
    assert page.district == districts[1]
    assert page.cost == 85000


def test_an_unknown_kind_is_not_found(client, citizen, library):
    client.force_login(citizen)
    assert client.get(f"{library.url}contribute/poem/").status_code == 404


def test_proposals_are_rate_limited(client, citizen, topic):
    client.force_login(citizen)
    url = f"{topic.get_parent().url}contribute/guide/"
    statuses = [client.post(url, {"add_step": "1"}).status_code for _ in range(11)]
    assert statuses[-1] == 429


@pytest.mark.parametrize("junk", ["abc", "", "-5", "1" * 5000, "10000000000000000000"])
def test_adding_a_step_with_a_junk_step_count_is_sent_back_with_an_error(
    client, citizen, topic, junk
):
    client.force_login(citizen)
    response = client.post(
        f"{topic.get_parent().url}contribute/guide/",
        {**guide_form(topic, **{"steps-TOTAL_FORMS": junk}), "add_step": "1"},
    )
    assert response.status_code == 200
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("junk", ["abc", "1" * 5000, "\x00"])
def test_a_guide_with_a_junk_step_count_is_sent_back_with_an_error(client, citizen, topic, junk):
    client.force_login(citizen)
    response = client.post(
        f"{topic.get_parent().url}contribute/guide/",
        guide_form(topic, **{"steps-TOTAL_FORMS": junk}),
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Contribution.objects.exists()
