"""The public pages of ideas (`/ideas/…`, in every language): the list with its filters, the
map, an idea's page, and the open data.

The list, the map and the open data are the same for every visitor who is not signed in, so
they are kept in the shared cache (`config.sharedpages`); so is an idea's page, whose support
button and forms a signed-in visitor (never served from there) sees.
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from taggit.models import Tag

from config.districts import all_districts
from config.maps import MapPlace, city_map
from config.params import page_of
from config.sharedpages import shared_page
from ideas import opendata, selectors
from ideas.forms import SORTS, ListFilterForm
from ideas.models import Idea
from ideas.views.common import idea_for, render_detail

PER_PAGE = 20
MAP_LIMIT = 200  # points on one map: more would be a blot, the list beside it pages


def topic_choices() -> list[tuple[str, str]]:
    """The topics public ideas have, by name."""
    public = Idea.objects.public().values("pk")
    tags = Tag.objects.filter(ideas_ideatopic_items__content_object__in=public).distinct()
    return list(tags.order_by("name").values_list("slug", "name"))


def filters_from(request) -> tuple[ListFilterForm, dict]:
    """The list's filters; a value that names nothing is dropped and said so on the page."""
    form = ListFilterForm(request.GET or None, topics=topic_choices())
    return form, form.values()


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@shared_page
@require_safe
def index(request):
    form, values = filters_from(request)
    ideas = selectors.ideas_listed(**values)
    page = page_of(request, ideas, per_page=PER_PAGE)
    context = {
        "form": form,
        "problems": form.problems(),
        "page_obj": page,
        "ideas": page.object_list,
        "sorts": SORTS,
        "sort": values["sort"],
        "query": query_without_page(request),
    }
    return render(request, "ideas/index.html", context)


def map_places(ideas) -> list[MapPlace]:
    return [
        MapPlace(
            number=number,
            title=idea.title,
            url=idea.get_absolute_url(),
            latitude=float(idea.latitude),
            longitude=float(idea.longitude),
            district=idea.district.name if idea.district_id else _("The whole city"),
        )
        for number, idea in enumerate(ideas, start=1)
    ]


def leaflet_data(shown) -> dict:
    """The same districts and places for the optional movable map (`static/ideas/map.js`)."""
    return {
        "districts": {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"name": area.name}, "geometry": area.boundary}
                for area in shown.areas
            ],
        },
        "places": [
            {
                "number": place.number,
                "title": place.title,
                "url": place.url,
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
            for place in shown.places
        ],
    }


@shared_page
@require_safe
def city_map_page(request):
    form, values = filters_from(request)
    values.pop("sort")
    ideas = list(selectors.ideas_with_place(**values).select_related("district")[:MAP_LIMIT])
    shown = city_map(
        districts=all_districts(),
        places=map_places(ideas),
        title=_(
            "Map of the city's districts with the ideas that name a place, numbered as in "
            "the list beside it."
        ),
        focus_id=getattr(values["district"], "pk", None),
    )
    context = {
        "form": form,
        "problems": form.problems(),
        "map": shown,
        "map_data": leaflet_data(shown),
        "limit_reached": len(ideas) >= MAP_LIMIT,
    }
    return render(request, "ideas/map.html", context)


@shared_page
@require_safe
def detail(request, slug):
    idea = idea_for(request.user, slug)
    if idea.hidden_at is not None:
        messages.warning(
            request,
            _("This idea is hidden from the public: %(reason)s") % {"reason": idea.hidden_reason},
        )
    return render_detail(request, idea)


def _json(document: dict) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@shared_page
@require_safe
def data_json(request):
    return _json(opendata.ideas_document(opendata.public_ideas()))


@shared_page
@require_safe
def data_csv(request):
    response = HttpResponse(
        opendata.ideas_csv(opendata.public_ideas()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="ideas.csv"'
    return response
