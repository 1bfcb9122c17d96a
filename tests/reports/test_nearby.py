"""Nearby open reports of the same category (to say "me too" instead of reporting again)."""

import math
from decimal import Decimal

import pytest

from reports.selectors import EARTH_RADIUS_METRES, reports_nearby
from reports.states import State
from tests.reports import factories

pytestmark = pytest.mark.django_db


def _north(lat: Decimal, metres: float) -> Decimal:
    return Decimal(f"{float(lat) + math.degrees(metres / EARTH_RADIUS_METRES):.6f}")


def _east(lat: Decimal, lon: Decimal, metres: float) -> Decimal:
    shrink = math.cos(math.radians(float(lat)))
    return Decimal(f"{float(lon) + math.degrees(metres / EARTH_RADIUS_METRES) / shrink:.6f}")


def test_within_50_metres_of_the_same_category_open_ones_only(pothole, body, district):
    lat, lon = factories.point_in(district)

    def at(latitude, longitude, state=State.OPEN, cat=pothole, **fields):
        return factories.report_in(
            state,
            cat=cat,
            organization=body,
            district=district,
            latitude=latitude,
            longitude=longitude,
            **fields,
        )

    near_north = at(_north(lat, 49), lon)
    near_east = at(lat, _east(lat, lon, 30), State.IN_PROGRESS)
    at(_north(lat, 51), lon)
    at(lat, _east(lat, lon, 51))
    at(lat, lon, cat=factories.category())
    at(lat, lon, State.FIXED)
    at(lat, lon, State.DUPLICATE, duplicate_of=near_north)
    at(lat, lon, State.UNCONFIRMED)
    at(lat, lon, hidden_at="2026-01-01T00:00:00Z")

    found = reports_nearby(category=pothole, latitude=lat, longitude=lon)

    assert found == [near_east, near_north]
    assert 48.5 < found[1].distance <= 49.5
    assert reports_nearby(category=pothole, latitude=lat, longitude=lon, metres=20) == []
