"""The main menu: groups named for what people do, items that follow the page tree or an app's
URL, and a cache that editors' changes still get through."""

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page

import pytest

from config import navigation
from config.navigation import NAVIGATION, Group, PageItem, UrlItem, menu_changed
from experts.models import ExpertDirectoryPage
from petitions.models import PetitionIndexPage
from profiles.models import DirectoryPage
from tests.factories import UserFactory
from tests.library.factories import LibraryIndexFactory, TopicFactory

pytestmark = pytest.mark.django_db


def menu(client, url="/"):
    return client.get(url).context["main_menu"]


def groups_of(built: list[dict]) -> dict:
    return {group["key"]: group for group in built}


def groups(client, url="/"):
    return groups_of(menu(client, url))


def menu_titles(client, url="/"):
    return [item["title"] for group in menu(client, url) for item in group["items"]]


def urls(built: dict, key: str) -> list[str]:
    return [item["url"] for item in built[key]["items"]] if key in built else []


def draft_section(home_page, title="Петиції"):
    section = PetitionIndexPage(title=title, slug="petitions", show_in_menus=True, live=False)
    home_page.add_child(instance=section)
    return section


def published(home_page, page):
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


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

    assert [item["title"] for item in groups(client)["decide"]["items"]] == [
        "Звернення",
        "Опитування",
        "Ідеї",
        "Збори",
    ]


def test_a_deleted_page_leaves_the_menu(client, home_page):
    section = draft_section(home_page)
    section.save_revision().publish()
    assert "Петиції" in menu_titles(client)

    section.delete()

    assert "Петиції" not in menu_titles(client)


def test_a_page_taken_out_of_the_menu_by_an_editor_leaves_it(client, home_page):
    section = draft_section(home_page)
    section.save_revision().publish()
    assert "Петиції" in menu_titles(client)

    section.show_in_menus = False
    section.save_revision().publish()

    assert "Петиції" not in menu_titles(client)


def test_the_groups_are_learn_decide_report_people_in_that_order():
    assert [group.key for group in NAVIGATION] == ["learn", "decide", "report", "people"]


def test_each_page_goes_to_the_group_of_what_people_do_with_it(client, home_page):
    petitions = published(home_page, PetitionIndexPage(title="Петиції", slug="petitions"))
    experts = published(home_page, ExpertDirectoryPage(title="Експерти", slug="experts"))
    people = published(home_page, DirectoryPage(title="Люди", slug="people", directory="people"))
    organizations = published(
        home_page,
        DirectoryPage(title="Організації", slug="organizations", directory="organizations"),
    )
    library = LibraryIndexFactory(parent=home_page, show_in_menus=True)
    for page in (petitions, experts, people, organizations):
        page.show_in_menus = True
        page.save_revision().publish()

    built = groups(client)

    assert urls(built, "learn") == [library.url, "/search/"]
    # The petitions page, then the polls and the residents' meetings (apps' URLs).
    assert urls(built, "decide") == [petitions.url, "/polls/", "/ideas/", "/meetings/"]
    # The registry's order, not the tree's: organizations before people; then the buildings
    # (an app's URL, not a page).
    assert urls(built, "people") == [experts.url, organizations.url, people.url, "/buildings/"]


def test_the_library_brings_the_sections_an_editor_put_in_the_menu(client, home_page):
    library = LibraryIndexFactory(parent=home_page, show_in_menus=True)
    shown = TopicFactory(parent=library, show_in_menus=True)
    TopicFactory(parent=library, show_in_menus=False)

    assert urls(groups(client), "learn") == [library.url, shown.url, "/search/"]


def test_a_group_with_nothing_to_show_is_left_out(client, home_page, monkeypatch):
    registry = (
        Group("learn", "Learn", (UrlItem("search:results", "Search"),)),
        # An app that is not installed (yet): none of its items has a URL.
        Group("report", "Report", (UrlItem("no_such_app:index", "Nothing"),)),
    )
    monkeypatch.setattr(navigation, "NAVIGATION", registry)
    menu_changed()

    built = groups(client)

    assert "report" not in built
    # Search is an app's URL: Learn is there even before the library is.
    assert urls(built, "learn") == ["/search/"]


def test_items_of_apps_that_are_not_installed_are_left_out(client, home_page):
    names = [item.name for group in NAVIGATION for item in group.items if isinstance(item, UrlItem)]
    assert "api:docs" in names
    assert not apps.is_installed("api")

    urls = [item["url"] for group in menu(client) for item in group["items"]]

    # With no page in the menu, only the installed apps' own URLs remain.
    assert urls == [
        "/search/",
        "/polls/",
        "/ideas/",
        "/meetings/",
        "/reports/",
        "/reports/complaints/",
        "/buildings/",
    ]


