"""Which district a point lies in, and which body receives a category's reports there."""

from django.utils.translation import gettext as _

from config.maps import district_containing
from reports.models import Route
from reports.states import ReportError


def district_at(*, latitude, longitude):
    """The district whose outline holds the point, or None (outside the city, or no district
    has an outline)."""
    from config.models import District

    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    districts = District.objects.exclude(boundary__isnull=True).order_by("pk")
    return district_containing(districts, lon, lat)


def route_resolve(*, category, district):
    """The body responsible for `category` in `district`: the district's own route, else the
    category's default route; ReportError "no_route" when neither exists."""
    routes = Route.objects.filter(category=category).select_related("body")
    if district is not None:
        own = routes.filter(district=district).first()
        if own is not None:
            return own.body
    default = routes.filter(district__isnull=True).first()
    if default is not None:
        return default.body
    raise ReportError(
        _("Nobody receives reports of this category here yet. Choose another category."),
        code="no_route",
    )
