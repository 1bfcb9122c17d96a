"""A citizen proposes a guide; editors review it in Wagtail; the citizen follows along.

The editors' side goes through the Wagtail admin's own workflow action view, as an editor's
browser would.
"""

import re

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from library.models import Contribution, ContributionError, GuidePage
from library.services import (
    CaseStudyDraft,
    GuideDraft,
    contribution_create,
    contribution_transition,
    contribution_update,
    contribution_withdraw,
)
from tests.factories import UserFactory
from tests.library.helpers import committed

pytestmark = pytest.mark.django_db

DRAFT = GuideDraft(
    title="Як встановити ліхтарі у дворі",
    summary="Що робити, коли у дворі темно.",
    tags=("освітлення", "двір"),
    steps=(("Зберіть підписи", "Підписи мешканців будинку."), ("Подайте заяву", "До ЖЕКу.")),
    time_needed="1 місяць",
    authority="Комунальне підприємство «Міськсвітло»",
    details="Ми зробили це у 2024 році.",
)


def propose(user, topic, draft=DRAFT) -> Contribution:
    with committed():
        return contribution_create(user=user, topic=topic, draft=draft)


def act_in_admin(client, editor, contribution, action, comment=""):
    """What an editor's click in the Wagtail admin sends."""
    task_state = contribution.page.current_workflow_task_state
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[contribution.page_id, action, task_state.pk]
    )
    with committed():
        response = client.post(url, {"comment": comment})
    client.logout()
    return response


def emails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_proposal_becomes_a_draft_page_in_the_chosen_topic(citizen, topic):
    contribution = propose(citizen, topic)
    page = contribution.page.specific
    assert isinstance(page, GuidePage)
    assert page.get_parent().pk == topic.pk
    assert not page.live
    assert page.owner == citizen
    assert page.slug == "yak-vstanovyty-likhtari-u-dvori"
    assert [step.value["title"] for step in page.steps] == ["Зберіть підписи", "Подайте заяву"]
    assert set(page.tags.names()) == {"освітлення", "двір"}


def test_a_proposal_enters_the_library_review_workflow(citizen, topic):
    contribution = propose(citizen, topic)
    state = contribution.page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Library contributions"
    assert contribution.state == Contribution.State.IN_REVIEW


def test_the_contributor_is_thanked_by_email_and_editors_are_told(citizen, editor, topic):
    propose(citizen, topic)
    to_citizen = emails_to(citizen.email)
    assert len(to_citizen) == 1
    assert "Як встановити ліхтарі у дворі" in to_citizen[0].subject
    assert emails_to(editor.email), "Wagtail tells the Editors group there is something to review"


def test_someone_without_a_confirmed_email_cannot_contribute(topic):
    unconfirmed = UserFactory(confirmed=False)
    with pytest.raises(PermissionDenied):
        propose(unconfirmed, topic)
    assert not GuidePage.objects.exists()


def test_credit_goes_only_to_an_organization_the_contributor_belongs_to(citizen, topic):
    from profiles.models import Organization

    stranger_org = Organization.objects.create(
        name="ОСББ «Сонячне»", slug="sonyachne", kind="condominium"
    )
    with pytest.raises(ContributionError):
        propose(citizen, topic, GuideDraft(**{**DRAFT.__dict__, "organization": stranger_org}))


def test_a_case_study_needs_problem_approach_and_outcome(citizen, topic):
    draft = CaseStudyDraft(title="Двір", summary="Коротко", problem="Ями", approach="", outcome="")
    with pytest.raises(ContributionError):
        propose(citizen, topic, draft)


def test_editor_requesting_changes_sends_the_comment_to_the_contributor(
    client, citizen, editor, topic
):
    contribution = propose(citizen, topic)
    mail.outbox.clear()
    response = act_in_admin(client, editor, contribution, "reject", "Додайте контакти КП.")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.CHANGES_REQUESTED
    assert contribution.editor_comment == "Додайте контакти КП."
    [email] = emails_to(citizen.email)
    assert "Додайте контакти КП." in email.body
    assert f"/contributions/{contribution.pk}/edit/" in email.body


def test_the_contributor_sees_the_comment_and_an_edit_link_in_their_account(
    client, citizen, editor, topic
):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "reject", "Додайте контакти КП.")
    client.force_login(citizen)
    html = client.get(reverse("account_cabinet")).content.decode()
    assert "Потрібні зміни" in html
    assert "Додайте контакти КП." in html
    assert f"/contributions/{contribution.pk}/edit/" in html


