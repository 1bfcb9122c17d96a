"""What co-participants said about an expert's work, and the reputation that follows from it.

The rules a rating must obey are held by the database as well as by the services: one rating
per rater, expert and project; never oneself; every indicator from 1 to 5.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    """The quality indicators of a rating, and `overall` (the mean of the four per rating)."""

    COMPETENCE = "competence", _("Competence")
    USEFULNESS = "usefulness", _("Usefulness of the result")
    TIMELINESS = "timeliness", _("Timeliness")
    COMMUNICATION = "communication", _("Communication")
    OVERALL = "overall", _("Overall")


RATED_INDICATORS = [
    Indicator.COMPETENCE,
    Indicator.USEFULNESS,
    Indicator.TIMELINESS,
    Indicator.COMMUNICATION,
]


def _one_to_five(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=f"rating_{field}_1_to_5"
    )


class Rating(models.Model):
    """One participant's rating of one expert's work on one project. Editable by its author
    for `experts.services.ratings.EDIT_WINDOW`; hidden (not deleted) by moderators."""

    project = models.ForeignKey(
        "experts.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ratings_given",
        help_text=_("Empty once the rater erased their data: the rating stays, anonymous."),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="ratings_received",
    )
    competency = models.ForeignKey(
        "experts.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    competence = models.PositiveSmallIntegerField(_("competence"))
    usefulness = models.PositiveSmallIntegerField(_("usefulness of the result"))
    timeliness = models.PositiveSmallIntegerField(_("timeliness"))
    communication = models.PositiveSmallIntegerField(_("communication"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    work_on = models.DateField(
        help_text=_("When the rated work was done: the project's completion or milestone.")
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("rated"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-work_on", "-created_at"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        permissions = [("moderate_rating", "Can hide and restore ratings")]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "rater", "expert"], name="rating_once_per_project"
            ),
            models.CheckConstraint(condition=~Q(rater=F("expert")), name="rating_not_self"),
            *(_one_to_five(field) for field in RATED_INDICATORS),
        ]

    def __str__(self):
        return f"{self.expert} · {self.project}"

    def values(self) -> dict[str, int]:
        return {field: getattr(self, field) for field in RATED_INDICATORS}

    @property
    def mean(self) -> Decimal:
        """The rating's `overall` value: the mean of its four indicators (a multiple of ¼)."""
        return Decimal(sum(self.values().values())) / 4


class RatingFlag(models.Model):
    """Someone's report that a rating is unfair or abusive, for moderators to decide on."""

    class Resolution(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Rating hidden")
        DISMISSED = "dismissed", _("Dismissed")

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="rating_flags",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, default=Resolution.OPEN
    )
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rating flag")
        verbose_name_plural = _("rating flags")
        constraints = [
            models.UniqueConstraint(
                fields=["rating", "flagged_by"],
                condition=Q(flagged_by__isnull=False),
                name="rating_flag_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.rating} · {self.get_resolution_display()}"


class PlatformBaseline(models.Model):
    """The platform mean m of one indicator, kept as exact integer sums over visible ratings
    (for `overall`, the total of all four values; its mean divides by 4 × count)."""

    indicator = models.CharField(max_length=16, choices=Indicator.choices, unique=True)
    ratings_count = models.PositiveIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("platform mean")
        verbose_name_plural = _("platform means")

    def __str__(self):
        return self.indicator


class Reputation(models.Model):
    """The evidence behind one expert's score, per competency (null: all competencies) and
    indicator: exact decayed sums, from which `experts.reputation.bayesian` gives the score.
    Written only by `experts.reputation.expert_refresh`."""

    expert = models.ForeignKey(
        "experts.ExpertProfile", on_delete=models.CASCADE, related_name="reputation"
    )
    competency = models.ForeignKey(
        "experts.Competency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reputation",
    )
    indicator = models.CharField(max_length=16, choices=Indicator.choices)
    ratings_count = models.PositiveIntegerField(default=0)
    weight = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    weighted_sum = models.DecimalField(max_digits=14, decimal_places=6, default=0)
    answers_count = models.PositiveIntegerField(default=0)
    answers_weight = models.DecimalField(max_digits=12, decimal_places=6, default=0)

    class Meta:
        verbose_name = _("reputation")
        verbose_name_plural = _("reputation")
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "competency", "indicator"],
                condition=Q(competency__isnull=False),
                name="reputation_per_competency",
            ),
            models.UniqueConstraint(
                fields=["expert", "indicator"],
                condition=Q(competency__isnull=True),
                name="reputation_overall",
            ),
        ]

    def __str__(self):
        return f"{self.expert_id} · {self.competency_id or '*'} · {self.indicator}"
