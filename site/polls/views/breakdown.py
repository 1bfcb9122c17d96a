"""Credentials issued by area, for a poll whose audience names several districts or several
buildings: how the participation spreads, never who took part.

A read the contract's selectors do not provide, kept apart here so it can move to
`polls.selectors` as it is. It counts credentials (issuances), never ballots: a ballot carries
nothing that could place it in an area. Each person counts once, in the first area of the
audience (in its order) where they have a valid residence or co-ownership; credentials whose
person can no longer be placed (erased, moved, link cut after retention) are a group of their
own, so the groups add up to the published number of credentials. The groups then go through
the same suppression as the petitions' breakdowns (`petitions.disclosure.suppress`): a group
of 1 to 4 is shown as "fewer than 5", with the complements that keeps it from being worked out.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from petitions.disclosure import Cell, suppress
from polls.models import Issuance, Poll
from residents.models import VerifiedAttribute

Kind = VerifiedAttribute.Kind


@dataclass(frozen=True)
class AreaBreakdown:
    heading: str
    rows: list[tuple[str, Cell]]


def _first_area(pairs, order: dict[int, int]) -> dict[int, int]:
    """user id → the area, among its valid ones, that comes first in the audience."""
    placed: dict[int, int] = {}
    for user_id, area_id in pairs:
        if area_id in order and (user_id not in placed or order[area_id] < order[placed[user_id]]):
            placed[user_id] = area_id
    return placed


def credentials_by_area(poll: Poll) -> AreaBreakdown | None:
    """None when the audience is one area (the total says it all) or names none."""
    audience = poll.audience
    districts = sorted(audience.districts.all(), key=lambda d: (d.sort_order, d.pk))
    buildings = sorted(audience.buildings.all(), key=lambda b: (b.address, b.pk))
    user_ids = list(
        Issuance.objects.filter(poll=poll, user__isnull=False).values_list("user_id", flat=True)
    )
    valid = VerifiedAttribute.objects.valid(timezone.now()).filter(user_id__in=user_ids)
    if len(districts) >= 2:
        areas = [(d.pk, d.name) for d in districts]
        pairs = list(
            valid.filter(kind=Kind.DISTRICT_RESIDENT).values_list("user_id", "district_id")
        ) + list(
            valid.filter(kind=Kind.BUILDING_RESIDENT).values_list(
                "user_id", "building__district_id"
            )
        )
        heading = _("Credentials issued by district")
    elif len(buildings) >= 2:
        areas = [(b.pk, b.address) for b in buildings]
        pairs = list(
            valid.filter(kind__in=(Kind.CO_OWNER, Kind.BUILDING_RESIDENT)).values_list(
                "user_id", "building_id"
            )
        )
        heading = _("Credentials issued by building")
    else:
        return None
    order = {area_id: index for index, (area_id, _name) in enumerate(areas)}
    placed = _first_area(pairs, order)
    counts = [sum(1 for area in placed.values() if area == area_id) for area_id, _n in areas]
    unplaced = poll.credentials_issued - sum(counts)
    names = [name for _id, name in areas] + [_("No longer placed in an area")]
    cells = suppress(counts + [max(unplaced, 0)])
    return AreaBreakdown(heading=heading, rows=list(zip(names, cells, strict=True)))