def test_the_contributor_edits_and_resubmits_from_the_public_side(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "reject", "Додайте контакти КП.")
    client.force_login(citizen)
    edit_url = f"{topic.get_parent().url}contributions/{contribution.pk}/edit/"
    form = client.get(edit_url)
    assert "Зберіть підписи" in form.content.decode(), "the form shows what was written"
    mail.outbox.clear()
    with committed():
        response = client.post(
            edit_url,
            {
                "title": DRAFT.title,
                "summary": DRAFT.summary,
                "tags": "освітлення, двір",
                "time_needed": "1 місяць",
                "authority": "КП «Міськсвітло», тел. 15-80",
                "prerequisites": "",
                "details": "Ми зробили це у 2024 році.",
                "steps-TOTAL_FORMS": "2",
                "steps-INITIAL_FORMS": "2",
                "steps-MIN_NUM_FORMS": "0",
                "steps-MAX_NUM_FORMS": "20",
                "steps-0-title": "Зберіть підписи",
                "steps-0-text": "Підписи мешканців будинку.",
                "steps-1-title": "Подайте заяву",
                "steps-1-text": "До КП «Міськсвітло».",
            },
        )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.IN_REVIEW
    assert contribution.editor_comment == ""
    latest = contribution.page.specific.get_latest_revision_as_object()
    assert latest.authority_note == "КП «Міськсвітло», тел. 15-80"
    assert contribution.page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    [email] = emails_to(citizen.email)
    assert "знову в редакторів" in email.subject


def test_every_revision_is_kept(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "reject", "Уточніть.")
    contribution_update(contribution=contribution, user=citizen, draft=DRAFT)
    assert contribution.page.revisions.count() == 2


def test_editor_approval_publishes_the_page_and_emails_a_link(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    mail.outbox.clear()
    act_in_admin(client, editor, contribution, "approve")
    contribution.refresh_from_db()
    page = contribution.page.specific
    assert page.live
    assert contribution.state == Contribution.State.PUBLISHED
    [email] = emails_to(citizen.email)
    assert page.url in email.body


def test_a_published_contribution_credits_its_author_and_shows_when_it_was_reviewed(
    client, citizen, editor, topic
):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "approve")
    page = contribution.page.specific
    html = client.get(page.url).content.decode()
    assert "Олена Коваль" in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}"', html)
    assert "Комунальне підприємство «Міськсвітло»" in html


def test_editor_final_rejection_records_the_reason_and_ends_the_review(
    client, citizen, editor, topic
):
    contribution = propose(citizen, topic)
    mail.outbox.clear()
    response = act_in_admin(client, editor, contribution, "decline", "Це реклама підрядника.")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.REJECTED
    assert contribution.editor_comment == "Це реклама підрядника."
    assert not contribution.page.live
    assert contribution.page.current_workflow_state is None
    [email] = emails_to(citizen.email)
    assert "Це реклама підрядника." in email.body


def test_a_final_rejection_needs_a_reason(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "decline", "")
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.IN_REVIEW


def test_rejected_and_changes_requested_read_differently_in_the_account(
    client, citizen, editor, topic
):
    first = propose(citizen, topic)
    second = propose(citizen, topic, GuideDraft(**{**DRAFT.__dict__, "title": "Друга ідея"}))
    act_in_admin(client, editor, first, "reject", "Уточніть адресу.")
    act_in_admin(client, editor, second, "decline", "Не про наше місто.")
    client.force_login(citizen)
    html = client.get(reverse("account_cabinet")).content.decode()
    assert html.count("/edit/") == 1, "only the one waiting for changes can be edited"
    assert "Не про наше місто." in html


def test_only_the_contributor_may_edit_their_proposal(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "reject", "Уточніть.")
    neighbour = UserFactory()
    client.force_login(neighbour)
    url = f"{topic.get_parent().url}contributions/{contribution.pk}/edit/"
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        contribution_update(contribution=contribution, user=neighbour, draft=DRAFT)


def test_a_proposal_in_review_cannot_be_edited(citizen, topic):
    contribution = propose(citizen, topic)
    with pytest.raises(ContributionError):
        contribution_update(contribution=contribution, user=citizen, draft=DRAFT)


def test_the_contributor_can_withdraw_before_a_decision(citizen, topic):
    contribution = propose(citizen, topic)
    contribution_withdraw(contribution=contribution, user=citizen)
    assert contribution.state == Contribution.State.WITHDRAWN
    assert contribution.page.current_workflow_state is None


def test_an_illegal_step_is_refused(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "approve")
    contribution.refresh_from_db()
    with pytest.raises(ContributionError):
        contribution_transition(
            contribution=contribution, to_state=Contribution.State.IN_REVIEW, actor=citizen
        )


def test_a_later_editorial_review_of_a_published_page_leaves_the_contribution_alone(
    client, citizen, editor, topic
):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "approve")
    page = contribution.page.specific
    page.save_revision(user=editor)
    from library.services.contributions import library_workflow

    library_workflow().start(page, editor)
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.PUBLISHED


def test_an_editor_publishing_directly_publishes_the_contribution(citizen, editor, topic):
    contribution = propose(citizen, topic)
    mail.outbox.clear()
    with committed():
        contribution.page.specific.get_latest_revision().publish(user=editor)
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.PUBLISHED, "not a withdrawal"
    assert contribution.page.current_workflow_state is None
    [email] = emails_to(citizen.email)
    assert "опубліковано" in email.subject


def test_an_approval_with_a_comment_passes_the_comment_on(client, citizen, editor, topic):
    contribution = propose(citizen, topic)
    act_in_admin(client, editor, contribution, "approve", "Дякуємо, додали фото двору.")
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.PUBLISHED
    assert contribution.editor_comment == "Дякуємо, додали фото двору."
    assert contribution.events.last().actor == editor
