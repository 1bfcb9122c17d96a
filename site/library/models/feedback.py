"""What readers tell us about an article, and the counters listings sort by.

Counters live in `ArticleStats`, outside the page: Wagtail copies a page's own fields from the
revision it publishes, so a counter kept on the page would be reset by every publication.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_PUBLIC_VOTES = 5  # smaller groups are shown as "fewer than 5", never as a score


class ArticleStats(models.Model):
    page = models.OneToOneField(
        "library.ArticlePage",
        verbose_name=_("page"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="stats",
    )
    read_count = models.PositiveIntegerField(_("reads"), default=0)
    useful_yes = models.PositiveIntegerField(_("useful"), default=0)
    useful_no = models.PositiveIntegerField(_("not useful"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)

    class Meta:
        verbose_name = _("article statistics")
        verbose_name_plural = _("article statistics")

    def __str__(self):
        return f"{self.page_id}: {self.useful_yes}/{self.votes}"

    @property
    def votes(self) -> int:
        return self.useful_yes + self.useful_no

    @property
    def useful_percent(self) -> int | None:
        return round(100 * self.useful_yes / self.votes) if self.votes else None

    @property
    def is_public(self) -> bool:
        return self.votes >= MIN_PUBLIC_VOTES


class Feedback(models.Model):
    """One reader's answer to "Was this useful?". `voter` is a keyed hash of the user id or of
    the browser session, so one person or browser votes once per article and nobody can tell
    from the table who voted."""

    page = models.ForeignKey(
        "library.ArticlePage",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="feedback_entries",
    )
    voter = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_feedback",
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["page", "voter"], name="library_feedback_one_vote"),
        ]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"
