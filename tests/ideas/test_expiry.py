"""The timed steps: ideas that do not reach their threshold in time expire; supporters'
links are forgotten IDEA_RETENTION_DAYS after support ended, the counts staying."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from ideas import services
from ideas.models import IdeaEvent, Support
from ideas.states import State
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]


def test_an_idea_below_its_threshold_expires_at_the_end_of_its_period(make_idea):
    ends = timezone.now() + timedelta(days=3)
    idea = make_idea("published", support_ends_at=ends, supporters=2)
    assert services.ideas_expire(now=ends - timedelta(seconds=1)) == 0
    assert services.ideas_expire(now=ends) == 1
    idea.refresh_from_db()
    assert idea.state == State.EXPIRED and idea.support_count == 3
    assert IdeaEvent.objects.filter(idea=idea, state=State.EXPIRED).count() == 1


def test_expiring_twice_expires_once(make_idea):
    make_idea("published", support_ends_at=timezone.now() - timedelta(days=1))
    assert services.ideas_expire() == 1
    assert services.ideas_expire() == 0


def test_an_idea_that_reached_its_threshold_never_expires(make_idea):
    idea = make_idea("under_review", support_ends_at=timezone.now() - timedelta(days=1))
    assert services.ideas_expire() == 0
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW


def test_the_tick_command_expires_and_reports(make_idea):
    idea = make_idea("published", title="Стара ідея", support_ends_at=timezone.now())
    out = io.StringIO()
    call_command("ideas_tick", stdout=out)
    idea.refresh_from_db()
    assert idea.state == State.EXPIRED
    assert f"expired: {idea.pk} Стара ідея" in out.getvalue()
    assert "Expired: 1. Links to supporters cut: 0." in out.getvalue()


@pytest.mark.parametrize("state", ["expired", "under_review", "rejected"])
def test_supporters_are_forgotten_after_the_retention_period_the_count_stays(
    make_idea, settings, state
):
    settings.IDEA_RETENTION_DAYS = 730
    ended = timezone.now() - timedelta(days=731)
    idea = make_idea(
        state,
        supporters=3,
        support_ends_at=ended,
        threshold_reached_at=(None if state == "expired" else ended),
    )
    fresh = make_idea(state, supporters=2)
    assert services.supports_retention_cut() == 4
    idea.refresh_from_db()
    assert idea.support_count == 4 and not Support.objects.filter(idea=idea).exists()
    assert Support.objects.filter(idea=fresh).count() == 3


def test_a_gathering_idea_keeps_its_supporters(make_idea):
    idea = make_idea("published", supporters=2)
    idea.published_at = timezone.now() - timedelta(days=1000)
    idea.save()
    assert services.supports_retention_cut() == 0
    assert Support.objects.filter(idea=idea).count() == 3


def test_a_duplicate_forgets_its_supporters_after_the_retention_period(make_idea, moderator):
    target = make_idea("published")
    duplicate = make_idea("published", author=factories.person(), supporters=2)
    services.idea_merge(
        idea=duplicate, into=target, by=moderator, now=timezone.now() - timedelta(days=800)
    )
    assert services.ideas_tick()["links_cut"] == 3
    assert Support.objects.filter(idea=target).count() == 4  # carried ones stay with target
