"""The ways a person proves where they live: a request a registrar decides, and a letter with a
one-time code sent by post to their flat. (Co-ownership comes from the building register,
professions from verified expert competencies, memberships from organizations' teams.)"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.storage import private_storage


class ResidenceRequest(models.Model):
    """A person asks a registrar to verify that they live in a district or a building. The
    document they may attach is deleted when the request is decided, whatever the decision.

    States: pending → approved | rejected | withdrawn."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("Resident of a district")
        BUILDING = "building", _("Resident of a building")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        State.PENDING: {State.APPROVED, State.REJECTED, State.WITHDRAWN},
        State.APPROVED: set(),
        State.REJECTED: set(),
        State.WITHDRAWN: set(),
    }
    # Decided requests are kept this long (so the person sees the decision and its reason),
    # then deleted; the attribute an approval made stays on its own.
    RETENTION_DAYS = 90

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="residence_requests",
    )
    kind = models.CharField(_("verify me as"), max_length=10, choices=Kind.choices)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    building = models.ForeignKey(
        "residents.Building",
        verbose_name=_("building"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="residence_requests",
    )
    note = models.TextField(_("note to the registrar"), max_length=500, blank=True)
    document = models.FileField(
        _("document"),
        storage=private_storage,
        upload_to="residents/requests/",
        blank=True,
        help_text=_("Optional. Deleted as soon as the request is decided."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason given to the person"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("residence request")
        verbose_name_plural = _("residence requests")
        permissions = [("decide_residencerequest", "Can decide residence requests (registrar)")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state="pending"),
                name="residence_request_one_pending",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="district", district__isnull=False, building__isnull=True)
                    | models.Q(kind="building", district__isnull=True, building__isnull=False)
                ),
                name="residence_request_target_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.district or self.building}"


class LetterBatch(models.Model):
    """Letters printed together. The codes are made when the batch is printed and exist in
    clear only in the PDF handed to staff at that moment; the database keeps their hashes."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("printed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("printed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        permissions = [("print_letterbatch", "Can print letters with verification codes")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class PostalLetter(models.Model):
    """A letter with a one-time code, posted to a person's flat. They type the code within
    `CODE_VALID_DAYS` of printing and become a verified resident of the building. The flat
    number is needed only to deliver the letter and is forgotten once the letter is done with.

    States: requested → printed → verified | expired; requested | printed → cancelled."""

    CODE_VALID_DAYS = 30

    class State(models.TextChoices):
        REQUESTED = "requested", _("Waiting to be printed")
        PRINTED = "printed", _("Sent")
        VERIFIED = "verified", _("Verified")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        State.REQUESTED: {State.PRINTED, State.CANCELLED},
        # printed → printed: a batch printed again gets new codes; the old ones stop working.
        State.PRINTED: {State.PRINTED, State.VERIFIED, State.EXPIRED, State.CANCELLED},
        State.VERIFIED: set(),
        State.EXPIRED: set(),
        State.CANCELLED: set(),
    }
    OPEN_STATES = (State.REQUESTED, State.PRINTED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="postal_letters",
    )
    building = models.ForeignKey(
        "residents.Building",
        verbose_name=_("building"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    flat = models.CharField(_("flat"), max_length=20, blank=True)
    batch = models.ForeignKey(
        LetterBatch,
        verbose_name=_("batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    code_expires_at = models.DateTimeField(_("code valid until"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("postal letter")
        verbose_name_plural = _("postal letters")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state__in=["requested", "printed"]),
                name="postal_letter_one_open",
            )
        ]

    def __str__(self):
        return f"{self.building} · {self.get_state_display()}"
