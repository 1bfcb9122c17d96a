"""Stored reputation: updated in the same transaction as each change, and a recompute from
scratch gives exactly the same numbers."""

import io
from decimal import Decimal

from django.core.management import call_command

import pytest

from experts import services
from experts.models import Indicator, PlatformBaseline, Reputation
from experts.reputation import platform_means, recompute_all, reputation_snapshot, score_of
from tests.experts.factories import QuestionFactory, make_team, rate, verified_expert
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def overall_row(expert):
    return Reputation.objects.get(expert=expert, competency=None, indicator=Indicator.OVERALL)


def overall_score(expert) -> Decimal:
    return score_of(overall_row(expert), mean=platform_means()[Indicator.OVERALL])


def test_a_rating_updates_the_experts_reputation_at_once(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 3, 2))
    row = overall_row(completed_team.expert)
    assert (row.ratings_count, row.weight, row.weighted_sum) == (1, Decimal(1), Decimal("3.5"))
    completed_team.expert.refresh_from_db()
    assert completed_team.expert.ratings_count == 1
    assert completed_team.expert.rated_projects_count == 1


def test_the_platform_mean_follows_visible_ratings(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 3, 2))
    rate(completed_team, completed_team.neighbour, completed_team.expert.user, (3, 3, 3, 3))
    means = platform_means()
    assert means[Indicator.COMPETENCE] == Decimal("4.0000")
    assert means[Indicator.OVERALL] == Decimal("3.2500")  # (14 + 12) / 8
    assert PlatformBaseline.objects.get(indicator=Indicator.OVERALL).total == 26


def test_a_better_rated_expert_scores_higher(project_index, heating):
    first = make_team(project_index, heating, title="Перший")
    second = make_team(project_index, heating, title="Другий")
    first.complete()
    second.complete()
    rate(first, first.resident, first.expert.user, (5, 5, 5, 5))
    rate(second, second.resident, second.expert.user, (3, 3, 3, 3))
    # m = 4: (5·4 + 5) / 6 = 4.17 and (5·4 + 3) / 6 = 3.83
    assert overall_score(first.expert) == Decimal("4.17")
    assert overall_score(second.expert) == Decimal("3.83")


def test_changing_a_rating_changes_the_reputation(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (2, 2, 2, 2))
    rate(completed_team, completed_team.resident, completed_team.expert.user, (4, 4, 4, 4))
    assert overall_row(completed_team.expert).weighted_sum == Decimal(4)
    assert PlatformBaseline.objects.get(indicator=Indicator.COMPETENCE).total == 4


def build_history(project_index, heating):
    """Ratings, an edit, a hidden and restored rating, answers accepted and found helpful."""
    moderator = UserFactory(is_superuser=True, is_staff=True)
    first = make_team(project_index, heating, title="Перший")
    second = make_team(project_index, heating, title="Другий")
    first.complete()
    services.project_transition(project=second.project, to="active", by=second.coordinator)
    services.milestone_close(milestone=second.project.milestones.first(), by=second.coordinator)
    rate(first, first.resident, first.expert.user, (5, 4, 5, 4))
    rate(first, first.neighbour, first.expert.user, (3, 5, 2, 4))
    rate(first, first.coordinator, first.expert.user, (4, 4, 4, 5))
    rate(first, first.resident, first.expert.user, (5, 5, 5, 5))
    rate(second, second.resident, second.expert.user, (2, 3, 1, 2))
    hidden = rate(second, second.neighbour, second.expert.user, (1, 1, 1, 1))
    services.rating_hide(rating=hidden, by=moderator, reason="conflict")
    restored = rate(second, second.coordinator, second.expert.user, (4, 4, 4, 4))
    services.rating_hide(rating=restored, by=moderator, reason="check")
    services.rating_restore(rating=restored, by=moderator)
    question = QuestionFactory(competency=heating)
    answer = services.answer_post(question=question, user=first.expert.user, body="Відповідь")
    services.answer_post(question=question, user=second.expert.user, body="Інша відповідь")
    services.answer_accept(answer=answer, user=question.asker)
    services.answer_mark_helpful(answer=answer, user=first.resident)
    return first, second


def test_recomputing_from_scratch_gives_identical_numbers(project_index, heating):
    build_history(project_index, heating)
    incremental = reputation_snapshot()
    assert incremental["rows"]
    changed = recompute_all()
    assert changed == 0
    assert reputation_snapshot() == incremental


def test_the_recompute_command_restores_damaged_numbers(project_index, heating):
    first, _ = build_history(project_index, heating)
    expected = reputation_snapshot()
    Reputation.objects.filter(expert=first.expert).update(weight=Decimal(99))
    PlatformBaseline.objects.update(total=0)
    out = io.StringIO()
    call_command("experts_recompute_reputation", stdout=out)
    assert reputation_snapshot() == expected
    assert "rows corrected" in out.getvalue()


def test_the_recompute_command_reports_nothing_to_correct_when_exact(project_index, heating):
    build_history(project_index, heating)
    out = io.StringIO()
    call_command("experts_recompute_reputation", stdout=out)
    assert "0 rows corrected" in out.getvalue()


def test_a_hidden_rating_leaves_the_reputation_and_the_platform_mean(completed_team):
    moderator = UserFactory(is_superuser=True, is_staff=True)
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 5, 5, 5))
    unfair = rate(
        completed_team, completed_team.neighbour, completed_team.expert.user, (1, 1, 1, 1)
    )
    services.rating_hide(rating=unfair, by=moderator, reason="Помста")
    row = overall_row(completed_team.expert)
    assert (row.ratings_count, row.weighted_sum) == (1, Decimal(5))
    assert platform_means()[Indicator.OVERALL] == Decimal("5.0000")


def test_accepted_and_helpful_answers_feed_the_overall_score(heating):
    expert = verified_expert(heating)
    question = QuestionFactory(competency=heating)
    answer = services.answer_post(question=question, user=expert.user, body="Перевірте стояк.")
    assert overall_row(expert).answers_weight == 0
    services.answer_accept(answer=answer, user=question.asker)
    services.answer_mark_helpful(answer=answer, user=UserFactory())
    row = overall_row(expert)
    assert row.answers_weight == Decimal("0.4")
    # No ratings anywhere: m = 3. (5·3 + 4.5·0.4) / 5.4 = 16.8 / 5.4 = 3.11
    assert overall_score(expert) == Decimal("3.11")
    expert.refresh_from_db()
    assert (expert.answers_count, expert.accepted_answers_count) == (1, 1)
