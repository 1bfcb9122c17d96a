"""Reads about experts: the directory, one expert's page, who hears about a question."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from config.freshness import content_generation
from experts import reputation
from experts.models import (
    Answer,
    Competency,
    CompetencyClaim,
    ExpertProfile,
    Indicator,
    ProjectPage,
    ProjectParticipant,
    Question,
    Rating,
    Reputation,
)
from experts.models.ratings import RATED_INDICATORS
from profiles.notifications import notifications_wanted

Status = CompetencyClaim.Status
LISTED = [Status.PENDING, Status.VERIFIED]
SORTS = ("reputation", "activity")
QUESTION_NOTIFICATION = "experts.questions"  # registered in profiles.notifications

LISTED_TIMEOUT = 300


def competencies_all() -> QuerySet[Competency]:
    return Competency.objects.all()


def listed_claims() -> QuerySet[CompetencyClaim]:
    """The claims shown publicly: verified, and pending ones marked as such."""
    return CompetencyClaim.objects.filter(status__in=LISTED).select_related("tag")


def experts_directory(
    *,
    competency: Competency | None = None,
    district=None,
    verified_only: bool = False,
    sort: str = "reputation",
) -> QuerySet[ExpertProfile]:
    """Experts with at least one listed competency, filtered and sorted. Each carries
    `scope_rows` (its overall reputation row in the chosen competency, or across all)."""
    statuses = [Status.VERIFIED] if verified_only else LISTED
    claims = CompetencyClaim.objects.filter(content_object=OuterRef("pk"), status__in=statuses)
    if competency is not None:
        claims = claims.filter(tag=competency)
    experts = ExpertProfile.objects.filter(Exists(claims), user__is_active=True)
    if district is not None:
        experts = experts.filter(district=district)
    scope_rows = Reputation.objects.filter(indicator=Indicator.OVERALL).filter(
        Q(competency=competency) if competency is not None else Q(competency__isnull=True)
    )
    experts = experts.select_related("user__profile", "district").prefetch_related(
        Prefetch("claims", queryset=listed_claims(), to_attr="listed_claims"),
        Prefetch("reputation", queryset=scope_rows, to_attr="scope_rows"),
    )
    if sort == "activity":
        return experts.order_by(F("last_activity_on").desc(nulls_last=True), "-created_at", "pk")
    mean = reputation.platform_means()[Indicator.OVERALL]
    score = ExpressionWrapper(
        (
            Value(reputation.PRIOR_WEIGHT * mean)
            + F("weighted_sum")
            + Value(reputation.ANSWER_VALUE) * F("answers_weight")
        )
        / (Value(reputation.PRIOR_WEIGHT) + F("weight") + F("answers_weight")),
        output_field=DecimalField(max_digits=12, decimal_places=6),
    )
    own_row = scope_rows.filter(expert=OuterRef("pk"))
    evidence = own_row.annotate(w=F("weight") + F("answers_weight")).values("w")[:1]
    # Experts with no rated work yet sit at the platform mean; list them after those with
    # evidence, whatever their prior says.
    return experts.annotate(
        sort_score=Coalesce(
            Subquery(own_row.annotate(s=score).values("s")[:1]),
            Value(mean),
            output_field=DecimalField(),
        ),
        evidence=Coalesce(Subquery(evidence), Value(0), output_field=DecimalField()),
        untested=Case(
            When(evidence__gt=0, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    ).order_by("untested", "-sort_score", "-ratings_count", "pk")


def has_evidence(expert: ExpertProfile) -> bool:
    """Any rated work or useful answer in the listed scope (else the score is just the prior)."""
    rows = getattr(expert, "scope_rows", [])
    return bool(rows) and rows[0].weight + rows[0].answers_weight > 0


def listing_score(expert: ExpertProfile, means: dict) -> Decimal:
    """The score shown on a directory card (prior mean when there is no evidence yet)."""
    rows = getattr(expert, "scope_rows", [])
    mean = means[Indicator.OVERALL]
    return (
        reputation.score_of(rows[0], mean=mean)
        if rows
        else reputation.bayesian(mean=mean, weight=Decimal(0), weighted_sum=Decimal(0))
    )


def expert_is_listed(expert_id: int) -> bool:
    """Whether `expert_get` finds this expert, kept per content generation (`config.freshness`),
    which any save of an expert or of an account moves: a reader whose page comes from kept
    fragments (`config.fragments`) asks the database nothing to tell it from a 404. Only a
    listed expert is kept, so any number can be asked for without filling the cache."""
    key = f"experts:listed:{content_generation()}:{expert_id}"
    if cache.get(key):
        return True
    listed = ExpertProfile.objects.filter(pk=expert_id, user__is_active=True).exists()
    if listed:
        cache.set(key, True, LISTED_TIMEOUT)
    return listed


def expert_get(expert_id: int) -> ExpertProfile | None:
    return (
        ExpertProfile.objects.filter(pk=expert_id, user__is_active=True)
        .select_related("user__profile", "district")
        .prefetch_related(Prefetch("claims", queryset=listed_claims(), to_attr="listed_claims"))
        .first()
    )


@dataclass(frozen=True)
class IndicatorScore:
    indicator: str
    label: str
    score: Decimal
    mean: Decimal
    ratings_count: int
    weight: Decimal
    answers_count: int
    answers_weight: Decimal


@dataclass(frozen=True)
class ScopeBreakdown:
    competency: Competency | None
    overall: IndicatorScore
    indicators: list[IndicatorScore]

    @property
    def all_scores(self) -> list[IndicatorScore]:
        return [self.overall, *self.indicators]


def reputation_breakdown(expert: ExpertProfile) -> list[ScopeBreakdown]:
    """Scores per scope (all competencies first, then each competency with evidence) and
    per indicator, with the evidence behind each number."""
    means = reputation.platform_means()
    rows = {
        (row.competency_id, row.indicator): row
        for row in expert.reputation.select_related("competency")
    }
    scopes: list[Competency | None] = [None] + sorted(
        {row.competency for row in rows.values() if row.competency_id},
        key=lambda c: (c.sort_order, c.name),
    )
    breakdown = []
    for competency in scopes:
        scope_id = competency.pk if competency else None
        scores = [
            _indicator_score(rows.get((scope_id, indicator)), indicator, means[indicator])
            for indicator in [Indicator.OVERALL, *RATED_INDICATORS]
        ]
        breakdown.append(ScopeBreakdown(competency, scores[0], scores[1:]))
    return breakdown


def _indicator_score(row: Reputation | None, indicator: str, mean: Decimal) -> IndicatorScore:
    row = row or reputation.Sums()
    return IndicatorScore(
        indicator=indicator,
        label=Indicator(indicator).label,
        score=reputation.score_of(row, mean=mean),
        mean=mean,
        ratings_count=row.ratings_count,
        weight=Decimal(row.weight).quantize(Decimal("0.01")),
        answers_count=row.answers_count,
        answers_weight=Decimal(row.answers_weight).quantize(Decimal("0.01")),
    )


def expert_projects(expert: ExpertProfile) -> list[ProjectParticipant]:
    """The projects the expert is listed on (accepted), newest first."""
    return list(
        ProjectParticipant.objects.filter(
            user_id=expert.user_id, state=ProjectParticipant.State.ACCEPTED, project__live=True
        )
        .select_related("project", "competency", "project__district")
        .order_by("-project__completed_on", "-created_at")
    )


def coordinated_projects(user) -> QuerySet[ProjectPage]:
    """The projects a person coordinates (their pages in the default language)."""
    return (
        ProjectPage.objects.live()
        .filter(coordinator=user, locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-first_published_at", "pk")
    )


def ratings_received(expert: ExpertProfile, *, limit: int = 20) -> list[Rating]:
    return list(
        Rating.objects.filter(expert_id=expert.user_id, is_hidden=False)
        .select_related("project", "competency", "rater__profile")
        .order_by("-work_on", "-created_at")[:limit]
    )


def expert_answers(expert: ExpertProfile, *, limit: int = 10) -> list[Answer]:
    return list(
        Answer.objects.filter(expert=expert, is_hidden=False, question__is_hidden=False)
        .select_related("question__competency")
        .order_by("-is_accepted", "-created_at")[:limit]
    )


def experts_to_notify(question: Question) -> list:
    """Active people verified in the question's competency, except the asker and those who
    turned these emails off (profiles' notification settings)."""
    claims = (
        CompetencyClaim.objects.filter(tag_id=question.competency_id, status=Status.VERIFIED)
        .exclude(content_object__user_id=question.asker_id)
        .filter(content_object__user__is_active=True)
        .select_related("content_object__user__profile")
        .order_by("content_object__user_id")
    )
    users = [claim.content_object.user for claim in claims]
    return [user for user in users if notifications_wanted(user, QUESTION_NOTIFICATION)]
