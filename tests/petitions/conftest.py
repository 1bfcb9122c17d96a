"""Fixtures of the petitions tests: the index page, an authority, petitions in each state."""

from django.core.cache import cache

import pytest

from tests.factories import UserFactory
from tests.petitions.factories import AuthorityFactory, index_page, petition_in


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index(home_page):
    return index_page(home_page)


@pytest.fixture
def authority(db):
    return AuthorityFactory(name="Департамент транспорту", slug="transport")


@pytest.fixture
def creator(db):
    return UserFactory(email="creator@example.org", first_name="Олена", last_name="Коваль")


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(email="moderator@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def make_petition(index, authority, creator):
    """`make_petition("open", response_threshold=3)`: a petition already in that state."""

    def make(state="open", **fields):
        fields.setdefault("authority", authority)
        fields.setdefault("creator", creator)
        return petition_in(state, index=index, **fields)

    return make


@pytest.fixture
def open_petition(make_petition, districts):
    return make_petition("open")
