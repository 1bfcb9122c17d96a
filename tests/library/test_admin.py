"""The library in the Wagtail admin: editors follow contributions and reader feedback."""

from django.urls import reverse

import pytest

from library.services import GuideDraft, contribution_create

pytestmark = pytest.mark.django_db


def test_editors_see_contributions_and_where_each_stands(client, citizen, editor, topic):
    contribution_create(
        user=citizen,
        topic=topic,
        draft=GuideDraft(title="Як посадити дерево", summary="Коротко", steps=(("Крок", "Так"),)),
    )
    client.force_login(editor)
    html = client.get(reverse("library_admin:contributions")).content.decode()
    assert "Як посадити дерево" in html
    assert "На розгляді" in html


def test_the_reports_are_in_the_editors_menu(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_reports:aging_pages")).content.decode()
    assert reverse("library_admin:feedback") in html
    assert reverse("library_admin:contributions") in html


def test_the_reject_action_is_offered_to_editors_only(citizen, editor, topic):
    contribution = contribution_create(
        user=citizen,
        topic=topic,
        draft=GuideDraft(title="Як посадити дерево", summary="Коротко", steps=(("Крок", "Так"),)),
    )
    task = contribution.page.current_workflow_task
    assert [name for name, *_ in task.get_actions(contribution.page, editor)] == [
        "reject",
        "decline",
        "approve",
        "approve",
    ]
    assert task.get_actions(contribution.page, citizen) == []


def test_a_new_library_index_enters_the_review_workflow(library):
    assert library.get_workflow().name == "Library contributions"
