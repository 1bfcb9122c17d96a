"""Blogs: sanitised rich text, drafts, organization posts, reports and moderation."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import BlogPost, PostReport
from profiles.services.blog import (
    post_create,
    post_hide,
    post_report,
    post_restore,
    post_update,
    report_dismiss,
)
from tests.profiles.factories import BlogPostFactory
from tests.refused_forms import assert_refused_on

pytestmark = pytest.mark.usefixtures("english_ui")

MARKDOWN = """## Підсумки толоки

Ми прибрали **300 кг** сміття. [Фото](https://example.org/foto)

- берег
- сквер

<script>alert("x")</script>
[зле](javascript:alert(1))
![піксель](https://tracker.example.com/p.gif)
"""


def test_a_post_keeps_the_allowed_formatting(owner):
    post = post_create(author=owner, title="Толока", body_markdown=MARKDOWN, publish=True)
    assert "<h2>Підсумки толоки</h2>" in post.body
    assert "<b>300 кг</b>" in post.body
    assert '<a href="https://example.org/foto">Фото</a>' in post.body
    assert "<li>берег</li>" in post.body


def test_scripts_javascript_links_and_images_never_reach_the_page(client, owner):
    post = post_create(author=owner, title="Толока", body_markdown=MARKDOWN, publish=True)
    body = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "javascript:" not in body
    assert "tracker.example.com" not in body


def test_a_draft_is_seen_by_its_author_only(client, owner, outsider):
    post = post_create(author=owner, title="Чернетка", body_markdown="Ще пишу", publish=False)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(post.get_absolute_url()).status_code == 200


def test_drafts_are_not_in_the_feed_or_on_the_profile(client, owner):
    post_create(author=owner, title="Чернетка-123", body_markdown="Ще пишу", publish=False)
    post_create(author=owner, title="Опубліковано-456", body_markdown="Готово", publish=True)
    page = client.get(owner.profile.get_absolute_url()).content.decode()
    feed = client.get(owner.profile.get_absolute_url() + "feed/").content.decode()
    for body in (page, feed):
        assert "Опубліковано-456" in body and "Чернетка-123" not in body


def test_publishing_a_draft_through_the_editor(client, owner):
    post = post_create(author=owner, title="Чернетка", body_markdown="Текст", publish=False)
    client.force_login(owner)
    client.post(
        reverse("profiles:post_edit", args=[post.pk]),
        {"title": "Готово", "body": "Текст", "action": "publish"},
    )
    post.refresh_from_db()
    assert post.state == "published" and post.published_at is not None


def test_the_editor_shows_the_post_as_markdown_again(client, owner):
    post = post_create(author=owner, title="Т", body_markdown="Дуже **важливо**", publish=True)
    client.force_login(owner)
    body = client.get(reverse("profiles:post_edit", args=[post.pk])).content.decode()
    assert "Дуже **важливо**" in body


def test_nobody_else_edits_my_post(owner, outsider):
    post = post_create(author=owner, title="Моє", body_markdown="Текст", publish=True)
    with pytest.raises(NotAllowed):
        post_update(post=post, actor=outsider, title="Чуже", body_markdown="x", publish=True)


def test_owners_and_admins_post_for_their_organization_members_do_not(
    organization, admin_member, plain_member
):
    post = post_create(
        author=admin_member, organization=organization, title="Новини", body_markdown="Т",
        publish=True,
    )  # fmt: skip
    assert post.get_absolute_url().endswith(f"/organizations/{organization.slug}/blog/{post.pk}/")
    with pytest.raises(NotAllowed):
        post_create(
            author=plain_member, organization=organization, title="Т", body_markdown="Т",
            publish=True,
        )  # fmt: skip


def test_members_who_asked_are_emailed_about_organization_posts(
    organization, owner, plain_member, django_capture_on_commit_callbacks
):
    plain_member.notification_settings.create(kind="profiles.organization_posts", wanted=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(
            author=owner, organization=organization, title="Збори", body_markdown="У суботу",
            publish=True,
        )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_a_reader_reports_a_post(client, owner, outsider):
    post = BlogPostFactory(author=owner)
    client.force_login(outsider)
    client.post(reverse("profiles:post_report", args=[post.pk]), {"reason": "abuse"})
    report = PostReport.objects.get()
    assert (report.post, report.reporter, report.state) == (post, outsider, "open")


@pytest.mark.parametrize(
    "details",
    [
        pytest.param("Тут реклама ремонту вікон. " * 50, id="over-long"),
        pytest.param("Тут рек\x00лама", id="nul-byte"),
    ],
)
def test_refused_report_details_show_the_post_again_with_what_was_typed(
    client, owner, outsider, details
):
    post = BlogPostFactory(author=owner)
    client.force_login(outsider)
    response = client.post(
        reverse("profiles:post_report", args=[post.pk]), {"reason": "spam", "details": details}
    )
    assert_refused_on(response, response.context["report_form"], "details", details)
    html = response.content.decode()
    assert re.search(r'value="spam"[^>]* checked', html)
    assert '<details class="panel" open>' in html
    assert not PostReport.objects.exists()


def test_a_report_without_a_reason_asks_for_one_with_the_details_kept(client, owner, outsider):
    post = BlogPostFactory(author=owner)
    client.force_login(outsider)
    response = client.post(
        reverse("profiles:post_report", args=[post.pk]), {"details": "Тут реклама."}
    )
    assert_refused_on(response, response.context["report_form"], "reason")
    assert "Тут реклама." in response.content.decode()
    assert not PostReport.objects.exists()


def test_a_refused_report_of_an_organization_post_stays_on_the_organization_blog(
    client, organization, owner, outsider
):
    post = BlogPostFactory(author=owner, organization=organization)
    client.force_login(outsider)
    response = client.post(reverse("profiles:post_report", args=[post.pk]), {"details": "Так"})
    assert_refused_on(response, response.context["report_form"], "reason")
    assert response.context["organization"] == organization
    assert reverse("profiles:organization_blog", args=[organization.slug]) in (
        response.content.decode()
    )
    assert not PostReport.objects.exists()


def test_one_open_report_per_reader(owner, outsider):
    post = BlogPostFactory(author=owner)
    post_report(post=post, reporter=outsider, reason="spam")
    with pytest.raises(ProfilesError, match="already reported"):
        post_report(post=post, reporter=outsider, reason="abuse")


def test_an_author_cannot_report_their_own_post(owner):
    with pytest.raises(ProfilesError):
        post_report(post=BlogPostFactory(author=owner), reporter=owner, reason="spam")


def test_a_moderator_hides_a_post_everywhere_and_the_author_is_told(
    client, owner, outsider, staff, django_capture_on_commit_callbacks
):
    post = BlogPostFactory(author=owner, title="Образливий допис")
    post_report(post=post, reporter=outsider, reason="abuse")
    with django_capture_on_commit_callbacks(execute=True):
        post_hide(post=post, moderator=staff, reason="Образи сусідів.")
    assert client.get(post.get_absolute_url()).status_code == 404
    for url in [owner.profile.get_absolute_url(), owner.profile.get_absolute_url() + "feed/"]:
        assert "Образливий допис" not in client.get(url).content.decode()
    assert PostReport.objects.get().state == "upheld"
    assert "Образи сусідів." in mail.outbox[-1].body and mail.outbox[-1].to == [owner.email]


def test_a_hidden_post_stays_hidden_when_its_author_edits_it(owner, staff):
    post = BlogPostFactory(author=owner)
    post_hide(post=post, moderator=staff, reason="Спам")
    post_update(post=post, actor=owner, title="Виправлено", body_markdown="Т", publish=True)
    assert BlogPost.objects.get(pk=post.pk).state == "hidden"


def test_a_moderator_restores_a_hidden_post(owner, staff):
    post = BlogPostFactory(author=owner)
    post_hide(post=post, moderator=staff, reason="Помилка")
    post_restore(post=post, moderator=staff)
    assert BlogPost.objects.get(pk=post.pk).state == "published"


def test_a_moderator_dismisses_a_report_and_the_post_stays(owner, outsider, staff):
    post = BlogPostFactory(author=owner)
    report = post_report(post=post, reporter=outsider, reason="other")
    report_dismiss(report=report, moderator=staff)
    assert PostReport.objects.get().state == "dismissed"
    assert BlogPost.objects.get(pk=post.pk).state == "published"


def test_only_moderators_hide_posts(owner, outsider):
    with pytest.raises(NotAllowed):
        post_hide(post=BlogPostFactory(author=owner), moderator=outsider, reason="Не подобається")


def test_moderators_hide_a_post_from_the_admin(client, owner, outsider, staff):
    post = BlogPostFactory(author=owner)
    report = post_report(post=post, reporter=outsider, reason="hate")
    client.force_login(staff)
    client.post(reverse("profiles_post_hide", args=[post.pk]), {"reason": "Мова ворожнечі."})
    assert BlogPost.objects.get(pk=post.pk).state == "hidden"
    assert PostReport.objects.get(pk=report.pk).state == "upheld"
