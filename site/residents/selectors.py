"""Reads of the residents app: who is in an audience.

Every question is asked of an `AudienceRule`: the audience's kinds as plain values. Given a
stored `Audience`, a selector takes its rule first, at no query: the row carries its ids
(`Audience.rule`, kept by `residents.services.audiences.audience_rule_store` in the
transaction of every change made through the services or the many-to-many managers), or they
were prefetched. So there is one statement shape, naming only the kinds the audience uses
with their ids written in, as fast as the same question written by hand
(`bench/eligibility.py`): "is this person in it now?" and "how many?" are each one query on a
loaded audience. Only an audience whose row has no rule (`rule` deferred or emptied by hand)
costs one query more, to read its ids from the through tables.

The rule, kind by kind (kinds combine with AND, values within a kind with OR; a kind the
audience does not name does not restrict it):

- whole city: a valid residence, of a district or of a building. Co-ownership does not count:
  a co-owner who lives elsewhere is not a resident of the city.
- districts: a valid residence of one of the districts, or of a building in one of them.
  Co-ownership does not count here either, for the same reason.
- buildings: a valid co-ownership of a unit in one of the buildings, and, when the audience's
  `building_roles` is "everyone", a valid residence of one of them.
- professions: a valid profession attribute (a verified expert competency) among them.
- organizations: a valid membership of one of them.

Only active accounts count. An audience that names no kind at all includes nobody
(`residents.services.audiences.audience_create` refuses to make one).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from residents.models import Audience, VerifiedAttribute
from residents.models.audiences import RULE_KINDS

Kind = VerifiedAttribute.Kind


@dataclass(frozen=True)
class AudienceRule:
    """An audience's rule as plain values: what every selector asks the database about. The
    condition it makes names only the kinds the audience uses, with their ids written in, so
    the database plans a small statement (`bench/eligibility.py`)."""

    pk: int | None
    whole_city: bool
    building_roles: str
    districts: tuple[int, ...] = ()
    buildings: tuple[int, ...] = ()
    competencies: tuple[int, ...] = ()
    organizations: tuple[int, ...] = ()

    @classmethod
    def of(cls, audience: "Audience | AudienceRule") -> "AudienceRule":
        """The rule of `audience`: no query when its ids were prefetched
        (`prefetch_related("districts", "buildings", "competencies", "organizations")`) or its
        row carries them (`Audience.rule`, always, unless deferred or emptied by hand); else
        one query (its four lists of ids read together)."""
        if isinstance(audience, AudienceRule):
            return audience
        if audience.pk is None:
            return cls(pk=None, whole_city=audience.whole_city, building_roles="")
        if _prefetched(audience):
            cache = audience._prefetched_objects_cache
            return cls._of(audience, {name: [o.pk for o in cache[name]] for name in RULE_KINDS})
        stored = audience.rule
        if isinstance(stored, dict) and all(isinstance(stored.get(n), list) for n in RULE_KINDS):
            return cls._of(audience, stored)
        return cls._of(audience, audience_rule_ids(audience_id=audience.pk))

    @classmethod
    def _of(cls, audience: Audience, ids: dict[str, list[int]]) -> "AudienceRule":
        return cls(
            pk=audience.pk,
            whole_city=audience.whole_city,
            building_roles=audience.building_roles,
            **{name: tuple(sorted(ids[name])) for name, _column in _THROUGH_COLUMNS},
        )

    def admits(self, attributes: list[tuple]) -> bool:
        """Whether a person holding `attributes` (their valid ones, as `_ROW` tuples) is in
        the audience: the rule of the module docstring, kind by kind."""
        if not self.names_a_kind:
            return False
        rows = [dict(zip(_ROW, row, strict=True)) for row in attributes]
        residence = VerifiedAttribute.RESIDENCE_KINDS
        building_kinds = {Kind.CO_OWNER}
        if self.building_roles == Audience.BuildingRoles.EVERYONE:
            building_kinds.add(Kind.BUILDING_RESIDENT)
        checks = []
        if self.whole_city:
            checks.append(lambda r: r["kind"] in residence)
        if self.districts:
            checks.append(
                lambda r: (
                    (r["kind"] == Kind.DISTRICT_RESIDENT and r["district"] in self.districts)
                    or (
                        r["kind"] == Kind.BUILDING_RESIDENT
                        and r["building_district"] in self.districts
                    )
                )
            )
        if self.buildings:
            checks.append(lambda r: r["kind"] in building_kinds and r["building"] in self.buildings)
        if self.competencies:
            checks.append(
                lambda r: r["kind"] == Kind.PROFESSION and r["competency"] in self.competencies
            )
        if self.organizations:
            checks.append(
                lambda r: r["kind"] == Kind.MEMBER and r["organization"] in self.organizations
            )
        return all(any(check(row) for row in rows) for check in checks)

    @property
    def names_a_kind(self) -> bool:
        return bool(
            self.whole_city
            or self.districts
            or self.buildings
            or self.competencies
            or self.organizations
        )


# What `admits` reads of each of a person's attributes.
_ROW = ("kind", "district", "building", "building_district", "competency", "organization")
_ROW_FIELDS = (
    "kind",
    "district_id",
    "building_id",
    "building__district_id",
    "competency_id",
    "organization_id",
)
_ROW_FIELDS_NO_JOIN = tuple(
    "building_id" if field == "building__district_id" else field for field in _ROW_FIELDS
)

_THROUGH_COLUMNS = (
    ("districts", "district_id"),
    ("buildings", "building_id"),
    ("competencies", "competency_id"),
    ("organizations", "organization_id"),
)


def _prefetched(audience: Audience) -> bool:
    cache = getattr(audience, "_prefetched_objects_cache", {})
    return all(name in cache for name, _column in _THROUGH_COLUMNS)


def audience_rule_ids(*, audience_id: int) -> dict[str, list[int]]:
    """The audience's ids of each kind, sorted, as the four through tables hold them now: one
    query. What `Audience.rule` repeats."""
    parts = [
        getattr(Audience, name)
        .through.objects.filter(audience_id=audience_id)
        .annotate(part=Value(name))
        .order_by()
        .values_list("part", column)
        for name, column in _THROUGH_COLUMNS
    ]
    ids: dict[str, list[int]] = {name: [] for name, _column in _THROUGH_COLUMNS}
    for name, pk in parts[0].union(*parts[1:], all=True):
        ids[name].append(pk)
    return {name: sorted(values) for name, values in ids.items()}


def rule_condition(*, rule: AudienceRule, at: datetime | None = None) -> Q:
    """The filter on accounts that selects the members of `rule`'s audience at `at`."""
    if not rule.names_a_kind:
        return Q(pk__in=[])
    valid = VerifiedAttribute.objects.valid(at or timezone.now()).filter(user=OuterRef("pk"))
    condition = Q()
    if rule.whole_city:
        condition &= Exists(valid.filter(kind__in=VerifiedAttribute.RESIDENCE_KINDS))
    if rule.districts:
        condition &= Exists(
            valid.filter(kind=Kind.DISTRICT_RESIDENT, district_id__in=rule.districts)
        ) | Exists(
            valid.filter(kind=Kind.BUILDING_RESIDENT, building__district_id__in=rule.districts)
        )
    if rule.buildings:
        kinds = [Kind.CO_OWNER]
        if rule.building_roles == Audience.BuildingRoles.EVERYONE:
            kinds.append(Kind.BUILDING_RESIDENT)
        condition &= Exists(valid.filter(kind__in=kinds, building_id__in=rule.buildings))
    if rule.competencies:
        condition &= Exists(valid.filter(kind=Kind.PROFESSION, competency_id__in=rule.competencies))
    if rule.organizations:
        condition &= Exists(valid.filter(kind=Kind.MEMBER, organization_id__in=rule.organizations))
    return condition


