"""Giving and withdrawing support: exact counts, who may, until when, and the one move to
under review with its emails when the threshold is reached."""

from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone, translation

import pytest

from ideas import services
from ideas.models import IdeaEvent, Support
from ideas.selectors import idea_supported_by
from ideas.states import IdeaError, State
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def test_a_support_is_counted_once(published_idea, supporter):
    services.support_give(idea=published_idea, user=supporter)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 2  # the author's and this one
    assert idea_supported_by(idea=published_idea, user=supporter)


def test_supporting_twice_is_refused_and_counts_once(published_idea, supporter):
    services.support_give(idea=published_idea, user=supporter)
    with pytest.raises(IdeaError, match="already support"):
        services.support_give(idea=published_idea, user=supporter)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 2
    assert Support.objects.filter(idea=published_idea).count() == 2


def test_a_person_without_a_confirmed_email_cannot_support(published_idea, unconfirmed):
    with pytest.raises(IdeaError, match="Confirm your email"):
        services.support_give(idea=published_idea, user=unconfirmed)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 1


def test_an_anonymous_visitor_cannot_support(published_idea):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(IdeaError, match="Sign in"):
        services.support_give(idea=published_idea, user=AnonymousUser())


def test_support_after_the_deadline_is_refused(make_idea, supporter):
    idea = make_idea("published", support_ends_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(IdeaError, match="time to support"):
        services.support_give(idea=idea, user=supporter)
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_support_just_before_the_deadline_counts(make_idea, supporter):
    ends = timezone.now() + timedelta(days=1)
    idea = make_idea("published", support_ends_at=ends)
    services.support_give(idea=idea, user=supporter, now=ends - timedelta(seconds=1))
    idea.refresh_from_db()
    assert idea.support_count == 2


@pytest.mark.parametrize("state", ["draft", "under_review", "accepted", "rejected", "expired"])
def test_an_idea_that_does_not_gather_support_refuses_it(make_idea, supporter, state):
    idea = make_idea(state)
    with pytest.raises(IdeaError):
        services.support_give(idea=idea, user=supporter)
    assert not idea_supported_by(idea=idea, user=supporter)


def test_a_hidden_idea_cannot_be_supported(make_idea, supporter):
    idea = make_idea("published", hidden_at=timezone.now())
    with pytest.raises(IdeaError, match="hidden"):
        services.support_give(idea=idea, user=supporter)


def test_withdrawing_takes_the_support_away(published_idea, supporter):
    services.support_give(idea=published_idea, user=supporter)
    services.support_withdraw(idea=published_idea, user=supporter)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 1
    assert not idea_supported_by(idea=published_idea, user=supporter)


def test_withdrawing_a_support_never_given_is_refused(published_idea, supporter):
    with pytest.raises(IdeaError, match="do not support"):
        services.support_withdraw(idea=published_idea, user=supporter)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 1


def test_support_cannot_be_withdrawn_once_under_review(make_idea, supporter):
    idea = make_idea("published", threshold=2)
    services.support_give(idea=idea, user=supporter)
    with pytest.raises(IdeaError, match="only while"):
        services.support_withdraw(idea=idea, user=supporter)
    idea.refresh_from_db()
    assert idea.support_count == 2 and idea.state == State.UNDER_REVIEW


def test_withdrawing_and_supporting_again_counts_once(published_idea, supporter):
    services.support_give(idea=published_idea, user=supporter)
    services.support_withdraw(idea=published_idea, user=supporter)
    services.support_give(idea=published_idea, user=supporter)
    published_idea.refresh_from_db()
    assert published_idea.support_count == 2


def test_the_support_that_reaches_the_threshold_moves_the_idea_once(
    make_idea, district, django_capture_on_commit_callbacks
):
    authority = factories.authority(districts=[district])
    factories.authority(districts=[])  # another district's staff hears nothing
    idea = make_idea("published", threshold=3, supporters=1)
    first, second = factories.people(2)
    with django_capture_on_commit_callbacks(execute=True):
        services.support_give(idea=idea, user=first)
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW and idea.support_count == 3
    reached_at = idea.threshold_reached_at
    assert reached_at is not None
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(IdeaError):
        services.support_give(idea=idea, user=second)
    idea.refresh_from_db()
    assert idea.support_count == 3 and idea.threshold_reached_at == reached_at
    assert IdeaEvent.objects.filter(idea=idea, state=State.UNDER_REVIEW).count() == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([authority.email, idea.author.email])


def test_a_city_wide_idea_reaching_its_threshold_tells_the_editors(
    make_idea, editor, django_capture_on_commit_callbacks
):
    factories.authority(districts=[])
    idea = make_idea("published", district=None, threshold=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.support_give(idea=idea, user=factories.person())
    assert {m.to[0] for m in mail.outbox} == {editor.email, idea.author.email}
    with translation.override(settings.LANGUAGE_CODE):  # the site's language, as sent
        subject = translation.gettext("An idea awaits your answer: %(title)s") % {
            "title": idea.title
        }
    assert subject in next(m.subject for m in mail.outbox if m.to == [editor.email])


def test_publishing_freezes_the_threshold_and_gives_the_authors_support(
    make_idea, author, district
):
    idea = make_idea("draft")
    city = make_idea("draft", district=None)
    now = timezone.now()
    with override_settings(IDEA_THRESHOLD_DISTRICT=7, IDEA_THRESHOLD_CITY=70, IDEA_SUPPORT_DAYS=10):
        services.idea_publish(idea=idea, by=author, now=now)
        services.idea_publish(idea=city, by=author, now=now)
    with override_settings(IDEA_THRESHOLD_DISTRICT=1):
        idea.refresh_from_db()
        city.refresh_from_db()
    assert (idea.threshold, city.threshold) == (7, 70)
    assert idea.support_ends_at == now + timedelta(days=10)
    assert idea.support_count == 1 and idea_supported_by(idea=idea, user=author)


def test_only_the_author_publishes(make_idea, supporter, editor):
    idea = make_idea("draft")
    for someone in (supporter, editor):
        with pytest.raises(IdeaError):
            services.idea_publish(idea=idea, by=someone)
    idea.refresh_from_db()
    assert idea.state == State.DRAFT


def test_a_support_leaves_cached_pages_alone_until_it_changes_the_ideas_state(make_idea):
    """Supporting is the hot path: it must not make every cached page be rendered again; the
    support that moves the idea under review must (its state shows on every page)."""
    from config.freshness import content_generation

    idea = make_idea("published", threshold=4, supporters=1)
    assert idea.support_count == 2  # the author and one supporter
    first, second = factories.people(2)
    before = content_generation()
    services.support_give(idea=idea, user=first)
    services.support_withdraw(idea=idea, user=first)
    services.support_give(idea=idea, user=first)
    assert content_generation() == before
    services.support_give(idea=idea, user=second)
    assert content_generation() != before
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW and idea.support_count == 4
