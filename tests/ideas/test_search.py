"""Ideas in the one search box: public ones are found, drafts and hidden ones never, and the
document names nobody."""

from django.test import Client

import pytest

from ideas.models import Idea
from search.models import SearchDocument
from search.services import index_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_engine(settings):
    settings.SEARCH_ENGINE = "database"


def test_a_public_idea_is_found_in_the_search_box(make_idea):
    idea = make_idea("published", title="Фонтан у парку Шевченка", topics=["вода"])
    index_rebuild(only=["ideas.idea"])
    assert SearchDocument.objects.filter(source="ideas.idea").count() == 1
    response = Client().get("/search/", {"q": "фонтан"})
    assert response.status_code == 200
    body = response.content.decode()
    assert idea.get_absolute_url() in body
    assert "у парку Шевченка" in body


def test_drafts_and_hidden_ideas_are_not_indexed(make_idea):
    make_idea("draft", title="Draft fountain")
    make_idea("published", title="Hidden fountain", hidden_at="2026-01-01T00:00:00Z")
    index_rebuild(only=["ideas.idea"])
    assert not SearchDocument.objects.filter(source="ideas.idea").exists()


def test_hiding_an_idea_removes_its_document(make_idea, django_capture_on_commit_callbacks):
    idea = make_idea("published", title="Fountain to hide")
    index_rebuild(only=["ideas.idea"])
    assert SearchDocument.objects.filter(source="ideas.idea").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        idea.hidden_at = idea.published_at
        idea.save()
    assert not SearchDocument.objects.filter(source="ideas.idea").exists()


def test_the_document_names_no_person(make_idea, author):
    make_idea("published", title="Benches")
    index_rebuild(only=["ideas.idea"])
    document = SearchDocument.objects.get(source="ideas.idea")
    text = " ".join([document.title, document.summary, document.body])
    assert "Коваль" not in text and author.email not in text
    assert document.type == "idea" and document.popularity == Idea.objects.get().support_count
