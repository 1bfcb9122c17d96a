"""Experts and what they know: the curated competency vocabulary, the expert profile and the
per-competency applications staff verify."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase, TaggedItemBase


class Competency(TagBase):
    """An area of expertise from the vocabulary editors curate ("heating engineer",
    "condominium lawyer"). A django-taggit tag, so experts are tagged with it; unlike free
    tags, residents cannot invent new ones. `name` is the Ukrainian name (unique, as taggit
    wants), `name_en` the English one."""

    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    description = models.TextField(_("description (Ukrainian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language."""
        return self.name_en if (get_language() or "uk").startswith("en") else self.name

    @property
    def summary(self) -> str:
        english = (get_language() or "uk").startswith("en")
        return (self.description_en if english else self.description) or ""


class ExpertProfile(models.Model):
    """A person who offers their knowledge to the city. Public by design: the statement,
    credentials, district of work and the evidence below are what residents judge them by.

    The counters are data, not queries (kept exact by `experts.reputation.expert_refresh`,
    which the recompute command runs too)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    statement = models.TextField(
        _("statement"), max_length=1500, help_text=_("What you can help with, in a few lines.")
    )
    credentials = models.TextField(
        _("credentials"),
        max_length=3000,
        help_text=_("Education, licences, memberships, years of practice."),
    )
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district where you mainly work"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    competencies = TaggableManager(
        verbose_name=_("competencies"),
        through="experts.CompetencyClaim",
        blank=True,
        related_name="expert_profiles",
        help_text=_("From the city's vocabulary; each one is verified by staff."),
    )
    tags = TaggableManager(
        verbose_name=_("other skills"),
        through="experts.ExpertTag",
        blank=True,
        related_name="expert_profiles",
        help_text=_("Free tags, e.g. heat pumps, co-owners' meetings."),
    )
    ratings_count = models.PositiveIntegerField(default=0)
    rated_projects_count = models.PositiveIntegerField(default=0)
    answers_count = models.PositiveIntegerField(default=0)
    accepted_answers_count = models.PositiveIntegerField(default=0)
    last_activity_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @property
    def has_verified_competency(self) -> bool:
        return any(claim.is_verified for claim in self.claims.all())


class CompetencyClaim(ItemBase):
    """An expert's application for one competency, with the evidence staff check. Also the
    taggit "through" row tagging the expert with the competency.

    States: pending → verified | rejected; verified → rejected (staff revoke it);
    rejected → pending (the expert applies again with new evidence)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    TRANSITIONS = {
        Status.PENDING: {Status.VERIFIED, Status.REJECTED},
        Status.VERIFIED: {Status.REJECTED},
        Status.REJECTED: {Status.PENDING},
    }

    tag = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    content_object = models.ForeignKey(
        ExpertProfile, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="claims"
    )
    evidence = models.TextField(
        _("evidence"),
        max_length=3000,
        help_text=_("Diplomas, licence numbers, projects done: what staff can check."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("note to the expert"), blank=True)

    class Meta:
        ordering = ["tag__sort_order", "tag__name"]
        verbose_name = _("competency application")
        verbose_name_plural = _("competency applications")
        permissions = [("review_competencyclaim", "Can verify or reject expert competencies")]
        constraints = [
            models.UniqueConstraint(fields=["tag", "content_object"], name="claim_unique"),
        ]

    def __str__(self):
        return f"{self.content_object} · {self.tag}"

    @property
    def competency(self) -> Competency:
        return self.tag

    @property
    def expert(self) -> ExpertProfile:
        return self.content_object

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class ExpertTag(TaggedItemBase):
    """A free tag on an expert profile (django-taggit's own Tag model)."""

    content_object = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("expert tag")
        verbose_name_plural = _("expert tags")
