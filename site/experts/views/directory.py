"""The expert directory, an expert's page and the explanation of reputation."""

from decimal import Decimal

from django.http import Http404

from config.fragments import lazy
from experts import reputation
from experts.charts import score_chart
from experts.forms import DirectoryFilterForm
from experts.models import Indicator
from experts.selectors.experts import (
    coordinated_projects,
    expert_answers,
    expert_get,
    expert_is_listed,
    expert_projects,
    experts_directory,
    has_evidence,
    listing_score,
    ratings_received,
    reputation_breakdown,
)
from experts.views.base import paginate, render_route


def directory(request, *, page):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    experts = experts_directory(
        competency=filters.get("competency"),
        district=filters.get("district"),
        verified_only=bool(filters.get("verified")),
        sort=filters.get("sort") or "reputation",
    )
    listing = paginate(request, experts)
    means = reputation.platform_means()
    for expert in listing:
        expert.score = listing_score(expert, means)
        expert.has_evidence = has_evidence(expert)
    return render_route(
        request,
        page,
        "experts/expert_directory_page.html",
        {"form": form, "listing": listing, "competency": filters.get("competency")},
    )


def found(expert):
    """An expert gone between the kept answer and the render: the page is not found."""
    if expert is None:
        raise Http404
    return expert


def expert_detail(request, *, page, expert_id: int):
    if not expert_is_listed(expert_id):
        raise Http404
    # Built lazily, the expert too: the page is fragments kept for every reader
    # (`config.fragments`), so a kept page loads nothing.
    expert = lazy(lambda: found(expert_get(expert_id)))
    breakdown = lazy(lambda: reputation_breakdown(expert()))
    return render_route(
        request,
        page,
        "experts/expert_detail.html",
        {
            "expert": expert,
            "breakdown": breakdown,
            "chart": lazy(lambda: score_chart(breakdown()[0].all_scores)),
            "projects": lazy(lambda: expert_projects(expert())),
            "coordinated": lazy(lambda: coordinated_projects(expert().user)),
            "ratings": lazy(lambda: ratings_received(expert())),
            "answers": lazy(lambda: expert_answers(expert())),
            "prior_weight": reputation.PRIOR_WEIGHT,
        },
    )


def reputation_explained(request, *, page):
    """The formula in words, with its constants and a worked example computed by the code."""
    mean = Decimal("4.00")
    few = reputation.bayesian(mean=mean, weight=Decimal(3), weighted_sum=Decimal(15))
    many = reputation.bayesian(mean=mean, weight=Decimal(50), weighted_sum=Decimal(240))
    return render_route(
        request,
        page,
        "experts/reputation_explained.html",
        {
            "r": reputation,
            "example_mean": mean,
            "few": few,
            "many": many,
            "half": reputation.decay(reputation.HALF_LIFE_DAYS).normalize(),
            "means": [
                (Indicator(key).label, mean) for key, mean in reputation.platform_means().items()
            ],
        },
    )
