"""The site's own SVG map (`config.maps`) and the ideas' map page: district outlines with their
names, numbered points, the list of the same places beside it, and nothing from another host."""

import re

from django.test import Client

import pytest

from config.demo import DISTRICT_BLOCKS, DISTRICTS, district_boundaries
from config.maps import (
    CITY_BOUNDS,
    MapArea,
    MapPlace,
    Projection,
    contains,
    district_containing,
    inner_point,
    map_svg,
    polygon,
    polygon_rings,
)

SQUARE = polygon([(30.7, 49.4), (30.8, 49.4), (30.8, 49.5), (30.7, 49.5)])


def place(number=1, title="Lights", lon=30.75, lat=49.45):
    return MapPlace(number=number, title=title, url="/ideas/x/", latitude=lat, longitude=lon)


def test_the_svg_has_each_outline_its_name_and_each_numbered_point():
    svg = map_svg(
        areas=[MapArea(name="Central", boundary=SQUARE)],
        places=[place(1), place(2, lon=30.78)],
        title="Map",
    )
    assert svg.count("<polygon") == 1
    assert ">Central</text>" in svg
    assert svg.count("<circle") == 2
    assert ">1</text>" in svg and ">2</text>" in svg
    assert 'role="img"' in svg and "<title" in svg


def test_names_and_titles_are_escaped():
    svg = map_svg(
        areas=[MapArea(name="<script>x</script>", boundary=SQUARE)],
        places=[],
        title='"><img src=x>',
    )
    assert "<script>" not in svg and "<img" not in svg


def test_the_projection_puts_north_up_and_east_right():
    project = Projection(CITY_BOUNDS)
    west_x, north_y = project(CITY_BOUNDS[0], CITY_BOUNDS[3])
    east_x, south_y = project(CITY_BOUNDS[2], CITY_BOUNDS[1])
    assert west_x < east_x and north_y < south_y
    assert west_x >= 0 and east_x <= project.width and south_y <= project.height


def test_a_malformed_boundary_is_left_out_not_an_error():
    for boundary in (None, {}, {"type": "Point"}, {"type": "Polygon", "coordinates": [["x"]]}):
        assert polygon_rings(boundary) == []
    svg = map_svg(areas=[MapArea(name="Bad", boundary={"type": "Polygon"})], places=[], title="t")
    assert "<polygon" not in svg


def test_the_demo_districts_tile_the_city_without_gaps_or_overlaps():
    outlines = district_boundaries()
    assert set(outlines) == {slug for slug, _uk, _en in DISTRICTS} == set(DISTRICT_BLOCKS)
    west, south, east, north = CITY_BOUNDS
    for i in range(1, 20):
        for j in range(1, 20):
            lon = west + (east - west) * i / 20 + 0.0001
            lat = south + (north - south) * j / 20 + 0.0001
            assert sum(contains(b, lon, lat) for b in outlines.values()) == 1
    for boundary in outlines.values():
        assert contains(boundary, *inner_point(boundary))


@pytest.mark.django_db
def test_the_map_page_draws_districts_and_places_and_lists_them(make_idea, districts):
    outlines = district_boundaries()
    for district in districts:
        district.boundary = outlines[district.slug]
        district.save()
    district = districts[0]
    lon, lat = inner_point(district.boundary)
    make_idea("published", title="Fountain", latitude=f"{lat:.6f}", longitude=f"{lon:.6f}")
    make_idea("published", title="No place")
    assert district_containing(districts, lon, lat) == district
    response = Client().get("/en/ideas/map/")
    assert response.status_code == 200
    body = response.content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert svg.count("<polygon") == len(districts)
    assert district.name_en in svg
    assert svg.count("<circle") == 1
    assert "Fountain" in body and "No place" not in body
    assert re.search(r'<li value="1">.*Fountain', body)


@pytest.mark.django_db
def test_the_map_page_requests_nothing_from_another_host(make_idea):
    make_idea("published", latitude="49.5", longitude="30.8")
    body = Client().get("/en/ideas/map/").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert addresses
    outside = [a for a in addresses if a.startswith(("http:", "https:", "//"))]
    assert outside == []
    assert "tile" not in body.lower()


@pytest.mark.django_db
def test_an_idea_page_shows_its_place_on_a_small_map(make_idea):
    idea = make_idea("published", latitude="49.5", longitude="30.8", address="Park St 1")
    body = Client().get(idea.get_absolute_url()).content.decode()
    assert 'id="idea-map-title"' in body
    assert "Park St 1" in body


@pytest.mark.e2e
def test_the_movable_map_loads_nothing_from_another_host(page, axe, make_idea, districts):
    from playwright.sync_api import expect

    outlines = district_boundaries()
    for district in districts:
        district.boundary = outlines[district.slug]
        district.save()
    lon, lat = inner_point(districts[0].boundary)
    make_idea("published", title="Fountain", latitude=f"{lat:.6f}", longitude=f"{lon:.6f}")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/en/ideas/map/")
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator(".city-map__pin")).to_have_count(1)
    expect(page.locator(".city-map__label")).to_have_count(len(districts))
    expect(page.get_by_role("link", name="Fountain")).to_be_visible()
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert requested and all(
        url.startswith(page.context.pages[0].url.split("/en/")[0]) for url in requested
    )
