"""Races on PostgreSQL, with real threads released together by a barrier: the count of
supporters stays exact, and the move to under review (with its date and its emails) happens
once however many supports arrive at the same moment."""

from collections import Counter

from django.core import mail

import pytest

from ideas import services
from ideas.models import Idea, IdeaEvent, Support
from ideas.states import IdeaError, State
from tests.concurrency import race
from tests.ideas import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 40


def _race(jobs, *, threads: int = THREADS) -> list:
    return race(jobs, threads=threads)


def _kinds(outcomes) -> Counter:
    return Counter(
        outcome.code if isinstance(outcome, IdeaError) else type(outcome).__name__
        for outcome in outcomes
    )


def _exact(idea: Idea) -> Idea:
    idea.refresh_from_db()
    assert idea.support_count == Support.objects.filter(idea=idea).count()
    return idea


def test_forty_supports_at_once_reach_a_threshold_of_25_once(on_postgres, districts):
    district = districts[0]
    authority = factories.authority(districts=[district])
    idea = factories.idea_in("published", district=district, threshold=25)
    people = factories.people(THREADS)
    mail.outbox = []

    def support(person):
        return lambda: services.support_give(idea=Idea.objects.get(pk=idea.pk), user=person)

    outcomes = _race([support(person) for person in people])

    assert _kinds(outcomes) == {"Support": 24, "refused": 16}, _kinds(outcomes)
    idea = _exact(idea)
    assert idea.support_count == 25
    assert idea.state == State.UNDER_REVIEW and idea.threshold_reached_at is not None
    assert IdeaEvent.objects.filter(idea=idea, state=State.UNDER_REVIEW).count() == 1
    to_authority = [m for m in mail.outbox if m.to == [authority.email]]
    to_author = [m for m in mail.outbox if m.to == [idea.author.email]]
    assert len(to_authority) == 1 and len(to_author) == 1 and len(mail.outbox) == 2


def test_supports_and_withdrawals_at_once_keep_the_count_exact(on_postgres):
    idea = factories.idea_in("published", threshold=1000)
    leaving = factories.supporters_add(idea, 20)
    coming = factories.people(20)

    def give(person):
        return lambda: services.support_give(idea=Idea.objects.get(pk=idea.pk), user=person)

    def withdraw(person):
        return lambda: services.support_withdraw(idea=Idea.objects.get(pk=idea.pk), user=person)

    def twice(person):  # support, withdraw and support again, each at once with the others
        def job():
            give(person)()
            withdraw(person)()
            return give(person)()

        return job

    jobs = [withdraw(p) for p in leaving] + [give(p) for p in coming[:10]]
    jobs += [twice(p) for p in coming[10:]]
    outcomes = _race(jobs)

    assert _kinds(outcomes) == {"NoneType": 20, "Support": 20}, _kinds(outcomes)
    assert _exact(idea).support_count == 1 + 20


def test_the_same_person_supporting_from_many_tabs_counts_once(on_postgres):
    idea = factories.idea_in("published", threshold=1000)
    person = factories.person()

    outcomes = _race(
        [lambda: services.support_give(idea=Idea.objects.get(pk=idea.pk), user=person)] * 20,
        threads=20,
    )

    assert _kinds(outcomes) == {"Support": 1, "refused": 19}, _kinds(outcomes)
    assert _exact(idea).support_count == 2


def test_a_merge_during_supports_to_both_ideas_counts_each_person_once(on_postgres):
    moderator = factories.moderator()
    target = factories.idea_in("published", threshold=1000)
    duplicate = factories.idea_in("published", threshold=1000, supporters=10)
    people = factories.people(30)

    def give(idea, person):
        return lambda: services.support_give(idea=Idea.objects.get(pk=idea.pk), user=person)

    def merge():
        return services.idea_merge(
            idea=Idea.objects.get(pk=duplicate.pk),
            into=Idea.objects.get(pk=target.pk),
            by=moderator,
        )

    jobs = [give(target, p) for p in people[:15]] + [merge]
    jobs += [give(duplicate, p) for p in people[15:]] + [give(target, p) for p in people[15:]]
    _race(jobs)

    target = _exact(target)
    duplicate = _exact(duplicate)
    supporters_of_target = set(Support.objects.filter(idea=target).values_list("user", flat=True))
    assert len(supporters_of_target) == target.support_count
    everyone = set(Support.objects.filter(idea=duplicate).values_list("user", flat=True))
    assert everyone <= supporters_of_target
    assert {p.pk for p in people} <= supporters_of_target
