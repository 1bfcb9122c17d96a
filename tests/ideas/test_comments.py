"""The discussion of an idea: comments, reports with a reason, hiding and restoring by
moderators, dismissing reports."""

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.utils import timezone

import pytest

from ideas import services
from ideas.models import Comment, CommentReport
from ideas.selectors import comments_visible, reports_open
from ideas.states import IdeaError
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

SPAM = CommentReport.Reason.SPAM


@pytest.fixture
def comment(published_idea, author):
    return services.comment_add(idea=published_idea, author=author, body="  Гарна ідея!  ")


def test_a_comment_is_stored_stripped_and_shown(published_idea, comment):
    assert comment.body == "Гарна ідея!" and not comment.is_official
    assert list(comments_visible(idea=published_idea)) == [comment]


def test_the_authoritys_comment_is_official(published_idea, district_authority):
    said = services.comment_add(idea=published_idea, author=district_authority, body="Вивчаємо.")
    assert said.is_official


def test_commenting_needs_a_confirmed_email(published_idea, unconfirmed):
    with pytest.raises(IdeaError, match="Confirm your email"):
        services.comment_add(idea=published_idea, author=unconfirmed, body="Привіт")
    with pytest.raises(IdeaError):
        services.comment_add(idea=published_idea, author=AnonymousUser(), body="Привіт")


@pytest.mark.parametrize("body", ["", "   ", "я" * 3001, None, 42, "a\x00b"])
def test_a_bad_comment_is_refused_with_a_message(published_idea, supporter, body):
    with pytest.raises(IdeaError) as refused:
        services.comment_add(idea=published_idea, author=supporter, body=body)
    assert refused.value.messages


def test_drafts_and_hidden_ideas_take_no_comments(make_idea, supporter):
    for idea in (make_idea("draft"), make_idea("published", hidden_at=timezone.now())):
        with pytest.raises(IdeaError, match="not open for comments"):
            services.comment_add(idea=idea, author=supporter, body="Привіт")


def test_a_report_is_open_until_a_moderator_resolves_it(comment, supporter):
    report = services.comment_report(
        comment=comment, reporter=supporter, reason=SPAM, explanation="реклама"
    )
    assert list(reports_open()) == [report]


def test_reporting_twice_is_refused(comment, supporter):
    services.comment_report(comment=comment, reporter=supporter, reason=SPAM)
    with pytest.raises(IdeaError, match="already reported"):
        services.comment_report(comment=comment, reporter=supporter, reason=SPAM)


def test_the_database_holds_one_open_report_per_person(comment, supporter):
    CommentReport.objects.create(comment=comment, reporter=supporter, reason=SPAM)
    with pytest.raises(IntegrityError):
        CommentReport.objects.create(comment=comment, reporter=supporter, reason=SPAM)


@pytest.mark.parametrize("reason", ["", "because", None])
def test_a_report_needs_a_known_reason(comment, supporter, reason):
    with pytest.raises(IdeaError, match="Choose why"):
        services.comment_report(comment=comment, reporter=supporter, reason=reason)


def test_ones_own_comment_is_not_reported(comment, author):
    with pytest.raises(IdeaError, match="your own"):
        services.comment_report(comment=comment, reporter=author, reason=SPAM)


def test_an_anonymous_visitor_cannot_report(comment):
    with pytest.raises(IdeaError, match="Sign in"):
        services.comment_report(comment=comment, reporter=AnonymousUser(), reason=SPAM)


def test_hiding_keeps_the_text_and_reason_and_resolves_the_reports(comment, supporter, moderator):
    services.comment_report(comment=comment, reporter=supporter, reason=SPAM)
    services.comment_hide(comment=comment, by=moderator, reason="Реклама")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.body == "Гарна ідея!"
    assert (comment.hidden_reason, comment.hidden_by) == ("Реклама", moderator)
    assert not comment_list(comment)
    report = CommentReport.objects.get()
    assert report.resolution == CommentReport.Resolution.HIDDEN and report.resolved_by == moderator
    assert not reports_open().exists()


def comment_list(comment):
    return list(comments_visible(idea=comment.idea))


def test_hiding_needs_a_reason_and_a_moderator(comment, moderator, supporter):
    with pytest.raises(IdeaError, match="Fill in"):
        services.comment_hide(comment=comment, by=moderator, reason=" ")
    with pytest.raises(IdeaError, match="Only moderators"):
        services.comment_hide(comment=comment, by=supporter, reason="Не подобається")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_hiding_twice_and_restoring_a_visible_comment_are_refused(comment, moderator):
    with pytest.raises(IdeaError, match="not hidden"):
        services.comment_restore(comment=comment, by=moderator)
    services.comment_hide(comment=comment, by=moderator, reason="Образи")
    with pytest.raises(IdeaError, match="already hidden"):
        services.comment_hide(comment=comment, by=moderator, reason="Образи")


def test_restoring_brings_the_comment_back(comment, moderator):
    services.comment_hide(comment=comment, by=moderator, reason="Помилка")
    services.comment_restore(comment=comment, by=moderator)
    comment.refresh_from_db()
    assert comment.state == Comment.State.VISIBLE and comment.hidden_reason == ""
    assert comment_list(comment) == [comment]


def test_a_hidden_comment_cannot_be_reported(comment, moderator, supporter):
    services.comment_hide(comment=comment, by=moderator, reason="Спам")
    with pytest.raises(IdeaError, match="no longer public"):
        services.comment_report(comment=comment, reporter=supporter, reason=SPAM)


def test_dismissing_closes_a_report_and_keeps_the_comment(comment, supporter, moderator):
    report = services.comment_report(comment=comment, reporter=supporter, reason=SPAM)
    services.report_dismiss(report=report, by=moderator)
    report.refresh_from_db()
    assert report.resolution == CommentReport.Resolution.DISMISSED
    assert comment_list(comment) == [comment]
    with pytest.raises(IdeaError, match="already resolved"):
        services.report_dismiss(report=report, by=moderator)
    # once dismissed, the same person may report it again (something new may have happened)
    services.comment_report(comment=comment, reporter=supporter, reason=SPAM)


def test_only_moderators_dismiss(comment, supporter):
    report = services.comment_report(comment=comment, reporter=supporter, reason=SPAM)
    with pytest.raises(IdeaError, match="Only moderators"):
        services.report_dismiss(report=report, by=factories.person())


def test_hiding_an_idea_takes_it_off_the_lists_and_keeps_its_state(published_idea, moderator):
    from ideas.selectors import idea_public, ideas_listed

    services.idea_hide(idea=published_idea, by=moderator, reason="Незаконний зміст")
    assert idea_public(slug=published_idea.slug) is None
    assert published_idea not in ideas_listed()
    published_idea.refresh_from_db()
    assert published_idea.state == "published"
    services.idea_unhide(idea=published_idea, by=moderator)
    assert idea_public(slug=published_idea.slug) == published_idea
