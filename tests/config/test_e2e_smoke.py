"""A new resident's first visit, in a real browser: read, switch language, sign up, log in."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "Kashtany-u-travni-2026"


def test_resident_switches_language_signs_up_confirms_and_logs_in(page, axe, seeded_city):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "uk"
    axe(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Spilno: together" in page.locator("h1").inner_text()

    page.get_by_role("link", name="Sign up").click()
    axe(page)
    page.get_by_label("Email").fill("olena@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("link", name="My account").wait_for()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/en/$"))
    page.get_by_role("link", name="Sign in").click()
    axe(page)
    page.get_by_label("Email").fill("olena@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My account").click()
    # The click only starts the navigation: wait for the new page, not for the old one.
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    assert page.get_by_text("olena@example.org").is_visible()
    axe(page)


def test_layout_holds_on_a_360px_phone(page, seeded_city):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"page is {scroll_width}px wide on a 360px screen"
