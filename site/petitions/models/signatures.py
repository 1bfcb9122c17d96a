"""Signatures, their stored counts, and the official response that signers are told about.

A signature counts only once its email address is confirmed, and only once: the confirmation is
a conditional update (`confirmed_at IS NULL`), and the count is kept in `SignatureTally` rows,
one per petition, district and day, changed in the same transaction (see `services.signatures`
for why the counts are split this way).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Signature(models.Model):
    """One person's signature under one petition.

    One mailbox signs a petition once: `mailbox_hash`, a keyed hash of the normalised address
    (`petitions.normalize.mailbox_hash`), is unique per petition, so the database, not only a
    check in the form, refuses a second signature from the same mailbox. Retention and erasure
    blank the personal fields (`normalized_email` becomes NULL) but keep the hash, which
    cannot be read back into an address: the row stays, so counts stay exact, and the erased
    mailbox still cannot sign that petition again.
    """

    petition = models.ForeignKey(
        "petitions.PetitionPage", on_delete=models.CASCADE, related_name="signatures"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    normalized_email = models.CharField(max_length=254, null=True, blank=True)
    # NULL only for signatures erased before the hash was kept (nothing left to hash).
    mailbox_hash = models.CharField(max_length=64, null=True, blank=True)
    email_domain = models.CharField(max_length=254, blank=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district of residence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petition_signatures",
    )
    is_creator = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="uk")
    # The signer's network (/24 or /48) as a keyed hash: enough to spot a flood, never an address.
    ip_prefix_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    invalidated_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "mailbox_hash"], name="signature_one_per_mailbox"
            ),
        ]
        indexes = [
            models.Index(fields=["petition", "confirmed_at"], name="signature_petition_confirmed"),
            models.Index(fields=["petition", "ip_prefix_hash"], name="signature_petition_network"),
            models.Index(fields=["petition", "email_domain"], name="signature_petition_domain"),
            models.Index(
                fields=["created_at"],
                name="signature_pending_created",
                condition=Q(confirmed_at__isnull=True),
            ),
            models.Index(fields=["normalized_email"], name="signature_normalized_email"),
        ]

    def __str__(self):
        return f"{self.name} · {self.petition_id}"

    @property
    def counts(self) -> bool:
        return self.confirmed_at is not None and self.invalidated_at is None


class SignatureTally(models.Model):
    """Confirmed, valid signatures of one petition from one district on one (local) day.

    The petition's total is the sum of its rows, its district breakdown the sums per district,
    its timeline the sums per day; no page ever counts signature rows.
    """

    petition = models.ForeignKey(
        "petitions.PetitionPage", on_delete=models.CASCADE, related_name="tallies"
    )
    district = models.ForeignKey("config.District", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("signature tally")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "district", "day"], name="tally_one_per_district_day"
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="tally_not_negative"),
        ]

    def __str__(self):
        return f"{self.petition_id} · {self.district_id} · {self.day}: {self.count}"


class PetitionResponse(models.Model):
    """The official answer of the responsible authority, posted by one of its members or an
    editor. Plain text: it is shown escaped, with paragraphs kept."""

    petition = models.OneToOneField(
        "petitions.PetitionPage", on_delete=models.CASCADE, related_name="response"
    )
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(_("full response"), max_length=20_000)
    organization = models.ForeignKey(
        "profiles.Organization", on_delete=models.PROTECT, related_name="petition_responses"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")

    def __str__(self):
        return self.summary
