"""The site's own maps: district outlines and numbered places drawn as SVG on the server.

No tiles and no requests to any other host (a third-party tile server would learn who looks at
which street): a map is the districts' outlines (`District.boundary`, a GeoJSON Polygon in
longitude/latitude) with their names, and numbered points. The template places the SVG beside
a list of the same places (number, title, district, link), which is what a screen reader and a
narrow phone read; the drawing only shows where. Any app with places on a map (ideas, problem
reports) builds `MapArea`s and `MapPlace`s and calls `city_map`.

The projection is equirectangular around the middle latitude of what is drawn: across a city
(tens of kilometres) it is as good as any and needs no library. Which district holds a point is
shapely's point-in-polygon (`contains`, `district_containing`).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from shapely.geometry import Point, Polygon

# The demo city (`config.demo`): west, south, east, north in degrees. Its districts tile this
# box, so a point drawn inside it falls in one of them (`district_containing`).
CITY_BOUNDS = (30.70, 49.44, 30.94, 49.56)

WIDTH = 640
MARGIN = 16
POINT_RADIUS = 11
AREA_FILL, AREA_FOCUS_FILL, AREA_LINE = "#f3f5f8", "#dbe7f3", "#4a5260"
INK, POINT_FILL, POINT_TEXT = "#1b1f24", "#0b5394", "#ffffff"


@dataclass(frozen=True)
class MapArea:
    """An outline to draw: a GeoJSON Polygon's rings, [[lon, lat], …] each."""

    name: str
    boundary: dict
    focused: bool = False

    def rings(self) -> list[list[tuple[float, float]]]:
        return polygon_rings(self.boundary)


@dataclass(frozen=True)
class MapPlace:
    number: int
    title: str
    url: str
    latitude: float
    longitude: float
    district: str = ""


@dataclass(frozen=True)
class CityMap:
    svg: SafeString
    places: list[MapPlace]
    areas: list[MapArea]


def polygon_rings(boundary) -> list[list[tuple[float, float]]]:
    """The rings of a GeoJSON Polygon as (lon, lat) floats; [] for anything else, so a
    malformed outline is left out of the drawing rather than breaking the page."""
    if not isinstance(boundary, dict) or boundary.get("type") != "Polygon":
        return []
    rings = []
    for ring in boundary.get("coordinates") or []:
        try:
            points = [(float(lon), float(lat)) for lon, lat, *_rest in ring]
        except (TypeError, ValueError):
            return []
        if len(points) >= 3 and all(map(math.isfinite, (v for p in points for v in p))):
            rings.append(points)
    return rings


def polygon(points: Sequence[tuple[float, float]]) -> dict:
    """A GeoJSON Polygon of one closed ring through `points` (lon, lat)."""
    ring = [[round(lon, 6), round(lat, 6)] for lon, lat in points]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def district_shape(boundary) -> Polygon | None:
    """The outline as a shapely polygon (holes included), or None when it is not a valid
    GeoJSON Polygon: a broken outline never places a point."""
    rings = polygon_rings(boundary)
    if not rings:
        return None
    shape = Polygon(rings[0], rings[1:])
    return shape if shape.is_valid and not shape.is_empty else None


def contains(boundary, longitude: float, latitude: float) -> bool:
    """Whether the point lies inside the outline (or on its edge: a point on the line between
    two districts belongs to both, and `district_containing` takes the first)."""
    shape = district_shape(boundary)
    return shape is not None and shape.covers(Point(longitude, latitude))


def inner_point(boundary, *, margin: float = 0.0) -> tuple[float, float] | None:
    """A point (lon, lat) surely inside the outline, `margin` degrees away from its edge when
    the outline is wide enough (for a label, or a demo place that must not sit on a border)."""
    shape = district_shape(boundary)
    if shape is None:
        return None
    inner = shape.buffer(-margin) if margin else shape
    point = (inner if not inner.is_empty else shape).representative_point()
    return (point.x, point.y)


def district_containing(districts: Iterable, longitude: float, latitude: float):
    """The first district whose boundary holds the point, or None."""
    return next((d for d in districts if contains(d.boundary, longitude, latitude)), None)


