"""In a real browser: a resident hides part of their profile, checks what visitors see,
downloads their data and asks to delete the account. Every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.e2e


def test_a_resident_controls_what_others_see_downloads_their_data_and_leaves(page, axe):
    profiled_user(display_name="Леся Приватна", email="lesia@example.org")
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill("lesia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My account").click()
    # The click only starts the navigation: wait for the new page, not for the old one.
    expect(page.get_by_role("heading", name="My account", exact=True)).to_be_visible()
    axe(page)

    for path in ["/en/account/status/", "/en/account/notifications/", "/en/account/blog/new/"]:
        page.goto(path)
        axe(page)

    page.goto("/en/account/profile/")
    axe(page)
    page.get_by_role("textbox", name=re.compile(r"^About me")).fill("Лікарка, люблю велосипед.")
    page.get_by_label("Who can see “About me”").select_option(label="Only me")
    page.get_by_role("button", name="Save my profile").click()
    page.get_by_text("Your profile is saved.").wait_for()
    assert page.get_by_text("Лікарка, люблю велосипед.").is_visible()
    axe(page)
    page.get_by_role("link", name="See as a visitor").click()
    page.get_by_text("as a visitor who is not signed in sees it").wait_for()
    assert page.get_by_text("Лікарка, люблю велосипед.").count() == 0
    axe(page)

    page.goto("/en/account/data/")
    axe(page)
    page.get_by_role("button", name="Prepare my archive").click()
    page.get_by_text("Your archive is being prepared").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^ZIP, ")).click()
    assert download.value.suggested_filename.startswith("spilno-data-")
    axe(page)

    page.get_by_role("link", name="Delete my account…").click()
    axe(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that after 14 days").check()
    page.get_by_role("button", name="Delete my account in 14 days").click()
    page.get_by_role("heading", name="Your account will be deleted").wait_for()
    assert page.get_by_role("link", name="Sign in", exact=True).count() >= 1
    axe(page)
