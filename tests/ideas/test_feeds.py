"""The RSS feed of ideas: new public ideas and the authority's answers, nobody's name."""

from django.test import Client

import pytest
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    root = ElementTree.fromstring(response.content)
    return [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]


def test_the_feed_lists_published_ideas_and_answers(make_idea):
    make_idea("published", title="New bench")
    make_idea("rejected", title="Car park", answer="There is no room for it.")
    response = Client().get("/en/ideas/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = [item["title"] for item in items(response)]
    assert "New bench" in titles
    assert "Car park" in titles
    assert any(t.startswith("Answer: Car park") for t in titles)
    answer = next(i for i in items(response) if i["title"].startswith("Answer:"))
    assert "There is no room for it." in answer["description"]
    assert answer["link"].endswith("#answer")


def test_drafts_and_hidden_ideas_are_not_in_the_feed(make_idea):
    make_idea("draft", title="Secret draft")
    make_idea("published", title="Hidden", hidden_at="2026-01-01T00:00:00Z")
    body = Client().get("/en/ideas/feed/").content.decode()
    assert "Secret draft" not in body and "Hidden" not in body


def test_the_feed_names_no_person_and_escapes_text(make_idea, author):
    idea = make_idea("published", title="<b>Bold</b> idea")
    idea.summary = "<script>x</script>"
    idea.save()
    body = Client().get("/en/ideas/feed/").content.decode()
    assert author.email not in body and "Коваль" not in body
    assert "<script>" not in body
    assert "<b>" not in body
