"""In a real browser: a resident creates an organization, invites a neighbour by email, the
neighbour signs in, accepts through the emailed link, and both are on the team."""

import re

from django.core import mail

import pytest

from tests.factories import PASSWORD
from tests.profiles.factories import profiled_user

pytestmark = pytest.mark.e2e


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="My account").wait_for()


def test_a_resident_creates_an_organization_invites_a_neighbour_who_joins(page, axe):
    profiled_user(display_name="Ольга Засновниця", email="olha@example.org")
    profiled_user(display_name="Богдан Сусід", email="bohdan@example.org")

    sign_in(page, "olha@example.org")
    page.goto("/en/organizations/")
    axe(page)
    page.get_by_role("link", name="Create an organization or group").click()
    axe(page)
    page.get_by_label("Name").fill("Сусіди Набережної")
    page.get_by_label("Kind").select_option(label="Informal group")
    page.get_by_label("About").fill("Доглядаємо набережну разом.")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r"/en/organizations/susidy-naberezhnoi/$"))
    assert page.get_by_role("heading", name="Сусіди Набережної").is_visible()
    axe(page)

    page.get_by_role("link", name="Manage the team").click()
    axe(page)
    page.get_by_label("Email address of the person to invite").fill("bohdan@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("An invitation is sent to bohdan@example.org").wait_for()
    axe(page)
    message = mail.outbox[-1]
    assert message.to == ["bohdan@example.org"]
    link = re.search(r"https?://\S+(/en/account/invitation/\S+/)", message.body).group(1)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "bohdan@example.org")
    page.goto(link)
    assert page.get_by_role("heading", name="Invitation to Сусіди Набережної").is_visible()
    axe(page)
    page.get_by_role("button", name="Accept and join").click()
    page.wait_for_url(re.compile(r"/en/organizations/susidy-naberezhnoi/$"))
    page.get_by_text("Welcome to the team!").wait_for()
    team = page.get_by_role("region", name="Team")
    assert team.get_by_role("link", name="Ольга Засновниця").is_visible()
    assert team.get_by_role("link", name="Богдан Сусід").is_visible()
    assert "Owner" in team.inner_text() and "Member" in team.inner_text()
    axe(page)


def test_profile_and_directory_pages_hold_on_a_360px_phone(page, axe):
    person = profiled_user(display_name="Ірина Довгопрізвищна-Коваленко", about="Про мене")
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ["/people/", person.profile.get_absolute_url().removeprefix("/en")]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px screen"
        axe(page)
