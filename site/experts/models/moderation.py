"""Moderation of consultations and the moderators' log.

Ratings have their own flags (`RatingFlag`); questions and answers share `ConsultationFlag`.
Every decision a moderator takes on a rating, a question or an answer is written to
`ModerationAction`, which nobody edits: it says who hid or restored what, when and why.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ConsultationFlag(models.Model):
    """Someone's report that a question or an answer is abusive, spam or off-topic."""

    class Resolution(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Hidden")
        DISMISSED = "dismissed", _("Dismissed")

    question = models.ForeignKey(
        "experts.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags",
    )
    answer = models.ForeignKey(
        "experts.Answer",
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="flags",
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="consultation_flags",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, default=Resolution.OPEN
    )
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultation flag")
        verbose_name_plural = _("consultation flags")
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="consultation_flag_one_target",
            ),
            models.UniqueConstraint(
                fields=["question", "flagged_by"],
                condition=Q(question__isnull=False, flagged_by__isnull=False),
                name="question_flag_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["answer", "flagged_by"],
                condition=Q(answer__isnull=False, flagged_by__isnull=False),
                name="answer_flag_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.question or self.answer} · {self.get_resolution_display()}"


class ModerationAction(models.Model):
    """One moderator decision, kept for good. `target` is what the item was called at the
    time, so the entry still reads after the item is gone."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Flags dismissed")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    rating = models.ForeignKey(
        "experts.Rating",
        verbose_name=_("rating"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_log",
    )
    question = models.ForeignKey(
        "experts.Question",
        verbose_name=_("question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_log",
    )
    answer = models.ForeignKey(
        "experts.Answer",
        verbose_name=_("answer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_log",
    )
    target = models.CharField(_("item"), max_length=250)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True, question__isnull=True)
                | Q(rating__isnull=True, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=True),
                name="moderation_action_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.target}"
