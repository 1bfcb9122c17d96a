"""The main menu in a real browser: collapsed behind one button on a phone, opened without any
script; its groups in a row on a wide screen; nothing axe objects to at either width."""

import re

import pytest

from config import navigation
from config.navigation import NAVIGATION, Group, UrlItem, menu_changed

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}
GROUPS = ["learn", "decide", "report", "people"]


@pytest.fixture
def four_groups(monkeypatch):
    """The demo city has no app for the Report group yet: a stand-in item fills it, as the
    problem reports will, so the menu is seen with all four groups."""
    registry = tuple(
        Group(g.key, g.label, (*g.items, UrlItem("search:results", g.label)))
        if g.key == "report"
        else g
        for g in NAVIGATION
    )
    monkeypatch.setattr(navigation, "NAVIGATION", registry)
    menu_changed()


@pytest.fixture
def phone_without_script(browser, live_server):
    """A phone with script turned off. Playwright's `evaluate` never returns in such a page,
    and axe runs through it: the checks that need script run in `phone_with_script`."""
    context = browser.new_context(
        base_url=live_server.url, locale="uk-UA", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_with_script(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="uk-UA", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def group_keys(page) -> list[str]:
    return page.locator(".site-nav__group").evaluate_all(
        "groups => groups.map(g => g.dataset.group)"
    )


def test_on_a_phone_without_script_the_menu_opens_from_one_button(
    phone_without_script, phone_with_script, axe, seeded_city, four_groups
):
    page = phone_without_script
    page.goto("/")
    toggle = page.locator("summary.site-nav__toggle")
    petitions = page.locator(".site-nav a[href='/petitions/']")

    assert toggle.is_visible()
    assert not page.locator(".site-nav__groups").is_visible()
    assert not petitions.is_visible()
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    toggle.click()

    assert page.locator("details.site-nav__menu").get_attribute("open") is not None
    for key in GROUPS:
        assert page.locator(f"[data-group='{key}'] .site-nav__label").is_visible()
    assert petitions.is_visible()
    link = petitions.bounding_box()
    assert link["height"] >= 44
    assert link["x"] >= 0 and link["x"] + link["width"] <= PHONE["width"]

    petitions.click()

    page.wait_for_url(re.compile(r"/petitions/$"))
    assert page.locator("h1").is_visible()
    assert page.locator(".site-nav a[href='/petitions/']").get_attribute("aria-current") == "page"
    assert "site-nav__group--active" in page.locator("[data-group='decide']").get_attribute("class")

    # The same page at the same width, with script, for what only script can read.
    page = phone_with_script
    page.goto("/")
    axe(page)
    page.locator("summary.site-nav__toggle").click()
    assert group_keys(page) == GROUPS
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"the open menu is {scroll_width}px wide"
    axe(page)


def test_on_a_wide_screen_the_groups_are_shown_without_a_button(
    page, axe, seeded_city, four_groups
):
    page.set_viewport_size(WIDE)
    page.goto("/")
    axe(page)

    assert not page.locator("summary.site-nav__toggle").is_visible()
    assert group_keys(page) == GROUPS
    for key in GROUPS:
        assert page.locator(f"[data-group='{key}'] .site-nav__label").is_visible()
        assert page.locator(f"[data-group='{key}'] a").first.is_visible()
    tops = {round(page.locator(f"[data-group='{key}']").bounding_box()["y"]) for key in GROUPS}
    assert len(tops) == 1, "the groups stand in one row"

    in_menu = "() => !!document.activeElement.closest('.site-nav')"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(in_menu):
            break
    assert page.evaluate(in_menu), "the menu's links are reached with the keyboard"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "the focused link shows its focus"

    page.locator(".site-nav a[href='/petitions/']").click()
    page.wait_for_url(re.compile(r"/petitions/$"))
