"""A person's ideas, supports, comments and reports: in their archive, and erased with their
account, the public record and every count staying."""

import io
import json
import os
import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from ideas import services
from ideas.models import Comment, CommentReport, Idea, Support
from profiles.data_rights import erase_everywhere, export_archive
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def _archive(person) -> dict:
    archive = zipfile.ZipFile(BytesIO(export_archive(person)))
    return json.loads(archive.read("ideas.json"))


@pytest.fixture
def marta(db):
    return factories.person(first_name="Марта")


@pytest.fixture
def her_things(marta, make_idea, moderator):
    public = make_idea("published", author=marta, title="Сквер біля ліцею")
    draft = make_idea("draft", author=marta, title="Чернетка про фонтан")
    other = make_idea("published", title="Лавки на набережній", supporters=2)
    support = services.support_give(idea=other, user=marta)
    comment = services.comment_add(idea=other, author=marta, body="Так, потрібні лавки")
    someone_elses = services.comment_add(idea=other, author=factories.person(), body="Спам")
    report = services.comment_report(
        comment=someone_elses, reporter=marta, reason="spam", explanation="реклама"
    )
    return {
        "public": public,
        "draft": draft,
        "other": other,
        "support": support,
        "comment": comment,
        "report": report,
    }


def test_the_archive_holds_her_ideas_supports_comments_and_reports(marta, her_things):
    data = _archive(marta)
    assert {i["title"] for i in data["ideas_proposed"]} == {
        "Сквер біля ліцею",
        "Чернетка про фонтан",
    }
    assert "Лавки на набережній" in {s["idea"] for s in data["ideas_supported"]}
    assert [c["body"] for c in data["idea_comments"]] == ["Так, потрібні лавки"]
    assert [r["explanation"] for r in data["idea_comment_reports"]] == ["реклама"]


def test_erasure_keeps_the_public_record_anonymous_and_every_count(marta, her_things):
    other = her_things["other"]
    count_before = Idea.objects.get(pk=other.pk).support_count

    erase_everywhere(marta)

    public = Idea.objects.get(pk=her_things["public"].pk)
    assert public.author is None and public.title == "Сквер біля ліцею"
    assert not Idea.objects.filter(pk=her_things["draft"].pk).exists()
    assert Comment.objects.get(pk=her_things["comment"].pk).author is None
    assert CommentReport.objects.get(pk=her_things["report"].pk).reporter is None
    # The support stays, credited to the erased account, which names nobody any more.
    assert Support.objects.get(pk=her_things["support"].pk).user_id == marta.pk
    assert Idea.objects.get(pk=other.pk).support_count == count_before
    marta.refresh_from_db()
    assert marta.email.endswith("@erased.invalid")


def test_erasure_deletes_a_drafts_files(marta, make_idea, django_capture_on_commit_callbacks):
    draft = make_idea("draft", author=marta)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, format="PNG")
    attachment = services.idea_attachment_add(
        idea=draft,
        by=marta,
        kind="picture",
        file=SimpleUploadedFile("photo.png", buffer.getvalue()),
        title="Місце",
    )
    stored = attachment.file.path
    assert os.path.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        erase_everywhere(marta)
    assert not os.path.exists(stored)


def test_the_export_of_a_stranger_is_empty(db):
    data = _archive(factories.person())
    assert all(value == [] for value in data.values())
