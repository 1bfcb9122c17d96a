"""The public report pages (`/reports/…`, in every language): the list with its filters and
map, the map's GeoJSON, a report's page, and the book of complaints.

The list, the complaints and a report's page are the same for every visitor who is not signed
in, so they are kept in the shared cache (`config.sharedpages`).
"""

from django.contrib import messages
from django.db.models import Count, Max
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.districts import all_districts
from config.maps import city_map
from config.params import page_of
from config.sharedpages import shared_page
from profiles.models import Organization
from reports import selectors
from reports.forms import ListFilterForm
from reports.models import Category
from reports.views.common import (
    districts_geojson,
    map_config,
    place_of,
    render_detail,
    report_for,
)

PER_PAGE = 20
MAP_DATA_LIMIT = 1000  # points the movable map gets at once: the newest of the filtered ones


def filters_from(request) -> tuple[ListFilterForm, dict]:
    form = ListFilterForm(request.GET or None)
    return form, form.values()


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def listed(values: dict):
    return selectors.reports_public(
        category=values["category"], district=values["district"], status=values["status"]
    )


@shared_page
@require_safe
def index(request):
    form, values = filters_from(request)
    page = page_of(request, listed(values).prefetch_related("photos"), per_page=PER_PAGE)
    reports = list(page.object_list)
    numbered = [(number, report) for number, report in enumerate(reports, start=1)]
    places = [place_of(report, number) for number, report in numbered if report.has_place]
    shown = city_map(
        districts=all_districts(),
        places=places,
        title=_(
            "Map of the city's districts with the reports of this page, numbered as in the list."
        ),
        svg_id="reports-map",
        focus_id=getattr(values["district"], "pk", None),
    )
    query = query_without_page(request)
    context = {
        "form": form,
        "problems": form.problems(),
        "page_obj": page,
        "numbered": numbered,
        "map": shown,
        "map_districts": districts_geojson(shown.areas),
        "map_config": {
            **map_config(),
            "data_url": "?".join(filter(None, [reverse("reports:map_data"), query])),
        },
        "query": query,
    }
    return render(request, "reports/index.html", context)


@shared_page
@require_safe
def map_data(request):
    """GeoJSON of the filtered public reports that have a point, the newest first."""
    _form, values = filters_from(request)
    reports = listed(values).filter(latitude__isnull=False)[:MAP_DATA_LIMIT]
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(report.longitude), float(report.latitude)],
            },
            "properties": {
                "id": report.pk,
                "title": report.title,
                "state": report.state,
                "state_name": str(report.get_state_display()),
                "url": report.get_absolute_url(),
            },
        }
        for report in reports
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False},
    )


@shared_page
@require_safe
def detail(request, pk):
    report = report_for(request.user, pk)
    if report.hidden_at is not None:
        messages.warning(
            request,
            _("This report is hidden from the public: %(reason)s")
            % {"reason": report.hidden_reason},
        )
    return render_detail(request, report)


@shared_page
@require_safe
def complaints(request):
    """The book of complaints: how to complain about a provider's service, and the public
    complaints by provider."""
    categories = list(Category.objects.active().filter(kind=Category.Kind.PROVIDER))
    counts = (
        selectors.reports_public(kind=Category.Kind.PROVIDER)
        .order_by()
        .values("provider")
        .annotate(count=Count("pk"), latest=Max("created_at"))
    )
    by_provider = {row["provider"]: row for row in counts if row["provider"]}
    providers = Organization.objects.filter(pk__in=by_provider).only("name", "slug")
    rows = sorted(
        (
            {
                "provider": provider,
                "count": by_provider[provider.pk]["count"],
                "latest": by_provider[provider.pk]["latest"],
            }
            for provider in providers
        ),
        key=lambda row: (-row["count"], row["provider"].name),
    )
    recent = list(
        selectors.reports_public(kind=Category.Kind.PROVIDER)
        .select_related("provider")
        .prefetch_related("photos")[:20]
    )
    context = {"categories": categories, "rows": rows, "recent": recent}
    return render(request, "reports/complaints.html", context)
