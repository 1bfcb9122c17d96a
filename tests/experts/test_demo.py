"""The experts part of the demo city (one test: building the city takes a while; the config
app's demo tests check that a second run changes nothing)."""

import pytest

from experts.models import Answer, Competency, ExpertProfile, ProjectPage, Question, Rating
from experts.reputation import recompute_all, reputation_snapshot
from experts.selectors.experts import experts_directory

pytestmark = pytest.mark.django_db


def test_the_demo_city_has_experts_projects_ratings_and_consultations(client, seeded_city):
    assert ExpertProfile.objects.count() >= 30
    assert Competency.objects.count() >= 10
    live = ProjectPage.objects.live().filter(locale__language_code="uk")
    assert live.count() >= 20
    assert set(live.values_list("status", flat=True)) == {"planned", "active", "completed"}
    assert Rating.objects.count() >= 100
    assert Question.objects.count() >= 20
    assert Answer.objects.filter(is_accepted=True).exists()
    # Reputations differ, and what the demo stored equals a recompute from scratch.
    assert len({round(expert.sort_score, 2) for expert in experts_directory()}) >= 10
    stored = reputation_snapshot()
    assert recompute_all() == 0
    assert reputation_snapshot() == stored
    for url in ["/experts/", "/en/experts/", "/projects/", "/en/projects/", "/experts/questions/"]:
        assert client.get(url).status_code == 200, url


def test_the_demo_projects_are_published_with_their_dates(seeded_city):
    """As an editor publishes them: a live revision and a first publication date, in both
    languages (a coordinator's page lists their projects by that date)."""
    projects = ProjectPage.objects.live()
    assert projects.count() >= 40
    assert not projects.filter(first_published_at__isnull=True).exists()
    assert not projects.filter(live_revision__isnull=True).exists()
