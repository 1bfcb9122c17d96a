"""In Chromium, on a 360 px phone: a resident proposes an idea through the form and publishes
it; supporters bring it to one short of its threshold and the last one supports it in the
browser, which sends it to review; an editor answers it; the resident sees the dated answer on
the idea's page. axe finds nothing on any page, and none is wider than the screen."""

import pytest
from playwright.sync_api import expect

from ideas.models import Idea
from ideas.states import State
from tests.factories import PASSWORD
from tests.ideas import factories

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 780}


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_login) button[type=submit]").click()
    page.wait_for_load_state()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def checked(page, axe):
    axe(page)
    assert fits(page)


def test_a_resident_proposes_an_idea_that_reaches_its_threshold_and_is_answered(
    page, axe, settings, districts
):
    settings.IDEA_THRESHOLD_DISTRICT = 3
    resident = factories.person()
    last_supporter = factories.person()
    editor = factories.editor()
    page.set_viewport_size(PHONE)

    sign_in(page, resident.email)
    page.goto("/en/ideas/")
    expect(page.get_by_role("heading", name="Ideas to the city", exact=True)).to_be_visible()
    checked(page, axe)
    page.get_by_role("link", name="Propose an idea").first.click()
    expect(page.get_by_role("heading", name="Propose an idea")).to_be_visible()
    checked(page, axe)
    page.get_by_label("Title").fill("A pedestrian crossing by school No. 5")
    page.get_by_label("The idea in one sentence").fill("Children cross a busy road twice a day.")
    page.get_by_label("Description").fill("A zebra crossing with a light, by the main gate.")
    page.get_by_label("District").select_option(str(districts[0].pk))
    page.get_by_label("Topics").fill("safety, schools")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", name="This is a draft")).to_be_visible()
    checked(page, axe)

    page.get_by_role("button", name="Publish the idea").click()
    expect(page.get_by_text("Your idea is published.")).to_be_visible()
    checked(page, axe)
    idea = Idea.objects.get(title="A pedestrian crossing by school No. 5")
    assert idea.state == State.PUBLISHED and idea.threshold == 3 and idea.support_count == 1

    factories.supporters_add(idea, 1)
    sign_in(page, last_supporter.email)
    page.goto(f"/en/ideas/{idea.slug}/")
    checked(page, axe)
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("Thank you: your support is counted.")).to_be_visible()
    checked(page, axe)
    idea.refresh_from_db()
    assert idea.support_count == 3 and idea.state == State.UNDER_REVIEW

    sign_in(page, editor.email)
    page.goto(f"/en/ideas/{idea.slug}/")
    expect(page.get_by_role("heading", name="Answer this idea")).to_be_visible()
    checked(page, axe)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Public answer").fill("The crossing will be built by September.")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_text("The answer is published.")).to_be_visible()
    checked(page, axe)

    sign_in(page, resident.email)
    page.goto(f"/en/ideas/{idea.slug}/")
    answer = page.locator("#answer")
    expect(answer).to_contain_text("The crossing will be built by September.")
    expect(answer).to_contain_text("Answered on")
    expect(page.locator(".idea-state--accepted").first).to_be_visible()
    checked(page, axe)
