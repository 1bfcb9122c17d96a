"""Simultaneous changes to one expert's evidence on PostgreSQL: every one counts, once.

Each change recomputes the expert's sums under a row lock on the expert; without it two
transactions would each read the other's change as missing and the last write would win.
(Ratings are also serialized by the platform totals they update; helpful marks on different
answers touch no shared row but the expert's, which is what the last test shows.)"""

import threading
from decimal import Decimal

from django.db import connection

import pytest

from experts import services
from experts.models import Indicator, PlatformBaseline, ProjectParticipant, Reputation
from experts.reputation import recompute_all, reputation_snapshot
from tests.experts.factories import QuestionFactory, make_team, rate, verified_expert
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
RATERS = 8


def add_participants(team, count):
    people = []
    for _ in range(count):
        person = UserFactory()
        invited = services.participant_invite(
            project=team.project,
            by=team.coordinator,
            role=ProjectParticipant.Role.PARTICIPANT,
            user=person,
        )
        services.participant_respond(participant=invited, user=person, accept=True)
        people.append(person)
    return people


def rate_all_at_once(team, raters, values):
    barrier = threading.Barrier(len(raters))
    errors = []

    def worker(rater, value):
        try:
            barrier.wait(timeout=10)
            rate(team, rater, team.expert.user, value)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(rater, value))
        for rater, value in zip(raters, values, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_simultaneous_ratings_of_one_expert_all_count(on_postgres, project_index, heating):
    team = make_team(project_index, heating)
    raters = add_participants(team, RATERS)
    team.complete()
    values = [(n % 5 + 1, 5, 4, 3) for n in range(RATERS)]
    errors = rate_all_at_once(team, raters, values)
    assert errors == []
    row = Reputation.objects.get(
        expert=team.expert, competency=None, indicator=Indicator.COMPETENCE
    )
    assert row.ratings_count == RATERS
    assert row.weighted_sum == Decimal(sum(v[0] for v in values))
    baseline = PlatformBaseline.objects.get(indicator=Indicator.COMPETENCE)
    assert (baseline.ratings_count, baseline.total) == (RATERS, sum(v[0] for v in values))
    incremental = reputation_snapshot()
    assert recompute_all() == 0
    assert reputation_snapshot() == incremental


def test_simultaneous_ratings_of_different_experts_do_not_deadlock(
    on_postgres, project_index, heating
):
    teams = [make_team(project_index, heating, title=f"Проєкт {n}") for n in range(4)]
    for team in teams:
        team.complete()
    barrier = threading.Barrier(len(teams) * 2)
    errors = []

    def worker(team, rater):
        try:
            barrier.wait(timeout=10)
            rate(team, rater, team.expert.user, (4, 4, 4, 4))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(team, rater))
        for team in teams
        for rater in (team.resident, team.neighbour)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert PlatformBaseline.objects.get(indicator=Indicator.OVERALL).ratings_count == 8
    incremental = reputation_snapshot()
    assert recompute_all() == 0
    assert reputation_snapshot() == incremental


def test_simultaneous_helpful_marks_on_one_experts_answers_all_count(on_postgres, heating):
    expert = verified_expert(heating)
    answers = [
        services.answer_post(
            question=QuestionFactory(competency=heating), user=expert.user, body="Відповідь"
        )
        for _ in range(RATERS)
    ]
    readers = [UserFactory() for _ in answers]
    barrier = threading.Barrier(len(answers))
    errors = []

    def worker(answer, reader):
        try:
            barrier.wait(timeout=10)
            services.answer_mark_helpful(answer=answer, user=reader)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=pair) for pair in zip(answers, readers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    row = Reputation.objects.get(expert=expert, competency=None, indicator=Indicator.OVERALL)
    assert row.answers_count == RATERS
    assert row.answers_weight == Decimal("0.1") * RATERS
