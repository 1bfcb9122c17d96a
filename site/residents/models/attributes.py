"""Verified attributes: the only facts about a person that decide what they may take part in.

Each attribute says one thing (lives in a district, lives in a building, co-owns a unit,
practises a profession, belongs to an organization), where the fact came from, who verified it
and when, until when it holds, and whether it was revoked. Nothing else is kept: no document,
no address beyond the building. Attributes are never shown publicly.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The one target field each kind names; every other target field stays empty.
TARGET_FIELD = {
    "district_resident": "district",
    "building_resident": "building",
    "co_owner": "ownership",
    "profession": "competency",
    "member": "organization",
}


class VerifiedAttributeQuerySet(models.QuerySet):
    def valid(self, at=None):
        """Attributes that hold now (or at `at`): not revoked and not expired."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class VerifiedAttribute(models.Model):
    class Kind(models.TextChoices):
        DISTRICT_RESIDENT = "district_resident", _("Resident of a district")
        BUILDING_RESIDENT = "building_resident", _("Resident of a building")
        CO_OWNER = "co_owner", _("Co-owner of a unit")
        PROFESSION = "profession", _("Practitioner of a profession")
        MEMBER = "member", _("Member of an organization")

    class Source(models.TextChoices):
        REGISTRAR = "registrar", _("Registrar's decision")
        POSTAL_CODE = "postal_code", _("Code sent by post")
        BUILDING_REGISTER = "building_register", _("Building register")
        EXPERT_CREDENTIAL = "expert_credential", _("Verified expert competency")
        TEAM_MEMBERSHIP = "team_membership", _("Organization membership")

    TARGET_FIELD = TARGET_FIELD
    RESIDENCE_KINDS = (Kind.DISTRICT_RESIDENT, Kind.BUILDING_RESIDENT)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="verified_attributes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
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
        related_name="attributes",
        help_text=_("For a co-owner too, from the unit: audiences by building need no join."),
    )
    ownership = models.ForeignKey(
        "residents.Ownership",
        verbose_name=_("ownership"),
        # An ownership leaves the register through `residents.services.register`, which
        # revokes its attribute first; the revoked row stays (without the ownership) so the
        # person sees why, until housekeeping purges it. A still-valid attribute cannot lose
        # its ownership: the check constraint below refuses it.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attributes",
    )
    competency = models.ForeignKey(
        "experts.Competency",
        verbose_name=_("profession"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    objects = VerifiedAttributeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-verified_at"]
        verbose_name = _("verified attribute")
        verbose_name_plural = _("verified attributes")
        permissions = [("revoke_verifiedattribute", "Can revoke verified attributes")]
        constraints = [
            # One row per person and fact: verifying again renews it instead of piling up
            # history nobody needs.
            *(
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(kind=kind),
                    name=f"attribute_unique_{kind}",
                )
                for kind, field in TARGET_FIELD.items()
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="district_resident",
                        district__isnull=False,
                        building__isnull=True,
                        ownership__isnull=True,
                        competency__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        kind="building_resident",
                        district__isnull=True,
                        building__isnull=False,
                        ownership__isnull=True,
                        competency__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        Q(ownership__isnull=False) | Q(revoked_at__isnull=False),
                        kind="co_owner",
                        district__isnull=True,
                        building__isnull=False,
                        competency__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        kind="profession",
                        district__isnull=True,
                        building__isnull=True,
                        ownership__isnull=True,
                        competency__isnull=False,
                        organization__isnull=True,
                    )
                    | Q(
                        kind="member",
                        district__isnull=True,
                        building__isnull=True,
                        ownership__isnull=True,
                        competency__isnull=True,
                        organization__isnull=False,
                    )
                ),
                name="attribute_target_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "user"], name="attribute_kind_user")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def target(self):
        """What the attribute is about. A revoked co-ownership whose entry has left the
        register is about the building it was in."""
        target = getattr(self, self.TARGET_FIELD[self.kind])
        if target is None and self.kind == self.Kind.CO_OWNER:
            return self.building
        return target

    def is_valid(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
