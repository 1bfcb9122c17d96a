"""The building register: buildings, their units and who co-owns each unit.

A condominium association's administrator keeps the register of its building (see
`residents.services.register`). Shares are exact fractions (numerator / denominator), never
floats: weighted votes in residents' meetings are computed from them and must add up to the
whole building, to the last square centimetre.
"""

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Building(models.Model):
    """A building of the city. Public facts only: its address, district, number of units and
    association; who lives in it or owns what is never shown publicly."""

    address = models.CharField(_("address"), max_length=200, unique=True)
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="buildings",
    )
    association = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("condominium association"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buildings",
        limit_choices_to={"kind": "condominium"},
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["address"]
        verbose_name = _("building")
        verbose_name_plural = _("buildings")

    def __str__(self):
        return self.address


class Unit(models.Model):
    """A flat or a non-residential premises of a building, with its area in square metres."""

    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.CASCADE, related_name="units"
    )
    number = models.CharField(_("number"), max_length=20)
    area = models.DecimalField(_("area, m²"), max_digits=9, decimal_places=2)
    is_residential = models.BooleanField(_("residential"), default=True)

    class Meta:
        ordering = ["building", "number"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unit_number_unique"),
            models.CheckConstraint(condition=models.Q(area__gt=0), name="unit_area_positive"),
        ]

    def __str__(self):
        return f"{self.building} · {self.number}"


class Ownership(models.Model):
    """One co-owner's share of one unit. The register knows a co-owner by the email address
    the association invited until they accept; then by their account, and the address is
    forgotten (`residents.services.register.ownership_accept`)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="ownerships"
    )
    share_numerator = models.PositiveIntegerField(_("share numerator"))
    share_denominator = models.PositiveIntegerField(_("share denominator"))
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Where the invitation goes; forgotten once the co-owner accepts."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ownerships",
    )
    invitation_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "pk"]
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_numerator__gt=0)
                & models.Q(share_numerator__lte=models.F("share_denominator")),
                name="ownership_share_in_range",
            ),
            models.UniqueConstraint(
                fields=["unit", "user"],
                condition=models.Q(user__isnull=False),
                name="ownership_one_per_person_and_unit",
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.share_numerator}/{self.share_denominator}"

    @property
    def share(self) -> Fraction:
        return Fraction(self.share_numerator, self.share_denominator)
