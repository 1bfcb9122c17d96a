"""Supporters of ideas: one support per person and idea, withdrawn by deleting it while the
idea gathers support. `Idea.support_count` is the exact count of these rows."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Support(models.Model):
    idea = models.ForeignKey("ideas.Idea", on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    # When this person first supported this idea (kept when a duplicate is merged in): the
    # curve of support over time is drawn from it.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The idea this support was given to, when it came over with a merged duplicate.
    carried_from = models.ForeignKey(
        "ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["idea", "created_at", "pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_support_once")]

    def __str__(self):
        return f"support {self.pk} of idea {self.idea_id}"
