"""The Wagtail admin's read-only lists of ideas and of reported comments, for moderators."""

from django.urls import reverse

import pytest

from ideas import services
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


@pytest.fixture
def reported(published_idea, supporter):
    comment = services.comment_add(
        idea=published_idea, author=factories.person(), body="Купуйте наші вікна"
    )
    return services.comment_report(comment=comment, reporter=supporter, reason="spam")


def test_moderators_see_the_ideas_and_the_open_reports(client, moderator, published_idea, reported):
    client.force_login(moderator)
    ideas = client.get(reverse("ideas_idea_modeladmin_index"))
    assert ideas.status_code == 200 and published_idea.title in ideas.content.decode()
    reports = client.get(reverse("ideas_commentreport_modeladmin_index"))
    assert reports.status_code == 200 and "Купуйте наші вікна" in reports.content.decode()
    inspect = client.get(reverse("ideas_idea_modeladmin_inspect", args=[published_idea.pk]))
    assert inspect.status_code == 200


def test_the_lists_cannot_be_written_to(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("ideas_idea_modeladmin_create")).status_code in (302, 403)


def test_staff_who_do_not_moderate_are_kept_out(client, district_authority, reported):
    client.force_login(district_authority)
    response = client.get(reverse("ideas_commentreport_modeladmin_index"))
    assert response.status_code in (302, 403)
    assert "Купуйте наші вікна" not in response.content.decode()
