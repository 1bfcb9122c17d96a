"""A citizen's proposal of a guide or case study, followed through editorial review.

The page itself is a Wagtail draft moving through a Wagtail workflow; `Contribution` keeps
what the workflow does not: which person proposed it, the state they see in their account
(including a final rejection, which Wagtail only knows as a cancelled workflow), the editor's
latest comment and the history of every step.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionError(ValidationError):
    """A contribution cannot do what was asked (wrong state, wrong person, bad data)."""


class Contribution(models.Model):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        CASE_STUDY = "case_study", _("Case study")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: dict[str, frozenset[str]] = {
        State.DRAFT: frozenset({State.IN_REVIEW, State.WITHDRAWN}),
        State.IN_REVIEW: frozenset(
            {State.CHANGES_REQUESTED, State.PUBLISHED, State.REJECTED, State.WITHDRAWN}
        ),
        State.CHANGES_REQUESTED: frozenset(
            {State.IN_REVIEW, State.PUBLISHED, State.REJECTED, State.WITHDRAWN}
        ),
        State.PUBLISHED: frozenset(),
        State.REJECTED: frozenset(),
        State.WITHDRAWN: frozenset(),
    }
    EDITABLE_STATES = frozenset({State.CHANGES_REQUESTED})
    ACTIVE_STATES = frozenset({State.IN_REVIEW, State.CHANGES_REQUESTED})

    page = models.OneToOneField(
        "library.ArticlePage",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="contribution",
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="library_contributions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    editor_comment = models.TextField(_("editor's comment"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return self.page.draft_title if self.page_id else str(self.pk)

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS[self.state]

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def badge_class(self) -> str:
        return {
            self.State.PUBLISHED: "badge--ok",
            self.State.CHANGES_REQUESTED: "badge--warn",
            self.State.REJECTED: "badge--error",
        }.get(self.state, "")


class ContributionEvent(models.Model):
    """One step of a contribution's review, as the contributor is told about it."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=Contribution.State.choices)
    to_state = models.CharField(max_length=20, choices=Contribution.State.choices)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contribution event")
        verbose_name_plural = _("contribution events")

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
