"""A resident searching the demo city in a real browser: a typo, a district filter, a result;
and the title suggestions as they type."""

import re

import pytest

pytestmark = pytest.mark.e2e


def test_resident_searches_with_a_typo_filters_by_district_and_opens_a_result(
    page, axe, seeded_city
):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Пошук по місту")
    box.fill("укрриття")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.get_by_text("Показано результати для").is_visible()
    assert "укриття" in page.locator(".search-notice strong").inner_text()
    axe(page)

    districts = page.locator("fieldset", has=page.locator("legend", has_text="Район"))
    first = districts.locator("input[type=checkbox]").first
    label = districts.locator(f"label[for='{first.get_attribute('id')}']")
    count = int(label.locator(".facet__count").inner_text())
    first.check()
    page.get_by_role("button", name="Застосувати фільтри").click()
    page.wait_for_url(re.compile(r"district="))
    assert page.locator("#results-heading").inner_text().startswith(str(count))
    assert page.locator(".search-hit").count() == count
    assert districts.locator("input[type=checkbox]:checked").count() == 1
    axe(page)

    link = page.locator(".search-hit__title a").first
    href, title = link.get_attribute("href"), link.inner_text()
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert title in page.locator("h1").inner_text()
    axe(page)


def test_title_suggestions_appear_as_the_resident_types_and_open_with_the_keyboard(
    page, axe, seeded_city
):
    page.goto("/search/")
    box = page.get_by_role("combobox", name="Що ви шукаєте?")
    box.fill("як створ")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert "Як створити ОСББ" in page.get_by_role("listbox").inner_text()
    axe(page)

    box.press("ArrowDown")
    first = options.first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    title = first.locator(".autocomplete__title").inner_text()
    url = first.get_attribute("data-url")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(url) + "$"))
    assert title in page.locator("h1").inner_text()
