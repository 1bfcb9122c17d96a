"""Fixtures of the library's tests: an index with topics, citizens and an editor."""

from django.contrib.auth.models import Group

import pytest

from library.services import library_index_prepare
from tests.factories import UserFactory
from tests.library.factories import LibraryIndexFactory, TopicFactory


@pytest.fixture
def library(home_page):
    index = LibraryIndexFactory(parent=home_page)
    library_index_prepare(index=index)
    return index


@pytest.fixture
def topic(library):
    return TopicFactory(parent=library, title="Двори", slug="dvory")


@pytest.fixture
def citizen(db):
    return UserFactory(email="olena@example.org", first_name="Олена", last_name="Коваль")


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.org", first_name="Оксана", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
