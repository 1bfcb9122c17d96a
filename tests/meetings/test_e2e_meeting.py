"""In Chromium, on a 360 px phone: a co-owner votes on the three items of a meeting by keyboard
alone, changes one vote, and once the meeting is counted and its minutes published sees the
results chart and opens the minutes. axe finds nothing on the meeting, vote, ledger and "my
votes" pages, and none of them is wider than the screen."""

import pytest
from playwright.sync_api import expect

from meetings.models import Vote
from meetings.services.meetings import meeting_count, meeting_publish
from tests.factories import PASSWORD
from tests.meetings.pages_factories import meeting_at

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 780}


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_login) button[type=submit]").click()
    page.wait_for_load_state()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def focused(page) -> dict:
    return page.evaluate(
        "({name: document.activeElement.name, value: document.activeElement.value,"
        " type: document.activeElement.type})"
    )


def test_a_coowner_votes_by_keyboard_on_a_phone_and_opens_the_results_and_minutes(page, axe):
    built = meeting_at("voting")
    meeting = built.meeting
    page.set_viewport_size(PHONE)
    sign_in(page, built.coowners[0].email)

    page.goto(f"/en/meetings/{meeting.pk}/")
    axe(page)
    assert fits(page)
    page.get_by_role("link", name="Vote", exact=True).click()
    expect(page.get_by_role("heading", name="Vote", exact=True)).to_be_visible()
    axe(page)
    assert fits(page)

    # Item 1: Space on "For". Item 2: Tab into the group, the arrow to "Against". Item 3:
    # Tab, two arrows to "Abstain". Then Tab to the button and Enter.
    page.locator("#id_item-1_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "item-2"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "item-3"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert focused(page)["type"] == "submit"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your vote is recorded in the meeting's log.")).to_be_visible()
    assert list(Vote.objects.order_by("entry_index").values_list("item__position", "choice")) == [
        (1, "for"),
        (2, "against"),
        (3, "abstain"),
    ]

    # Change item 2 from "Against" back to "For": the arrow moves the checked radio.
    expect(page.locator("#id_item-2_1")).to_be_checked()
    page.locator("#id_item-2_1").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["type"] == "submit"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your vote is changed; your last vote counts.")).to_be_visible()
    expect(page.locator("#id_item-2_0")).to_be_checked()
    axe(page)
    assert fits(page)

    page.goto(f"/en/meetings/{meeting.pk}/ledger/")
    expect(page.get_by_role("table")).to_contain_text("Against")
    axe(page)
    assert fits(page)

    page.goto(f"/en/meetings/{meeting.pk}/my-votes/")
    expect(page.locator(".meeting-check--pass")).to_have_count(5)  # the tree head + 4 votes
    expect(page.locator(".meeting-check--fail")).to_have_count(0)
    axe(page)
    assert fits(page)

    meeting_count(meeting=meeting, now=meeting.voting_closes_at)
    meeting_publish(meeting=built.refresh(), by=built.board)

    page.goto(f"/en/meetings/{meeting.pk}/")
    results = page.locator(".meeting-result").first
    expect(results.locator("svg[role=img]")).to_be_visible()
    # One co-owner of three voted: the public sees no area of so small a group.
    expect(results.get_by_role("table")).to_contain_text("fewer than 5")
    axe(page)
    assert fits(page)

    link = page.get_by_role("link", name="The minutes, public copy (PDF, without names)")
    minutes = page.context.request.get(link.get_attribute("href"))
    assert minutes.ok
    assert minutes.headers["content-type"] == "application/pdf"
    assert minutes.body().startswith(b"%PDF")
    named = page.get_by_role("link", name="The minutes, co-owners' copy", exact=False)
    assert page.context.request.get(named.get_attribute("href")).body().startswith(b"%PDF")
