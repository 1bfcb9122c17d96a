"""What the report pages share: finding the report a person may see, the maps' data, and the
report's page itself with its forms."""

import contextlib
import datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from config.districts import all_districts
from config.maps import MapPlace, city_map
from reports import permissions, selectors
from reports.forms import SupportForm, UpdateForm
from reports.models import Report


def has_confirmed_account(user) -> bool:
    """A signed-in person with a confirmed email reports and updates without giving one."""
    return permissions.has_confirmed_email(user=user)


def may_moderate(user) -> bool:
    return bool(user.is_authenticated and permissions.can_moderate(user=user))


def report_for(user, pk: int) -> Report:
    """The report numbered `pk` if `user` may see it: a public one for anyone, a hidden one
    for moderators too. A 404 otherwise, the same as for a number that names nothing."""
    report = (
        Report.objects.filter(pk=pk)
        .select_related("category", "district", "body", "provider", "duplicate_of")
        .first()
    )
    if report is None or report.state == Report.State.UNCONFIRMED:
        raise Http404
    if report.hidden_at is not None and not may_moderate(user):
        raise Http404
    return report


def error_text(error) -> str:
    """A service's refusal as the person reads it (its parameters filled in)."""
    return " ".join(str(message) for message in error.messages)


def body_url(organization) -> str:
    """The body's accountability page (`reports:body`), or its profile when there is none."""
    try:
        return reverse("reports:body", kwargs={"slug": organization.slug})
    except NoReverseMatch:
        return organization.get_absolute_url() if hasattr(organization, "get_absolute_url") else ""


def map_config() -> dict:
    """What the map script needs besides its places: the tile layer, when one is configured."""
    return {"tile_url": settings.MAP_TILE_URL or ""}


def districts_geojson(areas) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": area.name}, "geometry": area.boundary}
            for area in areas
        ],
    }


def place_of(report: Report, number: int) -> MapPlace:
    return MapPlace(
        number=number,
        title=report.title,
        url=report.get_absolute_url(),
        latitude=float(report.latitude),
        longitude=float(report.longitude),
        district=report.district.name if report.district_id else "",
    )


def small_map(report: Report):
    if not report.has_place:
        return None
    return city_map(
        districts=all_districts(),
        places=[place_of(report, 1)],
        title=_("Map: where the problem is (point 1)."),
        svg_id="report-map",
        focus_id=report.district_id,
    )


def timeline_entries(report: Report) -> list[dict]:
    """The public timeline, each entry with who it is from as the public may read it."""
    entries = []
    for update in selectors.report_timeline(report=report):
        if update.kind == update.Kind.OFFICIAL:
            who = update.body.name if update.body_id else report.body.name
        elif update.kind == update.Kind.SITE:
            who = _("Spilno")
        elif update.author_name:
            who = update.author_name
        elif update.kind == update.Kind.REPORTER:
            who = _("The reporter")
        else:
            who = _("A resident")
        entries.append({"update": update, "who": who})
    return entries


def render_detail(request, report: Report, *, forms: dict | None = None, status: int = 200):
    """The report's page; `forms` carries a posted form with its errors back onto it."""
    forms = forms or {}
    needs_email = not has_confirmed_account(request.user)
    photos = list(report.photos.all())
    is_reporter = request.user.is_authenticated and report.reporter_id == request.user.pk
    supported = (
        request.user.is_authenticated
        and report.supporters.filter(user=request.user, confirmed_at__isnull=False).exists()
    )
    context = {
        "report": report,
        "paragraphs": [p for p in report.description.split("\n\n") if p.strip()],
        "photos": photos,
        "place_map": small_map(report),
        "body_url": body_url(report.body),
        "timeline": timeline_entries(report),
        "update_form": forms.get("update") or UpdateForm(report=report, needs_email=needs_email),
        "support_form": forms.get("support") or SupportForm(needs_email=needs_email),
        "may_support": report.is_open and not is_reporter and not supported,
        "supported": supported,
        "is_hidden": report.hidden_at is not None,
        "attributes": answers_of(report),
        "map_config": map_config(),
    }
    return render(request, "reports/detail.html", context, status=status)


def answers_of(report: Report) -> list[tuple[str, str]]:
    """The answers to the category's questions, as question and readable answer."""
    answers = []
    given = report.attributes if isinstance(report.attributes, dict) else {}
    for attribute in report.category.attributes.all():
        value = given.get(attribute.code)
        if value in (None, "", []):
            continue
        names = dict(attribute.value_choices())
        values = value if isinstance(value, list) else [value]
        shown = []
        for item in values:
            if isinstance(item, str) and attribute.datatype == attribute.Datatype.DATETIME:
                with contextlib.suppress(ValueError):
                    item = datetime.datetime.fromisoformat(item).strftime("%Y-%m-%d %H:%M")
            shown.append(str(names.get(str(item), item)))
        answers.append((attribute.question, ", ".join(shown)))
    return answers
