"""What the library keeps about a person can be exported and erased."""

import json

import pytest

from library import personal_data
from library.models import ArticleAuthor, ArticleStats, Contribution, Feedback
from library.services import GuideDraft, contribution_create, feedback_submit
from tests.library.factories import GuideFactory

pytestmark = pytest.mark.django_db

DRAFT = GuideDraft(title="Моя інструкція", summary="Коротко", steps=(("Крок", "Текст"),))


@pytest.fixture
def footprint(citizen, topic):
    """A proposal, a credit on a published guide, and a vote with a comment."""
    contribution = contribution_create(user=citizen, topic=topic, draft=DRAFT)
    guide = GuideFactory(parent=topic, title="Опублікована інструкція")
    ArticleAuthor.objects.create(page=guide, user=citizen)
    feedback_submit(page=guide, useful=True, comment="Мені допомогло", user=citizen)
    return contribution, guide


def test_every_model_with_personal_data_is_declared():
    assert set(personal_data.MODELS) == {
        "library.ArticleAuthor",
        "library.Contribution",
        "library.ContributionEvent",
        "library.Feedback",
    }


def test_the_export_holds_proposals_credits_and_feedback(citizen, footprint):
    export = personal_data.export_for(citizen)
    json.dumps(export)  # serialisable as it is
    assert export["contributions"][0]["title"] == "Моя інструкція"
    assert export["contributions"][0]["history"][0]["to"] == "in_review"
    assert {c["article"] for c in export["credits"]} >= {"Опублікована інструкція"}
    assert export["feedback"][0]["comment"] == "Мені допомогло"


def test_erasure_unlinks_the_person_and_keeps_the_counts(citizen, footprint):
    contribution, guide = footprint
    personal_data.erase_for(citizen)
    contribution.refresh_from_db()
    assert contribution.contributor is None
    assert not ArticleAuthor.objects.filter(user=citizen).exists()
    assert not Feedback.objects.filter(user=citizen).exists()
    stats = ArticleStats.objects.get(page=guide)
    assert (stats.useful_yes, stats.comment_count) == (1, 0)
    assert Feedback.objects.get(page=guide).comment == ""
    assert personal_data.export_for(citizen) == {"credits": [], "contributions": [], "feedback": []}


def test_an_erased_author_is_credited_as_a_former_participant(client, citizen, footprint):
    _, guide = footprint
    personal_data.erase_for(citizen)
    html = client.get(guide.url).content.decode()
    assert "Олена Коваль" not in html
    assert "Колишній учасник" in html


def test_a_proposal_survives_erasure_for_the_editors(citizen, footprint):
    personal_data.erase_for(citizen)
    assert Contribution.objects.get().page.draft_title == "Моя інструкція"
