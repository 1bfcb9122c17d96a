"""Fixtures of the ideas tests. Ideas are built with `tests/ideas/factories.py`."""

from django.core.cache import cache
from django.utils import translation

import pytest

from tests.ideas import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def messages_in_english():
    """For tests that read messages in their English source text, whatever the catalogues
    hold (`pytest.mark.usefixtures("messages_in_english")`)."""
    with translation.override("en"):
        yield


@pytest.fixture
def district(districts):
    return districts[0]


@pytest.fixture
def other_district(districts):
    return districts[1]


@pytest.fixture
def author(db):
    return factories.person(first_name="Олена", last_name="Коваль")


@pytest.fixture
def supporter(db):
    return factories.person()


@pytest.fixture
def unconfirmed(db):
    return factories.person(confirmed=False)


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def moderator(db):
    return factories.moderator()


@pytest.fixture
def district_authority(district):
    """A municipal body's staff account answering the ideas of `district` only."""
    return factories.authority(districts=[district])


@pytest.fixture
def make_idea(author, district):
    """`make_idea("published", supporters=3, threshold=5)`: an idea of `district` by `author`
    already in that state (pass district=None for a city-wide idea)."""

    def make(state="published", **fields):
        fields.setdefault("author", author)
        fields.setdefault("district", district)
        return factories.idea_in(state, **fields)

    return make


@pytest.fixture
def published_idea(make_idea):
    return make_idea("published")
