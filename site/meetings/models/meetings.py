"""A residents' meeting of one building: its agenda, its life from draft to published minutes,
the association's own settings and the initiative group that may convene it instead of the
board.

Weights and thresholds are exact fractions kept as numerator/denominator pairs (never
floats): a decision needs a share of the whole building's area, and "exactly one half" must
never round into a majority.
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingSettings(models.Model):
    """An association's own rules for its meetings (kept here, not on the organization, so
    the profiles app does not learn about meetings). Without a row the defaults hold: an
    initiative group needs 1/10 of the building's area."""

    organization = models.OneToOneField(
        "profiles.Organization",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="meeting_settings",
    )
    initiative_numerator = models.PositiveIntegerField(_("initiative share numerator"), default=1)
    initiative_denominator = models.PositiveIntegerField(
        _("initiative share denominator"), default=10
    )

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative_numerator__gt=0)
                & Q(initiative_numerator__lte=F("initiative_denominator")),
                name="meetings_settings_initiative_share_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.initiative_numerator}/{self.initiative_denominator}"

    @property
    def initiative_share(self) -> Fraction:
        return Fraction(self.initiative_numerator, self.initiative_denominator)


class Meeting(models.Model):
    """A meeting of the co-owners of `building`, voted in writing during a window."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONVENED = "convened", _("Convened")
        VOTING = "voting", _("Voting")
        COUNTED = "counted", _("Counted")
        PUBLISHED = "published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

    # The states each state may move to; anything else is a MeetingError("illegal_transition").
    # Once counted, a meeting cannot be cancelled: its result stands.
    TRANSITIONS = {
        State.DRAFT: {State.CONVENED, State.CANCELLED},
        State.CONVENED: {State.VOTING, State.CANCELLED},
        State.VOTING: {State.COUNTED, State.CANCELLED},
        State.COUNTED: {State.PUBLISHED},
        State.PUBLISHED: set(),
        State.CANCELLED: set(),
    }

    class ConvenedBy(models.TextChoices):
        BOARD = "board", _("The association's board")
        INITIATIVE = "initiative", _("An initiative group of co-owners")

    building = models.ForeignKey(
        "residents.Building",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Plain text."))
    convened_by = models.CharField(
        _("convened by"), max_length=12, choices=ConvenedBy.choices, default=ConvenedBy.BOARD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_created",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    notice_days = models.PositiveSmallIntegerField(_("notice period, days"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    # The quorum the meeting was convened under (MEETING_QUORUM then): more than this share
    # of the building's area must vote for any item to be adopted.
    quorum_numerator = models.PositiveIntegerField(default=1)
    quorum_denominator = models.PositiveIntegerField(default=2)
    # The building's total area when voting opened (the sum of its units' areas, m²): what
    # every result is measured against.
    total_area = models.DecimalField(
        _("total area, m²"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The meeting's restricted log (purpose "meeting"), made with the meeting.
    log = models.OneToOneField("ledger.Log", on_delete=models.PROTECT, related_name="meeting")
    # The signed tree head the count was made at; the minutes print it.
    final_tree_head = models.ForeignKey(
        "ledger.TreeHead", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    results = models.JSONField(null=True, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_chaired",
    )
    # The chair's name as printed in the minutes (the minutes outlive the account).
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    convened_at = models.DateTimeField(null=True, blank=True)
    voting_started_at = models.DateTimeField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-voting_closes_at", "-pk"]
        verbose_name = _("residents' meeting")
        verbose_name_plural = _("residents' meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_closes_at__gt=F("voting_opens_at")),
                name="meetings_meeting_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__lt=F("quorum_denominator")),
                name="meetings_meeting_quorum_below_one",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    @property
    def is_open_for_votes(self) -> bool:
        return self.state == self.State.VOTING


class AgendaItem(models.Model):
    """One question the meeting decides: the proposed decision and the rule it needs."""

    class Rule(models.TextChoices):
        MAJORITY = "majority", _("More than half of all co-owners' area")
        TWO_THIRDS = "two_thirds", _("At least two thirds of all co-owners' area")
        CUSTOM = "custom", _("At least a share the board sets")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("question"), max_length=300)
    proposed_decision = models.TextField(_("proposed decision"), max_length=5000)
    rule = models.CharField(
        _("decision rule"), max_length=12, choices=Rule.choices, default=Rule.MAJORITY
    )
    # For the custom rule only: the share of the building's area the "for" votes must reach.
    threshold_numerator = models.PositiveIntegerField(null=True, blank=True)
    threshold_denominator = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="meetings_item_position_unique"
            ),
            models.CheckConstraint(
                condition=(
                    ~Q(rule="custom")
                    & Q(threshold_numerator__isnull=True, threshold_denominator__isnull=True)
                )
                | Q(
                    rule="custom",
                    threshold_numerator__isnull=False,
                    threshold_denominator__isnull=False,
                    threshold_numerator__gt=0,
                    threshold_numerator__lte=F("threshold_denominator"),
                ),
                name="meetings_item_threshold_matches_rule",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def threshold(self) -> Fraction | None:
        """The custom rule's share; None for the fixed rules (see `meetings.counting`)."""
        if self.rule != self.Rule.CUSTOM:
            return None
        return Fraction(self.threshold_numerator, self.threshold_denominator)


class ItemDocument(models.Model):
    """A document an agenda item refers to (an estimate, a contract, a plan)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("agenda item document")
        verbose_name_plural = _("agenda item documents")

    def __str__(self):
        return self.title


class InitiativeMember(models.Model):
    """A co-owner who joined the initiative group convening a draft meeting. Their weight is
    read from the register when the meeting is convened."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="initiative")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_initiatives",
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("initiative group member")
        verbose_name_plural = _("initiative group members")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="meetings_initiative_once_per_person",
            ),
        ]

    def __str__(self):
        return f"initiative member {self.user_id} of meeting {self.meeting_id}"


class Minutes(models.Model):
    """The two PDF copies of the minutes, made once at publication: the co-owners' copy
    (names and votes) and the public copy (no names). Kept in the database, not in media
    files, so the named copy is never reachable by a URL of the file storage."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    coowners_pdf = models.BinaryField()
    public_pdf = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"minutes of meeting {self.meeting_id}"
