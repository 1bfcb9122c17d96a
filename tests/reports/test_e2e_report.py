"""In Chromium, on a 360 px phone: a resident reports a pothole, choosing its point on the map
with the keyboard, confirms it from the emailed link, and then sees the body's official update
on the report's page. axe finds nothing on the list, the form, the report and the book of
complaints, and none is wider than the screen."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import Report
from reports.states import State

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 780}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def checked(page, axe):
    axe(page)
    assert fits(page)


def test_a_resident_reports_a_pothole_on_the_map_and_sees_the_bodys_answer(
    page, axe, pothole, district, body, member, provider_complaint
):
    page.set_viewport_size(PHONE)
    page.goto("/en/reports/")
    expect(page.get_by_role("heading", name="Problem reports", exact=True)).to_be_visible()
    checked(page, axe)
    page.goto("/en/reports/complaints/")
    expect(page.get_by_role("heading", name="Book of complaints", exact=True)).to_be_visible()
    checked(page, axe)

    page.goto("/en/reports/")
    page.get_by_role("link", name="Report a problem").first.click()
    checked(page, axe)
    page.get_by_role("link", name=pothole.name_en).click()
    expect(page.get_by_role("heading", name=f"Report: {pothole.name_en}")).to_be_visible()
    checked(page, axe)

    page.get_by_label("Title", exact=True).fill("Deep pothole at the crossing")
    page.get_by_label("Description", exact=True).fill(
        "It fills with water and cars swerve around it."
    )
    picker = page.locator("#point-map")
    expect(picker).to_be_visible()
    picker.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page.locator("#point-map-status")).to_contain_text("Point placed:")
    latitude = page.get_by_label("Latitude").input_value()
    assert re.fullmatch(r"-?\d+\.\d{6}", latitude)
    page.get_by_label("Your email address").fill("olena@example.org")
    checked(page, axe)
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    checked(page, axe)

    report = Report.objects.get(title="Deep pothole at the crossing")
    assert report.state == State.UNCONFIRMED and report.district is not None
    [message] = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    link = re.search(r"https?://[^/\s]+(/\S*/reports/confirm/[^/\s]+/)", message.body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Confirm your report")).to_be_visible()
    checked(page, axe)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("your report is confirmed")).to_be_visible()
    report.refresh_from_db()
    assert report.state == State.OPEN

    services.report_update_official(
        report=report,
        text="A crew will patch it on Thursday.",
        state=State.ACTION_SCHEDULED,
        user=member,
    )
    page.reload()
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("A crew will patch it on Thursday.")
    expect(timeline).to_contain_text(body.name)
    expect(page.locator(".report-state--action_scheduled").first).to_be_visible()
    assert "olena@example.org" not in page.content()
    checked(page, axe)
