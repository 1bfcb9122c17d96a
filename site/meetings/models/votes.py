"""Voting rights, votes, proxies and the reminders already sent.

A `VotingRight` is one ownership of the register as it stood when voting opened: its unit,
share and weight (share × the unit's area, an exact fraction of m²) are copied, so a later
change to the register never changes a meeting under way. Every vote is a row here and an
entry of the meeting's restricted log (`ledger`); the last one per (right, item), by the log's
index, counts.
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import AgendaItem, Meeting


class VotingRight(models.Model):
    """One ownership's right to vote in one meeting, snapshotted when voting opens. `user` is
    the co-owner verified at that moment; an ownership nobody has accepted has no user and is
    voted only by a paper ballot or a proxy."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rights")
    ownership = models.ForeignKey(
        "residents.Ownership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_rights",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_rights",
    )
    # The co-owner's name as the named ledger and the co-owners' minutes show it; empty for
    # an ownership without an account (the unit number then identifies it).
    holder_name = models.CharField(max_length=200, blank=True)
    unit_number = models.CharField(max_length=20)
    unit_area = models.DecimalField(max_digits=9, decimal_places=2)
    share_numerator = models.PositiveIntegerField()
    share_denominator = models.PositiveIntegerField()
    # share × area in m², reduced: the exact weight of every vote of this right.
    weight_numerator = models.BigIntegerField()
    weight_denominator = models.BigIntegerField()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("voting right")
        verbose_name_plural = _("voting rights")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "ownership"],
                condition=Q(ownership__isnull=False),
                name="meetings_right_once_per_ownership",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "user"], name="meetings_right_user")]

    def __str__(self):
        return f"{self.unit_number} · {self.share_numerator}/{self.share_denominator}"

    @property
    def weight(self) -> Fraction:
        return Fraction(self.weight_numerator, self.weight_denominator)

    @property
    def share(self) -> Fraction:
        return Fraction(self.share_numerator, self.share_denominator)


class Proxy(models.Model):
    """A representative by power of attorney, recorded by the board (no document is kept).
    While a proxy is recorded (not revoked), the proxy votes the right and its owner does
    not; the owner's earlier votes stand until the proxy votes over them."""

    right = models.ForeignKey(VotingRight, on_delete=models.CASCADE, related_name="proxies")
    proxy_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_proxies",
    )
    proxy_name = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["right", "pk"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["right"],
                condition=Q(revoked_at__isnull=True),
                name="meetings_proxy_one_active_per_right",
            ),
        ]

    def __str__(self):
        return f"proxy {self.proxy_name} for right {self.right_id}"


class Vote(models.Model):
    """One vote on one item, as one entry of the meeting's log (`entry_index`). A change is a
    new row; the row with the highest `entry_index` per (right, item) counts."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online, by the co-owner")
        PROXY = "proxy", _("Online, by a proxy")
        PAPER = "paper", _("Paper ballot")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    right = models.ForeignKey(VotingRight, on_delete=models.CASCADE, related_name="votes")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)
    # Who cast it online (the co-owner or their proxy); for a paper ballot, who entered it.
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_votes_cast",
    )
    entry_index = models.BigIntegerField()
    leaf_hash = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "entry_index"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "entry_index"], name="meetings_vote_one_per_entry"
            ),
        ]
        indexes = [
            models.Index(fields=["right", "item", "entry_index"], name="meetings_vote_latest"),
        ]

    def __str__(self):
        return f"{self.choice} on item {self.item_id} (entry {self.entry_index})"


class EmailSent(models.Model):
    """That a meeting's notice or a reminder went to a person: the unique constraint makes
    each email go once, however often a task or the tick runs again."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Notice of the meeting")
        REMINDER_3 = "reminder_3", _("Reminder 3 days before the close")
        REMINDER_1 = "reminder_1", _("Reminder 1 day before the close")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="emails_sent")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_emails"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting email sent")
        verbose_name_plural = _("meeting emails sent")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user", "kind"], name="meetings_email_once"),
        ]

    def __str__(self):
        return f"{self.kind} of meeting {self.meeting_id} to {self.user_id}"
