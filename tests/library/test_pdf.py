"""PDF export: the right text, in Cyrillic, with the page's images and footer; rendered once
per published revision; nothing outside the site's own files is ever read."""

import io
import re

from django.core.files.storage import default_storage

import pytest
import wagtail_factories
from pypdf import PdfReader

from library.models import ArticlePdf
from tests.library.factories import GuideFactory

pytestmark = pytest.mark.django_db

LONG_STEP = " ".join(["Мешканці будинку збирають підписи та подають заяву до ЦНАП."] * 40)


def download(client, page) -> bytes:
    response = client.get(f"{page.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def guide(topic):
    return GuideFactory(
        parent=topic,
        title="Як створити ОСББ у своєму будинку",
        summary="Об'єднання співвласників багатоквартирного будинку: від зборів до реєстрації.",
        steps=[
            {
                "type": "step",
                "value": {"title": "Скличте установчі збори", "text": "<p>Оголошення.</p>"},
            },
            {
                "type": "step",
                "value": {"title": "Зареєструйте статут", "text": f"<p>{LONG_STEP}</p>"},
            },
        ],
    )


def test_the_pdf_holds_the_guide_text_in_ukrainian(client, guide):
    text = flat(text_of(download(client, guide)))
    for expected in (
        "Як створити ОСББ у своєму будинку",
        "Об'єднання співвласників багатоквартирного будинку",
        "Скличте установчі збори",
        "Зареєструйте статут",
        "Департамент житлово-комунального господарства",
    ):
        assert expected in text


def test_the_pdf_embeds_its_fonts(client, guide):
    reader = PdfReader(io.BytesIO(download(client, guide)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts)


def test_every_pdf_page_has_the_address_and_review_date_in_its_footer(client, guide):
    reader = PdfReader(io.BytesIO(download(client, guide)))
    assert len(reader.pages) > 1
    reviewed = guide.last_reviewed
    for page in reader.pages:
        text = flat(page.extract_text())
        assert f"{guide.url}".rstrip("/") in text.replace(" ", "")
        assert str(reviewed.year) in text


def test_the_pdf_carries_the_page_images(client, topic):
    image = wagtail_factories.ImageFactory(title="Схема двору")
    guide = GuideFactory(
        parent=topic,
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Схема двору", "caption": "Схема"},
            }
        ],
    )
    reader = PdfReader(io.BytesIO(download(client, guide)))
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_a_second_download_is_served_from_the_stored_file(client, guide):
    download(client, guide)
    stored = ArticlePdf.objects.get(page=guide)
    with default_storage.open(stored.file.name, "wb") as f:
        f.write(b"%PDF-stored-copy")
    assert download(client, guide) == b"%PDF-stored-copy"
    assert ArticlePdf.objects.filter(page=guide).count() == 1


def test_a_new_publication_renders_a_new_pdf_and_drops_the_old(client, guide):
    download(client, guide)
    old = ArticlePdf.objects.get(page=guide)
    guide.title = "Як створити ОСББ: оновлено"
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert not ArticlePdf.objects.filter(pk=old.pk).exists()
    assert "Як створити ОСББ: оновлено" in flat(text_of(download(client, guide)))
    assert ArticlePdf.objects.get(page=guide).revision_id == guide.live_revision_id


def test_unpublishing_drops_stored_pdfs_and_answers_404(client, guide):
    url = f"{guide.url}pdf/"
    download(client, guide)
    guide.unpublish()
    assert not ArticlePdf.objects.filter(page=guide).exists()
    assert client.get(url).status_code == 404


def test_a_bad_slug_gives_404_not_a_traceback(client, guide, topic):
    assert client.get(f"{topic.url}no-such-guide/pdf/").status_code == 404
    assert client.get(f"{guide.url}pdf/extra/").status_code == 404


def test_links_in_the_pdf_point_to_the_public_site(topic):
    guide = GuideFactory(
        parent=topic,
        steps=[
            {
                "type": "step",
                "value": {
                    "title": "Крок",
                    "text": f'<p><a linktype="page" id="{topic.pk}">тема</a></p>',
                },
            }
        ],
    )
    from library.exports import article_pdf_html

    html = article_pdf_html(page=guide)
    assert f'href="http://localhost{topic.url}"' in html
    assert not re.search(r'<a\b[^>]*href="/', html)
    assert "spilno.internal" not in html.split("<body", 1)[1]