class Projection:
    """Longitude/latitude to SVG pixels: x grows east, y grows south, one scale for both axes
    (a degree of longitude shortened by the cosine of the middle latitude)."""

    def __init__(self, bounds: tuple[float, float, float, float], *, width: int = WIDTH):
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.shrink = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * self.shrink, 1e-6)
        span_y = max(north - south, 1e-6)
        self.scale = (width - 2 * MARGIN) / span_x
        self.width = width
        self.height = round(span_y * self.scale + 2 * MARGIN)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = MARGIN + (longitude - self.west) * self.shrink * self.scale
        y = MARGIN + (self.north - latitude) * self.scale
        return round(x, 1), round(y, 1)


def bounds_of(areas: Sequence[MapArea], places: Sequence[MapPlace]) -> tuple:
    """The box around the focused areas (all areas when none is focused) and every place,
    padded a little; the demo city's box when there is nothing to draw."""
    focused = [area for area in areas if area.focused] or list(areas)
    points = [p for area in focused for ring in area.rings() for p in ring]
    points += [(float(place.longitude), float(place.latitude)) for place in places]
    if not points:
        return CITY_BOUNDS
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    pad = max(east - west, north - south, 0.01) * 0.05
    return (west - pad, south - pad, east + pad, north + pad)


def _area_svg(area: MapArea, project: Projection) -> str:
    paths = []
    for ring in area.rings():
        corners = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring))
        fill = AREA_FOCUS_FILL if area.focused else AREA_FILL
        paths.append(
            f'<polygon points="{corners}" fill="{fill}" stroke="{AREA_LINE}" '
            'stroke-width="1.5" stroke-linejoin="round"></polygon>'
        )
    return "".join(paths)


def _label_svg(area: MapArea, project: Projection) -> str:
    centre = inner_point(area.boundary)
    if centre is None:
        return ""
    x, y = project(*centre)
    return (
        f'<text x="{x}" y="{y}" text-anchor="middle" font-size="13" fill="{INK}" '
        f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(area.name)}</text>'
    )


def _place_svg(place: MapPlace, project: Projection) -> str:
    x, y = project(float(place.longitude), float(place.latitude))
    return (
        f'<g><circle cx="{x}" cy="{y}" r="{POINT_RADIUS}" fill="{POINT_FILL}" stroke="#ffffff" '
        f'stroke-width="2"></circle><text x="{x}" y="{round(y + 4.5, 1)}" text-anchor="middle" '
        f'font-size="12" font-weight="700" fill="{POINT_TEXT}">{place.number}</text></g>'
    )


def map_svg(
    *,
    areas: Sequence[MapArea],
    places: Sequence[MapPlace],
    title: str,
    svg_id: str = "city-map",
    width: int = WIDTH,
) -> SafeString:
    """The map as one SVG string: outlines, then their names, then the numbered points on
    top. Every text in it is escaped; numbers are written unlocalized (SVG wants a dot)."""
    project = Projection(bounds_of(areas, places), width=width)
    parts = [
        f'<svg viewBox="0 0 {project.width} {project.height}" role="img" '
        f'aria-labelledby="{svg_id}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-title">{escape(title)}</title>'
    ]
    parts += [_area_svg(area, project) for area in areas]
    parts += [_label_svg(area, project) for area in areas]
    parts += [_place_svg(place, project) for place in places]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def district_areas(districts: Iterable, *, focus_id: int | None = None) -> list[MapArea]:
    """The districts that have an outline, as areas; `focus_id` frames the map on one."""
    return [
        MapArea(name=district.name, boundary=district.boundary, focused=district.pk == focus_id)
        for district in districts
        if polygon_rings(district.boundary)
    ]


def city_map(
    *,
    districts: Iterable,
    places: Sequence[MapPlace],
    title: str,
    svg_id: str = "city-map",
    focus_id: int | None = None,
) -> CityMap:
    """What `templates/config/includes/city_map.html` shows: the SVG and the list beside it."""
    areas = district_areas(districts, focus_id=focus_id)
    return CityMap(
        svg=map_svg(areas=areas, places=places, title=title, svg_id=svg_id),
        places=list(places),
        areas=areas,
    )
