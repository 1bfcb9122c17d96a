"""Making and freezing audiences: who a poll or a meeting is addressed to.

The app that owns the poll or meeting decides who may set its audience and calls these
services from its own (checked) service; an audience on its own grants nothing. Who is in an
audience is read with `residents.selectors`.

The row repeats its ids (`Audience.rule`) so that a loaded audience answers "is this person
in it?" in one query. `audience_rule_store` is its only writer: the services call it, and so
do the receivers on the four through tables (`audience_rule_follow`, connected in
`residents.signals`) for a change made any other way: `audience.districts.add(...)`,
`.remove`, `.set`, `.clear` (`m2m_changed`), and a district, building, profession or
organization deleted with its through rows (`audience_rule_target_deleting`/`_deleted`).
Each writes in the transaction of the change, so a rolled back change leaves the rule as it
was. What no receiver can see: writes through `Audience.<kind>.through.objects` (Django sends
no signal for an automatic through table) and raw SQL. Nothing in the project writes them
that way; code must use the managers above (the tests check the column against the tables
after every kind of change).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residents.errors import IllegalTransition, ResidentsError
from residents.models import Audience
from residents.models.audiences import RULE_KINDS
from residents.selectors import audience_count, audience_rule_ids


def audience_rule_store(*, audience: Audience | None = None, audience_id: int | None = None):
    """Write the audience's ids, as its through tables hold them now, onto its row (and onto
    `audience`, when given): one query to read, one to write."""
    pk = audience.pk if audience is not None else audience_id
    if pk is None:
        return
    rule = audience_rule_ids(audience_id=pk)
    Audience.objects.filter(pk=pk).update(rule=rule)
    if audience is not None:
        audience.rule = rule


def audience_rule_follow(sender, instance, action, reverse, pk_set, **kwargs):
    """Receiver of `m2m_changed` on the four through tables."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        audience_rule_store(audience=instance)
        return
    for pk in pk_set or ():
        audience_rule_store(audience_id=pk)


def audience_rule_target_deleting(sender, instance, **kwargs):
    """`pre_delete` of a district, building, profession or organization: note the audiences
    that name it (their through rows go with it)."""
    name = _KIND_OF_TARGET.get(sender)
    if name is None or instance.pk is None:
        return
    through = getattr(Audience, name).through
    column = dict(_TARGET_COLUMNS)[name]
    instance._residents_audiences = list(
        through.objects.filter(**{column: instance.pk}).values_list("audience_id", flat=True)
    )


def audience_rule_target_deleted(sender, instance, **kwargs):
    """`post_delete` of the same: those audiences' rules, without it."""
    for pk in getattr(instance, "_residents_audiences", ()):
        audience_rule_store(audience_id=pk)


_TARGET_COLUMNS = (
    ("districts", "district_id"),
    ("buildings", "building_id"),
    ("competencies", "competency_id"),
    ("organizations", "organization_id"),
)
# Filled by `residents.signals` with the target model of each kind.
_KIND_OF_TARGET: dict = {}


def _ids(items) -> list[int]:
    return sorted({getattr(item, "pk", item) for item in items})


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
        audience = Audience.objects.create(
            whole_city=whole_city,
            building_roles=building_roles,
            rule={name: _ids(values[name]) for name in RULE_KINDS},
        )
        for name, items in values.items():
            if items:
                getattr(audience, name).set(items)
        audience_rule_store(audience=audience)
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
    given = audience
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
        audience_rule_store(audience=audience)
    if audience is not given:
        # The caller's copy answers for the audience as it now is.
        given.whole_city, given.building_roles = audience.whole_city, audience.building_roles
        given.rule = audience.rule
        getattr(given, "_prefetched_objects_cache", {}).clear()
    return audience


def audience_freeze(*, audience: Audience) -> Audience:
    """Store how many people are in the audience now, and when: done once, when the poll or
    meeting opens; the figure is what its public page shows from then on. A second freeze is
    refused (the first figure is the one that was announced)."""
    with transaction.atomic():
        locked = Audience.objects.select_for_update().get(pk=audience.pk)
        if locked.frozen_at is not None:
            raise IllegalTransition(_("The audience was already frozen."), code="audience_frozen")
        locked.frozen_count = audience_count(audience=locked)
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["frozen_count", "frozen_at"])
    audience.frozen_count, audience.frozen_at = locked.frozen_count, locked.frozen_at
    return audience
