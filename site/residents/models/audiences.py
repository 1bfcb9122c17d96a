"""Audiences: who a poll or a meeting is addressed to.

One rule type for every app: the whole city, districts, buildings, professions, organizations.
Kinds combine with AND, values within a kind with OR: "residents of Podil or Obolon who are
doctors". The questions "is this person in it now?" and "how many people are?" are answered by
`residents.selectors.audience_includes` and `audience_count`, each in one query.

`rule` repeats the ids of the four many-to-many fields on the row itself, so that a loaded
audience answers "is this person in it?" in one query (the attributes') with no second one
for its ids. Nothing but `residents.services.audiences.audience_rule_store` writes it: the
services and the receivers on the four through tables call it in the transaction of every
change (`residents.signals`), so it never disagrees with the tables it repeats.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

RULE_KINDS = ("districts", "buildings", "competencies", "organizations")


def empty_rule() -> dict:
    """The ids of a new audience: none yet (its many-to-many rows come after the row)."""
    return {name: [] for name in RULE_KINDS}


class Audience(models.Model):
    class BuildingRoles(models.TextChoices):
        CO_OWNERS = "co_owners", _("Co-owners")
        EVERYONE = "everyone", _("Co-owners and residents")

    # Below this, the number of eligible people is not shown publicly: it would single out
    # a few households.
    PUBLIC_COUNT_MINIMUM = 5

    whole_city = models.BooleanField(
        _("every verified resident of the city"),
        default=False,
        help_text=_("Anyone with a verified residence in any district or building."),
    )
    districts = models.ManyToManyField(
        "config.District", verbose_name=_("districts"), blank=True, related_name="+"
    )
    buildings = models.ManyToManyField(
        "residents.Building", verbose_name=_("buildings"), blank=True, related_name="+"
    )
    building_roles = models.CharField(
        _("in those buildings"),
        max_length=10,
        choices=BuildingRoles.choices,
        default=BuildingRoles.EVERYONE,
    )
    competencies = models.ManyToManyField(
        "experts.Competency", verbose_name=_("professions"), blank=True, related_name="+"
    )
    organizations = models.ManyToManyField(
        "profiles.Organization", verbose_name=_("organizations"), blank=True, related_name="+"
    )
    # The ids of `districts`, `buildings`, `competencies`, `organizations`, sorted: written
    # only by `audience_rule_store` (see the module docstring); None means "read the tables".
    rule = models.JSONField(default=empty_rule, null=True, editable=False)
    frozen_count = models.PositiveIntegerField(
        _("eligible when it opened"), null=True, blank=True, editable=False
    )
    frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return f"{_('audience')} {self.pk}"
