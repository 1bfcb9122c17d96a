"""Every legal move of an idea's life, through the service that makes it, and every illegal
one refused (by the state table, and by the services in front of it)."""

from datetime import timedelta
from itertools import product

from django.utils import timezone

import pytest

from ideas import services
from ideas.models import IdeaEvent
from ideas.states import TRANSITIONS, IdeaError, State, check_transition
from tests.ideas import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("messages_in_english")]

LEGAL = {(current, target) for current, targets in TRANSITIONS.items() for target in targets}


@pytest.mark.parametrize(("current", "target"), sorted(LEGAL))
def test_a_legal_transition_passes_the_table(current, target):
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    sorted(set(product(State.values, State.values)) - LEGAL),
)
def test_every_other_transition_is_refused_by_the_table(current, target):
    with pytest.raises(IdeaError) as refused:
        check_transition(current, target)
    assert refused.value.code == "illegal_transition"


def test_the_table_names_every_state():
    assert set(TRANSITIONS) == set(State.values)


def _last_event(idea):
    return IdeaEvent.objects.filter(idea=idea).order_by("-at", "-pk").first()


def test_draft_to_published_by_its_author(make_idea, author):
    idea = make_idea("draft")
    services.idea_publish(idea=idea, by=author)
    idea.refresh_from_db()
    assert idea.state == State.PUBLISHED
    assert _last_event(idea).state == State.PUBLISHED


def test_published_to_under_review_when_the_threshold_is_reached(make_idea, supporter):
    idea = make_idea("published", threshold=2)
    services.support_give(idea=idea, user=supporter)
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW
    assert _last_event(idea).state == State.UNDER_REVIEW


def test_published_to_expired_after_the_support_period(make_idea):
    idea = make_idea("published", support_ends_at=timezone.now() - timedelta(minutes=1))
    assert services.ideas_expire() == 1
    idea.refresh_from_db()
    assert idea.state == State.EXPIRED


@pytest.mark.parametrize("state", [State.PUBLISHED, State.UNDER_REVIEW])
def test_published_or_under_review_to_duplicate(make_idea, moderator, state):
    idea, target = make_idea(state), make_idea("published")
    services.idea_merge(idea=idea, into=target, by=moderator)
    idea.refresh_from_db()
    assert idea.state == State.DUPLICATE and idea.merged_into == target


@pytest.mark.parametrize("answer", [State.ACCEPTED, State.ACCEPTED_IN_PART, State.REJECTED])
def test_under_review_to_each_answer(make_idea, district_authority, answer):
    idea = make_idea("under_review")
    services.idea_answer(idea=idea, by=district_authority, state=answer, answer="Так.")
    idea.refresh_from_db()
    assert idea.state == answer


@pytest.mark.parametrize("state", [State.ACCEPTED, State.ACCEPTED_IN_PART])
def test_accepted_to_in_progress(make_idea, district_authority, state):
    idea = make_idea(state)
    services.idea_start(idea=idea, by=district_authority, note="Підрядника обрано.")
    idea.refresh_from_db()
    assert idea.state == State.IN_PROGRESS
    assert _last_event(idea).note == "Підрядника обрано."


def test_in_progress_to_done(make_idea, district_authority):
    idea = make_idea("in_progress")
    services.idea_finish(idea=idea, by=district_authority)
    idea.refresh_from_db()
    assert idea.state == State.DONE and idea.done_at is not None


@pytest.mark.parametrize("state", sorted(set(State.values) - {State.DRAFT}))
def test_only_a_draft_is_published(make_idea, author, state):
    idea = make_idea(state, **({"merged_into": make_idea()} if state == State.DUPLICATE else {}))
    with pytest.raises(IdeaError):
        services.idea_publish(idea=idea, by=author)


@pytest.mark.parametrize("state", sorted(set(State.values) - {State.UNDER_REVIEW}))
def test_only_an_idea_under_review_is_answered(make_idea, editor, state):
    idea = make_idea(state, **({"merged_into": make_idea()} if state == State.DUPLICATE else {}))
    with pytest.raises(IdeaError):
        services.idea_answer(idea=idea, by=editor, state=State.ACCEPTED, answer="Так.")
    idea.refresh_from_db()
    assert idea.state == state


@pytest.mark.parametrize(
    "state", sorted(set(State.values) - {State.ACCEPTED, State.ACCEPTED_IN_PART})
)
def test_only_an_accepted_idea_is_started(make_idea, editor, state):
    idea = make_idea(state, **({"merged_into": make_idea()} if state == State.DUPLICATE else {}))
    with pytest.raises(IdeaError):
        services.idea_start(idea=idea, by=editor)


@pytest.mark.parametrize("state", sorted(set(State.values) - {State.IN_PROGRESS}))
def test_only_an_idea_in_progress_is_finished(make_idea, editor, state):
    idea = make_idea(state, **({"merged_into": make_idea()} if state == State.DUPLICATE else {}))
    with pytest.raises(IdeaError):
        services.idea_finish(idea=idea, by=editor)


@pytest.mark.parametrize("state", sorted(set(State.values) - {State.PUBLISHED, State.UNDER_REVIEW}))
def test_only_a_gathering_or_reviewed_idea_is_merged(make_idea, moderator, state):
    idea = make_idea(state, **({"merged_into": make_idea()} if state == State.DUPLICATE else {}))
    with pytest.raises(IdeaError):
        services.idea_merge(idea=idea, into=make_idea("published"), by=moderator)
    idea.refresh_from_db()
    assert idea.state == state


@pytest.mark.parametrize("state", sorted(set(State.values) - {State.PUBLISHED}))
def test_only_a_gathering_idea_expires(make_idea, state):
    make_idea(
        state,
        support_ends_at=timezone.now() - timedelta(days=1),
        **({"merged_into": make_idea()} if state == State.DUPLICATE else {}),
    )
    assert services.ideas_expire() == 0


def test_an_answer_that_is_not_an_answer_state_is_refused(make_idea, editor):
    idea = make_idea("under_review")
    for state in (State.IN_PROGRESS, State.DUPLICATE, "approved", "", ["accepted"], None):
        with pytest.raises(IdeaError):
            services.idea_answer(idea=idea, by=editor, state=state, answer="Так.")
    idea.refresh_from_db()
    assert idea.state == State.UNDER_REVIEW


def test_the_factory_makes_each_state_as_the_services_would(make_idea):
    target = make_idea("published")
    for state in State.values:
        extra = {"merged_into": target} if state == State.DUPLICATE else {}
        idea = factories.idea_in(state, **extra)
        assert idea.state == state