def _people(*, audience: Audience | AudienceRule, at: datetime | None = None) -> QuerySet:
    condition = rule_condition(rule=AudienceRule.of(audience), at=at)
    return get_user_model().objects.filter(is_active=True).filter(condition)


def audience_includes(
    *, audience: Audience | AudienceRule, user, at: datetime | None = None
) -> bool:
    """Whether `user` is in `audience` now (or at `at`). One query on a loaded audience or a
    rule: the person's valid attributes (a handful of rows, by the index on the person), then
    the rule applied to them (`AudienceRule.admits`, the same rule `audience_count` asks the
    database; the tests hold the two to the same answers). A deactivated account is in no
    audience."""
    # The account's own flag, as loaded: the statement stays on the attributes' index alone.
    if user is None or not user.is_authenticated or not user.is_active or audience.pk is None:
        return False
    rule = AudienceRule.of(audience)
    if not rule.names_a_kind:
        return False
    held = VerifiedAttribute.objects.valid(at or timezone.now()).filter(user_id=user.pk).order_by()
    # The join to buildings only when districts are named (the column is unread otherwise:
    # the building's own id stands in for it, at no cost).
    fields = _ROW_FIELDS if rule.districts else _ROW_FIELDS_NO_JOIN
    return rule.admits(list(held.values_list(*fields)))


def audience_count(*, audience: Audience | AudienceRule, at: datetime | None = None) -> int:
    """How many people are in `audience` now (or at `at`). One query on a loaded audience or
    a rule."""
    if audience.pk is None:
        return 0
    return _people(audience=audience, at=at).count()


def audience_public_count(*, audience: Audience) -> int | None:
    """The number of eligible people as it may be shown publicly: the count frozen when the
    poll or meeting opened (or the live count before that), and None below
    `Audience.PUBLIC_COUNT_MINIMUM`, where a number would single out a few households."""
    count = audience.frozen_count
    if count is None:
        count = audience_count(audience=audience)
    return count if count >= Audience.PUBLIC_COUNT_MINIMUM else None


def audience_members(*, audience: Audience | AudienceRule, at: datetime | None = None) -> QuerySet:
    """The ids of the people in `audience` (for instance to email them), as a queryset that can
    also be used as a subquery: `User.objects.filter(pk__in=audience_members(...))`."""
    return _people(audience=audience, at=at).order_by().values_list("pk", flat=True)
