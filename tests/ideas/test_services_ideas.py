"""Proposing an idea: the draft, its address, its place and cost, its pictures and documents,
and every kind of bad input answered with a message, never a crash."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from ideas import services
from ideas.models import IdeaAttachment
from ideas.states import IdeaError, State
from tests.profiles.factories import jpeg_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _create(author, **fields):
    values = {"title": "Сквер на Липовій", "summary": "Лавки і тінь.", "description": "Опис."}
    values.update(fields)
    return services.idea_create(author=author, **values)


def _png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_a_draft_is_made_with_a_readable_unique_address(author, district):
    first = _create(author, district=district, topics=["зелень", "діти", "зелень"])
    second = _create(author)
    assert first.state == State.DRAFT and first.author == author
    assert first.slug == "skver-na-lypovii" and second.slug == "skver-na-lypovii-2"
    assert sorted(first.topics.names()) == ["діти", "зелень"]


def test_a_title_that_makes_no_address_still_gets_one(author):
    assert _create(author, title="!!!").slug == "idea"


def test_a_title_that_is_a_page_of_the_site_gets_another_address(author):
    assert _create(author, title="New").slug == "new-2"


def test_a_place_and_a_cost_are_kept_exactly(author):
    idea = _create(author, latitude="50.4501", longitude="30,5234", estimated_cost="125000.5")
    idea.refresh_from_db()
    assert (idea.latitude, idea.longitude) == (Decimal("50.450100"), Decimal("30.523400"))
    assert idea.estimated_cost == Decimal("125000.50")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Fill in"),
        ({"title": "я" * 151}, "too long"),
        ({"summary": None}, "Fill in"),
        ({"description": ["a list"]}, "not valid text"),
        ({"latitude": "50.1"}, "both"),
        ({"latitude": "north", "longitude": "30"}, "must be a number"),
        ({"latitude": "91", "longitude": "30"}, "out of range"),
        ({"latitude": "NaN", "longitude": "30"}, "out of range"),
        ({"estimated_cost": "-1"}, "out of range"),
        ({"estimated_cost": "1e40"}, "out of range"),
        ({"district": "Печерський"}, "district"),
        ({"topics": [f"т{i}" for i in range(11)]}, "at most 10"),
        ({"topics": [42]}, "not valid"),
    ],
)
def test_bad_input_is_refused_with_a_message(author, fields, message):
    with pytest.raises(IdeaError, match=message):
        _create(author, **fields)


def test_the_author_changes_a_draft(author, district):
    idea = _create(author)
    services.idea_update(idea=idea, by=author, summary="Нове.", district=district, topics="a, b")
    idea.refresh_from_db()
    assert (idea.summary, idea.district) == ("Нове.", district)
    assert sorted(idea.topics.names()) == ["a", "b"]
    assert idea.slug == "skver-na-lypovii"


def test_an_unknown_field_is_refused(author):
    idea = _create(author)
    with pytest.raises(IdeaError, match="cannot be changed"):
        services.idea_update(idea=idea, by=author, state="accepted")
    idea.refresh_from_db()
    assert idea.state == State.DRAFT


def test_a_picture_is_stored_re_encoded_under_a_name_of_our_own(author):
    idea = _create(author)
    picture = services.idea_attachment_add(
        idea=idea, by=author, kind="picture", file=_png(), title="Вигляд з вулиці"
    )
    assert picture.file.name.endswith(".jpg") and "photo" not in picture.file.name
    with Image.open(picture.file.path) as stored:
        assert stored.format == "JPEG" and stored.size == (40, 30)


def test_a_photo_keeps_no_exif_and_so_no_location(author):
    idea = _create(author)
    upload = SimpleUploadedFile("IMG_0042.jpg", jpeg_bytes(size=(3000, 2000), with_gps=True))
    picture = services.idea_attachment_add(
        idea=idea, by=author, kind="picture", file=upload, title="Яма біля школи"
    )
    with Image.open(picture.file.path) as stored:
        assert not stored.getexif()  # neither the GPS position nor the phone's make
        assert max(stored.size) == 2000  # shrunk to the longest side allowed


def test_a_picture_that_is_not_a_picture_is_refused(author):
    idea = _create(author)
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>")
    with pytest.raises(IdeaError, match="not a picture"):
        services.idea_attachment_add(idea=idea, by=author, kind="picture", file=fake, title="x")
    assert not IdeaAttachment.objects.exists()


def test_a_document_must_be_a_pdf(author):
    idea = _create(author)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")
    document = services.idea_attachment_add(
        idea=idea, by=author, kind="document", file=pdf, title="Кошторис"
    )
    assert document.file.name.endswith(".pdf")
    with pytest.raises(IdeaError, match="PDF"):
        services.idea_attachment_add(
            idea=idea, by=author, kind="document", file=_png(), title="Кошторис"
        )


def test_attachments_change_only_while_a_draft_and_only_by_its_author(author, supporter):
    idea = _create(author)
    picture = services.idea_attachment_add(
        idea=idea, by=author, kind="picture", file=_png(), title="Місце"
    )
    with pytest.raises(IdeaError):
        services.idea_attachment_add(
            idea=idea, by=supporter, kind="picture", file=_png(), title="x"
        )
    services.idea_publish(idea=idea, by=author)
    with pytest.raises(IdeaError, match="only while the idea is a draft"):
        services.idea_attachment_remove(attachment=picture, by=author)
    assert IdeaAttachment.objects.filter(pk=picture.pk).exists()


def test_an_unknown_kind_of_attachment_is_refused(author):
    idea = _create(author)
    with pytest.raises(IdeaError, match="picture or a document"):
        services.idea_attachment_add(idea=idea, by=author, kind="video", file=_png(), title="x")