def test_an_app_joins_the_menu_by_one_line_and_leaves_it_when_its_url_is_gone(
    client, home_page, monkeypatch
):
    registry = (
        Group(
            "decide",
            "Decide",
            (
                PageItem("no_such_app.IndexPage"),
                UrlItem("no_such_app:index", "Nothing"),
                UrlItem("search:no-such-view", "Search"),
                UrlItem("profiles:people", "People"),
            ),
        ),
    )
    monkeypatch.setattr(navigation, "NAVIGATION", registry)
    menu_changed()

    assert [(group["key"], [i["url"] for i in group["items"]]) for group in menu(client)] == [
        ("decide", ["/people/"])
    ]


def test_a_top_level_page_no_group_claims_still_appears_after_the_groups(client, home_page):
    stray = published(home_page, Page(title="Про нас", slug="about", show_in_menus=True))
    draft_section(home_page).save_revision().publish()

    built = menu(client)

    assert built[-1]["key"] == "other"
    assert [item["url"] for item in built[-1]["items"]] == [stray.url]
    assert urls(groups_of(built), "decide") == ["/petitions/", "/polls/", "/ideas/", "/meetings/"]


def test_labels_and_titles_follow_the_language(client, home_page, english):
    section = draft_section(home_page)
    section.save_revision().publish()
    translated = section.copy_for_translation(english, copy_parents=True)
    translated.title = "Petitions"
    translated.save_revision().publish()

    ukrainian = groups(client, "/")
    english_menu = groups(client, "/en/")

    assert [i["title"] for i in ukrainian["decide"]["items"]] == [
        "Петиції",
        "Опитування",
        "Ідеї",
        "Збори",
    ]
    assert [i["title"] for i in english_menu["decide"]["items"]] == [
        "Petitions",
        "Polls",
        "Ideas",
        "Residents' meetings",
    ]
    assert [i["url"] for i in english_menu["learn"]["items"]] == ["/en/search/"]
    # The groups' and apps' labels are in the catalogue too, not left in English.
    assert (ukrainian["decide"]["label"], english_menu["decide"]["label"]) == (
        "Вирішувати",
        "Decide",
    )
    assert ukrainian["decide"]["items"][1]["title"] == "Опитування"
    for language, built in (("uk", ukrainian), ("en", english_menu)):
        with translation.override(language):
            labels = {group.key: str(group.label) for group in NAVIGATION}
        assert {key: group["label"] for key, group in built.items()} == {
            key: labels[key] for key in built
        }


def test_the_current_section_and_its_group_are_marked_whatever_page_built_the_menu(
    client, home_page
):
    draft_section(home_page).save_revision().publish()
    at_home = groups(client, "/")
    assert [item["active"] for item in at_home["decide"]["items"]] == [False] * 4
    assert not at_home["decide"]["active"]

    in_section = groups(client, "/petitions/")

    assert [item["active"] for item in in_section["decide"]["items"]] == [True, False, False, False]
    assert [item["current"] for item in in_section["decide"]["items"]] == [
        True,
        False,
        False,
        False,
    ]
    assert in_section["decide"]["active"]
    assert not in_section["learn"]["active"]


def test_the_header_marks_the_current_page_and_the_current_section(client, home_page):
    library = LibraryIndexFactory(parent=home_page, show_in_menus=True)
    topic = TopicFactory(parent=library)

    on_index = client.get(library.url).content.decode()
    in_topic = client.get(topic.url).content.decode()

    assert f'<a href="{library.url}" aria-current="page">' in on_index
    assert f'<a href="{library.url}" aria-current="true">' in in_topic
    assert 'site-nav__group--active" data-group="learn"' in in_topic


def test_the_header_holds_the_groups_in_a_menu_that_opens_without_script(client, home_page):
    draft_section(home_page).save_revision().publish()

    html = client.get("/").content.decode()

    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>", html.index("site-nav"))]
    assert "<details" in nav and "<summary" in nav
    assert 'data-group="learn"' in nav and 'data-group="decide"' in nav
    assert 'aria-labelledby="site-nav-decide"' in nav


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


def test_publishing_a_page_moves_the_menu_to_a_new_generation(home_page):
    section = draft_section(home_page)
    before = navigation.generation()

    section.save_revision().publish()

    assert navigation.generation() != before
