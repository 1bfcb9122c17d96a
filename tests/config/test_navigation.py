"""The main menu is cached, so every page does not rebuild it; editors' changes still show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from config.navigation import menu_changed
from petitions.models import PetitionIndexPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def menu_titles(client, url="/"):
    return [item["title"] for item in client.get(url).context["main_menu"]]


def draft_section(home_page, title="Петиції"):
    section = PetitionIndexPage(title=title, slug="petitions", show_in_menus=True, live=False)
    home_page.add_child(instance=section)
    return section


def test_a_published_page_appears_in_the_menu(client, home_page):
    section = draft_section(home_page)
    assert "Петиції" not in menu_titles(client)

    section.save_revision().publish()

    assert "Петиції" in menu_titles(client)


def test_an_unpublished_page_leaves_the_menu(client, home_page):
    section = draft_section(home_page)
    section.save_revision().publish()
    assert "Петиції" in menu_titles(client)

    section.refresh_from_db()
    section.unpublish()

    assert "Петиції" not in menu_titles(client)


def test_a_renamed_page_is_shown_with_its_new_title(client, home_page):
    section = draft_section(home_page)
    section.save_revision().publish()
    assert "Петиції" in menu_titles(client)

    section.title = "Звернення"
    section.save_revision().publish()

    assert menu_titles(client) == ["Звернення"]


def test_a_deleted_page_leaves_the_menu(client, home_page):
    section = draft_section(home_page)
    section.save_revision().publish()
    assert "Петиції" in menu_titles(client)

    section.delete()

    assert "Петиції" not in menu_titles(client)


def test_the_current_section_is_marked_whatever_page_built_the_menu(client, home_page):
    draft_section(home_page).save_revision().publish()
    assert [item["active"] for item in client.get("/").context["main_menu"]] == [False]

    menu = client.get("/petitions/").context["main_menu"]

    assert [item["active"] for item in menu] == [True]


def test_the_menu_is_built_once_not_on_every_page(client, home_page):
    draft_section(home_page).save_revision().publish()
    # Signed in, so every request renders (anonymous ones are served from the shared cache).
    client.force_login(UserFactory())
    client.get("/")
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    menu_changed()
    with CaptureQueriesContext(connection) as rebuilt:
        client.get("/")

    assert len(rebuilt) > len(first)
