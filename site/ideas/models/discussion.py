"""Comments on ideas, with moderation and reasoned reports as consultations have: anyone with
a confirmed email writes; anyone signed in reports a comment with a reason; a moderator hides
(keeping the text and the reason for the record) or dismisses the reports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    TRANSITIONS = {
        State.VISIBLE: {State.HIDDEN},
        State.HIDDEN: {State.VISIBLE},
    }

    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_comments",
        help_text=_("Empty once the author erased their data: the comment stays, anonymous."),
    )
    body = models.TextField(_("comment"), max_length=3000)
    is_official = models.BooleanField(_("the authority's comment"), default=False)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.VISIBLE)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "created_at", "pk"]
        verbose_name = _("idea comment")
        verbose_name_plural = _("idea comments")
        indexes = [models.Index(fields=["idea", "state"], name="ideas_comment_list")]

    def __str__(self):
        return f"comment {self.pk} on idea {self.idea_id}"

    @property
    def is_hidden(self) -> bool:
        return self.state == self.State.HIDDEN


class CommentReport(models.Model):
    """A reasoned report of a comment. Open until a moderator resolves it (hides the comment,
    or dismisses the report); one open report per person and comment."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Insults or harassment")
        PERSONAL_DATA = "personal_data", _("Someone's personal data")
        SPAM = "spam", _("Advertising or spam")
        OFF_TOPIC = "off_topic", _("Not about this idea")
        UNLAWFUL = "unlawful", _("Unlawful content")

    class Resolution(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Comment hidden")
        DISMISSED = "dismissed", _("Dismissed")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="idea_comment_reports",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    explanation = models.CharField(_("explanation"), max_length=500, blank=True)
    resolution = models.CharField(
        max_length=10, choices=Resolution.choices, default=Resolution.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=models.Q(resolution="open"),
                name="ideas_report_open_once",
            )
        ]

    def __str__(self):
        return f"report {self.pk} of comment {self.comment_id}"
