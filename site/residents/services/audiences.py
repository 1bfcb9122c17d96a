"""Making and freezing audiences: who a poll or a meeting is addressed to.

The app that owns the poll or meeting decides who may set its audience and calls these
services from its own (checked) service; an audience on its own grants nothing. Who is in an
audience is read with `residents.selectors`.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residents.errors import IllegalTransition, ResidentsError
from residents.models import Audience
from residents.selectors import AudienceRule, audience_count


def _validate(*, whole_city, districts, buildings, building_roles, competencies, organizations):
    if not (whole_city or districts or buildings or competencies or organizations):
        raise ResidentsError(
            _(
                "Choose who may take part: the whole city, districts, buildings, professions or "
                "organizations."
            ),
            code="empty_audience",
        )
    if building_roles not in Audience.BuildingRoles.values:
        raise ResidentsError(_("Choose who in the buildings takes part."), code="bad_roles")


def audience_create(
    *,
    whole_city: bool = False,
    districts: Iterable = (),
    buildings: Iterable = (),
    building_roles: str = Audience.BuildingRoles.EVERYONE,
    competencies: Iterable = (),
    organizations: Iterable = (),
) -> Audience:
    """An audience of the kinds given (AND between kinds, OR within one). At least one kind
    must be named: an empty audience would include nobody, which is never what was meant."""
    values = {
        "districts": list(districts),
        "buildings": list(buildings),
        "competencies": list(competencies),
        "organizations": list(organizations),
    }
    _validate(whole_city=whole_city, building_roles=building_roles, **values)
    with transaction.atomic():
        audience = Audience.objects.create(whole_city=whole_city, building_roles=building_roles)
        for name, items in values.items():
            if items:
                getattr(audience, name).set(items)
    return audience


def audience_update(
    *,
    audience: Audience,
    whole_city: bool = False,
    districts: Iterable = (),
    buildings: Iterable = (),
    building_roles: str = Audience.BuildingRoles.EVERYONE,
    competencies: Iterable = (),
    organizations: Iterable = (),
) -> Audience:
    """Change an audience that is not frozen yet (a poll still being prepared)."""
    values = {
        "districts": list(districts),
        "buildings": list(buildings),
        "competencies": list(competencies),
        "organizations": list(organizations),
    }
    _validate(whole_city=whole_city, building_roles=building_roles, **values)
    with transaction.atomic():
        audience = Audience.objects.select_for_update().get(pk=audience.pk)
        if audience.frozen_at is not None:
            raise IllegalTransition(
                _("The audience is frozen: the vote has opened."), code="audience_frozen"
            )
        audience.whole_city = whole_city
        audience.building_roles = building_roles
        audience.save(update_fields=["whole_city", "building_roles"])
        for name, items in values.items():
            getattr(audience, name).set(items)
    return audience


def audience_freeze(*, audience: Audience) -> Audience:
    """Store how many people are in the audience now, and when: done once, when the poll or
    meeting opens; the figure is what its public page shows from then on. A second freeze is
    refused (the first figure is the one that was announced)."""
    with transaction.atomic():
        locked = Audience.objects.select_for_update().get(pk=audience.pk)
        if locked.frozen_at is not None:
            raise IllegalTransition(_("The audience was already frozen."), code="audience_frozen")
        locked.frozen_count = audience_count(audience=AudienceRule.of(locked))
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["frozen_count", "frozen_at"])
    audience.frozen_count, audience.frozen_at = locked.frozen_count, locked.frozen_at
    return audience
