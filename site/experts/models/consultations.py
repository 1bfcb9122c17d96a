"""Consultations: a resident asks a question in a competency area, experts answer, the asker
accepts the answer that helped and others mark answers helpful."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Question(models.Model):
    """A resident's question to the experts of one competency (optionally about a district).

    States: open → resolved (the asker accepted an answer); resolved → open when a moderator
    hides the accepted answer, and back when they restore it (`experts.services.moderation`).
    Moderators hide a question (and so its answers) from the public pages and search;
    `ModerationAction` logs who and why.
    `search_text` is the casefolded title and body, so search matches Cyrillic regardless of
    case on every database."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        RESOLVED = "resolved", _("Answer accepted")

    TRANSITIONS = {Status.OPEN: {Status.RESOLVED}, Status.RESOLVED: {Status.OPEN}}

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="expert_questions",
    )
    competency = models.ForeignKey(
        "experts.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    answers_count = models.PositiveIntegerField(default=0)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [("moderate_question", "Can hide and restore questions and answers")]

    def __str__(self):
        return self.title

    @property
    def is_resolved(self) -> bool:
        return self.status == self.Status.RESOLVED


class Answer(models.Model):
    """An expert's answer. One per expert and question; at most one accepted per question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    expert = models.ForeignKey(
        "experts.ExpertProfile",
        on_delete=models.SET_NULL,
        null=True,
        related_name="answers",
        help_text=_("Empty once the expert erased their data: the answer stays, anonymous."),
    )
    body = models.TextField(_("answer"), max_length=4000)
    is_accepted = models.BooleanField(_("accepted by the asker"), default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["-is_accepted", "-helpful_count", "created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_accepted=True), name="answer_one_accepted"
            ),
            models.UniqueConstraint(
                fields=["question", "expert"],
                condition=Q(expert__isnull=False),
                name="answer_once_per_expert",
            ),
        ]

    def __str__(self):
        return f"{self.question} · {self.expert}"


class HelpfulMark(models.Model):
    """A reader's "this helped me" on an answer: one per person and answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="helpful_marks",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("helpful mark")
        verbose_name_plural = _("helpful marks")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "user"],
                condition=Q(user__isnull=False),
                name="helpful_once_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.answer_id} · {self.user_id}"
