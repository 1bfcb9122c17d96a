"""Open data of ideas: every public idea as JSON and CSV, with no personal data."""

import csv
import io
import json

from django.test import Client

import pytest

from ideas.opendata import COLUMNS
from profiles.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas(make_idea, author, supporter):
    public = make_idea("published", title="Trees on Main St", topics=["green"], supporters=3)
    organization = Organization.objects.create(name="Green Neighbours", slug="green-n")
    make_idea("accepted", title="A playground", organization=organization)
    make_idea("draft", title="Unpublished draft")
    make_idea("published", title="Hidden idea", hidden_at="2026-01-01T00:00:00Z")
    return public


def test_json_has_every_public_idea_and_no_other(ideas):
    response = Client().get("/ideas/data/ideas.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    titles = {record["title"] for record in document["ideas"]}
    assert titles == {"Trees on Main St", "A playground"}
    record = next(r for r in document["ideas"] if r["title"] == "Trees on Main St")
    assert set(record) == set(COLUMNS)
    assert record["support_count"] == 4 and record["topics"] == ["green"]


def test_organizations_are_named_people_never(ideas, author, supporter):
    body = Client().get("/ideas/data/ideas.json").content.decode()
    assert "Green Neighbours" in body
    for person in (author, supporter):
        assert person.email not in body
        assert str(person.display_name) not in body
    assert "Коваль" not in body and "Олена" not in body
    assert "author" not in json.loads(body)["columns"]


def test_csv_has_the_same_records_and_disarms_formulas(make_idea):
    make_idea("published", title='=HYPERLINK("http://evil")')
    response = Client().get("/ideas/data/ideas.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == COLUMNS
    assert rows[1][COLUMNS.index("title")].startswith("'=")
