"""In a real browser: a citizen proposes a guide from the public site, an editor approves it in
the Wagtail admin, and anyone can read it and download its PDF."""

import io
import re

from django.core import mail

import pytest
from pypdf import PdfReader

from library.models import Contribution
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

TITLE = "Як домовитися з ЖЕКом про прибирання підвалу"


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()


def propose_guide(page, axe, library):
    page.goto(library.url)
    axe(page)
    page.get_by_role("link", name="Поділіться досвідом").first.click()
    axe(page)
    page.get_by_role("link", name=re.compile("Посібник")).click()
    axe(page)
    page.get_by_label("Тема").select_option(label="Двори")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Що робити, коли підвал захаращений.")
    page.get_by_label("Скільки часу потрібно").fill("2 тижні")
    page.locator("#id_steps-0-title").fill("Сфотографуйте підвал")
    page.locator("#id_steps-0-text").fill("Фото з датою — доказ для звернення.")
    page.locator("#id_steps-1-title").fill("Напишіть звернення до управителя")
    page.locator("#id_steps-1-text").fill("Відповідь має надійти протягом 30 днів.")
    page.get_by_role("button", name="Надіслати на розгляд").click()
    page.wait_for_url(re.compile(r"/account/$"))
    assert page.get_by_role("heading", name=TITLE).is_visible()
    assert page.get_by_text("На розгляді").first.is_visible()


def approve_in_admin(page, contribution):
    page.goto("/admin/")  # the site's one login form, which brings the editor back here
    page.locator("input[name=login]").fill("editor@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form [type=submit]").last.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{contribution.page_id}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name=re.compile("Схвалити і опублікувати", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))


def test_citizen_proposes_editor_approves_anyone_downloads_the_pdf(
    page, axe, library, topic, citizen, editor
):
    sign_in(page, citizen.email)
    propose_guide(page, axe, library)
    contribution = Contribution.objects.get(page__title=TITLE)
    assert contribution.state == Contribution.State.IN_REVIEW

    page.get_by_role("button", name="Вийти").click()
    approve_in_admin(page, contribution)
    contribution.refresh_from_db()
    assert contribution.state == Contribution.State.PUBLISHED
    assert any("опубліковано" in m.subject for m in mail.outbox if citizen.email in m.to)

    page.context.clear_cookies()
    guide = contribution.page.specific
    page.goto(guide.url)
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("Олена Коваль").first.is_visible()
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Завантажити PDF").click()
    pdf = download.value.path().read_bytes()
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert TITLE in text
    assert "Напишіть звернення до управителя" in text


def test_library_pages_pass_axe_at_phone_width(page, axe, library, topic):
    from tests.library.factories import CaseStudyFactory, GuideFactory

    guide = GuideFactory(parent=topic, title="Як перевірити укриття", tags=["укриття"])
    case = CaseStudyFactory(parent=topic, title="Двір на Набережній", tags=["укриття"])
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (library.url, topic.url, guide.url, case.url, f"{library.url}tags/укриття/"):
        page.goto(url)
        axe(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} is {width}px wide on a 360px screen"
