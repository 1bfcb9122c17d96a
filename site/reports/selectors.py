"""Reads of the reports app: public lists, nearby open reports (to say "me too" instead of
reporting twice), a report's public timeline and the categories of the report form."""

import math
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch

from reports.models import Category, CategoryAttribute, Report, ReportUpdate
from reports.states import FINISHED_STATES, OPEN_STATES, State

EARTH_RADIUS_METRES = 6_371_008.8
METRES_PER_DEGREE = 111_320

STATUS_STATES = {
    "open": OPEN_STATES,
    "fixed": frozenset({State.FIXED}),
    "closed": FINISHED_STATES - {State.FIXED},
}


def reports_public(
    *, category=None, district=None, body=None, status=None, provider=None, kind=None
):
    """Public reports (confirmed, not hidden), newest first, filtered by what is given.
    `status` is "open", "fixed" or "closed"; `kind` a `Category.Kind`."""
    reports = Report.objects.public().select_related("category", "body", "district", "provider")
    if category is not None:
        reports = reports.filter(category=category)
    if district is not None:
        reports = reports.filter(district=district)
    if body is not None:
        reports = reports.filter(body=body)
    if status:
        reports = reports.filter(state__in=STATUS_STATES.get(status, ()))
    if provider is not None:
        reports = reports.filter(provider=provider)
    if kind:
        reports = reports.filter(category__kind=kind)
    return reports


def haversine_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(a)))


def reports_nearby(*, category, latitude, longitude, metres=None) -> list[Report]:
    """Open public reports of `category` within `metres` (REPORT_NEARBY_METRES) of the point,
    nearest first: a bounding box in SQL, then the exact great-circle distance. Each report
    carries its `distance` in metres."""
    metres = settings.REPORT_NEARBY_METRES if metres is None else metres
    lat, lon = float(latitude), float(longitude)
    # A box a little larger than the circle (1 %): the degree of 111 320 m is the equator's,
    # a little longer than the mean one the exact distance below uses.
    reach = metres * 1.01
    dlat = reach / METRES_PER_DEGREE
    dlon = reach / (METRES_PER_DEGREE * max(math.cos(math.radians(lat)), 1e-6))

    def bound(value: float) -> Decimal:
        return Decimal(f"{value:.6f}")

    candidates = (
        Report.objects.public()
        .still_open()
        .filter(
            category=category,
            latitude__gte=bound(lat - dlat),
            latitude__lte=bound(lat + dlat),
            longitude__gte=bound(lon - dlon),
            longitude__lte=bound(lon + dlon),
        )
        .select_related("category", "body", "district")
    )
    found = []
    for report in candidates:
        report.distance = haversine_metres(
            lat, lon, float(report.latitude), float(report.longitude)
        )
        if report.distance <= metres:
            found.append(report)
    found.sort(key=lambda r: (r.distance, r.pk))
    return found


def report_timeline(*, report) -> list[ReportUpdate]:
    """The report's public updates (confirmed, not hidden), oldest first."""
    return list(
        ReportUpdate.objects.filter(
            report=report, confirmed_at__isnull=False, hidden_at__isnull=True
        )
        .select_related("body")
        .order_by("created_at", "pk")
    )


def categories_for_form() -> list[Category]:
    """Active categories with their questions, in their order."""
    return list(
        Category.objects.active().prefetch_related(
            Prefetch("attributes", queryset=CategoryAttribute.objects.order_by("sort_order", "pk"))
        )
    )
