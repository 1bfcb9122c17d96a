"""Fixtures of the experts app: its pages, a competency, and a project team ready to rate."""

from django.utils import translation

import pytest

from experts.models import ExpertDirectoryPage, ProjectIndexPage
from tests.experts.factories import CompetencyFactory, make_team


@pytest.fixture
def directory(home_page, english):
    """The expert directory, live under the Ukrainian home page."""
    page = ExpertDirectoryPage(title="Експерти", slug="experts", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def project_index(home_page, english):
    page = ProjectIndexPage(title="Проєкти", slug="projects", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def heating(db):
    return CompetencyFactory(
        slug="heating-engineer", name="Інженер-теплотехнік", name_en="Heating engineer"
    )


@pytest.fixture
def team(project_index, heating):
    return make_team(project_index, heating)


@pytest.fixture
def completed_team(team):
    team.complete()
    return team


@pytest.fixture
def in_english():
    """Service errors in English, so rule tests read the same in any catalogue state."""
    with translation.override("en"):
        yield
