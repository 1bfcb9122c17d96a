"""The reputation formula on cases computed by hand (no database: the formula is pure)."""

from datetime import date, timedelta
from decimal import Decimal

from experts.models import Indicator
from experts.reputation import (
    AnsweredQuestion,
    RatedWork,
    Sums,
    bayesian,
    decay,
    reputation_sums,
    score_of,
)

DAY = date(2026, 6, 1)
M4 = Decimal("4")


def work(values, *, days_before=0, competency=1):
    return RatedWork(competency_id=competency, on=DAY - timedelta(days=days_before), values=values)


def answer(*, accepted=True, helpful=0, days_before=0, competency=1):
    on = DAY - timedelta(days=days_before)
    return AnsweredQuestion(competency_id=competency, on=on, accepted=accepted, helpful=helpful)


def overall(ratings, answers=(), mean=M4, competency=None):
    row = reputation_sums(ratings, answers)[(competency, Indicator.OVERALL)]
    return score_of(row, mean=mean)


def test_an_expert_without_evidence_scores_the_platform_mean():
    assert overall([]) == Decimal("4.00")


def test_three_perfect_ratings_do_not_beat_fifty_ratings_of_four_point_eight():
    # (5·4 + 3·5) / (5 + 3) = 35 / 8 = 4.375 → 4.38
    assert bayesian(mean=M4, weight=Decimal(3), weighted_sum=Decimal(15)) == Decimal("4.38")
    # (5·4 + 50·4.8) / (5 + 50) = 260 / 55 = 4.7272… → 4.73
    assert bayesian(mean=M4, weight=Decimal(50), weighted_sum=Decimal(240)) == Decimal("4.73")


def test_the_same_holds_for_ratings_through_the_whole_formula():
    few = overall([work((5, 5, 5, 5))] * 3)  # (20 + 15) / 8 = 4.375
    many = overall([work((5, 5, 5, 4))] * 50)  # (20 + 50·4.75) / 55 = 4.6818…
    assert few == Decimal("4.38")
    assert many == Decimal("4.68")
    assert many > few


def test_decay_halves_the_weight_of_work_two_years_older():
    assert decay(0) == Decimal("1.000000")
    assert decay(730) == Decimal("0.500000")
    assert decay(365) == Decimal("0.707107")  # 2^(−1/2) = 0.70710678…
    assert decay(1460) == Decimal("0.250000")


def test_newer_work_counts_more():
    # today 5s, two years earlier 1s: (5·3 + 1·5 + 0.5·1) / (5 + 1.5) = 20.5 / 6.5 = 3.1538…
    ratings = [work((5, 5, 5, 5)), work((1, 1, 1, 1), days_before=730)]
    assert overall(ratings, mean=Decimal(3)) == Decimal("3.15")
    # the other way round the old 5s count half: (15 + 2.5 + 1) / 6.5 = 2.8461…
    ratings = [work((1, 1, 1, 1)), work((5, 5, 5, 5), days_before=730)]
    assert overall(ratings, mean=Decimal(3)) == Decimal("2.85")


def test_each_indicator_has_its_own_score():
    sums = reputation_sums([work((5, 4, 2, 3))], [])
    scores = {i: score_of(sums[(None, i)], mean=M4) for i in Indicator.values}
    assert scores == {
        Indicator.COMPETENCE: Decimal("4.17"),  # (20 + 5) / 6
        Indicator.USEFULNESS: Decimal("4.00"),  # (20 + 4) / 6
        Indicator.TIMELINESS: Decimal("3.67"),  # (20 + 2) / 6
        Indicator.COMMUNICATION: Decimal("3.83"),  # (20 + 3) / 6
        Indicator.OVERALL: Decimal("3.92"),  # (20 + 3.5) / 6
    }


def test_reputation_per_competency_counts_only_that_competencys_work():
    sums = reputation_sums([work((5, 5, 5, 5), competency=1), work((3, 3, 3, 3), competency=2)], [])
    assert sums[(1, Indicator.OVERALL)].ratings_count == 1
    assert score_of(sums[(1, Indicator.OVERALL)], mean=M4) == Decimal("4.17")  # 25 / 6
    assert score_of(sums[(2, Indicator.OVERALL)], mean=M4) == Decimal("3.83")  # 23 / 6
    assert score_of(sums[(None, Indicator.OVERALL)], mean=M4) == Decimal("4.00")  # 28 / 7


def test_an_accepted_answer_counts_as_a_rating_of_four_and_a_half_at_a_smaller_weight():
    # accepted (0.3) + 2 helpful (0.2) = 0.5: (5·4 + 4.5·0.5) / 5.5 = 22.25 / 5.5 = 4.045…
    sums = reputation_sums([], [answer(helpful=2)])
    row = sums[(None, Indicator.OVERALL)]
    assert row.answers_weight == Decimal("0.5")
    assert score_of(row, mean=M4) == Decimal("4.05")
    assert sums[(None, Indicator.COMPETENCE)].answers_weight == 0


def test_one_answer_counts_at_most_zero_point_six():
    row = reputation_sums([], [answer(helpful=9)])[(None, Indicator.OVERALL)]
    assert row.answers_weight == Decimal("0.6")


def test_all_answers_together_count_at_most_three_ratings():
    row = reputation_sums([], [answer()] * 12)[(None, Indicator.OVERALL)]
    assert row.answers_count == 12
    assert row.answers_weight == Decimal("3")


def test_an_answer_nobody_accepted_or_found_helpful_adds_nothing():
    sums = reputation_sums([], [answer(accepted=False)])
    assert sums[(None, Indicator.OVERALL)] == Sums()
    assert (1, Indicator.OVERALL) not in sums


def test_answering_never_discounts_project_work():
    # The answer is 400 days newer than the rating; the rating keeps its full weight.
    row = reputation_sums([work((5, 5, 5, 5), days_before=400)], [answer()])[
        (None, Indicator.OVERALL)
    ]
    assert row.weight == Decimal("1")
    assert row.answers_weight == Decimal("0.3")


def test_scores_round_half_up_to_two_places():
    # (5·4 + 4.125) / 6 = 4.0208… → 4.02; (5·3 + 0.05) / 6 ≈ 2.508 → 2.51
    assert bayesian(mean=M4, weight=Decimal(1), weighted_sum=Decimal("4.125")) == Decimal("4.02")
    assert bayesian(mean=Decimal(3), weight=Decimal(1), weighted_sum=Decimal("0.05")) == Decimal(
        "2.51"
    )
