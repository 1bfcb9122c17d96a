"""The discussion of a meeting: co-owners (and only they) write about the meeting or one of
its items before and during voting; the board answers. The board and the site's moderators
hide and restore comments as moderators do in consultations: a hidden comment keeps its text
for the record and leaves the page; the reason and who hid it are kept."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import AgendaItem, Meeting


class Comment(models.Model):
    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    TRANSITIONS = {
        State.VISIBLE: {State.HIDDEN},
        State.HIDDEN: {State.VISIBLE},
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
        help_text=_("Empty: about the meeting as a whole."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_comments",
        help_text=_("Empty once the author erased their data: the comment stays, anonymous."),
    )
    body = models.TextField(_("comment"), max_length=3000)
    is_board_answer = models.BooleanField(_("the board's answer"), default=False)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.VISIBLE)
    hidden_reason = models.CharField(_("why it was hidden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("meeting comment")
        verbose_name_plural = _("meeting comments")
        permissions = [("moderate_comment", "Can hide and restore meeting comments")]
        indexes = [models.Index(fields=["meeting", "item", "state"], name="meetings_comment_list")]

    def __str__(self):
        return f"comment {self.pk} on meeting {self.meeting_id}"

    @property
    def is_hidden(self) -> bool:
        return self.state == self.State.HIDDEN
