"""In a real browser: sign a petition, confirm from the email, see the count rise."""

import re

from django.core import mail

import pytest

from petitions import services
from tests.petitions.factories import SignatureFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def english_site(home_page, index, english):
    if home_page.get_translation_or_none(english) is None:
        home_page.copy_for_translation(english).save_revision().publish()
    if index.get_translation_or_none(english) is None:
        index.copy_for_translation(english).save_revision().publish()


@pytest.fixture
def petition(english_site, make_petition, districts):
    petition = make_petition("open", title="Освітлити стежку до школи")
    for i in range(6):
        signature = SignatureFactory(petition=petition, district=districts[i])
        services.signature_confirm(signature_id=signature.pk)
    return petition


def test_a_resident_signs_confirms_from_the_email_and_sees_the_count_rise(page, axe, petition):
    page.goto(f"/en/petitions/{petition.pk}/")
    count = page.get_by_test_id("signature-count")
    assert count.inner_text().startswith("6")
    axe(page)

    page.get_by_role("link", name="Sign this petition").click()
    axe(page)
    page.get_by_label("Full name").fill("Марко Гончар")
    page.get_by_label("Email address").fill("olena.koval@example.org")
    page.get_by_label("District where you live").select_option(label="Riverside")
    page.get_by_label("Show my name publicly on the petition").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    page.get_by_role("heading", name="Check your email").wait_for()
    axe(page)

    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/\s]+(/en/petitions/signatures/confirm/\S+/)", mail.outbox[0].body
    )
    page.goto(link.group(1))

    page.get_by_text("your signature is confirmed and counted").wait_for()
    assert count.inner_text().startswith("7")
    assert page.get_by_text("Марко Гончар").is_visible()
    axe(page)


def test_the_petition_page_fits_a_360px_phone(page, petition):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/en/petitions/{petition.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide on a 360px screen"
