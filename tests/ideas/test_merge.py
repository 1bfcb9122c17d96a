"""Merging a duplicate: its supporters are carried over, each person counted once, and the
target may cross its threshold with them."""

from django.core import mail

import pytest

from ideas import services
from ideas.models import IdeaEvent, Support
from ideas.states import IdeaError, State
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def test_supporters_of_both_are_counted_once(make_idea, moderator):
    target = make_idea("published", supporters=3)
    duplicate = make_idea("published", author=factories.person(), supporters=2)
    both = factories.people(2)
    for person in both:
        services.support_give(idea=target, user=person)
        services.support_give(idea=duplicate, user=person)
    target.refresh_from_db()
    duplicate.refresh_from_db()
    # target: author + 3 + 2 shared = 6; duplicate: its author + 2 + 2 shared = 5
    assert (target.support_count, duplicate.support_count) == (6, 5)

    services.idea_merge(idea=duplicate, into=target, by=moderator, note="Те саме місце.")

    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert target.support_count == 6 + 3  # the duplicate's author and its own 2 came over
    assert target.support_count == Support.objects.filter(idea=target).count()
    assert duplicate.state == State.DUPLICATE and duplicate.merged_into == target
    assert duplicate.support_count == 5  # its own record stays
    carried = Support.objects.filter(idea=target, carried_from=duplicate)
    assert carried.count() == 3
    assert IdeaEvent.objects.filter(idea=target, kind=IdeaEvent.Kind.MERGED_IN).count() == 1


def test_carried_supports_keep_the_day_they_were_given(make_idea, moderator):
    target = make_idea("published")
    duplicate = make_idea("published", author=factories.person(), supporters=1)
    original = Support.objects.filter(idea=duplicate).exclude(user=duplicate.author).get()
    services.idea_merge(idea=duplicate, into=target, by=moderator)
    assert Support.objects.get(idea=target, user=original.user).created_at == original.created_at


def test_the_target_may_cross_its_threshold(
    make_idea, moderator, district, django_capture_on_commit_callbacks
):
    authority = factories.authority(districts=[district])
    target = make_idea("published", threshold=5, supporters=2)
    duplicate = make_idea("published", author=factories.person(), supporters=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_merge(idea=duplicate, into=target, by=moderator)
    target.refresh_from_db()
    assert target.state == State.UNDER_REVIEW and target.threshold_reached_at is not None
    assert any(authority.email in m.to for m in mail.outbox)


def test_an_idea_under_review_can_be_merged(make_idea, moderator):
    target = make_idea("published")
    duplicate = make_idea("under_review", author=factories.person())
    services.idea_merge(idea=duplicate, into=target, by=moderator)
    duplicate.refresh_from_db()
    assert duplicate.state == State.DUPLICATE


def test_the_authority_of_the_idea_may_merge_it(make_idea, district_authority):
    target, duplicate = make_idea("published"), make_idea("under_review")
    services.idea_merge(idea=duplicate, into=target, by=district_authority)
    duplicate.refresh_from_db()
    assert duplicate.state == State.DUPLICATE


def test_a_supporter_cannot_merge(make_idea, supporter):
    target, duplicate = make_idea("published"), make_idea("published")
    with pytest.raises(IdeaError, match="Only moderators"):
        services.idea_merge(idea=duplicate, into=target, by=supporter)


def test_an_idea_is_not_merged_into_itself(published_idea, moderator):
    with pytest.raises(IdeaError, match="another idea"):
        services.idea_merge(idea=published_idea, into=published_idea, by=moderator)


@pytest.mark.parametrize("state", ["draft", "rejected", "expired", "done"])
def test_the_target_must_be_public_and_still_moving(make_idea, moderator, state):
    duplicate = make_idea("published")
    with pytest.raises(IdeaError, match="still moving"):
        services.idea_merge(idea=duplicate, into=make_idea(state), by=moderator)
    duplicate.refresh_from_db()
    assert duplicate.state == State.PUBLISHED


def test_a_duplicate_answer_reaches_its_supporters(
    make_idea, moderator, django_capture_on_commit_callbacks
):
    target = make_idea("published")
    duplicate = make_idea("published", supporters=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_merge(idea=duplicate, into=target, by=moderator, note="Дублікат.")
    assert len(mail.outbox) == 3  # the author and two supporters
    assert all(f"/ideas/{target.slug}/" in m.body for m in mail.outbox)
