"""Reputation: how rated work and answered questions become an expert's score.

The formula (per expert, per scope — one competency, or all of them — and per indicator):

    R = (C·m + Σ wᵢ·xᵢ + 4.5·A) / (C + Σ wᵢ + A)

- xᵢ is one visible rating's value on the indicator (1–5); for `overall`, the mean of the
  rating's four indicators.
- wᵢ = 2^(−dᵢ / 730) is the time decay: dᵢ is the number of days between the rated work
  (the project's completion or the closed milestone) and the expert's most recent rated work,
  so work two years older than the latest counts half. The reference is the expert's own latest
  rated work (their latest answer while they have no ratings), not today: a score changes only
  when the evidence changes, never overnight, which is what makes it exactly recomputable. An
  answer newer than the reference counts in full, so answering never discounts project work.
- m is the platform mean of the indicator over all visible ratings (3 while there are none);
  C = 5 is the prior weight: every expert starts as if they had 5 ratings at the platform mean.
  That is the Bayesian average: three 5-star ratings do not beat fifty 4.8 ones.
- A is what consultations add, to `overall` only and at a smaller weight: each answer counts
  0.3 if the asker accepted it plus 0.1 per "helpful" mark, at most 0.6 per answer, decayed
  like ratings, and all answers together at most 3 (three project ratings). Answers count as
  a rating of 4.5.

Every weight and product is rounded to 6 decimal places, means to 4 and scores to 2, with
Python's Decimal: the same evidence gives the same digits on every machine and database.

`expert_refresh` recomputes one expert's stored sums under a row lock on the expert (so
simultaneous ratings cannot lose an update); the `experts_recompute_reputation` command runs
it for everyone and gives identical numbers.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from experts.models import (
    Answer,
    ExpertProfile,
    Indicator,
    PlatformBaseline,
    Question,
    Rating,
    Reputation,
)
from experts.models.ratings import RATED_INDICATORS

PRIOR_WEIGHT = Decimal(5)  # C
HALF_LIFE_DAYS = 730
DEFAULT_MEAN = Decimal(3)
ANSWER_VALUE = Decimal("4.5")
ACCEPTED_ANSWER_WEIGHT = Decimal("0.3")
HELPFUL_MARK_WEIGHT = Decimal("0.1")
ANSWER_WEIGHT_CAP = Decimal("0.6")
ANSWERS_TOTAL_CAP = Decimal(3)

SUM_PLACES = Decimal("0.000001")
MEAN_PLACES = Decimal("0.0001")
SCORE_PLACES = Decimal("0.01")
ZERO = Decimal("0.000000")

Scope = int | None  # a competency id, or None for all competencies


@dataclass(frozen=True)
class RatedWork:
    """One visible rating, as the formula sees it."""

    competency_id: int
    on: date
    values: tuple[int, int, int, int]  # competence, usefulness, timeliness, communication
    project_id: int = 0


@dataclass(frozen=True)
class AnsweredQuestion:
    """One visible answer, as the formula sees it."""

    competency_id: int
    on: date
    accepted: bool
    helpful: int


@dataclass
class Sums:
    """The stored evidence of one Reputation row."""

    ratings_count: int = 0
    weight: Decimal = ZERO
    weighted_sum: Decimal = ZERO
    answers_count: int = 0
    answers_weight: Decimal = ZERO


@lru_cache(maxsize=4096)
def decay(days: int) -> Decimal:
    """2^(−days/730) to 6 places: 1 for the latest work, 0.5 two years before it."""
    if days <= 0:
        return Decimal(1).quantize(SUM_PLACES)
    power = Decimal(2) ** (Decimal(-days) / HALF_LIFE_DAYS)
    return power.quantize(SUM_PLACES, ROUND_HALF_EVEN)


def answer_weight(answer: AnsweredQuestion) -> Decimal:
    """0.3 if accepted + 0.1 per helpful mark, at most 0.6 (before decay)."""
    raw = (ACCEPTED_ANSWER_WEIGHT if answer.accepted else 0) + HELPFUL_MARK_WEIGHT * answer.helpful
    return min(Decimal(raw), ANSWER_WEIGHT_CAP)


def bayesian(*, mean: Decimal, weight: Decimal, weighted_sum: Decimal) -> Decimal:
    """(C·m + Σw·x) / (C + Σw), to 2 places; answers are already inside weight and sum."""
    score = (PRIOR_WEIGHT * mean + weighted_sum) / (PRIOR_WEIGHT + weight)
    return score.quantize(SCORE_PLACES, ROUND_HALF_UP)


def score_of(row: Reputation | Sums, *, mean: Decimal) -> Decimal:
    """The score of a stored row, answers included."""
    return bayesian(
        mean=mean,
        weight=row.weight + row.answers_weight,
        weighted_sum=row.weighted_sum + ANSWER_VALUE * row.answers_weight,
    )


def rating_values(work: RatedWork) -> list[tuple[str, Decimal]]:
    values = [
        (indicator, Decimal(v)) for indicator, v in zip(RATED_INDICATORS, work.values, strict=True)
    ]
    return [*values, (Indicator.OVERALL, Decimal(sum(work.values)) / 4)]


def reputation_sums(
    ratings: Iterable[RatedWork], answers: Iterable[AnsweredQuestion]
) -> dict[tuple[Scope, str], Sums]:
    """The sums of every Reputation row of one expert. Pure: no database, easy to check by
    hand. Rows for all competencies always exist; a competency gets rows once it has evidence.
    Decay is measured from the latest rated work (from the latest answer if nothing is rated);
    `decay` gives 1 to anything newer than that."""
    ratings = list(ratings)
    answers = [answer for answer in answers if answer_weight(answer) > 0]
    rows: dict[tuple[Scope, str], Sums] = {(None, i): Sums() for i in Indicator.values}
    if not ratings and not answers:
        return rows
    reference = max(work.on for work in ratings or answers)
    for work in ratings:
        w = decay((reference - work.on).days)
        for scope in (None, work.competency_id):
            for indicator, value in rating_values(work):
                row = rows.setdefault((scope, indicator), Sums())
                row.ratings_count += 1
                row.weight += w
                row.weighted_sum += (w * value).quantize(SUM_PLACES, ROUND_HALF_EVEN)
    answer_totals: dict[Scope, Decimal] = defaultdict(lambda: ZERO)
    answer_counts: dict[Scope, int] = defaultdict(int)
    for answer in answers:
        w = (answer_weight(answer) * decay((reference - answer.on).days)).quantize(SUM_PLACES)
        for scope in (None, answer.competency_id):
            answer_totals[scope] += w
            answer_counts[scope] += 1
    for scope, total in answer_totals.items():
        row = rows.setdefault((scope, Indicator.OVERALL), Sums())
        row.answers_count = answer_counts[scope]
        row.answers_weight = min(total, ANSWERS_TOTAL_CAP).quantize(SUM_PLACES)
    return rows


def platform_means() -> dict[str, Decimal]:
    """m for every indicator, from the stored exact totals."""
    means = dict.fromkeys(Indicator.values, DEFAULT_MEAN)
    for baseline in PlatformBaseline.objects.all():
        divisor = 4 if baseline.indicator == Indicator.OVERALL else 1
        if baseline.ratings_count:
            mean = Decimal(baseline.total) / (baseline.ratings_count * divisor)
            means[baseline.indicator] = mean.quantize(MEAN_PLACES, ROUND_HALF_UP)
    return means


def baseline_apply(values: dict[str, int], *, sign: int) -> None:
    """Add (sign=1) or remove (sign=-1) one rating's values from the platform totals. Atomic
    UPDATEs, always in the same order, so concurrent writers never deadlock."""
    for indicator in Indicator.values:
        PlatformBaseline.objects.get_or_create(indicator=indicator)
        value = sum(values.values()) if indicator == Indicator.OVERALL else values[indicator]
        PlatformBaseline.objects.filter(indicator=indicator).update(
            ratings_count=F("ratings_count") + sign, total=F("total") + sign * value
        )


def baseline_recompute() -> None:
    """The platform totals from the visible ratings themselves."""
    visible = Rating.objects.filter(is_hidden=False)
    for indicator in Indicator.values:
        if indicator == Indicator.OVERALL:
            total = sum(sum(row) for row in visible.values_list(*RATED_INDICATORS))
        else:
            total = sum(visible.values_list(indicator, flat=True))
        PlatformBaseline.objects.update_or_create(
            indicator=indicator, defaults={"ratings_count": visible.count(), "total": total}
        )


def expert_evidence(expert: ExpertProfile) -> tuple[list[RatedWork], list[AnsweredQuestion]]:
    """Every visible rating of the expert and every visible answer they wrote."""
    ratings = [
        RatedWork(competency_id=competency_id, on=on, values=(c, u, t, m), project_id=project_id)
        for competency_id, on, project_id, c, u, t, m in Rating.objects.filter(
            expert_id=expert.user_id, is_hidden=False
        ).values_list("competency_id", "work_on", "project_id", *RATED_INDICATORS)
    ]
    answers = Answer.objects.filter(expert=expert, is_hidden=False, question__is_hidden=False)
    answers = [
        AnsweredQuestion(
            competency_id=competency_id,
            on=timezone.localdate(created_at),
            accepted=accepted,
            helpful=marks,
        )
        for competency_id, created_at, accepted, marks in answers.annotate(
            marks=Count("helpful_marks")
        )
        .order_by("pk")
        .values_list("question__competency_id", "created_at", "is_accepted", "marks")
    ]
    return ratings, answers


@transaction.atomic
def expert_refresh(expert: ExpertProfile) -> int:
    """Recompute and store one expert's reputation rows and evidence counters. Locks the
    expert's row first, so a concurrent rating waits and then sees this one's. Returns how
    many rows changed."""
    expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
    ratings, answers = expert_evidence(expert)
    changed = _store_rows(expert, reputation_sums(ratings, answers))
    _store_counters(expert, ratings, answers)
    return changed


def _store_rows(expert: ExpertProfile, sums: dict[tuple[Scope, str], Sums]) -> int:
    existing = {
        (row.competency_id, row.indicator): row
        for row in Reputation.objects.filter(expert_id=expert.pk)
    }
    changed = 0
    for key, new in sums.items():
        row = existing.pop(key, None)
        fields = {
            "ratings_count": new.ratings_count,
            "weight": new.weight,
            "weighted_sum": new.weighted_sum,
            "answers_count": new.answers_count,
            "answers_weight": new.answers_weight,
        }
        if row is None:
            Reputation.objects.create(
                expert=expert, competency_id=key[0], indicator=key[1], **fields
            )
            changed += 1
        elif any(getattr(row, name) != value for name, value in fields.items()):
            Reputation.objects.filter(pk=row.pk).update(**fields)
            changed += 1
    if existing:
        Reputation.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
        changed += len(existing)
    return changed


def _store_counters(expert, ratings: list[RatedWork], answers: list[AnsweredQuestion]) -> None:
    dates = [work.on for work in ratings] + [answer.on for answer in answers]
    ExpertProfile.objects.filter(pk=expert.pk).update(
        ratings_count=len(ratings),
        rated_projects_count=len({work.project_id for work in ratings}),
        answers_count=len(answers),
        accepted_answers_count=sum(1 for answer in answers if answer.accepted),
        last_activity_on=max(dates, default=None),
    )


def recompute_all() -> int:
    """Everything from scratch: platform means, then every expert. Returns changed rows."""
    changed = 0
    with transaction.atomic():
        baseline_recompute()
    for expert in ExpertProfile.objects.order_by("pk"):
        changed += expert_refresh(expert)
    return changed


def reputation_snapshot() -> dict:
    """Every stored number, for comparing an incremental result with a recompute."""
    rows = {
        (row.expert_id, row.competency_id, row.indicator): (
            row.ratings_count,
            row.weight,
            row.weighted_sum,
            row.answers_count,
            row.answers_weight,
        )
        for row in Reputation.objects.all()
    }
    baseline = {b.indicator: (b.ratings_count, b.total) for b in PlatformBaseline.objects.all()}
    counters = {
        expert.pk: (
            expert.ratings_count,
            expert.rated_projects_count,
            expert.answers_count,
            expert.accepted_answers_count,
            expert.last_activity_on,
        )
        for expert in ExpertProfile.objects.all()
    }
    return {"rows": rows, "baseline": baseline, "counters": counters}


def counters_recompute() -> None:
    """The answer and helpful counters shown on questions, from the rows they count."""
    for answer in Answer.objects.annotate(marks=Count("helpful_marks")).exclude(
        helpful_count=F("marks")
    ):
        Answer.objects.filter(pk=answer.pk).update(helpful_count=answer.marks)
    for question in Question.objects.annotate(
        visible=Count("answers", filter=Q(answers__is_hidden=False))
    ).exclude(answers_count=F("visible")):
        Question.objects.filter(pk=question.pk).update(answers_count=question.visible)
