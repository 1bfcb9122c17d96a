"""Routing: the district of a point, and the body that receives a category there."""

import pytest

from reports import services
from reports.states import ReportError
from tests.reports import factories

pytestmark = pytest.mark.django_db


def test_point_inside_a_district_finds_it(district, other_district):
    lat, lon = factories.point_in(other_district)
    assert services.district_at(latitude=lat, longitude=lon) == other_district


def test_point_outside_every_district_finds_none(mapped_districts):
    assert services.district_at(latitude=10, longitude=10) is None
    assert services.district_at(latitude="x", longitude=None) is None


def test_district_route_beats_the_default(district, other_district, body, other_body):
    cat = factories.category()
    factories.route(cat, body)
    factories.route(cat, other_body, district=other_district)
    assert services.route_resolve(category=cat, district=other_district) == other_body
    assert services.route_resolve(category=cat, district=district) == body
    assert services.route_resolve(category=cat, district=None) == body


def test_without_a_route_the_category_cannot_be_reported(district, other_district, body):
    cat = factories.category()
    factories.route(cat, body, district=other_district)
    with pytest.raises(ReportError) as error:
        services.route_resolve(category=cat, district=district)
    assert error.value.code == "no_route"


def test_a_report_goes_to_its_districts_body(district, other_district, body, other_body):
    cat = factories.category()
    factories.route(cat, body)
    factories.route(cat, other_body, district=other_district)
    lat, lon = factories.point_in(other_district)
    report = services.report_create(
        category=cat,
        title="Яма",
        description="Вибоїна.",
        latitude=lat,
        longitude=lon,
        reporter_email="a@example.org",
    )
    assert report.body == other_body and report.district == other_district
